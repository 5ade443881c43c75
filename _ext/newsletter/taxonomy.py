"""Items grouped by tag and by project: what the index pages and feeds show.

Pure functions of the store and the registry, computed once per store
revision. Tags are grouped by :func:`~newsletter.core.model.tag_slug`, so every
spelling of a tag lands on one page, shown under its most common spelling.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from .core.model import Issue, NewsItem, tag_slug
from .core.registry import Project, Registry
from .store import NewsStore

Entry = tuple[Issue, NewsItem]


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
