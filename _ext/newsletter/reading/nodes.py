"""The archive's doctree nodes and how HTML shows them.

Every layer that reads or writes doctrees (the directives, the collector,
the views) shares these classes, so they live on the ground floor with no
dependencies of their own besides docutils.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.writers.html5 import HTML5Translator

from ..i18n import _


def has_ancestor(node: nodes.Node, kinds: type | tuple[type, ...]) -> bool:
    """True when an element around ``node`` is one of ``kinds``."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, kinds):
            return True
        parent = parent.parent
    return False


class news_item(nodes.container):  # noqa: N801 - docutils naming
    """A news item; renders as ``<article class="news-item">``.

    Subclassing ``container`` lets every non-HTML builder fall back to its
    container visitor through Sphinx's MRO-based dispatch.
    """


class news_title(nodes.rubric):  # noqa: N801
    """The item's title, a heading that links to the source."""


def topic_node(kind: str, slug: str, text: str, *, quiet: bool = False) -> addnodes.pending_xref:
    """A link to a project or tag page (``kind`` is ``projects`` or ``tags``).

    It is a cross-reference of the archive's domain, resolved when the page
    is written; ``quiet`` ones fall back to text without a warning (an item's
    own tags in a draft have no page, and that is expected), unless
    ``nitpicky`` asks for every reference.
    """
    label = nodes.inline(text, text, classes=[f"{kind}-ref"])
    return addnodes.pending_xref(
        "",
        label,
        refdomain="newsletter",
        reftype=kind,
        reftarget=slug,
        refexplicit=True,
        refwarn=not quiet,
    )


class issue_list(nodes.General, nodes.Element):  # noqa: N801 - docutils naming
    """Placeholder, replaced by the list when the page is written."""


class term_note(nodes.definition_list_item):  # noqa: N801 - docutils naming
    """An issue's note on a term; renders as a definition list item."""


def visit_news_item_html(self: HTML5Translator, node: news_item) -> None:
    self.body.append(self.starttag(node, "article"))


def depart_news_item_html(self: HTML5Translator, node: news_item) -> None:
    self.body.append("</article>\n")


def visit_news_title_html(self: HTML5Translator, node: news_title) -> None:
    level = min(self.section_level + 1, 6)
    self.context.append(level)
    self.body.append(self.starttag(node, f"h{level}", ""))


def depart_news_title_html(self: HTML5Translator, node: news_title) -> None:
    level = self.context.pop()
    ids = node.parent.get("ids") if node.parent is not None else None
    if ids:
        label = self.attval(_("Link to this item"))
        self.body.append(
            f'<a class="headerlink" href="#{self.attval(ids[0])}" title="{label}">¶</a>'
        )
    self.body.append(f"</h{level}>\n")
