"""Generated tag and project pages (``tags/…``, ``projects/…``).

They are written by ``html-collect-pages`` from the store, never into the
source tree, with the builder's own templates: ``newsletter/tag.html`` and
its siblings can be overridden by a site's ``templates_path`` like any theme
template. Each page's content is fingerprinted together with the templates,
theme and configuration it is rendered with; a page whose fingerprint did not
change since the last build is not rewritten, and pages of tags that no
longer exist are removed, so incremental builds touch exactly the pages an
edit affects.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup
from sphinx.application import Sphinx

from ..core import charts
from ..core.channels import FEEDS, publishes
from ..core.cjk import join_words
from ..core.html_policy import text_html
from ..core.timeline import timeline
from ..core.urls import feed_path
from ..i18n import _, ngettext
from ..store import taxonomy
from ..store.data import NewsStore, get_store
from ..store.freshness import PageLedger, is_fresh, mark_fresh
from ..store.projects import get_registry

#: The templates of the generated pages, under the builder's template search path.
TEMPLATES = (
    "newsletter/tags_index.html",
    "newsletter/tag.html",
    "newsletter/projects_index.html",
    "newsletter/project.html",
    "newsletter/_entry.html",
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
    return Markup(
        charts.quarter_chart(series, join_words(topic.name, _("news items per quarter")), **size)
    )


@dataclass(frozen=True)
class Generated:
    """A page to generate, described cheaply before it is rendered."""

    pagename: str
    title: str
    template: str
    #: Everything the page shows, as a cheap key: pages are rendered only
    #: when their key changed, so an edit does not re-render the whole archive.
    key: object
    context: Callable[[], dict[str, Any]]


def _feed_href(app: Sphinx, pagename: str, kind: str, topic: taxonomy.Topic) -> str:
    """The page's own feed, relative to it; empty when no feed is written."""
    if not topic.entries or not publishes(app.config.newsletter_channels, FEEDS):
        return ""
    return posixpath.relpath(feed_path(kind, topic.slug), posixpath.dirname(pagename))


def _entries_key(topic: taxonomy.Topic) -> tuple:
    entries = tuple(
        (issue.number, issue.date, item.docname, item.id, item.title, item.section)
        for issue, item in topic.entries
    )
    issues = tuple((issue.docname, issue.number, issue.date, issue.title) for issue in topic.issues)
    return (topic.slug, topic.name, topic.project, entries, issues)


def _pages(app: Sphinx) -> Iterator[Generated]:
    """Every generated page: the tag and project indexes and one page each."""
    store = get_store(app.env)
    span = _span(store)
    tags = taxonomy.tags(store)
    ordered_tags = sorted(tags.values(), key=lambda t: (-len(t.entries), t.name))
    yield Generated(
        "tags/index",
        _("Tags"),
        "newsletter/tags_index.html",
        tuple((t.slug, t.name, len(t.entries), len(t.issues)) for t in ordered_tags),
        lambda: {"topics": ordered_tags},
    )
    for topic in tags.values():
        yield Generated(
            f"tags/{topic.slug}",
            _("Tag: {name}").format(name=topic.name),
            "newsletter/tag.html",
            (span, _entries_key(topic)),
            lambda topic=topic: {
                "topic": topic,
                "chart": _chart(topic, span),
                "feed": _feed_href(app, f"tags/{topic.slug}", "tags", topic),
                "timeline": timeline(topic.entries),
            },
        )

    # A registered project with no published news has no page: a reader
    # would find "0 条新闻" there, in the index and in search.
    projects = {
        pid: topic
        for pid, topic in taxonomy.projects(store, get_registry(app.env)).items()
        if topic.entries
    }
    rows = sorted(projects.values(), key=lambda t: (-len(t.entries), t.name.lower()))
    everything = taxonomy.Topic("all", _("All projects"), tuple(e for t in rows for e in t.entries))
    yield Generated(
        "projects/index",
        _("Projects"),
        "newsletter/projects_index.html",
        (
            span,
            tuple((t.slug, t.name, tuple(i.date for i, _ in t.entries), t.latest) for t in rows),
        ),
        lambda: {
            "rows": [(t, _chart(t, span, width=160, height=28)) for t in rows],
            "chart": _chart(everything, span),
        },
    )
    for topic in projects.values():
        yield Generated(
            f"projects/{topic.slug}",
            topic.name,
            "newsletter/project.html",
            (span, _entries_key(topic)),
            lambda topic=topic: {
                "topic": topic,
                "chart": _chart(topic, span),
                "feed": _feed_href(app, f"projects/{topic.slug}", "projects", topic),
                "timeline": timeline(topic.entries),
            },
        )


def _renderer(app: Sphinx, pagename: str) -> Any:
    """``url(target, anchor)``: a link from ``pagename`` to a doc or page."""

    def url(target: str, anchor: str = "") -> str:
        base = posixpath.dirname(pagename)
        href = posixpath.relpath(app.builder.get_target_uri(target), base or ".")
        return f"{href}#{anchor}" if anchor else href

    return url


def _entry_renderer(
    app: Sphinx, pagename: str, url: Callable[..., str], rendered: dict[tuple, Markup]
) -> Callable[[Any, Any], Markup]:
    """``entry(issue, item)``: one item of a list, ``_entry.html`` rendered once.

    An item is listed on the page of each of its tags and projects; its line
    shows the same text and, from pages in one folder, the same link, so it
    is rendered once per folder (``rendered`` lives for one
    :func:`collect_pages`) and reused on every other page.
    """
    folder = posixpath.dirname(pagename)

    def entry(issue: Any, item: Any) -> Markup:
        key = (folder, item.docname, item.id)
        html = rendered.get(key)
        if html is None:
            # The line's link and heading are made here, not by the template:
            # Sphinx renders templates sandboxed, where every attribute and
            # call is checked, and a long archive renders thousands of lines.
            context = {
                "url": url,
                "nl_": _,
                "issue": issue,
                "item": item,
                "href": url(item.docname, item.id),
                "heading": _("Issue {number} · {date}").format(
                    number=issue.number, date=issue.date.isoformat()
                ),
            }
            html = rendered[key] = Markup(
                app.builder.templates.render("newsletter/_entry.html", context)
            )
        return html

    return entry


def collect_pages(app: Sphinx) -> list[tuple[str, dict[str, Any], str]]:
    """``html-collect-pages``: the generated pages whose content changed."""
    if app.builder.format != "html":
        return []
    indexes = [app.builder.get_outfilename(p) for p in ("tags/index", "projects/index")]
    if is_fresh(app, "pages", TEMPLATES, files=indexes):
        return []
    ledger, pending = PageLedger(app, "pages", TEMPLATES), []
    entries: dict[tuple, Markup] = {}
    for page in _pages(app):
        if not ledger.needs_write(page.pagename, repr((page.title, page.template, page.key))):
            continue
        url = _renderer(app, page.pagename)
        entry = _entry_renderer(app, page.pagename, url, entries)
        body = app.builder.templates.render(
            page.template,
            {"url": url, "nl_": _, "nl_n": ngettext, "entry": entry, **page.context()},
        )
        # Sphinx templates treat ``title`` as HTML (a document title is
        # rendered markup), so a tag or project name must be escaped here.
        context = {"title": text_html(page.title), "body": Markup(body)}
        pending.append((page.pagename, context, "page.html"))
    ledger.close()
    mark_fresh(app, "pages", TEMPLATES)
    return pending
