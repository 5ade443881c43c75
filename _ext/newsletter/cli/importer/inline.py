"""Inline Markdown as markdown-it-py reads it, each span with its place in the source.

The importer keeps whatever it does not convert exactly as written, so it has
to know where a link, a bold run or a code span starts and ends in the text;
markdown-it-py's inline tokens say what they are (a link's resolved address,
whether it was an autolink or a reference link, what its text reads) but not
where they came from. Here each inline rule that makes a span is wrapped,
through the parser's public ``Ruler.at``, to record the source positions it
consumed in the token's ``meta``; :func:`spans` turns the token stream into
:class:`Span` objects with those positions. Everything else about reading
Markdown (what is a link, what is code, which ``**`` pair up) is the parser's.

Emphasis is the one place that depends on how markdown-it-py pairs delimiters:
``strong_open`` is the second character of its ``**`` run and ``strong_close``
the first of its own (``tests/test_import_inline.py`` holds a canary for it).

Pure: no Sphinx, no files.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.helpers import parseLinkLabel
from markdown_it.rules_inline import (
    StateInline,
    autolink,
    backtick,
    emphasis,
    html_inline,
    image,
    link,
)
from markdown_it.token import Token

InlineRule = Callable[[StateInline, bool], bool]
#: A document's link reference definitions as (label, address, title), as
#: :func:`blocks` gives them: hashable, so a text read twice is parsed once.
Refs = tuple[tuple[str, str, str], ...] | None

#: The inline rules that make spans, by their names in the ruler, with each
#: rule's own function and the type of the token that opens its span.
_SPAN_RULES: dict[str, tuple[InlineRule, str]] = {
    "link": (link, "link_open"),
    "image": (image, "image"),
    "autolink": (autolink, "link_open"),
    "backticks": (backtick, "code_inline"),
    "html_inline": (html_inline, "html_inline"),
    "emphasis": (emphasis.tokenize, "text"),
}


@dataclass(frozen=True)
class Span:
    """One inline construct, with ``source[start:end]`` its Markdown as written."""

    #: "link", "image", "strong", "em", "code" or "html".
    kind: str
    start: int
    end: int
    #: What a reader sees of it (a link's or image's text, the code, the HTML).
    text: str
    #: The resolved address of a link or image (reference links resolved).
    href: str = ""
    #: Where a link's or image's text is written: ``source[label[0]:label[1]]``.
    label: tuple[int, int] = (0, 0)
    #: "inline" (``[t](u)``), "reference" (``[t][r]``, ``[t]``) or "autolink".
    form: str = ""
    #: The spans inside it (a link inside bold, bold inside a link's text).
    inner: tuple[Span, ...] = field(default=())

    def walk(self) -> Iterator[Span]:
        """This span and every span inside it, in source order."""
        yield self
        for span in self.inner:
            yield from span.walk()


def _record(name: str, rule: InlineRule, opens: str) -> InlineRule:
    """``rule``, noting on the tokens it pushes which source positions it consumed."""

    def recording(state: StateInline, silent: bool) -> bool:
        start, count = state.pos, len(state.tokens)
        if not rule(state, silent):
            return False
        if silent:
            return True
        new = state.tokens[count:]
        if name == "emphasis":
            # One text token per delimiter character, after any pending text.
            for offset, token in enumerate(new[len(new) - (state.pos - start) :]):
                token.meta["start"] = start + offset
            return True
        opener = next((t for t in new if t.type == opens), None)
        if opener is None:
            return True
        opener.meta.update(start=start, end=state.pos)
        if name in ("link", "image"):
            first = start + (name == "image")
            opener.meta["label"] = (first + 1, parseLinkLabel(state, first, name == "link"))
            # An inline link ends with its destination's ")"; a reference link with "]".
            inline = state.src[state.pos - 1] == ")"
            opener.meta["form"] = "inline" if inline else "reference"
        elif name == "autolink":
            opener.meta["form"] = "autolink"
        return True

    return recording


def _as_written(url: str) -> str:
    return url


@functools.cache
def parser() -> MarkdownIt:
    """The importer's one parser: CommonMark, tables, and source positions on spans."""
    md = MarkdownIt("commonmark").enable("table")
    # Addresses as the author wrote them (escapes resolved, nothing
    # percent-encoded): the archive prints them, and MyST encodes them itself.
    md.normalizeLink = _as_written  # type: ignore[method-assign]
    for name, (rule, opens) in _SPAN_RULES.items():
        md.inline.ruler.at(name, _record(name, rule, opens))
    return md


def blocks(markdown: str) -> tuple[list[Token], Refs]:
    """A whole document's block tokens and its link reference definitions (``[ref]: url``)."""
    env: dict[str, Any] = {}
    tokens = parser().parse(markdown, env)
    found = env.get("references", {})
    return tokens, tuple((label, d["href"], d.get("title", "")) for label, d in found.items())


@functools.lru_cache(maxsize=512)
def _tokens(markdown: str, refs: Refs) -> tuple[Token, ...]:
    """The inline tokens of ``markdown``; the importer asks for the same text often."""
    env = {"references": {label: {"href": h, "title": t} for label, h, t in refs or ()}}
    found = parser().parseInline(markdown, env)
    return tuple(found[0].children or []) if found else ()


def _text(tokens: Sequence[Token]) -> str:
    """What a reader sees of inline tokens (line breaks as spaces)."""
    out = []
    for token in tokens:
        if token.type in ("text", "code_inline", "html_inline"):
            out.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            out.append(" ")
        elif token.type == "image":
            out.append(_text(token.children or []))
    return "".join(out)


def _spans(tokens: Sequence[Token]) -> list[Span]:
    """The spans of a run of sibling tokens (``inner`` holds what nests)."""
    found: list[Span] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        index += 1
        meta = token.meta
        if token.type in ("code_inline", "html_inline") and "start" in meta:
            kind = "code" if token.type == "code_inline" else "html"
            found.append(Span(kind, meta["start"], meta["end"], token.content))
        elif token.type == "image" and "start" in meta:
            href = str(token.attrGet("src") or "")
            text = _text(token.children or [])
            found.append(
                Span("image", meta["start"], meta["end"], text, href, meta["label"], meta["form"])
            )
        elif token.type in ("link_open", "strong_open", "em_open") and "start" in meta:
            closing, depth, close = token.type.replace("_open", "_close"), 1, index
            while close < len(tokens):
                depth += {token.type: 1, closing: -1}.get(tokens[close].type, 0)
                if not depth:
                    break
                close += 1
            children, closer = tokens[index:close], tokens[min(close, len(tokens) - 1)]
            index = close + 1
            inner, text = tuple(_spans(children)), _text(children)
            if token.type == "link_open":
                href, form = str(token.attrGet("href") or ""), meta["form"]
                label = meta.get("label", (meta["start"] + 1, meta["end"] - 1))
                found.append(
                    Span("link", meta["start"], meta["end"], text, href, label, form, inner)
                )
            elif "start" in closer.meta:
                width = len(token.markup)
                start, end = meta["start"] - width + 1, closer.meta["start"] + width
                kind = "strong" if token.type == "strong_open" else "em"
                found.append(Span(kind, start, end, text, inner=inner))
    return found


def spans(markdown: str, refs: Refs = None) -> list[Span]:
    """The outermost spans of ``markdown`` read as one run of inline text, in order.

    Block markers (list bullets, ``>``) are plain text to the inline rules, so
    a whole passage can be read this way; a fenced block is a code span to
    them and stays untouched. ``refs`` resolves reference links.
    """
    return _spans(_tokens(markdown, refs))


def links_in(found: list[Span]) -> list[Span]:
    """Every link among ``found`` and inside them (bold links too; never images), in order."""
    return [span for top in found for span in top.walk() if span.kind == "link"]


def plain(markdown: str, refs: Refs = None) -> str:
    """The reader-visible text of inline Markdown: links, emphasis and escapes removed."""
    return " ".join(_text(_tokens(markdown, refs)).split())
