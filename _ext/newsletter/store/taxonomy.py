"""Items grouped by tag and by project: what the index pages and feeds show.

Pure functions of the store and the registry, computed once per store
revision. Tags are grouped by :func:`~newsletter.core.model.tag_slug`, so every
spelling of a tag lands on one page, shown under its most common spelling.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from sphinx.application import Sphinx

from ..compat import ablog_archive_pagenames
from ..core.model import Issue, tag_slug
from ..core.registry import Project, Registry
from ..core.timeline import Entry
from .data import NewsStore, get_store
from .projects import get_registry


@dataclass(frozen=True)
class Topic:
    """A tag or a project with its items, newest first."""

    slug: str
    name: str
    entries: tuple[Entry, ...]
    project: Project | None = None
    #: Issues tagged as a whole (front matter ``tags``), newest first.
    issues: tuple[Issue, ...] = ()

    @property
    def latest(self) -> Entry | None:
        return self.entries[0] if self.entries else None


def _newest_first(entries: list[Entry]) -> tuple[Entry, ...]:
    return tuple(sorted(entries, key=lambda e: (e[0].date, e[0].number, -e[1].order), reverse=True))


def tags(store: NewsStore) -> dict[str, Topic]:
    """Every tag by slug."""

    def compute() -> dict[str, Topic]:
        entries: dict[str, list[Entry]] = defaultdict(list)
        issues: dict[str, list[Issue]] = defaultdict(list)
        spellings: dict[str, Counter[str]] = defaultdict(Counter)
        for issue, item in store.published_items():
            for tag in dict.fromkeys(item.tags):
                slug = tag_slug(tag)
                entries[slug].append((issue, item))
                spellings[slug][tag] += 1
        for issue in store.published_issues():
            for tag in dict.fromkeys(issue.tags):
                slug = tag_slug(tag)
                issues[slug].append(issue)
                spellings[slug][tag] += 1
        return {
            slug: Topic(
                slug=slug,
                # Most common spelling; ties broken by the name itself, so the
                # choice does not depend on reading order.
                name=min(spellings[slug].items(), key=lambda kv: (-kv[1], kv[0]))[0],
                entries=_newest_first(entries.get(slug, [])),
                issues=tuple(issues.get(slug, ())),
            )
            for slug in sorted(spellings)
        }

    return store.derived("tags", compute)  # type: ignore[return-value]


def projects(store: NewsStore, registry: Registry) -> dict[str, Topic]:
    """Every registered project by id (with or without items), plus any
    project id that items use but the registry lacks."""

    def compute() -> dict[str, Topic]:
        entries: dict[str, list[Entry]] = defaultdict(list)
        for issue, item in store.published_items():
            for pid in item.projects:
                entries[pid].append((issue, item))
        ids = sorted(set(registry.projects) | set(entries))
        return {
            pid: Topic(
                slug=pid,
                name=registry.projects[pid].name if pid in registry.projects else pid,
                entries=_newest_first(entries.get(pid, [])),
                project=registry.projects.get(pid),
            )
            for pid in ids
        }

    return store.derived("projects", compute)  # type: ignore[return-value]


def generated_reader_pages(app: Sphinx) -> Iterator[tuple[str, dt.date | None]]:
    """``(pagename, lastmod)`` of every generated page a reader may land on.

    Sphinx knows the documents it read; the project and tag pages and their
    indexes and ablog's issue lists are not documents, yet readers and search
    engines arrive on them (the sitemap lists them). Each comes with the date
    of the newest issue it shows, by the same rules the pages are generated
    with (a project page exists only when the project has published news).
    """
    store = get_store(app.env)
    issues = store.published_issues()
    newest = issues[0].date if issues else None
    yield "projects/index", newest
    yield "tags/index", newest
    topics = [("projects", t) for t in projects(store, get_registry(app.env)).values() if t.entries]
    topics += [("tags", t) for t in tags(store).values()]
    for kind, topic in topics:
        dates = [issue.date for issue, _ in topic.entries] + [i.date for i in topic.issues]
        yield f"{kind}/{topic.slug}", max(dates, default=None)
    for pagename, lastmod in ablog_archive_pagenames(app):
        yield pagename, lastmod or newest
