"""Which records go into which part of the search index.

Each year of published issues is one part: its news items and its issue
pages, all made from the store, so no issue page is read back from HTML.
An edit to one issue changes one year's digest, and only that year is
indexed again (:mod:`.bundles`). A year was chosen by measurement:
at 500 issues a year holds about 1,000 items, which Pagefind indexes in a
second or two with a small memory peak, while the newest year alone answers
the first screen of a common word quickly in the browser. Everything else
(glossary entries and the documentation pages, read from their HTML) is
the part ``site``, which changes only when the documentation does.

Listing pages (tag and project pages, the blog archive) are not indexed:
they only repeat items that are results of their own, and each would
change with every edit.
"""

from __future__ import annotations

from fnmatch import fnmatch
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from ...core.labels import issue_tab_title
from ...core.model import Issue, NewsItem
from ...reading.nodes import has_ancestor, news_item
from ...store.data import get_store
from .bundles import Part
from .index import IndexedPage
from .records import SearchRecord, news_record
from .vocabulary import Vocabulary

SITE_PART = "site"


def text_outside_items(doctree: nodes.document) -> str:
    """The text of a page outside its news items, one line per text node."""

    return "\n".join(
        text.astext() for text in doctree.findall(nodes.Text) if not has_ancestor(text, news_item)
    )


def issue_page_record(app: Sphinx, issue: Issue, items: list[NewsItem]) -> SearchRecord:
    """The issue page as a result: what the page says besides its items.

    The items' bodies are results of their own; repeating them here would
    double the index and put the whole issue next to each of its items. Its
    titles, and the page's own text (introduction, term notes), are kept.
    """
    own_text = get_store(app.env).page_text.get(issue.docname, "")
    content = " ".join([issue.title, issue.summary, *(item.title for item in items), own_text])
    return SearchRecord(
        # Every issue has the same title: a result names it by its lead story.
        url=app.builder.get_target_uri(issue.docname),
        title=issue_tab_title(issue),
        content=content,
    )


def year_parts(app: Sphinx, vocabulary: Vocabulary) -> list[Part]:
    """One part per year of published issues, newest year first."""
    store = get_store(app.env)
    years: dict[int, list[SearchRecord]] = {}
    for issue in store.published_issues():
        items = store.items_of(issue.docname)
        records = years.setdefault(issue.date.year, [])
        records.extend(news_record(app, issue, item, vocabulary) for item in items)
        records.append(issue_page_record(app, issue, items))
    return [Part(name=str(year), records=tuple(records)) for year, records in years.items()]


def site_part(app: Sphinx, terms: list[SearchRecord]) -> Part:
    """The glossary entries and every searchable page that is not an issue."""
    store = get_store(app.env)
    outdir = Path(app.outdir)
    pages = []
    for docname in sorted(app.env.found_docs):
        if docname in store.issues:
            continue
        if any(fnmatch(docname, pattern) for pattern in app.config.newsletter_search_exclude):
            continue
        path = Path(app.builder.get_outfilename(docname))
        if path.is_file():
            url = path.relative_to(outdir).as_posix()
            pages.append(IndexedPage(url=url, html=path.read_text(encoding="utf-8")))
    return Part(name=SITE_PART, records=tuple(terms), pages=tuple(pages))
