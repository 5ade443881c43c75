"""Atom feeds: the issues, and the news items of each project and each tag.

Blog tools offer a feed of posts. Readers of a weekly digest often follow one
topic instead ("only Envoy news"), so besides the feed of issues there is one
feed per project and one per tag whose entries are single news items, each
linking to its anchor on the issue page and to its source.

Feeds are a pure function of the store and the configuration, written after
the build (like ``news.json``): entries are ordered newest first with a
stable tie-break, every link is absolute under the one base URL
(:mod:`..siteurl`), and a file is rewritten only when its bytes change.
Feeds of projects or tags that no longer have items are removed, and every
feed once the site leaves the channel ``feeds`` out of
``newsletter_channels``: then no page announces one either.
"""

from __future__ import annotations

import datetime as dt
import html
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from sphinx.application import Sphinx

from ..core.channels import FEEDS, publishes
from ..core.feed_content import issue_content_html
from ..core.labels import issue_tab_title
from ..core.model import Issue, NewsItem, issue_time, tag_slug
from ..core.urls import FEED_DIR, feed_path
from ..i18n import _
from ..siteurl import absolute_url
from ..store.data import get_store
from ..store.freshness import is_fresh, load_state, mark_fresh, stage_state
from ..store.output import write_if_changed
from ..store.projects import get_registry

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: ``updated`` of a feed without entries: any fixed time keeps builds equal.
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    url: str
    updated: dt.datetime
    summary: str
    authors: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    #: The original source of a news item.
    related: str = ""
    #: The whole entry as HTML (issues carry the issue itself).
    content: str = ""


@dataclass(frozen=True)
class Feed:
    path: str
    title: str
    subtitle: str
    entries: tuple[Entry, ...]


def _entry(app: Sphinx, issue: Issue, anchor: str = "", **fields: Any) -> Entry:
    """An entry linking to ``issue``'s page (at ``anchor``), dated by the issue."""
    uri = app.builder.get_target_uri(issue.docname) + (f"#{anchor}" if anchor else "")
    url = absolute_url(app.config, uri)
    return Entry(id=url, url=url, updated=issue_time(issue), **fields)


def _issue_entry(app: Sphinx, issue: Issue) -> Entry:
    page = absolute_url(app.config, app.builder.get_target_uri(issue.docname))
    items = get_store(app.env).items_of(issue.docname)
    return _entry(
        app,
        issue,
        # "第 3 期：Docker Hub 遭入侵…": a feed reader lists entries by title alone.
        title=issue_tab_title(issue),
        summary=issue.summary,
        authors=issue.authors,
        categories=issue.tags,
        content=issue_content_html(issue, items, lambda item: f"{page}#{item.id}"),
    )


def _item_entry(app: Sphinx, issue: Issue, item: NewsItem) -> Entry:
    return _entry(
        app,
        issue,
        item.id,
        title=item.title,
        summary=item.text,
        categories=item.tags,
        related=item.link,
    )


T = TypeVar("T")


def _newest(things: Iterable[T], limit: int, when: Callable[[T], dt.datetime]) -> tuple[T, ...]:
    """Newest first; the sort is stable, so items of one issue keep page order.

    Issues are chosen before their entries are made: an issue's entry carries
    the whole issue as HTML, so only the ``limit`` kept ones are rendered.
    """
    ordered = sorted(things, key=when, reverse=True)
    return tuple(ordered[:limit] if limit else ordered)


def _updated(entry: Entry) -> dt.datetime:
    return entry.updated


def build_feeds(app: Sphinx) -> list[Feed]:
    """Every feed of the site, from the store."""
    store = get_store(app.env)
    site = app.config.project
    limit = app.config.newsletter_feed_length
    feeds = [
        Feed(
            feed_path("issues"),
            site,
            _("{site}: every issue in full").format(site=site),
            tuple(
                _issue_entry(app, i) for i in _newest(store.published_issues(), limit, issue_time)
            ),
        )
    ]
    by_project: dict[str, list[Entry]] = {}
    by_tag: dict[str, list[Entry]] = {}
    tag_names: dict[str, str] = {}
    for issue, item in store.published_items():
        entry = _item_entry(app, issue, item)
        for project in item.projects:
            by_project.setdefault(project, []).append(entry)
        # Two spellings of one tag on an item ("CI/CD", "ci-cd") are one entry.
        for slug, tag in {tag_slug(t): t for t in reversed(item.tags)}.items():
            tag_names.setdefault(slug, tag)
            by_tag.setdefault(slug, []).append(entry)
    projects = get_registry(app.env).projects
    for pid, entries in sorted(by_project.items()):
        name = projects[pid].name if pid in projects else pid
        feeds.append(
            Feed(
                feed_path("projects", pid),
                f"{name} · {site}",
                _("News about {name} in {site}").format(name=name, site=site),
                _newest(entries, limit, _updated),
            )
        )
    for slug, entries in sorted(by_tag.items()):
        name = tag_names[slug]
        feeds.append(
            Feed(
                feed_path("tags", slug),
                _('Tag "{name}" · {site}').format(name=name, site=site),
                _('News tagged "{name}" in {site}').format(name=name, site=site),
                _newest(entries, limit, _updated),
            )
        )
    return feeds


def _timestamp(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")


def _add(parent: ET.Element, tag: str, text: str = "", **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    if text:
        element.text = text
    return element


def render(feed: Feed, app: Sphinx) -> str:
    """The Atom document of ``feed``."""
    config = app.config
    root = ET.Element("feed", xmlns=ATOM)
    root.set(XML_LANG, (config.language or "en").replace("_", "-"))
    self_url = absolute_url(config, feed.path)
    _add(root, "id", self_url)
    _add(root, "title", feed.title)
    _add(root, "subtitle", feed.subtitle)
    _add(root, "link", rel="self", type="application/atom+xml", href=self_url)
    _add(root, "link", rel="alternate", type="text/html", href=config.newsletter_site_url)
    updated = max((e.updated for e in feed.entries), default=EPOCH)
    _add(root, "updated", _timestamp(updated))
    _add(_add(root, "author"), "name", config.author or config.project)
    for entry in feed.entries:
        element = _add(root, "entry")
        _add(element, "id", entry.id)
        _add(element, "title", entry.title)
        _add(element, "link", rel="alternate", type="text/html", href=entry.url)
        if entry.related:
            _add(element, "link", rel="related", href=entry.related)
        _add(element, "updated", _timestamp(entry.updated))
        _add(element, "published", _timestamp(entry.updated))
        for name in entry.authors:
            _add(_add(element, "author"), "name", name)
        for term in entry.categories:
            _add(element, "category", term=term)
        if entry.summary:
            _add(element, "summary", entry.summary, type="text")
        if entry.content:
            _add(element, "content", entry.content, type="html")
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def link_issue_feed(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> None:
    """``html-page-context`` (after ablog): every page announces the feed of issues.

    ablog would announce its own ``blog/atom.xml``, which the archive does not
    write: one feed system, so feed readers find the same feed everywhere.
    """
    context.pop("feed_path", None)
    if not publishes(app.config.newsletter_channels, FEEDS):
        return
    href = html.escape(absolute_url(app.config, feed_path("issues")))
    title = html.escape(app.config.project)
    context["metatags"] = context.get("metatags", "") + (
        f'<link rel="alternate" type="application/atom+xml" title="{title}" href="{href}" />\n'
    )


#: The freshness state of the feeds: the files the last build wrote.
STATE = "feeds"


def write_feeds(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: write the feeds of HTML builds, drop obsolete ones.

    Nothing is done when the store, the configuration and the extension are
    as the last finished build left them and its feeds are all in place:
    with hundreds of issues, making every feed only to find it unchanged was
    a quarter of a build with nothing to do.
    """
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    written = load_state(app, STATE).get("files")
    if isinstance(written, list) and is_fresh(app, STATE, files=written):
        return
    feeds = build_feeds(app) if publishes(app.config.newsletter_channels, FEEDS) else []
    wanted = {feed.path for feed in feeds}
    stage_state(app, STATE, {"files": sorted(wanted)})
    mark_fresh(app, STATE)
    for feed in feeds:
        write_if_changed(outdir / feed.path, render(feed, app))
    for old in sorted((outdir / FEED_DIR).rglob("*.xml")):
        if old.relative_to(outdir).as_posix() not in wanted:
            old.unlink()
    # A clean build leaves no folder without a feed in it.
    folders = [outdir / FEED_DIR, *(outdir / FEED_DIR).rglob("*")]
    for folder in sorted(folders, key=lambda path: len(path.parts), reverse=True):
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
