"""The generated pages a reader can land on, for the sitemap.

Sphinx knows the documents it read; the pages the archive generates (the
project and tag pages and their indexes) and ablog's issue lists (all
issues, by year) are not documents, yet readers and search engines arrive
on them. This lists them with the date of the newest issue they show, from
the store and the registry, by the same rules the pages are generated with
(a project page exists only when the project has published news).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from sphinx.application import Sphinx

from . import taxonomy
from .projects import get_registry
from .store import get_store


def generated_reader_pages(app: Sphinx) -> Iterator[tuple[str, dt.date | None]]:
    """``(pagename, lastmod)`` of every generated page a reader may open."""
    store = get_store(app.env)
    issues = store.published_issues()
    newest = issues[0].date if issues else None
    yield "projects/index", newest
    yield "tags/index", newest
    topics = [
        ("projects", t)
        for t in taxonomy.projects(store, get_registry(app.env)).values()
        if t.entries
    ]
    topics += [("tags", t) for t in taxonomy.tags(store).values()]
    for kind, topic in topics:
        dates = [issue.date for issue, _ in topic.entries] + [i.date for i in topic.issues]
        yield f"{kind}/{topic.slug}", max(dates, default=None)
    yield from _ablog_pages(app, newest)


def _ablog_pages(app: Sphinx, newest: dt.date | None) -> Iterator[tuple[str, dt.date | None]]:
    """ablog's list of all issues and its pages by year (not drafts or authors)."""
    if "ablog" not in app.extensions:
        return
    from ablog.blog import Blog

    blog = Blog(app)
    yield blog.posts.docname, newest
    yield blog.archive.docname, newest
    for year in blog.archive:
        if year:
            yield year.docname, max((post.date.date() for post in year), default=None)
