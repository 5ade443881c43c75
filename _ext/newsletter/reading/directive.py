"""The ``news`` directive: one news item, written by an editor.

The directive only builds nodes and checks what it can see locally (the link,
the id). Which section the item sits in is known only once the whole document
is parsed, so collecting the item into the store happens later, in
:mod:`newsletter.reading.collector`.
"""

from __future__ import annotations

from typing import Any, ClassVar

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..core.anchors import ItemAnchors
from ..core.dialect import NewsSpec, option_lines
from ..core.model import source_link_problem, tag_slug
from ..core.rules import message
from ..store.projects import get_registry, project_label, resolve_projects
from .nodes import news_item, news_title, topic_node

logger = logging.getLogger(__name__)

#: ``env.temp_data`` key of the anchors given so far in the document being read.
_ANCHORS = "newsletter_item_anchors"


class NewsDirective(SphinxDirective):
    """``news``: a title (the argument), a source link, projects, tags, a body."""

    required_arguments = NewsSpec.required_arguments
    final_argument_whitespace = NewsSpec.final_argument_whitespace
    has_content = NewsSpec.has_content
    option_spec: ClassVar[dict[str, Any]] = NewsSpec.option_spec

    def run(self) -> list[nodes.Node]:
        title = " ".join(self.arguments[0].split())
        link = (self.options.get("link") or "").strip()
        item = news_item(classes=["news-item"])
        self.set_source_info(item)
        item["title"] = title
        # Option problems point at the option's own line, as ``make check`` does.
        content = self.block_text.split("\n", 1)[1] if "\n" in self.block_text else ""
        self._option_lines = option_lines(content, self.lineno)
        item["projects"] = self._projects(item)
        item["tags"] = self.options.get("tags", [])
        item["noglossary"] = "noglossary" in self.options
        item["link"] = self._checked_link(link, item)
        anchor = self._anchor(title, item)
        item["ids"].append(anchor)
        self.state.document.ids.setdefault(anchor, item)

        heading = news_title(classes=["news-item-title"])
        self.set_source_info(heading)
        if item["link"]:
            heading += nodes.reference(title, title, refuri=item["link"])
        else:
            heading += nodes.Text(title)
        item += heading
        meta = self._meta_line(item)
        if meta is not None:
            item += meta
        item.extend(self.parse_content_to_nodes())
        if not self.content:
            logger.warning(
                message("item.no_body", title=title),
                location=item,
                type="newsletter",
                subtype="item",
            )
        return [item]

    def _meta_line(self, item: news_item) -> nodes.paragraph | None:
        """Projects and tags under the title, each linking to its page."""
        if not item["projects"] and not item["tags"]:
            return None
        meta = nodes.paragraph(classes=["news-item-meta"])
        refs = [
            topic_node("projects", pid, project_label(self.env, pid)) for pid in item["projects"]
        ]
        refs += [topic_node("tags", tag_slug(tag), tag, quiet=True) for tag in item["tags"]]
        for ref in refs:
            self.set_source_info(ref)
            meta += ref
        return meta

    def _projects(self, item: news_item) -> list[str]:
        ids, unknown = resolve_projects(self.env, self.options.get("projects", []))
        registry = get_registry(self.env)
        for name in unknown:
            logger.warning(
                registry.unknown_message(name),
                location=self._at("projects"),
                type="newsletter",
                subtype="project",
            )
        return ids

    def _checked_link(self, link: str, item: news_item) -> str:
        """Return ``link`` when it may be rendered as a link, else ''."""
        problem = source_link_problem(link)
        if problem is not None:
            logger.warning(problem, location=self._at("link"), type="newsletter", subtype="link")
            return ""
        return link

    def _at(self, option: str) -> tuple[str, int]:
        """The location of ``option`` as written (the directive's line without it)."""
        return (self.env.docname, self._option_lines.get(option, self.lineno))

    def _anchor(self, title: str, item: news_item) -> str:
        """An anchor that depends only on this item, unique in the document."""
        anchors: ItemAnchors = self.env.temp_data.setdefault(_ANCHORS, ItemAnchors())
        explicit = self.options.get("id") or ""
        anchor, problems = anchors.give(title, explicit, self.state.document.ids)
        for problem in problems:
            logger.warning(problem, location=self._at("id"), type="newsletter", subtype="id")
        return anchor
