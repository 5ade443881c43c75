"""Which files under ``issues/`` are issues, which are refused, which are drafts.

Sphinx reads every source file it finds under ``issues/`` (Markdown, and
reStructuredText with its ``include`` and ``raw`` directives) and follows
symbolic links while it looks. An issue is instead exactly a regular file
``issues/NNN.md`` inside the repository: anything else is refused with a
message, and the build excludes it before reading a byte of it. Drafts
(``draft: true``) are excluded too unless the editor previews them. The build
and the checker both ask :func:`survey`, so they agree file by file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path

from .frontmatter import read_front_matter
from .i18n import _
from .source_text import read_source

ISSUES_FOLDER = "issues"
_ISSUE_NAME = re.compile(r"^\d{3,}\.md$")


@dataclass(frozen=True)
class Refusal:
    """A file under ``issues/`` that is not an issue; ``path`` is relative to the root."""

    path: str
    message: str
    #: Exclude patterns that keep the build from reading it (a folder needs two).
    patterns: tuple[str, ...]


@dataclass
class Survey:
    issues: list[str] = field(default_factory=list)
    drafts: list[str] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)


def survey(root: Path, suffixes: Iterable[str] = (".md", ".rst")) -> Survey:
    """Sort every file under ``root/issues`` the build could read."""
    result = Survey()
    top = root / ISSUES_FOLDER
    if not top.is_dir() or top.is_symlink():
        if top.is_symlink():
            result.refused.append(
                Refusal(
                    ISSUES_FOLDER,
                    _("The issues/ folder may not be a symbolic link"),
                    (ISSUES_FOLDER + "/**",),
                )
            )
        return result
    suffixes = tuple(suffixes)
    for folder, dirnames, filenames in os.walk(top):
        base = Path(folder)
        for name in sorted(dirnames):
            if (base / name).is_symlink():
                rel = (base / name).relative_to(root).as_posix()
                message = _(
                    "{path} is a symbolic link; the issues folder may hold no links elsewhere"
                ).format(path=rel)
                result.refused.append(Refusal(rel, message, (rel, rel + "/**")))
        dirnames[:] = sorted(d for d in dirnames if not (base / d).is_symlink())
        for name in sorted(filenames):
            path = base / name
            rel = path.relative_to(root).as_posix()
            if not name.endswith(suffixes):
                continue
            if path.is_symlink():
                message = _(
                    "{path} is a symbolic link; an issue file must be a plain file of the repository"
                ).format(path=rel)
            elif base != top or not _ISSUE_NAME.match(name):
                message = _(
                    "{path} is not an issue file: an issue is a .md file under issues/ named by its number (such as 004.md)"
                ).format(path=rel)
            else:
                result.issues.append(rel)
                if _is_draft(path):
                    result.drafts.append(rel)
                continue
            result.refused.append(Refusal(rel, message, (rel,)))
    return result


def _is_draft(path: Path) -> bool:
    """``draft: true`` in the front matter (only parsed when the word is there)."""
    try:
        text = read_source(path)
    except OSError:
        return False
    head = text[: text.find("\n---", 3) + 1] if text.startswith("---") else ""
    if "draft" not in head:
        return False
    fm, _problems = read_front_matter(text)
    return fm is not None and fm.data.get("draft") is True


def is_issue_doc(pattern: str, docname: str) -> bool:
    """True when ``docname`` is a weekly issue (by ``newsletter_issue_pattern``)."""
    return fnmatch(docname, pattern)
