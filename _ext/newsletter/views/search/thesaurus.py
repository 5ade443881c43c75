"""A bilingual thesaurus from the glossary and the project registry.

Items are written in either language: one says "Serverless", another
无服务器; one 服务网格, another "service mesh". The browser expands a query
through groups of names that mean the same thing, and searches the other
names after the names typed (so exact matches rank first).

The groups come from what editors already maintain, so adding a synonym
never touches code:

* a glossary entry: all its term lines (a Sphinx glossary entry may have
  several, e.g. ``Service Mesh`` and ``服务网格``), plus the expansion its
  definition opens with when written as ``**Full Name**，中文名。``;
* a registered project: its id, display name and ``aliases``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from docutils import nodes
from sphinx import addnodes

from .vocabulary import squash

#: A Chinese name after the expansion is at most this long ("容器运行时接口").
MAX_NAME_LENGTH = 24
_NAME_END = re.compile(r"[。；;：:（(]")


def _opening_names(definition: nodes.Element) -> list[str]:
    """``**Full Name**，中文名。`` at the start of a definition: both names.

    Only this form counts: a bold phrase followed by "：" describes the term
    rather than naming it, as in "**以 Git 为唯一事实来源的运维方式**：…".
    """
    first = next(iter(definition.findall(nodes.paragraph)), None)
    if first is None:
        return []
    # The parser may leave an empty text node before the bold phrase.
    children = [child for child in first.children if child.astext().strip()]
    if not children or not isinstance(children[0], nodes.strong):
        return []
    rest = first.astext().strip()[len(children[0].astext()) :]
    if not rest.startswith(("，", "。", ",")):
        return []
    names = [children[0].astext()]
    if rest.startswith("，"):
        name = _NAME_END.split(rest[1:], maxsplit=1)[0].strip()
        if name and len(name) <= MAX_NAME_LENGTH and "，" not in name:
            names.append(name)
    return names


def glossary_groups(doctree: nodes.document) -> list[list[str]]:
    """The names of each glossary entry of ``doctree``."""
    groups = []
    for glossary in doctree.findall(addnodes.glossary):
        for entry in glossary.findall(nodes.definition_list_item):
            names = [term.astext() for term in entry.findall(nodes.term)]
            definition = next(iter(entry.findall(nodes.definition)), None)
            if definition is not None:
                names += _opening_names(definition)
            groups.append(names)
    return groups


def registry_groups(registry: Mapping[str, Sequence[str]]) -> list[list[str]]:
    """Project id -> its names, as groups."""
    return [[project_id, *names] for project_id, names in sorted(registry.items())]


def thesaurus(groups: Iterable[Sequence[str]]) -> list[list[str]]:
    """Groups of two or more spellings that differ, each name once, sorted."""
    found = []
    for group in groups:
        kept: dict[str, str] = {}
        for name in group:
            name = " ".join(name.split())
            if name and squash(name) and squash(name) not in kept:
                kept[squash(name)] = name
        if len(kept) > 1:
            found.append(list(kept.values()))
    return sorted(found)
