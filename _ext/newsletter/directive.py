"""The ``news`` directive: one news item, written by an editor.

The directive only builds nodes and checks what it can see locally (the link,
the id). Which section the item sits in is known only once the whole document
is parsed, so collecting the item into the store happens later, in
:mod:`newsletter.collector`.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .core.dialect import NewsSpec, option_lines
from .core.model import slugify, source_link_problem, tag_slug
from .nodes import news_item, news_title, topic_node
from .projects import get_registry, project_label, resolve_projects

logger = logging.getLogger(__name__)

_EXPLICIT_ID = re.compile(r"^[\w-]+$", re.UNICODE)
#: ``env.temp_data`` key of the anchors used so far in the document being read.
_USED_IDS = "newsletter_item_ids"


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
                "新闻条目“%s”没有正文", title, location=item, type="newsletter", subtype="item"
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
        """An anchor that depends only on this item, unique in the document.

        An explicit ``:id:`` wins; otherwise the title's slug. Derived slugs
        that collide get a numeric suffix; explicit ones that collide are an
        editor's mistake and are reported.
        """
        used: set[str] = self.env.temp_data.setdefault(_USED_IDS, set())
        explicit = (self.options.get("id") or "").strip()
        if explicit:
            anchor = explicit if _EXPLICIT_ID.match(explicit) else (slugify(explicit) or "item")
            if anchor != explicit:
                logger.warning(
                    "条目 id %r 含有不允许的字符，已改为 %r",
                    explicit,
                    anchor,
                    location=item,
                    type="newsletter",
                    subtype="id",
                )
            if anchor in used or anchor in self.state.document.ids:
                logger.warning(
                    "条目 id %r 在本期中重复",
                    anchor,
                    location=item,
                    type="newsletter",
                    subtype="id",
                )
        else:
            anchor = slugify(title) or "item"
        base, n = anchor, 2
        while anchor in used or anchor in self.state.document.ids:
            anchor, n = f"{base}-{n}", n + 1
        used.add(anchor)
        return anchor
