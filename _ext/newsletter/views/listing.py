"""The ``issue-list`` directive: the latest issues, e.g. on the home page.

The list is resolved at write time from the store (like Sphinx's
``todolist``), and every page that holds one is rebuilt whenever the list of
published issues changes, so the home page is never stale after an
incremental build. The same goes for ablog's sidebars of recent issues and
years: when they are configured, they are on every page, so every page is
rewritten (not re-read) when the issues change.
"""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from ..core.labels import issue_headline, issue_label, issue_rest
from ..i18n import _
from ..reading.nodes import issue_list
from ..store.data import get_store


class IssueListDirective(SphinxDirective):
    """``issue-list``: the newest issues with their summaries."""

    has_content = False
    option_spec: ClassVar = {"limit": directives.positive_int}

    def run(self) -> list[nodes.Node]:
        get_store(self.env).listings.add(self.env.docname)
        node = issue_list()
        node["limit"] = self.options.get("limit", 0)
        return [node]


def resolve_issue_lists(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: fill each placeholder from the store."""
    store = get_store(app.env)
    for node in list(doctree.findall(issue_list)):
        issues = store.published_issues()
        if node["limit"]:
            issues = issues[: node["limit"]]
        entries = nodes.bullet_list(classes=["issue-list"])
        for issue in issues:
            uri = app.builder.get_relative_uri(docname, issue.docname)
            label = issue_label(issue)
            para = nodes.paragraph(classes=["issue-list-title"])
            # Every issue has the same title: the lead story tells them apart.
            headline = issue_headline(issue)
            para += nodes.reference("", headline, internal=True, refuri=uri)
            item = nodes.list_item()
            item += nodes.paragraph(label, label, classes=["issue-list-meta"])
            item += para
            rest = issue_rest(issue)
            if rest:
                item += nodes.paragraph(rest, rest, classes=["issue-list-summary"])
            entries += item
        if not issues:
            none = _("No issue published yet.")
            entries = nodes.paragraph(none, none)
        node.replace_self(entries)


#: Sidebar templates that list the issues (ablog's and the readers' own).
ISSUE_SIDEBARS = frozenset({"ablog/recentposts.html", "ablog/archives.html", "reader-nav.html"})


def pages_with_issue_sidebars(app: Sphinx, env: BuildEnvironment) -> set[str]:
    """Every page, when a sidebar listing the issues is configured."""
    sidebars = getattr(app.config, "html_sidebars", None) or {}
    templates = {name for names in sidebars.values() for name in names}
    return set(env.found_docs) if templates & ISSUE_SIDEBARS else set()


def outdated_listings(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: pages that list issues, when what they list changed.

    A new summary rewrites the issue lists; a new, removed or retitled issue
    also rewrites every page whose sidebar lists the issues.
    """
    store = get_store(env)
    outdated: set[str] = set()
    shown = store.books.shown
    listing, sidebar = store.listing_key(), store.sidebar_key()
    if shown.get("issue-list") != listing:
        shown["issue-list"] = listing
        outdated |= store.listings
    if shown.get("issue-sidebar") != sidebar:
        shown["issue-sidebar"] = sidebar
        outdated |= pages_with_issue_sidebars(app, env)
    return sorted(outdated)
