"""Refused text made inert: how an issue's text is rewritten once the dialect has read it.

The policy (:mod:`.dialect`) says what an issue may not say, at which line,
and where on that line the markup is written. This module edits exactly
there, so that each refused construct is shown as text (reading and fetching
nothing), and never adds or removes a line, so that later messages keep their
lines. The build parses the rewritten text (a build without ``-W`` publishes
nothing it should not), the checker reads it as the build does, and the
importer writes it (what a post's readers saw as text stays text).

An edit can leave or uncover another construct, so the text is read again
after each round of edits; after a few rounds, every markup character on the
lines still refused becomes text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import assert_never

from .dialect import (
    BIDI_AND_NUL,
    LINE_SEPARATORS,
    DirectiveBlock,
    Mark,
    Markup,
    RoleUse,
    invisible_character_problems,
    scan_issue,
)
from .model import Problem

#: Rounds of precise edits before whole lines are escaped.
_MAX_PASSES = 4
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


@dataclass
class Reading:
    """An issue's text as the dialect reads it."""

    #: The text with every refused construct made inert; same lines.
    text: str
    #: What the issue may not say, each at its line (the build reports these).
    problems: list[Problem] = field(default_factory=list)
    #: What MyST itself reports when it parses ``text`` (directive options,
    #: arguments); the build's parser reports them, the checker repeats them.
    parse_problems: list[Problem] = field(default_factory=list)
    blocks: list[DirectiveBlock] = field(default_factory=list)
    roles: list[RoleUse] = field(default_factory=list)


def read_issue_text(text: str, docname: str, root: Path | None = None) -> Reading:
    """Read an issue's text against the dialect, and make what it refuses inert.

    ``root`` is the source root: local images and page links are checked
    against it (without it, every local path is refused).
    """
    lines = text.split("\n")
    problems = invisible_character_problems(lines)
    lines = [LINE_SEPARATORS.sub(" ", BIDI_AND_NUL.sub("", line)) for line in lines]
    first = scan_issue(lines, docname, root)
    for refusal in first.refusals:
        problem = Problem(refusal.line, refusal.message)
        if problem not in problems:  # an opening and a closing tag are one construct
            problems.append(problem)
    scan = first
    for attempt in range(_MAX_PASSES + 2):
        fixable = [refusal for refusal in scan.refusals if refusal.marks]
        if not fixable:
            break
        if attempt < _MAX_PASSES:
            marks = [mark for refusal in fixable for mark in refusal.marks]
        else:
            # What precise edits could not reach: every markup character on
            # those lines becomes text.
            marks = [Mark(refusal.line - 1, Markup.LINE) for refusal in fixable]
        for mark in marks:
            if 0 <= mark.line < len(lines):
                lines[mark.line] = _rewrite(lines[mark.line], mark)
        scan = scan_issue(lines, docname, root)
    return Reading("\n".join(lines), problems, scan.parse_problems, scan.blocks, scan.roles)


def _rewrite(line: str, mark: Mark) -> str:
    """The line with the markup at ``mark`` shown as text."""
    match mark.markup:
        case Markup.FIRST:
            return _escape_first(line, mark.needle)
        case Markup.COLUMN:
            return line[: mark.column] + "\\" + line[mark.column :]
        case Markup.LAST:
            # A backslash before its last mark: the line shows the same marks as text.
            return re.sub(r"(\S)(\s*)$", r"\\\1\2", line, count=1)
        case Markup.LINE:
            return _PUNCTUATION.sub(r"\\\1", line.replace("\\", ""))
        case Markup.FIELD:
            return line if line.startswith("#") else f"# {line}"
        case _:
            assert_never(mark.markup)


def _escape_first(line: str, needle: str) -> str:
    """Put a backslash before the first unescaped ``needle`` on the line."""
    start = 0
    while (at := line.find(needle, start)) >= 0:
        if at == 0 or line[at - 1] != "\\":
            return line[:at] + "\\" + line[at:]
        start = at + 1
    return line
