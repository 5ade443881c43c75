"""Small static SVG charts of coverage over time (items per quarter).

Drawn at build time: no script, no network, no chart library. Colours come
from ``currentColor`` and a CSS class, so the chart follows the theme in
light and dark mode.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from html import escape

Quarter = tuple[int, int]


def quarter_of(day: dt.date) -> Quarter:
    return day.year, (day.month - 1) // 3 + 1


def quarter_range(first: Quarter, last: Quarter) -> list[Quarter]:
    """Every quarter from ``first`` to ``last`` inclusive."""
    quarters, (year, q) = [], first
    while (year, q) <= last:
        quarters.append((year, q))
        year, q = (year + 1, 1) if q == 4 else (year, q + 1)
    return quarters


def per_quarter(
    dates: Iterable[dt.date], span: tuple[Quarter, Quarter]
) -> list[tuple[Quarter, int]]:
    counts = Counter(quarter_of(d) for d in dates)
    return [(q, counts.get(q, 0)) for q in quarter_range(*span)]


def quarter_chart(
    series: list[tuple[Quarter, int]], label: str, *, width: int = 600, height: int = 120
) -> str:
    """A bar chart as inline SVG markup; every text in it is escaped."""
    if not series:
        return ""
    peak = max(count for _, count in series) or 1
    pad_bottom = 18 if width >= 300 else 0
    slot = width / len(series)
    bar = min(max(slot * 0.7, 1.0), 24.0)
    total = sum(count for _, count in series)
    first, last = series[0][0], series[-1][0]
    summary = (
        f"{label}：{first[0]} 年第 {first[1]} 季度至 {last[0]} 年第 {last[1]} 季度共 {total} 条"
    )
    parts = [
        f'<svg class="coverage-chart" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="{escape(summary)}">',
        f"<title>{escape(summary)}</title>",
    ]
    usable = height - pad_bottom - 2
    for index, ((year, q), count) in enumerate(series):
        h = usable * count / peak
        x = index * slot + (slot - bar) / 2
        y = usable - h + 2
        parts.append(
            f'<rect class="coverage-bar" x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" '
            f'height="{h:.1f}" fill="currentColor"><title>{year} Q{q}：{count} 条</title></rect>'
        )
    if pad_bottom:
        years = sorted({year for (year, _), _ in series})
        step = max(1, len(years) // 8)
        for year in years[::step]:
            index = next(i for i, ((y, _), _) in enumerate(series) if y == year)
            parts.append(
                f'<text class="coverage-axis" x="{index * slot:.1f}" y="{height - 4}" '
                f'font-size="11" fill="currentColor">{year}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)
