"""``news.json``: every published item as data, at the site root.

Tests, the search page and future tools read this file rather than scraping
HTML. The records are sorted and the file is rewritten only when its content
changes, so serial and parallel builds agree byte for byte and incremental
builds do not touch it needlessly. A site that leaves ``news.json`` out of
``newsletter_channels`` has none (an earlier build's is removed).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from ..core.channels import NEWS_JSON, publishes
from ..core.model import Issue, NewsItem
from ..core.urls import item_url
from ..store.channel_outputs import record_outputs, remove_outputs
from ..store.data import NewsStore, get_store
from ..store.freshness import is_fresh, mark_fresh
from ..store.output import write_if_changed

FILENAME = "news.json"
#: Bump when the shape of the records changes, so readers can tell.
SCHEMA_VERSION = 1


def item_record(app: Sphinx, store: NewsStore, issue: Issue, item: NewsItem) -> dict[str, Any]:
    """One item as a JSON-ready record."""
    return {
        "id": item.id,
        "issue": issue.number,
        "date": issue.date.isoformat(),
        "section": item.section,
        "group": item.group,
        "title": item.title,
        "link": item.link,
        "projects": list(item.projects),
        "tags": list(item.tags),
        "terms": store.terms_of(item),
        "url": item_url(app.builder.get_target_uri, item),
    }


def issue_record(app: Sphinx, issue: Issue, store: NewsStore) -> dict[str, Any]:
    record = {
        "number": issue.number,
        "date": issue.date.isoformat(),
        "title": issue.title,
        "summary": issue.summary,
        "url": app.builder.get_target_uri(issue.docname),
        "items": len(store.items_of(issue.docname)),
    }
    if issue.source:
        # Whoever reuses a republished issue needs its origin and its terms.
        record |= {"source": issue.source, "licence": issue.licence}
    return record


def build_document(app: Sphinx) -> dict[str, Any]:
    store = get_store(app.env)
    return {
        "version": SCHEMA_VERSION,
        "issues": [issue_record(app, i, store) for i in reversed(store.published_issues())],
        "items": [item_record(app, store, issue, item) for issue, item in store.published_items()],
    }


def write_news_json(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: write ``news.json`` for HTML builds."""
    if exception is not None or app.builder.format != "html":
        return
    if not publishes(app.config.newsletter_channels, NEWS_JSON):
        remove_outputs(app, NEWS_JSON)
        return
    target = Path(app.outdir) / FILENAME
    record_outputs(app, NEWS_JSON, [FILENAME])
    if is_fresh(app, FILENAME, files=[FILENAME]):
        return
    text = json.dumps(build_document(app), ensure_ascii=False, indent=1) + "\n"
    write_if_changed(target, text)
    mark_fresh(app, FILENAME)
