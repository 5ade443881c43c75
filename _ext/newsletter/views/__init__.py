"""The views: each reads the store and the core, and never another view.

A view turns the one store of issues and items into something a reader
sees: the issue page's header, the lists of issues, the tag and project
pages, the glossary's "used in" lists, the feeds, ``news.json``, the search
index, the sitemap, the social cards, link health and the WeChat and e-mail
editions. What two views share (an address, a label, a date format) lives in
:mod:`newsletter.core`; what they read lives in :mod:`newsletter.store`.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from ..core.channels import unknown_channels, unknown_channels_message
from ..core.settings import CHANNELS, conf_location
from ..priorities import AFTER_ABLOG, BEFORE_OPENGRAPH, BEFORE_THEME, SANITISE
from . import (
    ablog_pages,
    autolink,
    channels,
    export,
    feeds,
    hosting,
    issuepage,
    link_marks,
    link_report,
    listing,
    notfound,
    pages,
    reader_nav,
    safe_pages,
    search,
    sitemap,
    social,
    usage,
)

logger = logging.getLogger(__name__)


def setup(app: Sphinx) -> None:
    """Register every view; the search and channel packages register their own parts."""
    app.add_config_value("newsletter_feed_length", 50, "", types=[int])
    app.add_node(link_report.link_health_part)
    app.add_directive("issue-list", listing.IssueListDirective)
    # Read the Docs' addons hand their search triggers to the archive's search.
    app.add_js_file(hosting.SCRIPT, loading_method="defer")
    app.add_directive("link-health", link_report.LinkHealthDirective)
    app.connect("config-inited", check_channels)

    app.connect("builder-inited", ablog_pages.wrap_archive_generator)
    app.connect("doctree-read", issuepage.decorate_issue_page)
    app.connect("env-get-updated", listing.outdated_listings)
    app.connect("env-get-updated", link_marks.outdated_by_link_health)
    app.connect("env-get-updated", link_report.outdated_report)
    app.connect("doctree-resolved", listing.resolve_issue_lists)
    app.connect("doctree-resolved", autolink.link_terms)
    app.connect("doctree-resolved", usage.add_usage_lists)
    app.connect("doctree-resolved", link_marks.mark_links)
    app.connect("doctree-resolved", link_report.resolve_report)
    app.connect("html-collect-pages", pages.collect_pages)
    app.connect("html-page-context", feeds.link_issue_feed, priority=AFTER_ABLOG)
    app.connect("html-page-context", social.add_social_meta, priority=BEFORE_OPENGRAPH)
    app.connect("html-page-context", reader_nav.add_reader_context, priority=BEFORE_THEME)
    app.connect("html-page-context", notfound.add_base_url)
    app.connect("html-page-context", hosting.add_addons_meta)
    app.connect("html-page-context", safe_pages.clean_issue_page, priority=SANITISE)
    app.connect("build-finished", export.write_news_json)
    app.connect("build-finished", feeds.write_feeds)
    app.connect("build-finished", sitemap.write_sitemap)
    search.setup(app)
    channels.setup(app)


def check_channels(app: Sphinx, config: Config) -> None:
    """``config-inited``: a channel name conf.py gives that no view knows is a warning.

    A misspelt channel (``"feed"``) would otherwise turn the feeds off without
    a word; the warning names every channel there is.
    """
    unknown = unknown_channels(config[CHANNELS.name])
    if unknown:
        logger.warning(
            unknown_channels_message(CHANNELS.name, unknown),
            type="newsletter",
            subtype="config",
            location=conf_location(app.confdir, CHANNELS.name),
        )
