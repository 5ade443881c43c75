"""The one store of issues and news items, kept in the Sphinx environment.

Like sphinx-needs' needs store, it is keyed by document so that Sphinx's
per-document life cycle maps onto it directly: ``env-purge-doc`` forgets a
document, ``env-merge-info`` copies the documents a parallel reader worked on,
and every view reads it through the small query API below. It is the only
mutable state the extension shares between documents.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from sphinx.environment import BuildEnvironment

from .model import Issue, NewsItem

_ATTRIBUTE = "newsletter_store"


@dataclass
class NewsStore:
    """Issues and items by docname."""

    issues: dict[str, Issue] = field(default_factory=dict)
    items: dict[str, list[NewsItem]] = field(default_factory=dict)
    #: Documents holding an ``issue-list``: rewritten when the issues change.
    listings: set[str] = field(default_factory=set)
    #: What those lists showed at the last build (see ``listing.py``).
    listing_fingerprint: tuple = ()

    # -- life cycle -------------------------------------------------------

    def set_issue(self, issue: Issue) -> None:
        self.issues[issue.docname] = issue

    def add_items(self, docname: str, items: Iterable[NewsItem]) -> None:
        self.items.setdefault(docname, []).extend(items)

    def purge(self, docname: str) -> None:
        self.issues.pop(docname, None)
        self.items.pop(docname, None)
        self.listings.discard(docname)

    def merge(self, docnames: Iterable[str], other: NewsStore) -> None:
        """Take over what a parallel reader stored for ``docnames``."""
        for docname in docnames:
            if docname in other.issues:
                self.issues[docname] = other.issues[docname]
            if docname in other.items:
                self.items[docname] = list(other.items[docname])
            if docname in other.listings:
                self.listings.add(docname)

    # -- queries ----------------------------------------------------------

    def issue(self, docname: str) -> Issue | None:
        return self.issues.get(docname)

    def published_issues(self) -> list[Issue]:
        """Issues that are not drafts, newest first."""
        found = [i for i in self.issues.values() if not i.draft]
        return sorted(found, key=lambda i: (i.date, i.number), reverse=True)

    def items_of(self, docname: str) -> list[NewsItem]:
        return sorted(self.items.get(docname, ()), key=lambda item: item.order)

    def published_items(self) -> Iterator[tuple[Issue, NewsItem]]:
        """Every item of every published issue, oldest issue first."""
        for issue in reversed(self.published_issues()):
            for item in self.items_of(issue.docname):
                yield issue, item


def get_store(env: BuildEnvironment) -> NewsStore:
    """The environment's store, created on first use."""
    store = getattr(env, _ATTRIBUTE, None)
    if store is None:
        store = NewsStore()
        setattr(env, _ATTRIBUTE, store)
    return store
