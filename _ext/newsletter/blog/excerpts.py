"""Each post's excerpt rendered once per build, not once per archive page.

ablog's list template renders a post's excerpt with ``post.to_html(page)``
for every page that lists the post (all issues, its year, its author...):
each call copies the excerpt into a new document, resolves its references
and runs Sphinx's HTML translator, about a tenth of a full build at a few
hundred issues. The archive's excerpt is the issue summary as plain text
(:class:`~.bridge.AblogExcerpt`), whose HTML does not depend on the page
that lists it, so it is rendered (and passed through the allow-list) once and
reused. An excerpt that holds anything whose HTML depends on the listing page
(a reference, an image: ablog's own first paragraph, when an issue has no
summary) is rendered for each page, as ablog does.

The cache lives for one build: :func:`forget_excerpts` empties it when the
blog is rebuilt from the store, and each entry is keyed by the excerpt's nodes,
so a summary edited between two builds in one process is rendered again.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

from ..core.html_policy import clean_html

#: Nodes whose HTML depends on the page they are written into.
_PAGE_DEPENDENT = (addnodes.pending_xref, nodes.reference, nodes.image, nodes.target)

_rendered: dict[tuple[str, str], str] = {}


def _page_independent(excerpt: list[nodes.Node]) -> bool:
    return not any(
        isinstance(node, _PAGE_DEPENDENT)
        for top in excerpt
        for node in (top.findall() if isinstance(top, nodes.Element) else (top,))
    )


def post_excerpt(post: Any, pagename: str) -> str:
    """The post's excerpt as safe HTML for a list on ``pagename``."""
    excerpt = list(post.excerpt or ())
    if not _page_independent(excerpt):
        return clean_html(post.to_html(pagename))
    key = (post.docname, "".join(node.pformat() for node in excerpt))
    html = _rendered.get(key)
    if html is None:
        html = _rendered[key] = clean_html(post.to_html(pagename))
    return html


def forget_excerpts() -> None:
    """Start a build with no excerpt rendered."""
    _rendered.clear()


def add_excerpt_renderer(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> None:
    """``html-page-context``: ``newsletter_post_excerpt`` for ablog's list templates."""
    context["newsletter_post_excerpt"] = post_excerpt
