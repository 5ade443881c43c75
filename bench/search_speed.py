"""Time to the first search result in Debian's Chromium, the index loaded.

The search page times each search itself (the performance measure
``archive-search``: from submitting the query to the first result on
screen). A first round loads the index chunks the words need; the rounds
after it are what a reader sees once the index is loaded.
"""

from __future__ import annotations

import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from browser import chromium, serve, timed_search

#: Single common words: a project name on a third of the items, and a second one.
COMMON_WORDS = ("kubernetes", "envoy")
_SETTLED = ", ".join(f'.archive-search[data-state="{s}"]' for s in ("ready", "done", "failed"))
#: Loading the index of a large archive on a busy machine takes a while.
LOAD_TIMEOUT_MS = 180_000


@dataclass(frozen=True)
class Timing:
    median_ms: float
    max_ms: float


def first_result_times(
    site: Path, words: tuple[str, ...] = COMMON_WORDS, rounds: int = 5
) -> dict[str, Timing]:
    """Median and maximum time to the first result of each word, over ``rounds``;
    empty when the search page could not load its index."""
    samples: dict[str, list[float]] = {word: [] for word in words}
    with chromium() as browser, serve(site) as base:
        page = browser.new_page()
        page.goto(base + "search.html")
        page.wait_for_selector(_SETTLED, state="attached", timeout=LOAD_TIMEOUT_MS)
        if page.get_attribute(".archive-search", "data-state") == "failed":
            return {}
        for round_number in range(rounds + 1):
            for word in words:
                duration = timed_search(page, word)
                if round_number and duration is not None:
                    samples[word].append(duration)
    return {
        word: Timing(statistics.median(times), max(times))
        for word, times in samples.items()
        if times
    }
