"""Compiler-style messages: ``file:line: 错误：message``.

Every tool prints problems the same way, so editors and their editors'
"jump to error" features read one format, and the exit status says whether
anything is an error (warnings never fail a run; information lines, such as
the name of a draft, are not counted).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TextIO

from ..core.i18n import N_, _, ngettext, pgettext
from ..core.model import Problem
from .annotations import in_github_actions, workflow_command

SEVERITY_LABELS = {"error": N_("error"), "warning": N_("warning"), "info": N_("note")}


@dataclass(frozen=True)
class Message:
    """A problem located in one file."""

    path: str
    problem: Problem

    def __str__(self) -> str:
        label = _(SEVERITY_LABELS.get(self.problem.severity, self.problem.severity))
        return _("{file}:{line}: {severity}: {message}").format(
            file=self.path, line=self.problem.line, severity=label, message=self.problem.message
        )


def located(path: str, problems: Iterable[Problem]) -> list[Message]:
    return [Message(path, p) for p in problems]


def print_messages(
    messages: Iterable[Message], out: TextIO | None = None, annotate: bool | None = None
) -> int:
    """Print sorted messages and a count; return the exit status (1 on errors).

    With ``annotate`` (by default: under GitHub Actions) each message is also
    printed as a workflow command, so it shows on its line of a pull request.
    """
    out = out or sys.stdout
    annotate = in_github_actions() if annotate is None else annotate
    ordered = sorted(messages, key=lambda m: (m.path, m.problem.line, m.problem.message))
    for message in ordered:
        print(message, file=out)
    if annotate:
        for message in ordered:
            print(workflow_command(message.path, message.problem), file=out)
    errors = sum(m.problem.severity == "error" for m in ordered)
    warnings = sum(m.problem.severity == "warning" for m in ordered)
    print(
        ngettext("{errors} error", "{errors} errors", errors).format(errors=errors)
        + pgettext("counts", ", ")
        + ngettext("{warnings} warning", "{warnings} warnings", warnings).format(warnings=warnings),
        file=out,
    )
    return 1 if errors else 0
