"""An issue as plain text, for the text/plain part of an e-mail.

Read from the same resolved doctree as the HTML (after :func:`number_links`,
so links read ``text[n]``): headings, news titles, paragraphs and list items
each become a block; nothing is wrapped, since Chinese text has no spaces to
wrap at and mail clients wrap it themselves.
"""

from __future__ import annotations

from docutils import nodes

from ...i18n import _
from ...reading.nodes import news_title

#: Block-level nodes whose text is one block of the plain text.
_BLOCKS = (nodes.title, nodes.paragraph, nodes.rubric, nodes.literal_block, nodes.term)


def _section_depth(node: nodes.Node) -> int:
    depth, parent = 0, node.parent
    while parent is not None:
        if isinstance(parent, nodes.section):
            depth += 1
        parent = parent.parent
    return depth


def _in_list_item(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.list_item):
            return True
        parent = parent.parent
    return False


def _block(node: nodes.Element) -> str:
    text = node.astext().strip()
    if isinstance(node, nodes.title):
        if _section_depth(node) <= 1:
            return f"{text}\n{'=' * 20}"
        return _("[{title}]").format(title=text) if _section_depth(node) == 2 else f"■ {text}"
    if isinstance(node, news_title):
        return f"◆ {text}"
    if _in_list_item(node):
        return f"  • {text}"
    return text


def doctree_text(doctree: nodes.Element) -> str:
    """The blocks of ``doctree`` separated by blank lines."""
    blocks = [_block(node) for node in doctree.findall(lambda n: isinstance(n, _BLOCKS))]
    return "\n\n".join(block for block in blocks if block.strip()) + "\n"
