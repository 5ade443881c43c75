"""The body of an issue's feed entry: the whole issue, not a one-line summary.

Readers who follow the archive in a feed reader read the issue there (as
with This Week in Rust or Go Weekly), so the entry carries the summary and
every news item in page order: section headings, each item's title linking
to its anchor on the issue page, its source and its text. Pure, no Sphinx;
every piece of text is escaped, so nothing an issue says becomes markup,
and the result passes the archive's allow-list (:mod:`.html_policy`) last.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from html import escape

from .html_policy import clean_html
from .i18n import _
from .model import Issue, NewsItem


def issue_content_html(
    issue: Issue, items: Iterable[NewsItem], item_url: Callable[[NewsItem], str]
) -> str:
    """The HTML of ``issue`` for an Atom ``content`` element."""
    parts: list[str] = []
    if issue.summary:
        summary = _("Summary: ")
        parts.append(f"<p><strong>{escape(summary)}</strong>{escape(issue.summary)}</p>")
    section = None
    for item in items:
        if item.section and item.section != section:
            section = item.section
            parts.append(f"<h2>{escape(section)}</h2>")
        parts.append(f'<h3><a href="{escape(item_url(item))}">{escape(item.title)}</a></h3>')
        if item.text:
            parts.append(f"<p>{escape(item.text)}</p>")
        if item.link:
            source = escape(_("Source: "))
            parts.append(f'<p>{source}<a href="{escape(item.link)}">{escape(item.link)}</a></p>')
    return clean_html("\n".join(parts))
