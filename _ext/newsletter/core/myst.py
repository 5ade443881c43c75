"""MyST's parser as the core uses it: the one reach into MyST below Sphinx.

The dialect and the checker must cut an issue exactly as the build does, so
they use MyST's own markdown-it setup and MyST's own directive parser rather
than imitations. Both are importable without Sphinx. If MyST moves them,
``tests/test_compat.py`` fails and names what moved.
"""

from __future__ import annotations

import functools
import re

from docutils.parsers.rst import Directive
from docutils.parsers.rst.states import MarkupError
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.directives import DirectiveParsingResult, parse_directive_text
from myst_parser.parsers.mdit import create_md_parser

#: The MyST syntax extensions the site is built with; ``conf.py`` enables
#: exactly these (the build checks it), so the checker cuts an issue the way
#: the build does.
MYST_EXTENSIONS = ("colon_fence", "deflist", "fieldlist")

#: What MyST raises for a directive it cannot parse (e.g. a missing title).
DirectiveError = MarkupError
#: What MyST makes of a directive: its arguments, options, body and warnings.
ParsedDirective = DirectiveParsingResult


@functools.cache
def markdown_parser() -> MarkdownIt:
    """MyST's block parser with the site's syntax extensions."""
    return create_md_parser(MdParserConfig(enable_extensions=set(MYST_EXTENSIONS)), RendererHTML)


def link_reading_parser() -> MarkdownIt:
    """MyST's block parser that reads every link, whatever its scheme.

    markdown-it quietly leaves ``[x](javascript:…)``, ``file:`` and ``data:``
    links as text, so a parser that validates links never sees them and no
    tool would say a word. The dialect scans with this parser instead, to
    name each of them at its line (and make it plain text for the build).
    ``validateLink`` is markdown-it's documented hook for this.
    """
    parser = create_md_parser(MdParserConfig(enable_extensions=set(MYST_EXTENSIONS)), RendererHTML)
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    return parser


#: Core rules of MyST's parser that make no token the dialect reads: MyST's
#: word count (a reading time for the page) and the joining of escaped
#: characters into the text around them.
SCAN_SKIPS = ("wordcount", "text_join")
#: The inline rules :func:`link_scanning_parser` was written for (the test
#: suite holds it to them), and the characters that start every inline
#: construct among theirs that the dialect refuses or records: a link, image
#: or footnote reference (``[``), an autolink or raw HTML (``<``), a role
#: (``{``). Without them, a text can only be words, emphasis, code, escapes
#: and line breaks, which an issue may all use.
SCANNED_INLINE_RULES = (
    "text",
    "newline",
    "escape",
    "myst_role",
    "backticks",
    "emphasis",
    "link",
    "image",
    "footnote_ref",
    "autolink",
    "html_inline",
    "entity",
)
_CONSTRUCT_STARTS = re.compile(r"[\[<{]")


@functools.cache
def link_scanning_parser() -> MarkdownIt:
    """:func:`link_reading_parser`, doing only the work the dialect's scan needs.

    The scan reads the token stream, never renders it; MyST's own parse
    follows in the build. So the core rules that change no construct are
    off (:data:`SCAN_SKIPS`), and a paragraph, heading or cell is cut into
    inline tokens only when it holds a character that starts a construct
    the dialect refuses or records; otherwise its inline token keeps no
    children. One instance serves every scan. ``disable`` and ``at`` are
    markdown-it's documented rule API, and raise if a name is gone.
    """
    parser = link_reading_parser()
    parser.disable(list(SCAN_SKIPS))
    parser.core.ruler.at("inline", _inline_where_constructs_start)
    return parser


def _inline_where_constructs_start(state: StateCore) -> None:
    """markdown-it's ``inline`` core rule, skipping texts no construct can start in."""
    for token in state.tokens:
        if token.type == "inline":
            if token.children is None:
                token.children = []
            if _CONSTRUCT_STARTS.search(token.content):
                state.md.inline.parse(token.content, state.md, state.env, token.children)


def parse_directive(
    spec: type[Directive], arguments: str, content: str, line: int
) -> ParsedDirective:
    """Arguments, options and body of a directive, as MyST reads them."""
    return parse_directive_text(spec, arguments, content, line=line)
