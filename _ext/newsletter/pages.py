"""Generated tag and project pages (``tags/…``, ``projects/…``).

They are written by ``html-collect-pages`` from the store, never into the
source tree. Each page's content is fingerprinted; a page whose content did
not change since the last build is not rewritten, and pages of tags that no
longer exist are removed, so incremental builds touch exactly the pages an
edit affects.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from itertools import groupby
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup
from sphinx.application import Sphinx

from . import charts, taxonomy
from .freshness import PageLedger, is_fresh, mark_fresh
from .projects import get_registry
from .store import NewsStore, get_store

TEMPLATES = Path(__file__).parent / "templates"
_jinja = Environment(
    loader=FileSystemLoader(TEMPLATES), autoescape=True, keep_trailing_newline=True
)


def _span(store: NewsStore) -> tuple[charts.Quarter, charts.Quarter] | None:
    dates = [issue.date for issue in store.published_issues()]
    if not dates:
        return None
    return charts.quarter_of(min(dates)), charts.quarter_of(max(dates))


def _chart(topic: taxonomy.Topic, span: Any, **size: int) -> Markup:
    if span is None:
        return Markup("")
    series = charts.per_quarter((issue.date for issue, _ in topic.entries), span)
    return Markup(charts.quarter_chart(series, f"{topic.name} 的新闻数", **size))


def _pages(app: Sphinx) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """``(pagename, title, template, context)`` of every generated page."""
    store = get_store(app.env)
    span = _span(store)
    tags = taxonomy.tags(store)
    ordered_tags = sorted(tags.values(), key=lambda t: (-len(t.entries), t.name))
    yield "tags/index", "标签", "tags_index.html", {"topics": ordered_tags}
    for topic in tags.values():
        chart = _chart(topic, span)
        yield (
            f"tags/{topic.slug}",
            f"标签：{topic.name}",
            "tag.html",
            {"topic": topic, "chart": chart},
        )

    projects = taxonomy.projects(store, get_registry(app.env))
    rows = sorted(projects.values(), key=lambda t: (-len(t.entries), t.name.lower()))
    everything = taxonomy.Topic("all", "全部项目", tuple(e for t in rows for e in t.entries))
    yield (
        "projects/index",
        "项目",
        "projects_index.html",
        {
            "rows": [(t, _chart(t, span, width=160, height=28)) for t in rows],
            "chart": _chart(everything, span),
        },
    )
    for topic in projects.values():
        timeline = [
            (issue, list(group)) for issue, group in groupby(topic.entries, key=lambda e: e[0])
        ]
        context = {"topic": topic, "chart": _chart(topic, span), "timeline": timeline}
        yield f"projects/{topic.slug}", topic.name, "project.html", context


def _renderer(app: Sphinx, pagename: str) -> Any:
    """``url(target, anchor)``: a link from ``pagename`` to a doc or page."""

    def url(target: str, anchor: str = "") -> str:
        base = posixpath.dirname(pagename)
        href = posixpath.relpath(app.builder.get_target_uri(target), base or ".")
        return f"{href}#{anchor}" if anchor else href

    return url


def collect_pages(app: Sphinx) -> list[tuple[str, dict[str, Any], str]]:
    """``html-collect-pages``: the generated pages whose content changed."""
    if app.builder.format != "html" or not hasattr(app.builder, "build_info"):
        return []
    indexes = (Path(app.builder.get_outfilename(p)) for p in ("tags/index", "projects/index"))
    if is_fresh(app, "pages") and all(path.is_file() for path in indexes):
        return []
    ledger, pending = PageLedger(app, "pages"), []
    for pagename, title, template, context in _pages(app):
        body = _jinja.get_template(template).render(url=_renderer(app, pagename), **context)
        if ledger.needs_write(pagename, f"{title}|{body}"):
            # Sphinx templates treat ``title`` as HTML (a document title is
            # rendered markup), so a tag or project name must be escaped here.
            context = {"title": Markup.escape(title), "body": Markup(body)}
            pending.append((pagename, context, "page.html"))
    ledger.close()
    mark_fresh(app, "pages")
    return pending
