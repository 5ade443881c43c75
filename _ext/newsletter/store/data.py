"""The one store of issues and news items: a Sphinx domain's data.

As ``sphinx.ext.todo`` keeps its todos, the archive keeps its store as the
data of a domain (:class:`newsletter.store.domain.NewsletterDomain`), keyed by document, so Sphinx's
own life cycle maps onto it: the domain forgets a document in ``clear_doc``,
takes over what a parallel reader stored in ``merge_domaindata``, and its
``data_version`` discards a pickled store of another shape. Every view reads
it through the small query API of :class:`NewsStore`. It is the only mutable
state the extension shares between documents.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from uuid import uuid4

from sphinx.environment import BuildEnvironment

from ..core.model import Issue, NewsItem, Term, TermNote

#: The name of the archive's domain (:mod:`.domain`), whose data holds the store.
DOMAIN = "newsletter"


@dataclass
class Bookkeeping:
    """What the build keeps about the store: not the archive's data.

    None of it is merged from parallel readers or purged per document; it
    says how the store was used, so that the next build does only what an
    edit changed.
    """

    #: What each cross-document view showed at the last build, by view name;
    #: ``env-get-updated`` handlers compare against it to find stale pages.
    shown: dict[str, object] = field(default_factory=dict)
    #: The glossary the mentions were computed against.
    mentions_key: tuple[str, ...] = ()
    #: Incremented on every change of the data, to key caches of derived data.
    revision: int = 0
    #: Identifies this environment: outputs written from another one are stale.
    token: str = field(default_factory=lambda: uuid4().hex)
    #: Views derived from the store, valid for one revision; never pickled.
    cache: dict[str, tuple[int, object]] = field(default_factory=dict, repr=False, compare=False)

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state["cache"] = {}
        return state


@dataclass
class NewsStore:
    """Issues and items by docname, with the data derived from them."""

    issues: dict[str, Issue] = field(default_factory=dict)
    items: dict[str, list[NewsItem]] = field(default_factory=dict)
    #: Glossary terms and issues' own term notes, by the document defining them.
    terms: dict[str, list[Term]] = field(default_factory=dict)
    term_notes: dict[str, list[TermNote]] = field(default_factory=dict)
    #: Documents holding an ``issue-list``: rewritten when the issues change.
    listings: set[str] = field(default_factory=set)
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
    books: Bookkeeping = field(default_factory=Bookkeeping)

    def derived(self, name: str, compute: Callable[[], object]) -> object:
        """``compute()``, computed once per revision of the store.

        Several pages ask for the same aggregate (terms by item, items by
        tag); computing it once keeps the write phase linear in the archive.
        """
        cached = self.books.cache.get(name)
        if cached is None or cached[0] != self.books.revision:
            cached = (self.books.revision, compute())
            self.books.cache[name] = cached
        return cached[1]

    # -- life cycle -------------------------------------------------------

    def set_issue(self, issue: Issue) -> None:
        self.issues[issue.docname] = issue
        self.books.revision += 1

    def add_items(self, docname: str, items: Iterable[NewsItem]) -> None:
        self.items.setdefault(docname, []).extend(items)
        self.books.revision += 1

    def set_terms(self, docname: str, terms: list[Term], notes: list[TermNote]) -> None:
        if terms:
            self.terms[docname] = terms
        if notes:
            self.term_notes[docname] = notes
        self.books.revision += 1

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
        self.books.revision += 1

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
        self.books.revision += 1

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

    def terms_of(self, item: NewsItem) -> list[str]:
        """The glossary terms ``item`` mentions."""
        return list(self.mentions.get(item.docname, {}).get(item.id, ()))

    def term_usage(self) -> dict[str, list[tuple[Issue, NewsItem]]]:
        """For each glossary term, the published items mentioning it, newest first."""

        def compute() -> dict[str, list[tuple[Issue, NewsItem]]]:
            usage: dict[str, list[tuple[Issue, NewsItem]]] = {}
            for issue, item in reversed(list(self.published_items())):
                for name in self.terms_of(item):
                    usage.setdefault(name, []).append((issue, item))
            return usage

        return self.derived("term-usage", compute)  # type: ignore[return-value]

    def listing_key(self) -> tuple:
        """What a list of issues shows; when it changes, the lists must be rewritten."""
        return tuple(
            (i.docname, i.number, i.date, i.title, i.summary) for i in self.published_issues()
        )

    def sidebar_key(self) -> tuple:
        """What the sidebars' lists of issues and the previous/next links show
        (numbers, dates and titles, no summaries)."""
        return tuple((i.docname, i.number, i.date, i.title) for i in self.published_issues())

    def published_items(self) -> Iterator[tuple[Issue, NewsItem]]:
        """Every item of every published issue, oldest issue first."""
        for issue in reversed(self.published_issues()):
            for item in self.items_of(issue.docname):
                yield issue, item


def get_store(env: BuildEnvironment) -> NewsStore:
    """The environment's store.

    Called for every page, entry and cross-reference, so a new store (and
    its token, a fresh UUID) is made only when there is none yet, not as the
    default of every lookup.
    """
    data = env.get_domain(DOMAIN).data
    store = data.get("store")
    if store is None:
        store = data["store"] = NewsStore()
    return store
