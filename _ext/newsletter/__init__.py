"""The Cloud Native Weekly archive as a Sphinx extension: the wiring floor.

The house has four floors, each importing only those below it:

1. :mod:`newsletter.core`: the model, the issue dialect, front matter,
   registry, labels and addresses; pure Python, no Sphinx (the editors' tools
   in :mod:`newsletter.cli` stand on it alone);
2. the Sphinx layer: :mod:`.store` (the one store), :mod:`.nodes`,
   :mod:`.compat` (every reach into upstream internals) and the modules that
   read documents into the store (:mod:`.guard`, :mod:`.directive`,
   :mod:`.collector`, :mod:`.glossary`, :mod:`.topics`, ...);
3. :mod:`newsletter.views`: side by side, each reading the store and the core;
4. this module: ``setup`` connects every handler, with named priorities.

Importing the package loads nothing; Sphinx calls :func:`setup`.
"""

from __future__ import annotations

from typing import Any

from .version import __version__

#: Bump whenever the shape of what the store keeps in the environment changes:
#: Sphinx then discards a pickled environment instead of misreading it.
ENV_VERSION = 14

# Event priorities by name: Sphinx calls lower numbers first; 500 is the
# default, where Sphinx's own, ablog's and sphinxext-opengraph's handlers run.
#: ``source-read``: the dialect reads an issue's text before anything else.
GATE = 100
#: ``html-page-context``: social cards are set before opengraph fills its own.
BEFORE_OPENGRAPH = 400
#: ``html-page-context``: the readers' navigation, before pydata-sphinx-theme
#: renders its sidebar and footer templates.
BEFORE_THEME = 450
#: ``doctree-read`` and ``html-page-context``: after ablog's handlers.
AFTER_ABLOG = 600
#: ``doctree-read``: search words once the issue header and ablog are done.
LATE = 800
#: ``build-finished``: after every output is written, the freshness state.
FINALLY = 990
#: ``config-inited``: after Sphinx merges the parsers' source suffixes
#: (``sphinx.registry.merge_source_suffix`` runs at 800).
AFTER_SOURCE_SUFFIXES = 900


def setup(app: Any) -> dict[str, Any]:
    """Connect every handler of the archive."""
    from . import (
        ablog_bridge,
        catalogs,
        cjk_breaks,
        collector,
        compat,
        directive,
        domain,
        encoding,
        freshness,
        glossary,
        guard,
        link_data,
        nodes,
        projects,
        safety,
        siteurl,
        topics,
    )
    from .compat import theme
    from .views import (
        ablog_pages,
        autolink,
        channels,
        export,
        feeds,
        issuepage,
        link_marks,
        link_report,
        listing,
        notfound,
        pages,
        reader_nav,
        search,
        sitemap,
        social,
        usage,
    )

    app.add_config_value("newsletter_issue_pattern", "issues/*", "env", types=[str])
    app.add_config_value("newsletter_projects_file", "docs/projects.yaml", "env", types=[str])
    app.add_config_value("newsletter_site_url", "", "env", types=[str])
    app.add_config_value("newsletter_feed_length", 50, "", types=[int])
    # Drafts are built only for an editor's preview (make livehtml DRAFTS=1).
    app.add_config_value("newsletter_drafts", False, "env", types=[bool, int])
    search.add_config_values(app)

    app.add_domain(domain.NewsletterDomain)
    app.add_node(nodes.news_item, html=(nodes.visit_news_item_html, nodes.depart_news_item_html))
    app.add_node(nodes.news_title, html=(nodes.visit_news_title_html, nodes.depart_news_title_html))
    app.add_node(nodes.issue_list)
    app.add_node(nodes.term_note)
    app.add_directive("news", directive.NewsDirective)
    app.add_directive("issue-list", listing.IssueListDirective)
    app.add_directive("term-note", glossary.TermNoteDirective)
    app.add_role("project", topics.ProjectRole())
    app.add_role("tag", topics.TagRole())
    app.add_role("archive-index", topics.ArchiveIndexRole())
    app.add_transform(ablog_bridge.AblogFrontMatter)
    app.add_transform(ablog_bridge.AblogExcerpt)
    app.add_transform(safety.SafeMarkup)
    app.add_transform(cjk_breaks.JoinChineseLineBreaks)

    # Configuration and builder.
    app.connect("config-inited", siteurl.apply_site_url)
    app.connect("config-inited", guard.exclude_refused_and_drafts, priority=AFTER_SOURCE_SUFFIXES)
    app.connect("config-inited", guard.leave_front_matter_to_the_archive)
    app.connect("config-inited", ablog_bridge.declare_parallel_safe)
    app.connect("config-inited", search.add_static_and_templates)
    app.connect("builder-inited", freshness.start_build)
    app.connect("builder-inited", ablog_bridge.reset_blog)
    app.connect("builder-inited", ablog_pages.wrap_archive_generator)
    app.connect("builder-inited", catalogs.compile_ablog_catalog)
    app.connect("builder-inited", catalogs.add_theme_messages)
    app.connect("builder-inited", projects.check_registry)
    app.connect("builder-inited", search.require_chinese_segmenter)

    # Reading: the gate, then the store.
    app.connect("env-before-read-docs", encoding.use_lenient_codec)
    app.connect("source-read", guard.apply_dialect, priority=GATE)
    app.connect("source-read", encoding.report_undecodable)
    app.connect("source-read", collector.read_issue_front_matter)
    app.connect("doctree-read", collector.collect_items)
    app.connect("doctree-read", issuepage.decorate_issue_page)
    app.connect("doctree-read", glossary.collect_glossary)
    app.connect("doctree-read", ablog_bridge.slim_posts, priority=AFTER_ABLOG)
    app.connect("doctree-read", search.collect_words, priority=LATE)
    app.connect("env-merge-info", ablog_bridge.merge_posts)
    app.connect("env-check-consistency", collector.check_issue_numbers)
    app.connect("env-updated", glossary.refresh_mentions)
    app.connect("env-get-updated", listing.outdated_listings)
    app.connect("env-get-updated", glossary.outdated_by_glossary)

    # Writing: the views.
    app.connect("warn-missing-reference", glossary.warn_missing_term)
    app.connect("warn-missing-reference", domain.warn_missing_topic)
    app.connect("doctree-resolved", freshness.note_written)
    app.connect("doctree-resolved", listing.resolve_issue_lists)
    app.connect("doctree-resolved", autolink.link_terms)
    app.connect("doctree-resolved", usage.add_usage_lists)
    app.connect("html-collect-pages", pages.collect_pages)
    app.connect("html-page-context", feeds.link_issue_feed, priority=AFTER_ABLOG)
    app.connect("html-page-context", social.add_social_meta, priority=BEFORE_OPENGRAPH)
    app.connect("html-page-context", notfound.add_base_url)
    app.connect("html-page-context", search.prepare_page)
    app.connect("build-finished", export.write_news_json)
    app.connect("build-finished", feeds.write_feeds)
    app.connect("build-finished", sitemap.write_sitemap)
    app.connect("html-page-context", reader_nav.add_reader_context, priority=BEFORE_THEME)
    theme.add_toggle_shim(app)
    app.connect("builder-inited", search.turn_off_sphinx_index)
    app.connect("html-collect-pages", search.collect_search_page)
    app.connect("build-finished", search.write_search_data)
    app.connect("build-finished", freshness.commit, priority=FINALLY)
    link_data.setup(app)
    link_marks.setup(app)
    link_report.setup(app)
    channels.setup(app)
    compat.check_upstreams(app)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
