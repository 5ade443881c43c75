"""Which registered projects an imported item is about, from strong evidence only.

An item on the wrong project page misleads every reader who follows that
project, while an item without a project only misses one page, so only
evidence that leaves little doubt counts: the source link points into a
project's repository or homepage (as ``docs/projects.yaml`` lists them), or
into an organisation on a code host whose name the registry knows as that
project's, or the title names the project (its name or an alias, as a whole
word) while the link is not some other project's repository. Each inference carries its reason, for the import summary.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from ...core.i18n import _
from ...core.registry import Project, Registry

#: Hosts where the first path segment is an organisation or a user.
CODE_HOSTS = frozenset({"github.com", "gitlab.com", "bitbucket.org", "codeberg.org"})
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9+]*(?:[-.][A-Za-z0-9+]+)*")
#: Longest run of words a registered name spans ("Envoy Proxy", "Argo CD").
_MAX_WORDS = 3


@dataclass(frozen=True)
class Inference:
    """The projects of one item and, for each, why."""

    projects: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()


@functools.cache
def _host(url: str) -> str:
    try:
        netloc = urlsplit(url.strip()).netloc
    except ValueError:  # e.g. an unclosed "[" in the host: no host to infer from
        return ""
    return netloc.lower().split("@")[-1].split(":")[0].removeprefix("www.")


@functools.cache
def _path(url: str) -> tuple[str, ...]:
    try:
        path = urlsplit(url.strip()).path
    except ValueError:
        return ()
    return tuple(p for p in path.lower().split("/") if p)


def _under(link: str, base: str) -> bool:
    """``link`` is ``base`` or a page below it (host and path segments)."""
    if not base or _host(link) != _host(base):
        return False
    prefix = _path(base)
    return _path(link)[: len(prefix)] == prefix


def _by_link(registry: Registry, link: str) -> tuple[Project, str] | None:
    for project in registry.projects.values():
        if _under(link, project.repository):
            return project, _("the link points to its repository")
    for project in registry.projects.values():
        if _under(link, project.homepage):
            return project, _("the link points to its home page")
    path = _path(link)
    if _host(link) in CODE_HOSTS and path:
        owners = registry.resolve(path[0])
        if len(owners) == 1:
            why = _("the link points to the organisation {owner} on {host}")
            return registry.projects[owners[0]], why.format(owner=path[0], host=_host(link))
    return None


def _spellings(project: Project) -> set[str]:
    return {project.name, *project.aliases}


def _named(registry: Registry, words: list[str]) -> Project | None:
    """The one project ``words`` spell, as a whole phrase."""
    phrase = " ".join(words)
    ids = registry.resolve(phrase)
    if len(ids) != 1:
        return None
    project = registry.projects[ids[0]]
    if phrase.islower() and phrase not in _spellings(project):
        return None
    return project


def _by_title(registry: Registry, title: str) -> list[tuple[Project, str]]:
    """Projects the title names as whole words.

    An all-lower-case word counts only where the registry spells the name so
    ("containerd"), so that "helm" or "flux" in running English text does not.
    """
    words = [m.group(0) for m in _WORD.finditer(title)]
    found: dict[str, tuple[Project, str]] = {}
    start = 0
    while start < len(words):
        size = next(
            (n for n in range(_MAX_WORDS, 0, -1) if _named(registry, words[start : start + n])),
            1,
        )
        project = _named(registry, words[start : start + size])
        if project is not None and project.id not in found:
            named = " ".join(words[start : start + size])
            found[project.id] = (project, _("the title names {name}").format(name=named))
        start += size
    return list(found.values())


def projects_named(registry: Registry, text: str) -> set[str]:
    """The ids of the projects ``text`` names as whole words (a group's items
    are about the group's projects they name)."""
    return {project.id for project, _why in _by_title(registry, text)}


def infer_projects(registry: Registry, title: str, link: str) -> Inference:
    """The projects an item with ``title`` and source ``link`` is about."""
    found: list[tuple[Project, str]] = []
    linked = _by_link(registry, link) if link else None
    if linked is not None:
        found.append(linked)
    elif _host(link) in CODE_HOSTS and len(_path(link)) >= 2:
        # The link is some other repository ("Descheduler Helm Chart" lives in
        # kubernetes-sigs): that unregistered project is the subject, not Helm.
        return Inference()
    found += [(p, why) for p, why in _by_title(registry, title) if linked is None or p != linked[0]]
    return Inference(
        tuple(p.id for p, _why in found),
        tuple(_("{project} ({why})").format(project=p.id, why=why) for p, why in found),
    )
