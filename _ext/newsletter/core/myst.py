"""MyST's parser as the core uses it: the one reach into MyST below Sphinx.

The dialect and the checker must cut an issue exactly as the build does, so
they use MyST's own markdown-it setup and MyST's own directive parser rather
than imitations. Both are importable without Sphinx. If MyST moves them,
``tests/test_compat.py`` fails and names what moved.
"""

from __future__ import annotations

import functools

from docutils.parsers.rst import Directive
from docutils.parsers.rst.states import MarkupError
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.directives import DirectiveParsingResult, parse_directive_text
from myst_parser.parsers.mdit import create_md_parser

#: The MyST syntax extensions the site is built with; ``conf.py`` enables
#: exactly these (the build checks it), so the checker cuts an issue the way
#: the build does.
MYST_EXTENSIONS = ("colon_fence", "deflist", "fieldlist")

#: What MyST raises for a directive it cannot parse (e.g. a missing title).
DirectiveError = MarkupError


@functools.cache
def markdown_parser() -> MarkdownIt:
    """MyST's block parser with the site's syntax extensions."""
    return create_md_parser(MdParserConfig(enable_extensions=set(MYST_EXTENSIONS)), RendererHTML)


@functools.cache
def link_scanning_parser() -> MarkdownIt:
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


def parse_directive(
    spec: type[Directive], arguments: str, content: str, line: int
) -> DirectiveParsingResult:
    """Arguments, options and body of a directive, as MyST reads them."""
    return parse_directive_text(spec, arguments, content, line=line)
