"""An issue document as the tools see it: front matter, items and role uses.

The checker must not run Sphinx, yet it has to find the same things the build
finds: ``news`` directives, the headings they sit under, and ``{term}``
references. It therefore parses the file with MyST's own markdown-it parser
(the one the build uses), which knows colon fences and roles and gives every
block its source lines, instead of guessing with regular expressions.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from ..directive import list_option
from ..frontmatter import parse_issue, read_front_matter
from ..model import Issue, NewsItem, Problem, slugify

_DIRECTIVE = re.compile(r"^\{([\w-]+)\}\s*(.*)$")
_OPTION = re.compile(r"^:([\w-]+):(?:\s+(.*))?$")
_YAML_OPTION = re.compile(r"^([\w-]+):\s*(.*)$")


@functools.cache
def markdown_parser() -> MarkdownIt:
    """The MyST block parser with the extensions the archive enables."""
    config = MdParserConfig(enable_extensions={"colon_fence", "deflist", "fieldlist"})
    return create_md_parser(config, RendererHTML)


@dataclass(frozen=True)
class Directive:
    """A directive block: its name, argument, options and body, with lines."""

    name: str
    argument: str
    options: dict[str, str]
    option_lines: dict[str, int]
    body: str
    #: 1-based line of the opening fence, and of the first body line.
    line: int
    body_line: int


@dataclass(frozen=True)
class RoleUse:
    """A role written in the text, e.g. ``{term}`KEP```."""

    name: str
    target: str
    line: int


@dataclass(frozen=True)
class ItemSource:
    """A ``news`` directive as the editor wrote it.

    ``item.projects`` and ``item.tags`` hold the names as written (not
    registry ids): the checker reports the unknown ones by name.
    """

    item: NewsItem
    directive: Directive


@dataclass
class IssueDocument:
    path: Path
    docname: str
    issue: Issue | None
    problems: list[Problem]
    #: Line of each front-matter key, for messages about the whole issue.
    field_lines: dict[str, int] = field(default_factory=dict)
    items: list[ItemSource] = field(default_factory=list)
    roles: list[RoleUse] = field(default_factory=list)


def split_directive(
    content: str, first_line: int
) -> tuple[dict[str, str], dict[str, int], str, int]:
    """Split a directive's content into ``:key: value`` options and the body.

    Returns the options, the line of each option, the body, and the line the
    body starts on. ``first_line`` is the 1-based line of the content's start.
    """
    lines = content.splitlines()
    options: dict[str, str] = {}
    option_lines: dict[str, int] = {}
    index = 0
    if lines and lines[0].strip() == "---":
        # MyST's other spelling: a YAML block of options between "---" lines.
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), 0)
        for offset, line in enumerate(lines[1:end], start=1):
            if match := _YAML_OPTION.match(line):
                options[match.group(1)] = match.group(2).strip().strip("'\"")
                option_lines[match.group(1)] = first_line + offset
        index = end + 1
    while index < len(lines):
        match = _OPTION.match(lines[index].strip())
        if not match:
            break
        options[match.group(1)] = (match.group(2) or "").strip()
        option_lines[match.group(1)] = first_line + index
        index += 1
    while index < len(lines) and not lines[index].strip():
        index += 1
    return options, option_lines, "\n".join(lines[index:]), first_line + index


def directives(tokens: list[Token]) -> list[Directive]:
    """The directive blocks among ``tokens`` (colon or backtick fences)."""
    found = []
    for token in tokens:
        if token.type not in ("colon_fence", "fence") or token.map is None:
            continue
        match = _DIRECTIVE.match(token.info.strip())
        if not match:
            continue
        line = token.map[0] + 1
        options, option_lines, body, body_line = split_directive(token.content, line + 1)
        name, argument = match.group(1), match.group(2).strip()
        found.append(Directive(name, argument, options, option_lines, body, line, body_line))
    return found


def role_uses(text: str, line_offset: int = 0) -> list[RoleUse]:
    """Every role in ``text``, directive bodies included, with its line."""
    tokens = markdown_parser().parse(text)
    uses: list[RoleUse] = []
    for token in tokens:
        if token.type == "inline" and token.map is not None:
            block = text.splitlines()[token.map[0] : token.map[1]]
            for child in token.children or []:
                if child.type == "myst_role":
                    written = f"{{{child.meta['name']}}}`{child.content}`"
                    offset = next((i for i, s in enumerate(block) if written in s), 0)
                    uses.append(
                        RoleUse(
                            child.meta["name"],
                            child.content,
                            line_offset + token.map[0] + offset + 1,
                        )
                    )
    for directive in directives(tokens):
        uses.extend(role_uses(directive.body, directive.body_line - 1 + line_offset))
    return uses


def read_issue(path: Path, root: Path) -> IssueDocument:
    """Read one issue file; bad input becomes problems, never exceptions."""
    docname = path.relative_to(root).with_suffix("").as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return IssueDocument(path, docname, None, [Problem(1, f"无法读取文件：{exc}")])
    issue, problems = parse_issue(text, docname)
    front_matter, _ = read_front_matter(text)
    lines = front_matter.lines if front_matter else {}
    document = IssueDocument(path, docname, issue, problems, lines)
    tokens = markdown_parser().parse(text)
    section = group = ""
    headings = {
        token.map[0]: (token.tag, tokens[i + 1].content.strip())
        for i, token in enumerate(tokens)
        if token.type == "heading_open" and token.map is not None
    }
    items = {d.line - 1: d for d in directives(tokens) if d.name == "news"}
    for start in sorted(headings.keys() | items.keys()):
        if start in headings:
            tag, title = headings[start]
            if tag == "h2":
                section, group = title, ""
            elif tag == "h3":
                group = title
            continue
        directive = items[start]
        item = NewsItem(
            docname=docname,
            id=directive.options.get("id") or slugify(directive.argument),
            title=" ".join(directive.argument.split()),
            link=directive.options.get("link", ""),
            section=section,
            group=group,
            projects=tuple(list_option(directive.options.get("projects"))),
            tags=tuple(list_option(directive.options.get("tags"))),
            order=len(document.items),
            lineno=directive.line,
            text=directive.body.strip(),
        )
        document.items.append(ItemSource(item, directive))
    document.roles = role_uses(text)
    return document
