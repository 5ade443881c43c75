"""Link health on issue pages: dead and moved source links, and a web archive copy.

An archive from 2019 points at pages that have since moved or vanished. Under
every item's title this view adds a line with a link to the Wayback Machine's
copy nearest the issue's date ("网页存档"), and says so when ``make links``
found the source dead (原链接已失效) or permanently moved. It reads only the
data file ``make links`` wrote (:mod:`..core.link_health`): the build never touches
the network. Marks are added at write time, and the pages whose marks changed
are rewritten through ``env-get-updated`` without re-reading anything.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..core.labels import display_date
from ..core.link_health import LinkResult, wayback_url
from ..core.model import Issue
from ..i18n import _
from ..reading.nodes import news_item
from ..store.data import get_store
from ..store.link_data import external_link, link_health


def _text(text: str, *classes: str) -> nodes.inline:
    return nodes.inline(text, text, classes=list(classes))


def source_line(issue: Issue, url: str, result: LinkResult | None) -> nodes.paragraph:
    """The line under an item's title: its health, then its web archive copy."""
    line = nodes.paragraph(classes=["news-item-source"])
    if result is not None and result.verdict == "dead":
        dead = _("Original link dead (checked {date})").format(
            date=display_date(result.checked_date)
        )
        line += _text(dead, "link-dead")
        line += nodes.Text(" · ")
    elif result is not None and result.verdict == "moved":
        line += _text(_("Original link moved to "), "link-moved")
        line += external_link(result.final_url)
        line += nodes.Text(" · ")
    archive = wayback_url(url, issue.date)
    line += external_link(archive, _("Web archive"), "link-archive")
    return line


def mark_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: add the source line to every item of an issue page."""
    issue = get_store(app.env).issue(docname)
    if issue is None or app.builder.format != "html":
        return
    health = link_health(app)
    for item in doctree.findall(news_item):
        url = item.get("link", "")
        if url:
            item.insert(1, source_line(issue, url, health.get(url)))


def _page_marks(app: Sphinx, env: BuildEnvironment) -> dict[str, tuple]:
    """What the marks of each issue page show, by docname."""
    store, health = get_store(env), link_health(app)
    marks: dict[str, tuple] = {}
    for docname in store.issues:
        shown = []
        for item in store.items_of(docname):
            result = health.get(item.link)
            if result is not None and result.verdict in ("dead", "moved"):
                shown.append((item.link, result.verdict, result.final_url, result.checked))
        marks[docname] = tuple(shown)
    return marks


def outdated_by_link_health(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: issue pages whose marks changed since the last build."""
    store = get_store(env)
    before = store.books.shown.get("link-marks")
    now = _page_marks(app, env)
    if before == now:
        return []
    store.books.shown["link-marks"] = now
    if not isinstance(before, dict):
        # An environment from before link marks existed: every page lacks them.
        return sorted(now)
    return sorted(doc for doc, shown in now.items() if before.get(doc) != shown)
