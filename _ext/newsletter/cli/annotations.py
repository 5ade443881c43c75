"""GitHub Actions workflow commands: each message on the line it is about.

Under GitHub Actions (``GITHUB_ACTIONS=true``) the checker prints every
message a second time as a workflow command (``::error file=…,line=…::…``),
which GitHub shows on that line of the pull request's diff. The escaping is
GitHub's documented one (``%``, CR and LF in the message; also ``:`` and
``,`` in a property); a dependency for five replacements would weigh more
than it saves.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from ..core.model import Problem

#: The workflow command of each severity ("info" is GitHub's "notice").
COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def in_github_actions(environ: Mapping[str, str] | None = None) -> bool:
    """Whether this run is a GitHub Actions job (GitHub sets ``GITHUB_ACTIONS=true``)."""
    return (os.environ if environ is None else environ).get("GITHUB_ACTIONS") == "true"


def escape_data(text: str) -> str:
    """A message as a workflow command's data."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A value of a workflow command's property (``file=…``, ``title=…``)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workflow_command(path: str, problem: Problem) -> str:
    """``::error file=issues/004.md,line=16::未知项目 …`` for one message."""
    command = COMMANDS.get(problem.severity, "warning")
    return f"::{command} file={escape_property(path)},line={problem.line}::{escape_data(problem.message)}"
