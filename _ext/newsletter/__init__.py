"""The Cloud Native Weekly archive as a Sphinx extension.

One model (:mod:`.model`), one store in the build environment (:mod:`.store`)
and small views that read it. ``setup`` only wires them together.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from . import ablog_bridge, collector, directive, export, issuepage, listing, search
from .store import get_store

__version__ = "0.1.0"

#: Bump whenever the shape of what the store keeps in the environment changes:
#: Sphinx then discards a pickled environment instead of misreading it.
ENV_VERSION = 1


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    get_store(env).purge(docname)


def _merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    get_store(env).merge(docnames, get_store(other))


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("newsletter_issue_pattern", "issues/*", "env", types=[str])

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
    app.add_transform(ablog_bridge.AblogFrontMatter)

    app.connect("source-read", collector.read_issue_front_matter)
    app.connect("doctree-read", collector.collect_items)
    app.connect("doctree-read", issuepage.decorate_issue_page)
    app.connect("doctree-resolved", listing.resolve_issue_lists)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-get-updated", listing.outdated_listings)
    app.connect("build-finished", export.write_news_json)

    search.add_config_values(app)
    app.add_search_language(search.ChineseSearch)
    app.connect("config-inited", search.add_static_and_templates)
    app.connect("builder-inited", search.require_chinese_segmenter)
    app.connect("html-page-context", search.prepare_page)
    app.connect("build-finished", search.write_search_data)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
