"""The one store of issues and news items, kept in the Sphinx environment.

Like sphinx-needs' needs store, it is keyed by document so that Sphinx's
per-document life cycle maps onto it directly: ``env-purge-doc`` forgets a
document, ``env-merge-info`` copies the documents a parallel reader worked on,
and every view reads it through the small query API below. It is the only
mutable state the extension shares between documents.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from uuid import uuid4

from sphinx.environment import BuildEnvironment

from .model import Issue, NewsItem, Term, TermNote

_ATTRIBUTE = "newsletter_store"


@dataclass
class NewsStore:
    """Issues and items by docname."""

    issues: dict[str, Issue] = field(default_factory=dict)
    items: dict[str, list[NewsItem]] = field(default_factory=dict)
    #: Glossary terms and issues' own term notes, by the document defining them.
    terms: dict[str, list[Term]] = field(default_factory=dict)
    term_notes: dict[str, list[TermNote]] = field(default_factory=dict)
    #: Documents holding an ``issue-list``: rewritten when the issues change.
    listings: set[str] = field(default_factory=set)
    #: What each cross-document view showed at the last build, by view name;
    #: ``env-get-updated`` handlers compare against it to find stale pages.
    fingerprints: dict[str, object] = field(default_factory=dict)
    #: Glossary terms each item mentions, by docname and item id; filled at
    #: the end of reading (``glossary.refresh_mentions``) for new documents
    #: only, so unchanged items are never matched again.
    mentions: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    #: The Chinese words of each document as the search indexer cuts them,
    #: cut once when the document is read (see ``search.collect_words``).
    words: dict[str, frozenset[str]] = field(default_factory=dict)
    #: The text of each issue page outside its news items (introduction,
    #: notes, closing words): the issue page's own search record.
    page_text: dict[str, str] = field(default_factory=dict)
    #: The glossary the mentions were computed against.
    mentions_key: tuple[str, ...] = ()
    #: Incremented on every change, to key caches of derived data.
    revision: int = 0
    #: Identifies this environment: outputs written from another one are stale.
    token: str = field(default_factory=lambda: uuid4().hex)
    #: Views derived from the store, valid for one revision; never pickled.
    _derived: dict[str, tuple[int, object]] = field(default_factory=dict, repr=False, compare=False)

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state["_derived"] = {}
        return state

    def derived(self, name: str, compute: Callable[[], object]) -> object:
        """``compute()``, computed once per revision of the store.

        Several pages ask for the same aggregate (terms by item, items by
        tag); computing it once keeps the write phase linear in the archive.
        """
        cached = self._derived.get(name)
        if cached is None or cached[0] != self.revision:
            cached = (self.revision, compute())
            self._derived[name] = cached
        return cached[1]

    # -- life cycle -------------------------------------------------------

    def set_issue(self, issue: Issue) -> None:
        self.issues[issue.docname] = issue
        self.revision += 1

    def add_items(self, docname: str, items: Iterable[NewsItem]) -> None:
        self.items.setdefault(docname, []).extend(items)
        self.revision += 1

    def set_terms(self, docname: str, terms: list[Term], notes: list[TermNote]) -> None:
        if terms:
            self.terms[docname] = terms
        if notes:
            self.term_notes[docname] = notes
        self.revision += 1

    def purge(self, docname: str) -> None:
        for per_doc in (
            self.issues,
            self.items,
            self.terms,
            self.term_notes,
            self.mentions,
            self.words,
            self.page_text,
        ):
            per_doc.pop(docname, None)
        self.listings.discard(docname)
        self.revision += 1

    def merge(self, docnames: Iterable[str], other: NewsStore) -> None:
        """Take over what a parallel reader stored for ``docnames``."""
        for docname in docnames:
            for mine, theirs in (
                (self.issues, other.issues),
                (self.items, other.items),
                (self.terms, other.terms),
                (self.term_notes, other.term_notes),
                (self.words, other.words),
                (self.page_text, other.page_text),
            ):
                if docname in theirs:
                    mine[docname] = theirs[docname]
            if docname in other.listings:
                self.listings.add(docname)
        self.revision += 1

    # -- queries ----------------------------------------------------------

    def issue(self, docname: str) -> Issue | None:
        return self.issues.get(docname)

    def published_issues(self) -> list[Issue]:
        """Issues that are not drafts, newest first."""
        found = [i for i in self.issues.values() if not i.draft]
        return sorted(found, key=lambda i: (i.date, i.number), reverse=True)

    def items_of(self, docname: str) -> list[NewsItem]:
        return sorted(self.items.get(docname, ()), key=lambda item: item.order)

    def all_terms(self) -> dict[str, Term]:
        """Every glossary term by name."""
        return {t.name: t for terms in self.terms.values() for t in terms}

    def changed(self, view: str, fingerprint: object) -> bool:
        """Record what ``view`` shows now; True when it differs from last build."""
        if self.fingerprints.get(view) == fingerprint:
            return False
        self.fingerprints[view] = fingerprint
        return True

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
