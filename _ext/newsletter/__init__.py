"""The Cloud Native Weekly archive as a Sphinx extension.

One model (:mod:`.model`), one store in the build environment (:mod:`.store`)
and small views that read it. ``setup`` only wires them together.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from . import (
    ablog_bridge,
    ablog_pages,
    autolink,
    catalogs,
    collector,
    directive,
    encoding,
    export,
    feeds,
    glossary,
    issuepage,
    listing,
    notfound,
    pages,
    projects,
    safety,
    search,
    sitemap,
    siteurl,
    social,
    topics,
)
from .store import get_store

__version__ = "0.1.0"

#: Bump whenever the shape of what the store keeps in the environment changes:
#: Sphinx then discards a pickled environment instead of misreading it.
ENV_VERSION = 11


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    get_store(env).purge(docname)


def _merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    get_store(env).merge(docnames, get_store(other))


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("newsletter_issue_pattern", "issues/*", "env", types=[str])
    app.add_config_value("newsletter_projects_file", "docs/projects.yaml", "env", types=[str])
    app.add_config_value("newsletter_site_url", "", "env", types=[str])
    app.add_config_value("newsletter_feed_length", 50, "", types=[int])

    app.add_node(
        directive.news_item,
        html=(directive.visit_news_item_html, directive.depart_news_item_html),
    )
    app.add_node(
        directive.news_title,
        html=(directive.visit_news_title_html, directive.depart_news_title_html),
    )
    app.add_directive("news", directive.NewsDirective)
    app.add_node(listing.issue_list)
    app.add_directive("issue-list", listing.IssueListDirective)
    app.add_node(topics.topic_ref)
    app.add_role("project", topics.ProjectRole())
    app.add_role("tag", topics.TagRole())
    app.add_role("archive-index", topics.ArchiveIndexRole())
    app.add_node(glossary.term_note)
    app.add_directive("term-note", glossary.TermNoteDirective)
    app.add_transform(ablog_bridge.AblogFrontMatter)
    app.add_transform(ablog_bridge.AblogExcerpt)
    app.add_transform(safety.SafeMarkup)

    app.connect("config-inited", siteurl.apply_site_url)
    app.connect("config-inited", ablog_bridge.declare_parallel_safe)
    app.connect("builder-inited", ablog_bridge.reset_blog)
    app.connect("builder-inited", ablog_pages.wrap_archive_generator)
    app.connect("builder-inited", catalogs.compile_ablog_catalog)
    app.connect("env-before-read-docs", encoding.use_lenient_codec)
    app.connect("source-read", encoding.report_undecodable)
    app.connect("builder-inited", projects.check_registry)
    app.connect("source-read", collector.read_issue_front_matter)
    app.connect("doctree-read", collector.collect_items)
    app.connect("doctree-read", issuepage.decorate_issue_page)
    app.connect("doctree-read", glossary.collect_glossary)
    app.connect("doctree-resolved", listing.resolve_issue_lists)
    app.connect("doctree-resolved", topics.resolve_topic_refs)
    app.connect("doctree-resolved", autolink.link_terms)
    app.connect("doctree-resolved", glossary.add_usage_lists)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-merge-info", ablog_bridge.merge_posts)
    # After ablog's own doctree-read handler (default priority 500).
    app.connect("doctree-read", ablog_bridge.slim_posts, priority=600)
    app.connect("env-check-consistency", collector.check_issue_numbers)
    app.connect("env-get-updated", listing.outdated_listings)
    app.connect("env-get-updated", glossary.outdated_by_glossary)
    app.connect("html-collect-pages", pages.collect_pages)
    app.connect("build-finished", export.write_news_json)
    app.connect("build-finished", feeds.write_feeds)
    app.connect("build-finished", sitemap.write_sitemap)
    app.connect("html-page-context", feeds.link_issue_feed, priority=feeds.AFTER_ABLOG)
    app.connect("html-page-context", social.add_social_meta, priority=social.BEFORE_OPENGRAPH)
    app.connect("html-page-context", notfound.add_base_url)

    search.add_config_values(app)
    app.connect("config-inited", search.add_static_and_templates)
    app.connect("builder-inited", search.require_chinese_segmenter)
    app.connect("builder-inited", search.turn_off_sphinx_index)
    app.connect("html-collect-pages", search.collect_search_page)
    app.connect("html-page-context", search.prepare_page)
    # Late, so that the words of the issue header and ablog's changes are in.
    app.connect("doctree-read", search.collect_words, priority=800)
    app.connect("build-finished", search.write_search_data)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
