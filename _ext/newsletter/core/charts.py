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

from .i18n import _

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


#: Text sizes in viewBox units: a 600-wide chart is drawn about 360 px wide on
#: a phone, so 18 units read as 11 px there.
AXIS_FONT = 18
VALUE_FONT = 16
#: Up to this many quarters, every bar is labelled with its quarter and count.
LABEL_EACH = 8


def quarter_chart(
    series: list[tuple[Quarter, int]], label: str, *, width: int = 600, height: int = 150
) -> str:
    """A bar chart as inline SVG markup; every text in it is escaped.

    Nothing is drawn for a series without items: an empty chart says nothing.
    Large charts carry an axis line, year (or, for short spans, quarter)
    labels and the counts over the bars; sparklines (narrow) are bars only.
    """
    total = sum(count for _, count in series)
    if not series or total == 0:
        return ""
    peak = max(count for _, count in series)
    labelled = width >= 300
    pad_bottom = AXIS_FONT + 10 if labelled else 0
    pad_top = VALUE_FONT + 4 if labelled else 2
    slot = width / len(series)
    bar = min(max(slot * 0.7, 1.0), 48.0)
    first, last = series[0][0], series[-1][0]
    summary = _("{label}: {total} from Q{first_q} {first_year} to Q{last_q} {last_year}").format(
        label=label,
        first_year=first[0],
        first_q=first[1],
        last_year=last[0],
        last_q=last[1],
        total=total,
    )
    parts = [
        f'<svg class="coverage-chart" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="{escape(summary)}">',
        f"<title>{escape(summary)}</title>",
    ]
    usable = height - pad_bottom - pad_top
    each = len(series) <= LABEL_EACH
    for index, ((year, q), count) in enumerate(series):
        bar_title = _("{year} Q{quarter}: {count}").format(year=year, quarter=q, count=count)
        h = usable * count / peak
        x = index * slot + (slot - bar) / 2
        y = pad_top + usable - h
        parts.append(
            f'<rect class="coverage-bar" x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" '
            f'height="{h:.1f}" fill="currentColor"><title>{escape(bar_title)}</title></rect>'
        )
        if labelled and count and (each or count == peak):
            parts.append(
                f'<text class="coverage-value" x="{x + bar / 2:.1f}" y="{y - 4:.1f}" '
                f'font-size="{VALUE_FONT}" text-anchor="middle" fill="currentColor">{count}</text>'
            )
    if labelled:
        base = pad_top + usable
        parts.append(
            f'<line class="coverage-axis" x1="0" y1="{base:.1f}" x2="{width}" y2="{base:.1f}" '
            f'stroke="currentColor" stroke-width="1"/>'
        )
        parts += _axis_labels(series, slot, height - 6, each)
    parts.append("</svg>")
    return "".join(parts)


def _axis_labels(series: list[tuple[Quarter, int]], slot: float, y: float, each: bool) -> list[str]:
    """Quarter labels under each bar for short spans, else a label per year."""
    if each:
        marks = [(i, f"{year} Q{q}") for i, ((year, q), _) in enumerate(series)]
    else:
        years = sorted({year for (year, _), _ in series})
        step = max(1, len(years) // 6)
        marks = [
            (next(i for i, ((y, _), _) in enumerate(series) if y == year), str(year))
            for year in years[::step]
        ]
    anchor = "middle" if each else "start"
    return [
        f'<text class="coverage-axis" x="{index * slot + (slot / 2 if each else 0):.1f}" '
        f'y="{y}" font-size="{AXIS_FONT}" text-anchor="{anchor}" fill="currentColor">{text}</text>'
        for index, text in marks
    ]
