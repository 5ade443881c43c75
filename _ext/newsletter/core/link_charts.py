"""Horizontal bar charts of counts by label (years, web sites), as static SVG.

The link-health page compares a handful of labelled counts, where the
project charts (:mod:`.charts`) draw a time series of quarters; labels of
any length read better beside horizontal bars. Drawn at build time with no
script and no library; every text is escaped, colours follow the theme
through ``currentColor``.
"""

from __future__ import annotations

from html import escape

from .i18n import _

ROW_HEIGHT = 22
LABEL_WIDTH = 170


def bar_chart(rows: list[tuple[str, int, str]], label: str, *, width: int = 600) -> str:
    """``rows`` of (label, count, text shown after the bar) as inline SVG markup."""
    if not rows:
        return ""
    peak = max(count for _, count, _ in rows) or 1
    height = ROW_HEIGHT * len(rows) + 4
    usable = width - LABEL_WIDTH - 90
    parts = [
        f'<svg class="coverage-chart link-health-chart" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="{escape(label)}">',
        f"<title>{escape(label)}</title>",
    ]
    for index, (name, count, note) in enumerate(rows):
        y = index * ROW_HEIGHT + 4
        bar = usable * count / peak
        title = _("{name}: {note}").format(name=name, note=note)
        parts += [
            f'<text class="coverage-axis" x="{LABEL_WIDTH - 6}" y="{y + 14}" font-size="12" '
            f'text-anchor="end" fill="currentColor">{escape(name)}</text>',
            f'<rect class="coverage-bar" x="{LABEL_WIDTH}" y="{y + 3}" width="{bar:.1f}" '
            f'height="{ROW_HEIGHT - 8}" fill="currentColor">'
            f"<title>{escape(title)}</title></rect>",
            f'<text class="coverage-axis" x="{LABEL_WIDTH + bar + 6:.1f}" y="{y + 14}" '
            f'font-size="12" fill="currentColor">{escape(note)}</text>',
        ]
    parts.append("</svg>")
    return "".join(parts)
