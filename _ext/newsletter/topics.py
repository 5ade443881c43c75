"""Links to project and tag pages: the ``{project}`` and ``{tag}`` roles.

Both roles, and the project and tag line under every news item, produce a
``topic_ref`` node. It is resolved at write time, when the store knows every
tag, into a link to ``projects/<id>.html`` or ``tags/<slug>.html``.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole

from . import taxonomy
from .model import tag_slug
from .projects import get_registry, resolve_projects
from .store import get_store

logger = logging.getLogger(__name__)

_EXPLICIT = re.compile(r"^(.+?)\s*<(.+)>$", re.DOTALL)


class topic_ref(nodes.inline):  # noqa: N801 - docutils naming
    """A link to a project or tag page, resolved at write time."""


def topic_node(kind: str, slug: str, text: str, *, quiet: bool = False) -> topic_ref:
    """A pending link; ``quiet`` ones fall back to text without a warning
    (an item's own tags in a draft have no page, and that is expected)."""
    # Not ``slug=``: MyST turns any element's "slug" attribute into an HTML id.
    return topic_ref(text, text, kind=kind, topic=slug, quiet=quiet, classes=[f"{kind}-ref"])


def project_label(env: object, pid: str) -> str:
    project = get_registry(env).projects.get(pid)  # type: ignore[arg-type]
    return project.name if project else pid


class ProjectRole(SphinxRole):
    """``{project}`envoy``` or ``{project}`代理 <envoy>```."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        match = _EXPLICIT.match(self.text)
        label, name = (match.group(1), match.group(2)) if match else (None, self.text)
        ids, unknown = resolve_projects(self.env, [name.strip()])
        if unknown or not ids:
            registry = get_registry(self.env)
            logger.warning(
                registry.unknown_message(name),
                location=self.get_location(),
                type="newsletter",
                subtype="project",
            )
            return [nodes.Text(label or name)], []
        return [topic_node("projects", ids[0], label or project_label(self.env, ids[0]))], []


class TagRole(SphinxRole):
    """``{tag}`安全``` or ``{tag}`安全新闻 <安全>```."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        match = _EXPLICIT.match(self.text)
        label, name = (match.group(1), match.group(2)) if match else (None, self.text)
        node = topic_node("tags", tag_slug(name.strip()), label or name.strip())
        self.set_source_info(node)
        return [node], []


#: Targets of ``{archive-index}`` and their labels.
INDEX_PAGES = {"projects": "项目索引", "tags": "标签索引"}


class ArchiveIndexRole(SphinxRole):
    """``{archive-index}`projects``` or ``{archive-index}`tags```: the index pages."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        kind = self.text.strip()
        if kind not in INDEX_PAGES:
            logger.warning(
                "archive-index 只接受 %s，而不是 '%s'",
                "、".join(INDEX_PAGES),
                kind,
                location=self.get_location(),
                type="newsletter",
                subtype="topic",
            )
            return [nodes.Text(self.text)], []
        return [topic_node(kind, "index", INDEX_PAGES[kind])], []


def resolve_topic_refs(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: turn each ``topic_ref`` into a link."""
    known_tags = taxonomy.tags(get_store(app.env))
    projects = taxonomy.projects(get_store(app.env), get_registry(app.env))
    for node in list(doctree.findall(topic_ref)):
        if node["kind"] == "projects" and node["topic"] != "index":
            topic = projects.get(node["topic"])
            if topic is None or not topic.entries:
                # A registered project without published news has no page.
                node.replace_self(
                    nodes.inline(node.astext(), node.astext(), classes=node["classes"])
                )
                continue
        if node["kind"] == "tags" and node["topic"] not in known_tags and node["topic"] != "index":
            if node.get("quiet"):
                node.replace_self(
                    nodes.inline(node.astext(), node.astext(), classes=node["classes"])
                )
                continue
            logger.warning(
                "标签 '%s' 还没有任何新闻使用，无法链接",
                node.astext(),
                location=node,
                type="newsletter",
                subtype="tag",
            )
            node.replace_self(nodes.inline(node.astext(), node.astext()))
            continue
        uri = app.builder.get_relative_uri(docname, f"{node['kind']}/{node['topic']}")
        ref = nodes.reference("", "", internal=True, refuri=uri, classes=node["classes"])
        ref += nodes.Text(node.astext())
        node.replace_self(ref)
