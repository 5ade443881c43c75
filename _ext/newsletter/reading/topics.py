"""Links to project and tag pages: the ``{project}`` and ``{tag}`` roles.

Both roles, and the project and tag line under every news item, produce a
cross-reference of the archive's domain (:mod:`..store.domain`), resolved when the
page is written into a link to ``projects/<id>.html`` or ``tags/<slug>.html``.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole

from ..core.model import explicit_target, tag_slug
from ..i18n import N_, _
from ..store.projects import get_registry, project_label, resolve_projects
from .nodes import topic_node

logger = logging.getLogger(__name__)


class ProjectRole(SphinxRole):
    """``{project}`envoy``` or ``{project}`代理 <envoy>```."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        label, name = explicit_target(self.text)
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
        label, name = explicit_target(self.text)
        node = topic_node("tags", tag_slug(name.strip()), label or name.strip())
        self.set_source_info(node)
        return [node], []


#: Targets of ``{archive-index}`` and their labels.
INDEX_PAGES = {"projects": N_("Projects index"), "tags": N_("Tags index")}


class ArchiveIndexRole(SphinxRole):
    """``{archive-index}`projects``` or ``{archive-index}`tags```: the index pages."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        kind = self.text.strip()
        if kind not in INDEX_PAGES:
            logger.warning(
                _("archive-index accepts only %s, not '%s'"),
                _(", ").join(INDEX_PAGES),
                kind,
                location=self.get_location(),
                type="newsletter",
                subtype="topic",
            )
            return [nodes.Text(self.text)], []
        return [topic_node(kind, "index", _(INDEX_PAGES[kind]))], []
