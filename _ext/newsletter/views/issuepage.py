"""The parts of an issue page that come from its front matter.

Editors write the summary and the credits once, in the front matter; this
module shows them on the page (under the title, and at the end) so they are
never typed twice and never drift from what the feeds and ``news.json`` say.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from ..core.labels import issue_label
from ..core.model import Issue, tag_slug
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
            "草稿：本期尚未发布，不会出现在列表、订阅和 news.json 中。", "issue-draft"
        )
    if issue.tags:
        tags = nodes.paragraph(classes=["news-item-meta", "issue-tags"])
        tags.extend(topic_node("tags", tag_slug(tag), tag, quiet=True) for tag in issue.tags)
        header += tags
    if issue.summary:
        quote = nodes.block_quote(classes=["issue-summary"])
        quote += nodes.paragraph(
            "", "", nodes.strong("摘要：", "摘要："), nodes.Text(issue.summary)
        )
        header += quote
    return header


def _credits(issue: Issue) -> nodes.container:
    credits = nodes.container(classes=["issue-credits"])
    credits += nodes.transition()
    if issue.publisher:
        credits += _paragraph(issue.publisher, "issue-publisher")
    if issue.authors:
        credits += _paragraph("本周作者：" + "，".join(issue.authors), "issue-authors")
    if issue.editor:
        credits += _paragraph("责任编辑：" + issue.editor, "issue-editor")
    return credits


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
