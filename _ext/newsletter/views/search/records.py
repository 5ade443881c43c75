"""Search records: each news item and glossary entry as a result of its own.

A whole issue page is one search result; readers want the single news item
that matched, linked to its anchor. The index therefore holds one record per
item (and per glossary entry) besides the pages. A record is plain data:
:mod:`.index` hands it to the indexer, tests read it directly.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from docutils import nodes
from sphinx.application import Sphinx

from ...core.i18n import _
from ...core.model import Issue, NewsItem
from ...core.urls import item_url
from ...store.data import get_store
from .vocabulary import Vocabulary

#: Separates an item record's title, body and labels; the search page shows
#: the body alone as the snippet. The indexer keeps it, unlike a line break.
PART_SEPARATOR = "｜"
#: Values of the ``kind`` filter. Pages carry no kind, so "not a news item"
#: selects them.
KIND_NEWS = "news"
KIND_TERM = "term"


@dataclass(frozen=True)
class SearchRecord:
    """One search result: where it links, what it matches, how it is filtered."""

    url: str
    title: str
    content: str
    meta: dict[str, str] = field(default_factory=dict)
    filters: dict[str, list[str]] = field(default_factory=dict)


def issue_label(issue: Issue) -> str:
    return _("Issue {number}").format(number=issue.number)


def news_record(app: Sphinx, issue: Issue, item: NewsItem, vocabulary: Vocabulary) -> SearchRecord:
    """The record of one news item.

    Its content ends with the item's names and labels: every name and alias of
    its projects, its tags, section and group, so that "K8s" finds an item
    about Kubernetes that never writes "K8s".
    """
    names = [name for pid in item.projects for name in vocabulary.project_names(pid)]
    labels = [*names, *item.tags, item.section, item.group, issue_label(issue)]
    content = PART_SEPARATOR.join(
        [item.title, item.text, " ".join(label for label in labels if label)]
    )
    filters = {
        "kind": [KIND_NEWS],
        "project": list(item.projects),
        "tag": list(item.tags),
        "section": [item.section] if item.section else [],
        "issue": [issue_label(issue)],
        "year": [str(issue.date.year)],
    }
    return SearchRecord(
        url=item_url(app.builder.get_target_uri, item),
        title=item.title,
        content=content,
        meta={
            "kind": KIND_NEWS,
            "issue": issue_label(issue),
            "date": issue.date.isoformat(),
            "section": item.section,
        },
        filters={key: values for key, values in filters.items() if values},
    )


def glossary_terms(app: Sphinx) -> Iterator[tuple[str, str, str]]:
    """``(docname, anchor, name)`` of every glossary term Sphinx knows."""
    std = app.env.domains.standard_domain
    for (objtype, name), (docname, anchor) in sorted(std.objects.items()):
        if objtype == "term":
            yield docname, anchor, name


def _definitions(doctree: nodes.document) -> dict[str, tuple[str, str]]:
    """Anchor -> (term as written, its definition) in a glossary document."""
    found = {}
    for term in doctree.findall(nodes.term):
        item = term.parent
        definition = next(iter(item.findall(nodes.definition)), None)
        text = definition.astext() if definition is not None else ""
        for anchor in term["ids"]:
            found[anchor] = (term.astext(), text)
    return found


def term_records(app: Sphinx) -> list[SearchRecord]:
    """One record per glossary entry, linking to its anchor."""
    records = []
    definitions: dict[str, dict[str, tuple[str, str]]] = {}
    for docname, anchor, name in glossary_terms(app):
        if docname not in definitions:
            definitions[docname] = _definitions(app.env.get_doctree(docname))
        written, definition = definitions[docname].get(anchor, (name, ""))
        uri = app.builder.get_target_uri(docname)
        records.append(
            SearchRecord(
                url=f"{uri}#{anchor}",
                title=written,
                content=PART_SEPARATOR.join([written, definition]),
                meta={"kind": KIND_TERM},
                filters={"kind": [KIND_TERM]},
            )
        )
    return records


def news_records(app: Sphinx, vocabulary: Vocabulary) -> list[SearchRecord]:
    """Every item of every published issue, oldest first."""
    store = get_store(app.env)
    return [news_record(app, issue, item, vocabulary) for issue, item in store.published_items()]
