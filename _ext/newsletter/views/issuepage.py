"""The parts of an issue page that come from its front matter.

Editors write the summary and the credits once, in the front matter; this
module shows them on the page (under the title, and at the end) so they are
never typed twice and never drift from what the feeds and ``news.json`` say.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from ..core.i18n import pgettext
from ..core.labels import issue_label, licence_url, origin_name
from ..core.model import Issue, tag_slug
from ..i18n import _
from ..reading.nodes import topic_node
from ..store.data import get_store


def _paragraph(text: str, *classes: str) -> nodes.paragraph:
    return nodes.paragraph(text, text, classes=list(classes))


def _header(issue: Issue) -> nodes.container:
    header = nodes.container(classes=["issue-header"])
    meta = issue_label(issue)
    header += _paragraph(meta, "issue-meta")
    if issue.draft:
        header += _paragraph(
            _("Draft: this issue is not published yet and appears in no list, feed or news.json."),
            "issue-draft",
        )
    if issue.tags:
        tags = nodes.paragraph(classes=["news-item-meta", "issue-tags"])
        tags.extend(topic_node("tags", tag_slug(tag), tag, quiet=True) for tag in issue.tags)
        header += tags
    if issue.summary:
        quote = nodes.block_quote(classes=["issue-summary"])
        summary = _("Summary: ")
        quote += nodes.paragraph("", "", nodes.strong(summary, summary), nodes.Text(issue.summary))
        header += quote
    return header


def _credits(issue: Issue) -> nodes.container:
    credits = nodes.container(classes=["issue-credits"])
    credits += nodes.transition()
    if issue.publisher:
        credits += _paragraph(issue.publisher, "issue-publisher")
    if issue.authors:
        authors = pgettext("authors", ", ").join(issue.authors)
        credits += _paragraph(
            _("This week's authors: {authors}").format(authors=authors), "issue-authors"
        )
    if issue.editor:
        credits += _paragraph(_("Editor: {editor}").format(editor=issue.editor), "issue-editor")
    if issue.source:
        credits += _origin(issue)
    return credits


def _origin(issue: Issue) -> nodes.paragraph:
    """Where an issue taken from elsewhere was first published, and its licence.

    The archive republishes openly licensed text only; the licence asks that
    its readers can see where the text comes from and under which terms.
    """
    where = origin_name(issue.source)
    licence = issue.licence
    return nodes.paragraph(
        "",
        "",
        nodes.Text(_("First published at ")),
        nodes.reference(where, where, refuri=issue.source),
        nodes.Text(_(", under the ")),
        nodes.reference(licence, licence, refuri=licence_url(licence)),
        nodes.Text(_(" licence; republished here in the archive's format.")),
        classes=["issue-origin"],
    )


def decorate_issue_page(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: add the header and the credits to an issue page."""
    issue: Issue | None = get_store(app.env).issue(app.env.docname)
    if issue is None:
        return
    top = next(iter(doctree.findall(nodes.section)), None)
    if top is None or not top.children or not isinstance(top[0], nodes.title):
        return
    top.insert(1, _header(issue))
    top += _credits(issue)
