"""A doctree transform: line breaks between Chinese characters are not spaces.

MyST keeps a soft line break of the source as a newline in the text, and the
browser shows it as a space: "Serverless、 容器运行时". Editors break long
Chinese lines anywhere, so the break is dropped where both neighbours are
CJK, also when the break sits at the edge of a text node next to inline
markup ("**粗体**\\n中文"). Literal text (code, raw) is left as written.
Running as a transform fixes every output at once: pages, search records,
feeds and ``news.json``.
"""

from __future__ import annotations

import re

from docutils import nodes
from docutils.transforms import Transform

from ..core.cjk import is_cjk, join_breaks
from .nodes import has_ancestor

#: Text under these nodes is shown as written.
_LITERAL = (nodes.literal, nodes.literal_block, nodes.raw, nodes.comment, nodes.math)


def _is_literal(text: nodes.Node) -> bool:
    return has_ancestor(text, _LITERAL)


def _block(text: nodes.Node) -> nodes.Node | None:
    """The paragraph-like element that holds ``text``."""
    parent = text.parent
    while parent is not None and isinstance(parent, nodes.Inline):
        parent = parent.parent
    return parent


def _edge(texts: list[nodes.Text], index: int, neighbour: int) -> str:
    """The character of ``texts[neighbour]`` next to ``texts[index]``: empty
    when it is in another paragraph or is literal text, whose spacing
    (``按 `文件:行号` 输出``) is written on purpose."""
    step = -1 if neighbour < index else 1
    # MyST leaves an empty text after inline markup (``**乙**`` then a line
    # break): look past it to the character a reader sees next.
    while 0 <= neighbour < len(texts) and not str(texts[neighbour]):
        neighbour += step
    if not 0 <= neighbour < len(texts):
        return ""
    other = texts[neighbour]
    if _is_literal(other) or _block(other) is not _block(texts[index]):
        return ""
    return str(other)[-1:] if neighbour < index else str(other)[:1]


class JoinChineseLineBreaks(Transform):
    """Drop line breaks between two CJK characters in running text, and the
    spaces CommonMark makes editors put around bold between two CJK
    characters (``**“第一假设”。** 推荐``)."""

    # Before the collectors read the items' text (doctree-read comes after
    # every transform) and early among the post-parse transforms.
    default_priority = 100

    def apply(self, **kwargs: object) -> None:
        texts = list(self.document.findall(nodes.Text))
        for index, text in enumerate(texts):
            if not _may_change(str(text)) or _is_literal(text):
                continue
            before, after = _edge(texts, index, index - 1), _edge(texts, index, index + 1)
            value = _joined(str(text), before, after)
            if value != str(text):
                # By identity: Text nodes are strings, and equal ones abound.
                parent = text.parent
                position = next(i for i, child in enumerate(parent.children) if child is text)
                replacement = nodes.Text(value)
                parent[position] = replacement
                texts[index] = replacement


def _may_change(value: str) -> bool:
    """Whether :func:`_joined` can change ``value`` at all: only a line break, or
    white space at either end, is ever dropped. Most text nodes are whole
    phrases with neither, and need no look at their neighbours."""
    return "\n" in value or value[:1] in _SPACE or value[-1:] in _SPACE


_SPACE = (" ", "\t")
_LEADING = re.compile(r"^[ \t\n]+")
_TRAILING = re.compile(r"[ \t\n]+$")


def _joined(value: str, before: str, after: str) -> str:
    """``value`` without breaks between CJK characters, ``before`` and ``after``
    being the characters of the neighbouring inline text."""
    if value and not value.strip() and is_cjk(before) and is_cjk(after):
        return ""  # a bare break or space between two pieces of inline markup
    value = join_breaks(value)
    leading = _LEADING.match(value)
    if leading and is_cjk(before) and is_cjk(value[leading.end() : leading.end() + 1]):
        value = value[leading.end() :]
    trailing = _TRAILING.search(value)
    if trailing and is_cjk(after) and is_cjk(value[trailing.start() - 1 : trailing.start()]):
        value = value[: trailing.start()]
    return value
