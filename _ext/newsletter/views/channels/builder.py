"""What the WeChat and e-mail builders share: one issue, rendered from the store.

A channel is a view of the same environment the site is built from (``-b
wechat``/``-b email`` with ``-D newsletter_channel_issue=N``): the issue's
doctree comes out of the environment resolved like the site's (glossary
links, topics), and Sphinx's HTML5 translator renders it. Every link points
at the published site, images included, because the result is read far from
it. Only the selected issue is written. The rendered HTML keeps only what
the archive's allow-list (:mod:`newsletter.core.html_policy`) allows, before
any template or inliner sees it.

Each edition is a channel of ``newsletter_channels``: a site that leaves
``wechat`` or ``email`` out gets one error from its builder, located at
conf.py, and nothing is written.
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from docutils import nodes
from sphinx.builders import Builder
from sphinx.util import logging

from ...compat import equip_for_html_translator
from ...core.channels import publishes
from ...core.html_policy import clean_html
from ...core.model import Issue
from ...core.settings import CHANNELS, conf_location
from ...core.sources import survey
from ...i18n import _
from ...siteurl import absolute_url
from ...store.data import get_store
from .translator import ChannelTranslator

logger = logging.getLogger(__name__)

#: Classes of the parts of an issue page that only make sense on the site:
#: the project and tag links, each a way into the site's indexes.
SITE_ONLY = frozenset({"news-item-meta", "issue-tags"})


@dataclass(frozen=True)
class RenderedIssue:
    """An issue ready for a channel."""

    issue: Issue
    #: The issue's canonical address on the site.
    url: str
    #: The resolved doctree, without the site-only parts.
    doctree: nodes.document


class ChannelBuilder(Builder):
    """Base of the channel builders: selects, resolves and renders one issue."""

    format = "channel"
    default_translator_class = ChannelTranslator
    supported_image_types: ClassVar[list[str]] = [
        "image/svg+xml",
        "image/png",
        "image/gif",
        "image/jpeg",
    ]
    supported_remote_images = True

    def init(self) -> None:
        # Images are published by the site under _images/.
        equip_for_html_translator(self, absolute_url(self.config, "_images"))
        self.refused = not publishes(self.config.newsletter_channels, self.name)
        if self.refused:
            # An error, not an exception: one line, no traceback. Sphinx
            # still reads the site (its build steps are final); nothing is written.
            logger.error(
                _(
                    "The {channel} channel is off: newsletter_channels in conf.py does not name it"
                ).format(channel=self.name),
                type="newsletter",
                subtype="channel",
                location=conf_location(self.confdir, CHANNELS.name),
            )

    def get_outdated_docs(self) -> str:
        # Sphinx prints it as the target.
        return _("Issue {number}").format(number=self.config.newsletter_channel_issue)

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        """The absolute address of ``docname`` on the site."""
        suffix = self.config.html_file_suffix or ".html"
        return absolute_url(self.config, docname + suffix)

    def get_relative_uri(self, from_: str, to: str, typ: str | None = None) -> str:
        # A copy read outside the site can only use absolute addresses.
        return self.get_target_uri(to, typ)

    def selected_issue(self) -> Issue | str:
        """The published issue ``newsletter_channel_issue`` names, or why there is none."""
        number = self.config.newsletter_channel_issue
        if number <= 0:
            return _(
                "Choose an issue with -D newsletter_channel_issue=<number> (N=<number> with make)"
            )
        found = [i for i in get_store(self.env).issues.values() if i.number == number]
        if not found and f"issues/{number:03d}.md" in survey(Path(self.srcdir)).drafts:
            return _(
                "Issue {number} is a draft (draft: true) and cannot be published to a channel"
            ).format(number=number)
        if not found:
            return _("There is no issue {number}").format(number=number)
        if found[0].draft:
            return _(
                "Issue {number} is a draft (draft: true) and cannot be published to a channel"
            ).format(number=number)
        return found[0]

    def write_documents(self, docnames: Set[str]) -> None:
        """Write the selected issue only, whatever else changed."""
        if self.refused:
            return
        issue = self.selected_issue()
        if isinstance(issue, str):
            # An error, not an exception: the editor gets one line, no traceback.
            logger.error(issue, type="newsletter", subtype="channel")
            return
        doctree = self.env.get_and_resolve_doctree(issue.docname, self, tags=self.tags)
        self.post_process_images(doctree)
        for node in list(doctree.findall(nodes.Element)):
            if SITE_ONLY & set(node.get("classes", ())):
                node.parent.remove(node)
        self.current_docname = issue.docname
        self.publish(RenderedIssue(issue, self.get_target_uri(issue.docname), doctree))

    def code_css(self) -> str:
        """Pygments' colours for code blocks, to be inlined with the channel's own."""
        return self.highlighter.get_stylesheet()

    def render(self, doctree: nodes.document) -> str:
        """The HTML of ``doctree``'s body, by Sphinx's HTML5 translator, allow-listed."""
        doctree.settings = self.docsettings
        visitor = self.create_translator(doctree, self)
        doctree.walkabout(visitor)
        return clean_html("".join(visitor.fragment))

    def publish(self, rendered: RenderedIssue) -> None:
        """Write the channel's files for ``rendered``."""
        raise NotImplementedError

    def out_path(self, issue: Issue, suffix: str) -> Path:
        """``NNN<suffix>`` in the output folder."""
        return Path(self.outdir) / f"{issue.number:03d}{suffix}"
