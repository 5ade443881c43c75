"""The archive's Sphinx domain: the store's life cycle, and links to topic pages.

As ``sphinx.ext.todo`` keeps its todos, the domain's data is the store
(:mod:`.data`): Sphinx calls :meth:`~NewsletterDomain.clear_doc` when a
document is read again and :meth:`~NewsletterDomain.merge_domaindata` after a
parallel read, and ``data_version`` discards a pickled store of another shape.

The ``{project}`` and ``{tag}`` roles, and the project and tag line under each
news item, are cross-references of this domain, resolved when pages are
written, when the store knows every tag: so Sphinx's own machinery reports a
reference nothing can satisfy (``nitpicky`` included), in the archive's words.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.nodes import make_refnode

from ..core.rules import message
from ..i18n import _
from . import taxonomy
from .data import DOMAIN, NewsStore, get_store
from .projects import get_registry

logger = logging.getLogger(__name__)

#: Words for a topic reference that has no page.
#: The rule (in :mod:`..core.rules`) of a topic without a page, by kind.
_MISSING = {"tags": "topic.tag_without_page", "projects": "topic.project_without_page"}


class NewsletterDomain(Domain):
    """The archive's domain: its data is the store."""

    name = DOMAIN
    label = _("Newsletter archive")
    #: Bump whenever the shape of what the store keeps changes.
    data_version = 3

    @property
    def store(self) -> NewsStore:
        return get_store(self.env)

    def clear_doc(self, docname: str) -> None:
        self.store.purge(docname)

    def merge_domaindata(self, docnames: set[str], otherdata: dict[str, Any]) -> None:
        other = otherdata.get("store")
        if other is not None:
            self.store.merge(docnames, other)

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: Any,
        contnode: nodes.Element,
    ) -> nodes.reference | None:
        """A link to the page of a project or tag, or to the index of either."""
        if target != "index" and not _has_page(env, typ, target):
            return None
        ref = make_refnode(builder, fromdocname, f"{typ}/{target}", "", contnode)
        ref["classes"].append(f"{typ}-ref")
        return ref

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[tuple[str, nodes.reference]]:
        return []


def _has_page(env: BuildEnvironment, kind: str, slug: str) -> bool:
    return (kind, slug) in _topic_pages(env)


def _topic_pages(env: BuildEnvironment) -> frozenset[tuple[str, str]]:
    """``(kind, slug)`` of every topic page, once per revision of the store.

    Asked for every project and tag link on every page (some 17,000 for 300
    issues); the registry's file is looked at only when the store changed,
    as :func:`.taxonomy.projects` caches its topics.
    """
    store = get_store(env)

    def compute() -> frozenset[tuple[str, str]]:
        # A registered project without published news has no page.
        projects = taxonomy.projects(store, get_registry(env))
        pages = {("tags", slug) for slug in taxonomy.tags(store)}
        pages |= {("projects", pid) for pid, topic in projects.items() if topic.entries}
        return frozenset(pages)

    return store.derived("topic-pages", compute)  # type: ignore[return-value]


def warn_missing_topic(app: Sphinx, domain: Domain, node: nodes.Element) -> bool | None:
    """``warn-missing-reference``: a topic without a page, in the archive's words."""
    if domain is None or domain.name != DOMAIN or node.get("reftype") not in _MISSING:
        return None
    if node["reftype"] == "projects" and not app.config.nitpicky:
        return True  # a known project with no news yet: its name, as text
    logger.warning(
        message(_MISSING[node["reftype"]], name=node.astext()),
        location=node,
        type="newsletter",
        subtype="topic",
    )
    return True
