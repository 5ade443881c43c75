"""The project registry: ids, display names, links and aliases.

A pure module (no Sphinx): the build, the checker and the importer resolve
project names the same way. Editors and published issues spell projects many
ways ("K8s", "Kubernetes 项目", "Istio/Envoy"); everything downstream sees
only registry ids.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .frontmatter import load_yaml
from .i18n import _
from .model import Problem, is_safe_link, slugify

#: Where the registry lives, relative to the archive's root.
REGISTRY_FILE = "docs/projects.yaml"

_KEY_NOISE = re.compile(r"[\s_\-·.]+")
_PROJECT_SUFFIX = re.compile(r"(项目|project)$")


def lookup_key(name: str) -> str:
    """Fold the spellings of one name together: case, spaces, dashes, '项目'."""
    folded = _KEY_NOISE.sub("", unicodedata.normalize("NFKC", name).lower())
    return _PROJECT_SUFFIX.sub("", folded) or folded


@dataclass(frozen=True)
class Project:
    id: str
    name: str
    homepage: str = ""
    repository: str = ""
    aliases: tuple[str, ...] = ()
    description: str = ""


@dataclass
class Registry:
    projects: dict[str, Project] = field(default_factory=dict)
    #: lookup key → project ids (one id, or several for a group).
    index: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def resolve(self, name: str) -> tuple[str, ...]:
        """The project ids ``name`` stands for; empty when it is unknown."""
        return self.index.get(lookup_key(name), ())

    def suggest(self, name: str) -> str | None:
        """The id of the closest known project, for "did you mean" hints."""
        keys = {lookup_key(p.id): p.id for p in self.projects.values()}
        keys.update({k: ids[0] for k, ids in self.index.items() if len(ids) == 1})
        close = difflib.get_close_matches(lookup_key(name), list(keys), n=1, cutoff=0.6)
        return keys[close[0]] if close else None

    def unknown_message(self, name: str) -> str:
        hint = self.suggest(name)
        suffix = _("; did you mean {hint}?").format(hint=hint) if hint else ""
        return _("Unknown project '{name}' (not in docs/projects.yaml){suffix}").format(
            name=name, suffix=suffix
        )


def _str_list(value: Any) -> tuple[str, ...] | None:
    if value is None:
        return ()
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(v.strip() for v in value if v.strip())
    return None


def build_registry(
    data: Any, lines: dict[str, int] | None = None
) -> tuple[Registry, list[Problem]]:
    """Check raw registry data and index every name it defines.

    Ambiguity is an error: an alias claimed by two projects, or a group name
    that is also a project's name, would make resolution depend on order.
    """
    lines = lines or {}
    problems: list[Problem] = []
    registry = Registry()
    if not isinstance(data, dict) or not isinstance(data.get("projects", {}), dict):
        return registry, [Problem(1, _("The project registry should hold a projects: mapping"))]

    owners: dict[str, str] = {}

    def claim(name: str, ids: tuple[str, ...], owner: str) -> None:
        key = lookup_key(name)
        previous = owners.get(key)
        if previous is not None and registry.index[key] != ids:
            problems.append(
                Problem(
                    lines.get(owner, 1),
                    _("Name '{name}' points to both {previous} and {owner}; keep only one").format(
                        name=name, previous=previous, owner=owner
                    ),
                )
            )
            return
        owners.setdefault(key, owner)
        registry.index[key] = ids

    for pid, entry in (data.get("projects") or {}).items():
        line = lines.get(str(pid), 1)
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            problems.append(Problem(line, _("Project '{id}' has no name").format(id=pid)))
            continue
        if slugify(str(pid)) != str(pid):
            problems.append(
                Problem(
                    line,
                    _("Project id '{id}' should be a lower-case slug, such as '{slug}'").format(
                        id=pid, slug=slugify(str(pid))
                    ),
                )
            )
            continue
        aliases = _str_list(entry.get("aliases"))
        if aliases is None:
            problems.append(
                Problem(line, _("The aliases of project '{id}' should be a list").format(id=pid))
            )
            aliases = ()
        for key in ("homepage", "repository"):
            url = entry.get(key, "")
            if url and not (isinstance(url, str) and is_safe_link(url)):
                problems.append(
                    Problem(
                        line,
                        _("The {key} of project '{id}' should be an http(s) address").format(
                            key=key, id=pid
                        ),
                    )
                )
        project = Project(
            id=str(pid),
            name=entry["name"].strip(),
            homepage=str(entry.get("homepage") or ""),
            repository=str(entry.get("repository") or ""),
            aliases=aliases,
            description=str(entry.get("description") or ""),
        )
        registry.projects[project.id] = project
        for name in dict.fromkeys((project.id, project.name, *aliases)):
            claim(name, (project.id,), project.id)

    groups = data.get("groups") or {}
    for group, members in groups.items() if isinstance(groups, dict) else ():
        ids = _str_list(members)
        line = lines.get(str(group), 1)
        if not ids:
            problems.append(
                Problem(line, _("Group '{group}' should list project ids").format(group=group))
            )
            continue
        missing = [m for m in ids if m not in registry.projects]
        if missing:
            problems.append(
                Problem(
                    line,
                    _("Group '{group}' names unknown projects {missing}").format(
                        group=group, missing=", ".join(missing)
                    ),
                )
            )
            continue
        if len(set(ids)) == 1 and lookup_key(str(group)) == lookup_key(ids[0]):
            problems.append(
                Problem(line, _("Group '{group}' points only to itself").format(group=group))
            )
            continue
        claim(str(group), ids, _("group {group}").format(group=group))
    return registry, problems


def load_registry(path: Path) -> tuple[Registry, list[Problem]]:
    """Read ``docs/projects.yaml``; a missing file is an empty registry."""
    if not path.is_file():
        return Registry(), []
    text = path.read_text(encoding="utf-8")
    try:
        root, data = load_yaml(text, getattr(yaml, "CSafeLoader", yaml.SafeLoader), yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return Registry(), [
            Problem(
                mark.line + 1 if mark else 1,
                _("The project registry is not valid YAML: {error}").format(error=exc),
            )
        ]
    return build_registry(data, _key_lines(root))


def _key_lines(root: yaml.Node | None) -> dict[str, int]:
    """1-based lines of the keys two levels deep (project ids, group names)."""
    lines: dict[str, int] = {}
    if not isinstance(root, yaml.MappingNode):
        return lines
    for _key, section in root.value:
        if isinstance(section, yaml.MappingNode):
            for key, _value in section.value:
                lines[str(key.value)] = key.start_mark.line + 1
    return lines
