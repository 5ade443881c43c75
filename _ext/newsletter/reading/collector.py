"""Collecting a document's issue and items into the store.

Runs on ``source-read`` (front matter, where line numbers still exist, read
as data and kept from MyST) and on ``doctree-read`` (items, once headings
give each item its section). Both are
per-document and touch only that document's slot in the store, which is what
makes the extension safe for parallel reading.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from ..core.frontmatter import heading_for_front_matter, parse_issue, read_front_matter
from ..core.model import NewsItem
from ..core.rules import message
from ..core.source_text import read_source
from ..core.sources import is_issue_doc
from ..i18n import _
from ..store.data import get_store
from .nodes import has_ancestor, news_item, news_title

logger = logging.getLogger(__name__)


def read_issue_front_matter(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: validate the front matter of an issue document.

    The values go to the store as data; MyST is handed an empty heading in
    place of the block (see :mod:`.heading`), never the values themselves.
    Other pages only have their YAML read (MyST's own warnings about it are
    silenced, see :func:`.guard.leave_front_matter_to_the_archive`).
    """
    if not is_issue_doc(app.config.newsletter_issue_pattern, docname):
        has_block = source[0].startswith("---")
        problems = read_front_matter(source[0])[1] if has_block else []
        issue = None
    else:
        issue, problems = parse_issue(source[0], docname)
        source[0] = heading_for_front_matter(source[0])
    for problem in problems:
        logger.warning(
            problem.message,
            location=(docname, problem.line),
            type="newsletter",
            subtype="frontmatter",
        )
    if issue is not None:
        # The document was purged before it was read: this is its only issue.
        get_store(app.env).set_issue(issue)


def _section_path(node: nodes.Node) -> list[str]:
    """Titles of the sections around ``node``, outermost first."""
    titles = []
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.section) and parent.children:
            first = parent.children[0]
            if isinstance(first, nodes.title):
                titles.append(first.astext())
        parent = parent.parent
    return titles[::-1]


def _body_text(node: news_item) -> str:
    """The item's own text: not its title, nor the project and tag line."""
    return " ".join(
        child.astext()
        for child in node.children
        if not isinstance(child, news_title) and "news-item-meta" not in child.get("classes", ())
    ).strip()


def collect_items(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: store the issue and its items for the views."""
    env = app.env
    docname = env.docname
    store = get_store(env)
    if is_issue_doc(app.config.newsletter_issue_pattern, docname):
        # Issues are reached through the home page and archive lists, never a
        # global toctree (which would grow every page with the archive).
        env.metadata[docname]["orphan"] = True

    found = []
    for order, node in enumerate(doctree.findall(news_item)):
        if has_ancestor(node, news_item):
            logger.warning(
                _(
                    "A news item cannot be nested in another item; the inner item is shown as body text"
                ),
                location=node,
                type="newsletter",
                subtype="item",
            )
            continue
        if not is_issue_doc(app.config.newsletter_issue_pattern, docname):
            logger.warning(
                _(
                    "A news item may only be written in an issue file (%s); this item is not collected"
                ),
                app.config.newsletter_issue_pattern,
                location=node,
                type="newsletter",
                subtype="item",
            )
            continue
        path = _section_path(node)
        found.append(
            NewsItem(
                docname=docname,
                id=node["ids"][0],
                title=node["title"],
                link=node["link"],
                section=path[1] if len(path) > 1 else "",
                group=path[2] if len(path) > 2 else "",
                projects=tuple(node["projects"]),
                tags=tuple(node["tags"]),
                order=order,
                lineno=node.line or 0,
                text=_body_text(node),
            )
        )
    if found:
        store.add_items(docname, found)


def check_issue_numbers(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-check-consistency``: no two issues share a number.

    Reported at the ``number`` field of each later file (by name), as ``make
    check`` reports it; the line is read again from the file, which only
    happens for a duplicate.
    """
    seen: dict[int, str] = {}
    for issue in sorted(get_store(env).issues.values(), key=lambda i: i.docname):
        first = seen.setdefault(issue.number, issue.docname)
        if first != issue.docname:
            front_matter, _problems = read_front_matter(read_source(env.doc2path(issue.docname)))
            logger.warning(
                message(
                    "number.duplicate",
                    number=issue.number,
                    other=Path(env.doc2path(first, False)).as_posix(),
                ),
                location=(
                    issue.docname,
                    front_matter.lines.get("number", 1) if front_matter else 1,
                ),
                type="newsletter",
                subtype="frontmatter",
            )
