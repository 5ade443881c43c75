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

from .i18n import N_, _
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
    "em_open": N_("Markdown emphasis (*…* or _…_)"),
    "strong_open": N_("Markdown bold (**…**)"),
    "link_open": N_("a Markdown link"),
    "image": N_("a Markdown image"),
    "footnote_ref": N_("a Markdown footnote reference"),
    "html_inline": N_("an HTML tag"),
    "myst_role": N_("a MyST role"),
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
        return _("it holds a line break or a control character")
    return None


def markup_in(value: str) -> str | None:
    """Why ``value`` is not single-line plain text (None when it is).

    ``value`` is the stripped value: the one line break YAML's ``|`` and
    ``>`` leave at the end of a one-line block is not a second line.
    """
    if reason := line_break_in(value):
        return reason
    if _FENCE.search(value):
        return _("it holds a code block's or a directive's fence (```, ~~~ or :::)")
    if "`" in value:
        return _("it holds a backquote ` (code or a MyST role)")
    if match := _NAME.search(value):
        return _("it holds a MyST role or directive name {name}").format(name=match.group(0))
    if _TAG.search(value):
        return _("it holds an HTML tag")
    if any(_is_entity(match) for match in _ENTITY.finditer(value)):
        return _("it holds an HTML character reference (such as &lt; or &#60;)")
    if _ESCAPE.search(value):
        return _("it holds a Markdown backslash escape")
    for token in markdown_parser().parseInline(value)[0].children or []:
        if token.type not in ("text", "text_special", "softbreak"):
            name = _INLINE_NAMES.get(token.type)
            what = _(name) if name else _("Markdown syntax {type}").format(type=token.type)
            return _("it holds {what}").format(what=what)
    return None
