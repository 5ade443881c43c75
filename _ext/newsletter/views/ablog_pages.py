"""ablog's archive pages, written only when what they list changed.

ablog renders every archive page (by year, by author, all posts, drafts) on
every build, resolving each post's doctree again for its excerpt: the main
cost of a rebuild that changed nothing, and it grows with the archive. This
module puts the archive's page ledger in front of ablog's generator: pages
are still produced by ablog, but only those whose list of posts (or the
issues behind them) changed are handed to Sphinx to render.

Sphinx's templates print a page's ``title`` as HTML (a document title is
rendered markup), and ablog puts an author's or a year's name there as
written: each title is escaped on its way to Sphinx (:func:`_escaped_title`).
The lists themselves are rendered by the autoescaped copies of ablog's
templates in ``templates/ablog/``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sphinx.application import Sphinx

from ..compat import ablog_archive_generator, replace_listener
from ..core.cjk import is_cjk, join_words
from ..core.html_policy import text_html
from ..store.data import get_store
from ..store.freshness import PageLedger, is_fresh, mark_fresh

Page = tuple[str, dict[str, Any], str]
#: The templates ablog renders its archive pages with (the archive's copies).
ABLOG_TEMPLATES = ("ablog/catalog.html", "ablog/collection.html", "ablog/postcard2.html")


def _posts(context: dict[str, Any]) -> list[Any]:
    if "collection" in context:
        return list(context["collection"])
    if "catalog" in context:
        return [post for collection in context["catalog"] for post in collection]
    return [context["post"]] if "post" in context else []


def _content(app: Sphinx, pagename: str, context: dict[str, Any], template: str) -> str:
    """A stand-in for the rendered page: everything it shows, cheaply."""
    store = get_store(app.env)
    posts = sorted(
        (post.docname, post.title, str(post.date), repr(store.issue(post.docname)))
        for post in _posts(context)
    )
    return repr((template, str(context.get("title", "")), posts))


def _chinese_heading(context: dict[str, Any]) -> dict[str, Any]:
    """ablog heads a list with "<header> <collection>" ("作者： 张磊", "全部 期刊"):
    a space between two Chinese words. The title is joined without it, and the
    heading shows the collection's name alone (so does each entry of a
    catalog page such as "作者", whose title already says what they are)."""
    header, collection = context.get("header"), context.get("collection")
    if header and "catalog" in context and is_cjk(header.rstrip()[-1:]):
        return {**context, "header": ""}  # each name under the page's own title
    if not header or collection is None:
        return context
    name = str(collection)
    joined = name if name.startswith(header.strip()) else join_words(header, name)
    if " " in joined.removeprefix(header.rstrip()):
        return context  # a Latin name keeps its space
    return {**context, "title": joined, "header": ""}


def _escaped_title(context: dict[str, Any]) -> dict[str, Any]:
    """The page's title as HTML: an author named ``<img …>`` is text."""
    return {**context, "title": text_html(context.get("title", ""))}


def only_changed(app: Sphinx, pages: Iterable[Page]) -> list[Page]:
    """Filter ablog's pages through the ledger."""
    if is_fresh(app, "ablog-pages", ABLOG_TEMPLATES):
        return []
    ledger = PageLedger(app, "ablog-pages", ABLOG_TEMPLATES)
    titled = ((name, _escaped_title(_chinese_heading(c)), template) for name, c, template in pages)
    changed = [
        (name, context, template)
        for name, context, template in titled
        if ledger.needs_write(name, _content(app, name, context, template))
    ]
    ledger.close()
    mark_fresh(app, "ablog-pages", ABLOG_TEMPLATES)
    return changed


def archive_pages(app: Sphinx) -> list[Page]:
    """``html-collect-pages``: ablog's archive pages that changed."""
    return only_changed(app, ablog_archive_generator()(app))


def wrap_archive_generator(app: Sphinx) -> None:
    """``builder-inited``: connect :func:`archive_pages` in place of ablog's own."""
    if "ablog" in app.extensions:
        replace_listener(app, "html-collect-pages", ablog_archive_generator(), archive_pages)
