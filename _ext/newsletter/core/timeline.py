"""How a long list of news items stays short on a phone: pure, no Sphinx.

At 500 issues a project like Kubernetes has thousands of items; listed one
after another its page is tens of thousands of pixels tall on a phone. Like
the archives of weekly digests, a topic page shows the newest few items and
then every year as one collapsed group ("2024 年 · 52 条") that a tap opens.
Project, tag and glossary pages all list items through this one shape and
the ``_entries.html`` template.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from .model import Issue, NewsItem

#: One news item with its issue.
Entry = tuple[Issue, NewsItem]

#: How many of the newest items are shown before the years.
NEWEST = 8


@dataclass(frozen=True)
class Timeline:
    """The newest items, and every item grouped by year (newest year first)."""

    newest: tuple[Entry, ...]
    years: tuple[tuple[int, tuple[Entry, ...]], ...]

    @property
    def folded(self) -> bool:
        """Whether there are more items than the newest ones shown open."""
        return sum(len(entries) for _, entries in self.years) > len(self.newest)


def timeline(entries: tuple[Entry, ...], newest: int = NEWEST) -> Timeline:
    """``entries`` (newest first) as a :class:`Timeline`."""
    years = tuple(
        (year, tuple(group)) for year, group in groupby(entries, key=lambda e: e[0].date.year)
    )
    return Timeline(newest=entries[:newest], years=years)
