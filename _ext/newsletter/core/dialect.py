"""What an issue may say: the closed dialect of the archive's issue files.

Issues arrive by pull request from many editors and by import from other sites,
and Read the Docs builds pull requests, so an issue file is untrusted input.
MyST can do far more than an issue needs (include files, fetch URLs, evaluate
templates, emit raw HTML and meta redirects), so an issue speaks a closed
dialect instead, decided here, in the one place that the build, the checker
and the importer all ask:

* Markdown text, links (http, https, mailto, in-page anchors, other pages of
  the site), emphasis, lists, quotes, tables, code, footnotes and comments;
* images by http(s) URL or from the archive's image folders;
* the ``news`` and ``term-note`` directives and the ``term``, ``project`` and
  ``tag`` roles;
* the front-matter fields of the issue schema.

Everything else is refused, with its line. This module is the policy: it
says what is refused, where, and where on its line the markup that would make
it live is written (a :class:`Mark`). Making refused text inert is another job,
done by :mod:`.dialect_rewrite` (which the build, the checker and the importer
call through :func:`.dialect_rewrite.read_issue_text`); the policy never
imports it. The text is cut with MyST's own block parser and the archive's
MyST settings, so the dialect sees exactly the constructs the build would run.
"""

from __future__ import annotations

import enum
import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from docutils.parsers.rst import Directive, directives
from markdown_it.token import Token

from .frontmatter import ISSUE_FIELDS, read_front_matter
from .i18n import N_, _
from .model import Problem, link_scheme, unsafe_link_reason
from .myst import DirectiveError, ParsedDirective, link_scanning_parser, parse_directive
from .rules import message

#: Where an issue's images may come from, relative to the source root: the
#: site's own static folder, which is published whole anyway.
IMAGE_FOLDERS = ("_static",)
#: Pages of the site an issue may link to, relative to the source root.
PAGE_FOLDERS = ("issues", "docs")
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
ALLOWED_ROLES = frozenset({"term", "project", "tag"})

#: Invisible characters that can make text read differently from what it is.
BIDI_AND_NUL = re.compile("[\x00\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
#: Characters that ``str.splitlines`` (so docutils, and MyST in directive
#: bodies) takes for line ends but markdown-it does not: left in, the two
#: would count lines differently and refusals would land on the wrong line.
LINE_SEPARATORS = re.compile("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def list_option(argument: str | None) -> list[str]:
    """Split a comma-separated option; Chinese commas are accepted too."""
    return [part.strip() for part in re.split(r"[,，、]", argument or "") if part.strip()]


class NewsSpec(Directive):
    """The shape of a ``news`` directive: its title, options and body.

    The Sphinx directive takes its option spec from here, and the checker
    parses with it through MyST's own directive parser, so both accept and
    refuse the same options with the same message.
    """

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = {  # noqa: RUF012 - docutils reads it as a class attribute
        "link": directives.unchanged,
        "projects": list_option,
        "tags": list_option,
        "id": directives.unchanged,
        "noglossary": directives.flag,
    }


class TermNoteSpec(Directive):
    """The shape of a ``term-note`` directive: an issue's own term explanation."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {}


#: The directives an issue may use, and inside which ones a body is read.
DIRECTIVES: dict[str, type[Directive]] = {"news": NewsSpec, "term-note": TermNoteSpec}

_BLOCK_TOKENS = frozenset(
    {
        "paragraph_open",
        "paragraph_close",
        "heading_open",
        "heading_close",
        "bullet_list_open",
        "bullet_list_close",
        "ordered_list_open",
        "ordered_list_close",
        "list_item_open",
        "list_item_close",
        "blockquote_open",
        "blockquote_close",
        "table_open",
        "table_close",
        "thead_open",
        "thead_close",
        "tbody_open",
        "tbody_close",
        "tr_open",
        "tr_close",
        "th_open",
        "th_close",
        "td_open",
        "td_close",
        "code_block",
        "hr",
        "myst_line_comment",
    }
)
_INLINE_TOKENS = frozenset(
    {
        "text",
        "text_special",
        "softbreak",
        "hardbreak",
        "em_open",
        "em_close",
        "strong_open",
        "strong_close",
        "code_inline",
        "link_close",
        "footnote_ref",
    }
)
#: Names editors understand for the MyST constructs an issue may not use.
_CONSTRUCT_NAMES = {
    "html_block": N_("raw HTML"),
    "html_inline": N_("raw HTML"),
    "myst_target": N_("MyST labels (label)="),
    "myst_block_break": N_("MyST block breaks +++"),
    "field_list_open": N_("field lists"),
    "dl_open": N_("definition lists"),
    "myst_role": N_("roles"),
    "link_open": N_("links"),
    "image": N_("images"),
}


@dataclass(frozen=True)
class DirectiveBlock:
    """An allowed directive as the build will run it: parsed by MyST's rules."""

    name: str
    arguments: tuple[str, ...]
    options: dict[str, Any]
    body: str
    #: 1-based line of the opening fence, and of the first body line.
    line: int
    body_line: int
    #: 1-based line of each option as written.
    option_lines: dict[str, int] = field(default_factory=dict)
    #: The ``##`` section and ``###`` group headings above a top-level block.
    section: str = ""
    group: str = ""


@dataclass(frozen=True)
class RoleUse:
    """A role written in the text, e.g. ``{term}`KEP```."""

    name: str
    target: str
    line: int


class Markup(enum.Enum):
    """How the markup of a refused construct is written on its line.

    The policy only says where; :mod:`.dialect_rewrite` turns each kind into
    an edit of that one line that shows the same characters as text.
    """

    #: The first unescaped ``needle`` on the line opens the construct.
    FIRST = "first"
    #: The character at ``column`` opens it (a link's ``[`` or an autolink's ``<``).
    COLUMN = "column"
    #: The line's last mark (a transition's ``---``).
    LAST = "last"
    #: No single character: every markup character on the line.
    LINE = "line"
    #: A front-matter line that must not be read at all.
    FIELD = "field"


@dataclass(frozen=True)
class Mark:
    """Where, on one line, the markup of a refused construct is written."""

    line: int  # 0-based
    markup: Markup
    needle: str = ""
    column: int = 0


@dataclass(frozen=True)
class Refusal:
    """Something an issue may not say: its line, the message, where its markup is."""

    line: int  # 1-based
    message: str
    #: Empty when no edit of the text can help (an unclosed fence).
    marks: tuple[Mark, ...]


@dataclass
class Scan:
    """One reading of an issue's lines against the policy."""

    refusals: list[Refusal] = field(default_factory=list)
    #: What MyST itself reports when it parses the text (directive options,
    #: arguments); the build's parser reports them, the checker repeats them.
    parse_problems: list[Problem] = field(default_factory=list)
    blocks: list[DirectiveBlock] = field(default_factory=list)
    roles: list[RoleUse] = field(default_factory=list)
    #: Footnote references and definitions: (label, 0-based line).
    footnote_refs: list[tuple[str, int]] = field(default_factory=list)
    footnote_defs: list[tuple[str, int]] = field(default_factory=list)


@dataclass(frozen=True)
class _Context:
    docname: str
    root: Path | None
    lines: list[str]


def invisible_character_problems(lines: list[str]) -> list[Problem]:
    """Lines holding characters that make text read otherwise, or count lines otherwise."""
    problems = []
    for index, line in enumerate(lines):
        if BIDI_AND_NUL.search(line):
            problems.append(
                Problem(
                    index + 1,
                    _(
                        "This line holds invisible direction control or NUL characters;"
                        " they were removed"
                    ),
                    "error",
                )
            )
        if LINE_SEPARATORS.search(line):
            problems.append(Problem(index + 1, message("text.line_separator")))
    return problems


def scan_issue(lines: list[str], docname: str, root: Path | None = None) -> Scan:
    """What an issue's lines say that the dialect refuses, and what it may say.

    ``lines`` hold no invisible characters (see :func:`invisible_character_problems`).
    ``root`` is the source root: local images and page links are checked
    against it (without it, every local path is refused).
    """
    ctx = _Context(docname, root, lines)
    scan = Scan()
    env: dict[str, Any] = {}
    tokens = link_scanning_parser().parse("\n".join(lines), env)
    _walk(ctx, tokens, env, 0, scan, top_level=True)
    scan.parse_problems += _heading_problems(tokens)
    scan.refusals += _footnote_refusals(scan)
    return scan


def _footnote_refusals(scan: Scan) -> list[Refusal]:
    """Footnotes docutils would complain about, refused in the archive's words.

    A reference without a definition, a definition nobody references and a
    second definition of a label each draw errors from MyST and docutils that
    ``make check`` could not repeat line for line; the dialect names them and
    shows them as text instead. Footnotes belong to the whole page, whether
    written in an item or between items, as in MyST.
    """
    first: dict[str, int] = {}
    refusals = []
    referenced = {label for label, _ in scan.footnote_refs}
    for label, line in scan.footnote_defs:
        mark = (Mark(line, Markup.FIRST, f"[^{label}]"),)
        if label in first:
            text = message("dialect.footnote_duplicate", label=label, first=first[label] + 1)
            refusals.append(Refusal(line + 1, text, mark))
            continue
        first[label] = line
        if label not in referenced:
            refusals.append(
                Refusal(line + 1, message("dialect.footnote_unused", label=label), mark)
            )
    for label, line in scan.footnote_refs:
        if label not in first:
            text = message("dialect.footnote_undefined", label=label)
            refusals.append(Refusal(line + 1, text, (Mark(line, Markup.FIRST, f"[^{label}]"),)))
    return refusals


def _heading_problems(tokens: list[Token]) -> list[Problem]:
    """MyST's own warnings about heading levels, as the build will print them.

    The build hands MyST an empty H1 in place of a closed front-matter block
    (:func:`.frontmatter.heading_for_front_matter`, filled with the title as
    text), and MyST warns, in its own words, when the top-level headings skip
    a level; the checker repeats them. Headings inside lists,
    quotes and directives become rubrics and are not counted, as in MyST.
    """
    levels = {0}
    if tokens and tokens[0].type == "front_matter":
        levels.add(1)
    problems = []
    for token in tokens:
        if token.type != "heading_open" or token.level != 0 or token.map is None:
            continue
        level = int(token.tag[1])
        parent = max(known for known in levels if known < level)
        if level > parent + 1:
            problems.append(
                Problem(
                    token.map[0] + 1,
                    f"Document headings start at H{level}, not H1"
                    if parent == 0
                    else f"Non-consecutive header level increase; H{parent} to H{level}",
                )
            )
        levels = {known for known in levels if known < level} | {level}
    return problems


def _walk(
    ctx: _Context,
    tokens: list[Token],
    env: dict[str, Any],
    offset: int,
    scan: Scan,
    top_level: bool = False,
    inside: str = "",
) -> None:
    """Check ``tokens`` whose line 0 is source line ``offset`` (0-based)."""
    section = group = ""
    block_line = offset
    for index, token in enumerate(tokens):
        if token.map is not None:
            block_line = offset + token.map[0]
        kind = token.type
        if kind == "front_matter" and top_level:
            _front_matter(ctx, token, scan)
        elif kind == "heading_open" and top_level:
            title = tokens[index + 1].content.strip()
            if token.tag == "h2":
                section, group = title, ""
            elif token.tag == "h3":
                group = title
        elif kind in ("fence", "colon_fence"):
            _fence(ctx, token, env, offset, scan, section, group, inside)
        elif kind == "inline":
            _inline(ctx, token, block_line, scan)
        elif kind == "hr" and top_level and block_line == 0 and ctx.lines[0].rstrip() == "---":
            # An opening front-matter fence without its closing line.
            mark = Mark(block_line, Markup.FIRST, "-")
            scan.refusals.append(Refusal(1, message("frontmatter.unclosed"), (mark,)))
        elif kind == "hr" and not (top_level and _transition_fits(tokens, index)):
            mark = Mark(block_line, Markup.LAST)
            scan.refusals.append(Refusal(block_line + 1, message("dialect.transition"), (mark,)))
        elif kind == "footnote_reference_open":
            scan.footnote_defs.append((token.meta["label"], block_line))
        elif kind in _BLOCK_TOKENS or kind.startswith("footnote"):
            continue
        elif kind == "dl_open":
            dd_lines = [offset + t.map[0] for t in tokens[index:] if t.type == "dd_open" and t.map]
            scan.refusals.append(
                Refusal(
                    block_line + 1,
                    _refused(kind),
                    tuple(Mark(line, Markup.FIRST, ":") for line in dd_lines),
                )
            )
        elif kind in _CONSTRUCT_NAMES and token.map is not None:
            marker = {"html_block": "<", "myst_target": "(", "myst_block_break": "+"}.get(kind, ":")
            scan.refusals.append(
                Refusal(block_line + 1, _refused(kind), (Mark(block_line, Markup.FIRST, marker),))
            )
        elif kind.endswith("_close") or kind.startswith(("dt_", "dd_", "dl_", "field")):
            continue  # the end of a block, or inside a list already refused
        else:
            scan.refusals.append(
                Refusal(
                    block_line + 1,
                    _refused(kind),
                    _whole_lines(block_line, offset + (token.map or [0, 0])[1] or block_line + 1),
                )
            )


def _transition_fits(tokens: list[Token], index: int) -> bool:
    """Whether docutils accepts the transition (``---``) at ``tokens[index]``.

    docutils refuses, with errors of its own that ``make check`` could not
    repeat, a transition inside anything but a section (an item, a list, a
    quote), at the start of a section or of the document (right after a
    heading or the front matter, whose title is the first heading), next to
    another transition, and at the end of the document. The dialect refuses
    exactly those, in one message both tools print.
    """
    if tokens[index].level != 0:
        return False
    before = [t.type for t in tokens[:index] if t.level == 0]
    after = [t for t in tokens[index + 1 :] if t.level == 0]
    return (
        bool(before) and before[-1] not in ("heading_close", "front_matter", "hr") and bool(after)
    )


def _describe(kind: str) -> str:
    name = _CONSTRUCT_NAMES.get(kind)
    return _(name) if name is not None else _("MyST syntax {kind}").format(kind=kind)


def _refused(kind: str) -> str:
    return _("Issues may not use {construct}; shown as text").format(construct=_describe(kind))


def _front_matter(ctx: _Context, token: Token, scan: Scan) -> None:
    """Keys outside the issue schema are refused and removed from the block.

    The build never lets MyST read the block (see
    :func:`.frontmatter.heading_for_front_matter`), but keys are still refused
    here, once, so that an editor learns that ``myst``, ``html_meta`` or
    ``redirect`` do nothing. The schema checks the values of its own fields.
    """
    fm, _body = read_front_matter("\n".join(ctx.lines))
    if fm is None or token.map is None:
        return
    end = token.map[1] - 1  # the closing "---", 0-based
    starts = sorted(line - 1 for line in fm.lines.values())
    for key, line in fm.lines.items():
        if key in ISSUE_FIELDS:
            continue
        start = line - 1
        stop = next((s for s in starts if s > start), end)
        scan.refusals.append(
            Refusal(
                line,
                _(
                    "Field '{key}' is not allowed in the front matter"
                    " (the fields are: {fields}); ignored"
                ).format(key=key, fields=_(", ").join(ISSUE_FIELDS)),
                tuple(Mark(i, Markup.FIELD) for i in range(start, stop)),
            )
        )
    image = fm.data.get("image")
    if isinstance(image, str) and image.strip() and "image" in fm.lines:
        reason = image_refusal(image.strip(), ctx.docname, ctx.root)
        if reason is not None:
            line = fm.lines["image"]
            scan.refusals.append(
                Refusal(
                    line,
                    _("Cover image '{image}' cannot be used: {reason}; ignored").format(
                        image=image.strip()[:80], reason=reason
                    ),
                    (Mark(line - 1, Markup.FIELD),),
                )
            )


def _fence(
    ctx: _Context,
    token: Token,
    env: dict[str, Any],
    offset: int,
    scan: Scan,
    section: str,
    group: str,
    inside: str,
) -> None:
    assert token.map is not None
    start = offset + token.map[0]
    stop = offset + token.map[1]
    if not _is_closed(ctx.lines, token, start, stop):
        scan.refusals.append(
            Refusal(
                start + 1,
                _(
                    "This code block or directive has no closing {fence} line"
                    " (it starts on this line)"
                ).format(fence=token.markup),
                (),
            )
        )
    parts = token.info.strip().split(maxsplit=1)
    name = parts[0] if parts else ""
    is_directive = name.startswith("{") and name.endswith("}")
    if token.type == "fence" and not is_directive:
        return  # a code block
    directive = name[1:-1]
    spec = DIRECTIVES.get(directive) if is_directive else None
    if spec is None or (inside and directive == "news"):
        if not is_directive:
            message = _("Issues may not use ::: container blocks; shown as text")
        elif inside and directive == "news":
            message = _("A news item cannot be nested in another item; shown as text")
        else:
            message = _("Issues may not use the directive {{{directive}}}; shown as text").format(
                directive=directive
            )
        scan.refusals.append(Refusal(start + 1, message, _whole_lines(start, stop)))
        return
    content = token.content
    if token.type == "colon_fence" and content.startswith(":::"):
        content = "\n" + content  # as MyST does, so options are told from fences
    arguments = parts[1] if len(parts) > 1 else ""
    try:
        parsed = _parse_directive(directive, arguments, content, start + 1)
    except DirectiveError as error:
        scan.parse_problems.append(Problem(start + 1, f"Directive '{directive}': {error}"))
        return
    for warning in parsed.warnings:
        line = warning.lineno if warning.lineno is not None else start + 1
        scan.parse_problems.append(Problem(line, f"{directive!r}: {warning.msg}"))
    body = "\n".join(parsed.body)
    body_start = start + 1 + parsed.body_offset  # 0-based line of the first body line
    scan.blocks.append(
        DirectiveBlock(
            directive,
            tuple(parsed.arguments),
            parsed.options,
            body,
            start + 1,
            body_start + 1,
            option_lines(content, start + 1),
            section if not inside else "",
            group if not inside else "",
        )
    )
    _walk(ctx, link_scanning_parser().parse(body, env), env, body_start, scan, inside=directive)


@functools.lru_cache(maxsize=512)
def _parse_directive(name: str, arguments: str, content: str, line: int) -> ParsedDirective:
    """MyST's reading of a directive, kept for the passes that follow.

    Making a text inert takes a few passes over it, and an edit touches only
    the lines it fixes: the directives it leaves alone are read once. The
    result is never changed by its users. (MyST's errors are not kept.)
    """
    return parse_directive(DIRECTIVES[name], arguments, content, line)


def option_lines(content: str, line: int) -> dict[str, int]:
    """Where each option of a directive is written (``:key:`` or YAML block)."""
    found: dict[str, int] = {}
    rows = content.split("\n")
    if rows and rows[0].strip() == "":
        rows, line = rows[1:], line + 1  # the "\n" MyST adds before a nested fence
    yaml_block = bool(rows) and rows[0].startswith("---")
    for offset, row in enumerate(rows[1:] if yaml_block else rows, start=2 if yaml_block else 1):
        if yaml_block and row.startswith("---"):
            break
        match = re.match(r"^\s*:?([\w-]+):(?:\s|$)", row)
        if match is None or (not yaml_block and not row.lstrip().startswith(":")):
            break
        found.setdefault(match.group(1), line + offset)
    return found


def undecodable_lines(text: str) -> list[Problem]:
    """One problem per line where bytes that were not UTF-8 became U+FFFD."""
    return [
        Problem(number, message("encoding.undecodable"))
        for number, row in enumerate(text.split("\n"), 1)
        if "\ufffd" in row
    ]


def _is_closed(lines: list[str], token: Token, start: int, stop: int) -> bool:
    if stop - 1 <= start or stop - 1 >= len(lines):
        return False
    marker = re.escape(token.markup[0]) + "{" + str(len(token.markup)) + ",}"
    return re.search(rf"{marker}\s*$", lines[stop - 1]) is not None


def _inline(ctx: _Context, token: Token, line0: int, scan: Scan) -> None:
    span = (line0, line0 + max(1, (token.map or [0, 1])[1] - (token.map or [0, 1])[0]))
    for child in token.children or []:
        kind = child.type
        if kind == "footnote_ref":
            label = child.meta["label"]
            scan.footnote_refs.append((label, _line_of(ctx.lines, span, f"[^{label}]")))
        if kind in _INLINE_TOKENS:
            continue
        if kind == "myst_role":
            name = child.meta.get("name", "")
            line = _line_of(ctx.lines, span, "{" + name + "}`" + child.content)
            if name in ALLOWED_ROLES:
                # MyST places a role at the first line of its paragraph: so do its messages.
                scan.roles.append(RoleUse(name, child.content, span[0] + 1))
                continue
            scan.refusals.append(
                Refusal(
                    line + 1,
                    _("Issues may not use the role {{{name}}}; shown as text").format(name=name),
                    (Mark(line, Markup.FIRST, "{" + name + "}"),),
                )
            )
        elif kind == "html_inline":
            line = _line_of(ctx.lines, span, child.content)
            scan.refusals.append(
                Refusal(line + 1, _refused(kind), (Mark(line, Markup.FIRST, child.content),))
            )
        elif kind in ("link_open", "image"):
            attr = "href" if kind == "link_open" else "src"
            target = str(child.attrGet(attr) or "")
            reason = _image_refusal(target, ctx) if kind == "image" else _link_refusal(target, ctx)
            if reason is None:
                continue
            line, marks = _link_marks(ctx.lines, span, target)
            refused = (
                _("Image '{target}' cannot be used: {reason}; shown as text")
                if kind == "image"
                else _("Link '{target}' cannot be used: {reason}; shown as text")
            )
            scan.refusals.append(
                Refusal(line + 1, refused.format(target=target[:80], reason=reason), marks)
            )
        else:
            scan.refusals.append(
                Refusal(span[0] + 1, _refused(kind), _whole_lines(span[0], span[1]))
            )


def _line_of(lines: list[str], span: tuple[int, int], needle: str) -> int:
    """The first line of ``span`` that holds ``needle`` (its first line if none)."""
    return next((i for i in range(*span) if i < len(lines) and needle in lines[i]), span[0])


def _link_marks(
    lines: list[str], span: tuple[int, int], target: str
) -> tuple[int, tuple[Mark, ...]]:
    """The ``[`` that opens the link (or the ``<`` of an autolink)."""
    for index in range(*span):
        if index >= len(lines):
            break
        line = lines[index]
        at = line.find("](" + target)
        if at >= 0:
            opening = _matching_bracket(line, at)
            if opening is not None:
                return index, (Mark(index, Markup.COLUMN, column=opening),)
        at = line.find("<" + target + ">")
        if at >= 0:
            return index, (Mark(index, Markup.COLUMN, column=at),)
    return span[0], _whole_lines(span[0], span[1])


def _matching_bracket(line: str, close: int) -> int | None:
    depth = 0
    for index in range(close, -1, -1):
        char = line[index]
        if index > 0 and line[index - 1] == "\\":
            continue
        if char == "]":
            depth += 1
        elif char == "[":
            depth -= 1
            if depth == 0:
                return index
    return None


def _link_refusal(href: str, ctx: _Context) -> str | None:
    """Why an issue may not link to ``href`` (None when it may)."""
    scheme = link_scheme(href)
    if scheme:
        if scheme not in LINK_SCHEMES:
            return _("unsupported scheme {scheme}: (only http, https and mailto are)").format(
                scheme=scheme
            )
        return None if scheme == "mailto" else unsafe_link_reason(href)
    if href.startswith("#"):
        return None
    path = href.split("#", 1)[0].split("?", 1)[0]
    if not path.endswith(".md"):
        return _("a link inside the site may only point to the site's .md pages")
    resolved = _resolve(path, ctx)
    if resolved is None or not any(
        _inside(resolved, ctx.root, folder) for folder in (*PAGE_FOLDERS, "index.md")
    ):
        return _(
            "a link inside the site may only point to pages under issues/, docs/ or the home page"
        )
    if not resolved.is_file():
        return _(
            "the page the link points to does not exist"
        )  # MyST would warn in words make check cannot repeat
    return None


def _image_refusal(src: str, ctx: _Context) -> str | None:
    """Why an issue may not show the image at ``src`` (None when it may)."""
    if link_scheme(src):
        reason = unsafe_link_reason(src)
        if reason is None:
            return None
        return _(
            "{reason} (images may only come from http(s) addresses or the site's image folders)"
        ).format(reason=reason)
    resolved = _resolve(src, ctx)
    if resolved is None or not any(_inside(resolved, ctx.root, f) for f in IMAGE_FOLDERS):
        return _("local images may only be under {folders}").format(
            folders=_(", ").join(f + "/" for f in IMAGE_FOLDERS)
        )
    if not resolved.is_file():
        return _("the image file does not exist")
    return None


def image_refusal(src: str, docname: str, root: Path | None) -> str | None:
    """Why an issue's cover image may not be ``src``; the same rule as in the text."""
    if not link_scheme(src) and not src.startswith("/"):
        src = "/" + src  # the cover is written relative to the source root
    return _image_refusal(src, _Context(docname, root, []))


def _resolve(path: str, ctx: _Context) -> Path | None:
    """The real file ``path`` names, as MyST resolves it; None outside the root."""
    if ctx.root is None or not path:
        return None
    root = Path(os.path.realpath(ctx.root))
    base = root if path.startswith("/") else (root / ctx.docname).parent
    resolved = Path(os.path.realpath(base / path.lstrip("/")))
    return resolved if resolved.is_relative_to(root) else None


def _inside(resolved: Path, root: Path | None, folder: str) -> bool:
    if root is None:
        return False
    top = Path(os.path.realpath(root)) / folder
    return resolved == top or resolved.is_relative_to(top)


def _whole_lines(start: int, stop: int) -> tuple[Mark, ...]:
    """These lines are all markup (at least the first)."""
    return tuple(Mark(index, Markup.LINE) for index in range(start, max(stop, start + 1)))
