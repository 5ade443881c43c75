"""Interleaved rounds and their medians: the arithmetic of a fair comparison.

A machine's speed drifts during a benchmark (other work, heat, caches). The
archive and the baseline are therefore measured step by step in turns, the
one that goes first alternating from round to round, so that neither always
runs in the better moment; each figure is the median over the rounds, and
each ratio the median of the rounds' own ratios (a round compares two builds
taken a few seconds apart, which is what the ratio should compare).
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

ARCHIVE, BASELINE = "archive", "baseline"


def order(round_index: int) -> tuple[str, str]:
    """Which site builds first in round ``round_index`` (0-based): they alternate."""
    return (ARCHIVE, BASELINE) if round_index % 2 == 0 else (BASELINE, ARCHIVE)


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def median_ratio(numerators: Sequence[float], denominators: Sequence[float]) -> float:
    """The median of the per-round ratios ``numerators[i] / denominators[i]``."""
    if len(numerators) != len(denominators):
        raise ValueError("one ratio per round needs as many of each")
    return median([n / d for n, d in zip(numerators, denominators, strict=True) if d > 0])
