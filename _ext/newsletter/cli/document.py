"""An issue document as the tools see it: read through the dialect, as the build reads it.

The checker must not run Sphinx, yet it has to find what the build finds and
report it at the same line. It therefore reads each file the way the build
does (through the same codec, :mod:`..core.source_text`, line endings
included): bytes that are not UTF-8 replaced and reported, the closed dialect of
:mod:`newsletter.core.dialect` applied (which cuts the text with MyST's own
parser and parses directive options with MyST's own rules), refused text made
inert by :mod:`newsletter.core.dialect_rewrite`, and the front matter validated
on the text MyST would see.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..core.anchors import ItemAnchors
from ..core.dialect import DirectiveBlock, RoleUse, undecodable_lines
from ..core.dialect_rewrite import read_issue_text
from ..core.frontmatter import parse_issue, read_front_matter
from ..core.i18n import _
from ..core.model import Issue, NewsItem, Problem
from ..core.source_text import encoding_problem, read_source


@dataclass(frozen=True)
class ItemSource:
    """A ``news`` directive as the editor wrote it.

    ``item.projects`` and ``item.tags`` hold the names as written (not
    registry ids): the checker reports the unknown ones by name.
    """

    item: NewsItem
    block: DirectiveBlock


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
    #: The ``term-note`` directives: each names a glossary term.
    term_notes: list[DirectiveBlock] = field(default_factory=list)


def read_issue(path: Path, root: Path) -> IssueDocument:
    """Read one issue file; bad input becomes problems, never exceptions."""
    docname = path.relative_to(root).with_suffix("").as_posix()
    try:
        text = read_source(path)
    except OSError as exc:
        return IssueDocument(
            path,
            docname,
            None,
            [Problem(1, _("The file cannot be read: {error}").format(error=exc))],
        )
    reading = read_issue_text(text, docname, root)
    issue, front_problems = parse_issue(reading.text, docname)
    front_matter, _problems = read_front_matter(reading.text)
    document = IssueDocument(
        path,
        docname,
        issue,
        [p for p in [encoding_problem(path)] if p is not None]
        + undecodable_lines(text)
        + reading.problems
        + reading.parse_problems
        + front_problems,
        front_matter.lines if front_matter else {},
        roles=reading.roles,
    )
    anchors = ItemAnchors()
    for block in reading.blocks:
        if block.name == "term-note":
            document.term_notes.append(block)
            continue
        title = " ".join(block.arguments[0].split()) if block.arguments else ""
        anchor, problems = anchors.give(title, block.options.get("id") or "")
        line = block.option_lines.get("id", block.line)
        document.problems += [Problem(line, problem) for problem in problems]
        item = NewsItem(
            docname=docname,
            id=anchor,
            title=title,
            link=(block.options.get("link") or "").strip(),
            section=block.section,
            group=block.group,
            projects=tuple(block.options.get("projects", ())),
            tags=tuple(block.options.get("tags", ())),
            order=len(document.items),
            lineno=block.line,
            text=block.body.strip(),
        )
        document.items.append(ItemSource(item, block))
    return document
