"""Single-line plain text: what a text field of the front matter may hold.

A front-matter value is data. It is shown as text (the issue page's heading is
a text node, feeds and ``news.json`` carry it as a string) and never parsed,
so markup in it could only ever show as stray characters, or, wherever some
later consumer does parse it, run. The rule is therefore to refuse anything a
reader would take for markup rather than to escape it silently:

* a line break of any kind (``\\n``, ``\\r``, NEL, U+2028, U+2029) or any other
  control character, tab included;
* a code or directive fence (three backticks, tildes or colons), any backtick,
  and a MyST role or directive name such as ``{raw}``;
* an HTML tag (``<`` right before a letter, ``/``, ``!`` or ``?``) or an HTML
  character reference (``&lt;``, ``&#60;``, ``&#x3c;``; a bare ``&`` as in
  "AT&T" is text);
* a Markdown backslash escape (``\\*``), and whatever MyST's own inline parser
  reads as markup: emphasis, links, autolinks, images, footnote references.

Everything else is text: Chinese and full-width punctuation (《》“”：，、),
ASCII quotes, brackets without a link target (``[KEP]``), and a ``*`` or
``_`` that does not make emphasis (``K8s*``, ``snake_case``, ``5 * 3``).
"""

from __future__ import annotations

import re
import unicodedata
from html.entities import html5

from .myst import markdown_parser

#: Unicode categories of line breaks and control characters.
_BREAKS = frozenset({"Cc", "Zl", "Zp"})
_FENCE = re.compile(r"`{3,}|~{3,}|:{3,}")
_NAME = re.compile(r"\{[A-Za-z][\w:.+-]*\}")
_TAG = re.compile(r"<[/!?]?[A-Za-z]")
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|([A-Za-z][A-Za-z0-9]*));?")
_ESCAPE = re.compile(r"\\[!-/:-@\[-`{-~]")
#: MyST inline tokens named for editors; any other non-text token is "Markdown 语法".
_INLINE_NAMES = {
    "em_open": "Markdown 强调（*…* 或 _…_）",
    "strong_open": "Markdown 加粗（**…**）",
    "link_open": "Markdown 链接",
    "image": "Markdown 图片",
    "footnote_ref": "Markdown 脚注引用",
    "html_inline": "HTML 标签",
    "myst_role": "MyST 角色",
}


def _is_entity(match: re.Match[str]) -> bool:
    """A numeric reference, or a name HTML decodes (some even without ``;``)."""
    name = match.group(1)
    if name is None:
        return True
    return (f"{name};" if match.group(0).endswith(";") else name) in html5


def line_break_in(value: str) -> str | None:
    """Why ``value`` is not one line (None when it is)."""
    if any(unicodedata.category(char) in _BREAKS for char in value):
        return "含有换行或控制字符"
    return None


def markup_in(value: str) -> str | None:
    """Why ``value`` is not single-line plain text (None when it is).

    ``value`` is the stripped value: the one line break YAML's ``|`` and
    ``>`` leave at the end of a one-line block is not a second line.
    """
    if reason := line_break_in(value):
        return reason
    if _FENCE.search(value):
        return "含有代码块或指令的围栏（```、~~~ 或 :::）"
    if "`" in value:
        return "含有反引号 `（代码或 MyST 角色）"
    if match := _NAME.search(value):
        return f"含有 MyST 角色或指令名 {match.group(0)}"
    if _TAG.search(value):
        return "含有 HTML 标签"
    if any(_is_entity(match) for match in _ENTITY.finditer(value)):
        return "含有 HTML 字符实体（如 &lt; 或 &#60;）"
    if _ESCAPE.search(value):
        return "含有 Markdown 反斜杠转义"
    for token in markdown_parser().parseInline(value)[0].children or []:
        if token.type not in ("text", "text_special", "softbreak"):
            return "含有 " + _INLINE_NAMES.get(token.type, f"Markdown 语法 {token.type}")
    return None
