"""Repairing ``**bold**`` that CommonMark would print as literal asterisks.

CommonMark opens ``**`` only when it is "left-flanking" and closes it only
when "right-flanking", and punctuation counts against both. Chinese text puts
full-width punctuation right inside the delimiters (``**重要，**阿里巴巴``,
``个人项目**，但是……。**``), so published issues that looked bold on their
old site show stray ``**`` here. The fix rewrites the emphasis the way the
author meant it: punctuation moves outside the delimiters, a bold link
becomes a link with bold text, and bold around punctuation alone (``**：**``)
is dropped because it emphasises nothing readable. The flanking tests are
markdown-it's own, so the repair agrees with the parser that renders it, and
so are the links, images, code spans and raw HTML whose insides are not the
line's (:mod:`.inline`). One shape the parser cannot see as the author meant
is mended first: a link text that opens with its own ``[`` (``[**[KEP\\] …**](u)``).
"""

from __future__ import annotations

import re

from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace

from .inline import Span, spans

_DELIMITER = "**"
#: ``[**[KEP\\] title**](u)``: a link text opening with a lone ``[`` (its
#: own ``]`` escaped), which makes CommonMark print ``[**`` before a shorter link.
_LONE_BRACKET = re.compile(r"(?<![\\!])\[(?P<bold>\*\*)?\[(?P<rest>[^\[\]]*\\\][^\[\]]*\]\()")


def _is_punct(ch: str) -> bool:
    return isMdAsciiPunct(ord(ch)) or isPunctChar(ch)


def _is_space(ch: str) -> bool:
    return isWhiteSpace(ord(ch))


def can_open(before: str, after: str) -> bool:
    """``**`` between ``before`` and ``after`` (``" "`` at line ends) opens."""
    return not _is_space(after) and (not _is_punct(after) or _is_space(before) or _is_punct(before))


def can_close(before: str, after: str) -> bool:
    return not _is_space(before) and (not _is_punct(before) or _is_space(after) or _is_punct(after))


def _protected(found: list[Span]) -> list[Span]:
    """Links, images, code and raw HTML, however deep in emphasis: not the line's ``**``."""
    out: list[Span] = []
    for span in found:
        out += _protected(list(span.inner)) if span.kind in ("strong", "em") else [span]
    return out


def _pieces(line: str) -> list[str]:
    """Split ``line`` into ``**`` delimiters, protected spans and text."""
    pieces: list[str] = []
    pos = 0
    for span in _protected(spans(line)):
        pieces.extend(_split_text(line[pos : span.start]))
        piece = line[span.start : span.end]
        if span.kind == "link" and span.form != "autolink":
            start, end = span.label  # link text is repaired on its own
            piece = line[span.start : start] + repair_line(line[start:end]) + line[end : span.end]
        pieces.append(piece)
        pos = span.end
    pieces.extend(_split_text(line[pos:]))
    return [p for p in pieces if p]


def _split_text(text: str) -> list[str]:
    parts = re.split(r"(?<!\\)(\*\*)", text)
    return [p for p in parts if p]


def _edge_punct(text: str, leading: bool) -> int:
    """How many punctuation/space characters ``text`` has at one edge."""
    chars = text if leading else reversed(text)
    count = 0
    for ch in chars:
        if not (_is_punct(ch) or _is_space(ch)) or ch in "[]()`!<>\\":
            break
        count += 1
    return count


def _bold(inner: str) -> str:
    """``inner`` in bold, moving edge punctuation out of the delimiters."""
    text = inner.strip()
    found = spans(text)
    if [(s.kind, s.start, s.end) for s in found] == [("link", 0, len(text))]:
        start, end = found[0].label
        if found[0].form != "autolink":
            return f"{text[:start]}**{text[start:end]}**{text[end:]}"
    lead = _edge_punct(inner, leading=True)
    trail = _edge_punct(inner[lead:], leading=False)
    core = inner[lead : len(inner) - trail]
    if not core:
        return inner
    return f"{inner[:lead]}**{core}**{inner[len(inner) - trail :]}"


def repair_line(line: str) -> str:
    """Rewrite the ``**`` pairs of one line that CommonMark would not honour.

    Delimiters pair up in order, as authors write them; a pair that already
    renders is left exactly as it is. An unpaired ``**`` is left alone.
    """
    pieces = _pieces(_LONE_BRACKET.sub(r"[\g<bold>\\[\g<rest>", line))
    marks = [i for i, p in enumerate(pieces) if p == _DELIMITER]
    for open_at, close_at in zip(marks[::2], marks[1::2], strict=False):
        before = "".join(pieces[:open_at])[-1:] or " "
        first = "".join(pieces[open_at + 1 : close_at])[:1] or " "
        last = "".join(pieces[open_at + 1 : close_at])[-1:] or " "
        after = "".join(pieces[close_at + 1 :])[:1] or " "
        if can_open(before, first) and can_close(last, after):
            continue
        inner = "".join(pieces[open_at + 1 : close_at])
        pieces[open_at] = _bold(inner)
        for i in range(open_at + 1, close_at + 1):
            pieces[i] = ""
    return "".join(pieces)


def repair(markdown: str) -> str:
    """Repair every line of a Markdown passage, leaving code blocks alone."""
    out: list[str] = []
    fence: str | None = None
    for line in markdown.split("\n"):
        stripped = line.lstrip()
        marker = re.match(r"(`{3,}|~{3,}|:{3,})", stripped)
        if marker and (fence is None or stripped.startswith(fence)):
            fence = None if fence else marker.group(1)
            out.append(line)
        elif fence:
            out.append(line)
        else:
            out.append(repair_line(line))
    return "\n".join(out)
