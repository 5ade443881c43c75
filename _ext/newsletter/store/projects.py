"""The project registry inside Sphinx: loading, checking, resolving names.

The registry file is read once per process and re-read when it changes;
every document with news items depends on it, so editing the registry
re-reads exactly the documents whose project links it could change.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from ..core.model import Problem
from ..core.registry import Registry, load_registry

logger = logging.getLogger(__name__)

_cache: dict[str, tuple[float, Registry, list[Problem]]] = {}


def registry_path(env: BuildEnvironment) -> Path:
    return Path(env.srcdir) / env.config.newsletter_projects_file


def _loaded(env: BuildEnvironment) -> tuple[Registry, list[Problem]]:
    """The registry and its problems, read once per change of the file.

    Asked for every item, entry and project link of a build: one ``stat``
    of the file is all a lookup costs when it has not changed.
    """
    name = os.path.join(env.srcdir, env.config.newsletter_projects_file)
    try:
        info = os.stat(name)
    except OSError:
        mtime = 0.0
    else:
        mtime = info.st_mtime if stat.S_ISREG(info.st_mode) else 0.0
    cached = _cache.get(name)
    if cached is None or cached[0] != mtime:
        cached = (mtime, *load_registry(Path(name)))
        _cache[name] = cached
    return cached[1], cached[2]


def get_registry(env: BuildEnvironment) -> Registry:
    """The registry of this build (an empty one when the file is absent)."""
    return _loaded(env)[0]


def check_registry(app: Sphinx) -> None:
    """``builder-inited``: report registry problems once, with their lines."""
    path = registry_path(app.env)
    for problem in _loaded(app.env)[1]:
        logger.warning(
            problem.message,
            location=f"{path}:{problem.line}",
            type="newsletter",
            subtype="registry",
        )


def resolve_projects(env: BuildEnvironment, names: list[str]) -> tuple[list[str], list[str]]:
    """Map names to registry ids; returns ``(ids, unknown names)``.

    Without a registry file, names are kept as written (small projects and
    test fixtures need not keep one).
    """
    path = registry_path(env)
    if not path.is_file():
        return list(dict.fromkeys(names)), []
    env.note_dependency(str(path))
    registry = get_registry(env)
    ids: list[str] = []
    unknown: list[str] = []
    for name in names:
        found = registry.resolve(name)
        if found:
            ids.extend(found)
        else:
            unknown.append(name)
    return list(dict.fromkeys(ids)), unknown


def project_label(env: BuildEnvironment, pid: str) -> str:
    """The display name of project ``pid`` (the id itself when unknown)."""
    project = get_registry(env).projects.get(pid)
    return project.name if project else pid
