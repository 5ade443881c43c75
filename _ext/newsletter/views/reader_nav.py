"""What a reader navigates by, on every page: the sidebar, previous/next
issue links, distinct tab titles and each page's own feed.

The theme's navigation follows the toctree, which holds the maintainers'
documents; a reader of a weekly archive looks for the issues, the projects,
the tags, search and a way to subscribe instead (search and the feeds only
when the site publishes them: ``newsletter_channels``). This view puts those in the
page context for the ``reader-nav.html`` sidebar, the ``reader-footer.html``
footer and the ``issue-nav.html`` previous/next links (templates under
``templates/``), and announces a project's or a tag's own feed to feed readers.
"""

from __future__ import annotations

import html
from typing import Any

from sphinx.application import Sphinx

from ..core.channels import FEEDS, SEARCH, publishes
from ..core.html_policy import text_html
from ..core.labels import issue_label, issue_tab_title
from ..core.model import Issue
from ..core.urls import feed_path
from ..i18n import _
from ..siteurl import absolute_url
from ..store.data import get_store
from ..store.projects import get_registry
from ..store.taxonomy import projects, tags

#: How many issues the sidebar lists.
RECENT = 5


def _issue_link(issue: Issue) -> dict[str, str]:
    # Number and date only: a lead story here would make every page depend
    # on other issues' summaries, and rewrite the whole site when one changes.
    return {"docname": issue.docname, "label": issue_label(issue)}


def _neighbours(issues: list[Issue], pagename: str) -> dict[str, dict[str, str]]:
    """The older and newer published issue next to ``pagename`` (newest first list)."""
    index = next((i for i, issue in enumerate(issues) if issue.docname == pagename), None)
    if index is None:
        return {}
    found = {}
    if index + 1 < len(issues):
        found["older"] = _issue_link(issues[index + 1])
    if index > 0:
        found["newer"] = _issue_link(issues[index - 1])
    return found


def page_feed(app: Sphinx, pagename: str) -> tuple[str, str] | None:
    """``(path, title)`` of the feed of a project or tag page, when it has one."""
    if not publishes(app.config.newsletter_channels, FEEDS):
        return None
    kind, _slash, slug = pagename.partition("/")
    store = get_store(app.env)
    if kind == "projects" and slug != "index":
        topic = projects(store, get_registry(app.env)).get(slug)
        if topic and topic.entries:
            title = _("{name} news · {site}").format(name=topic.name, site=app.config.project)
            return feed_path("projects", slug), title
    if kind == "tags" and slug != "index":
        topic = tags(store).get(slug)
        if topic and topic.entries:
            title = _('Tag "{name}" · {site}').format(name=topic.name, site=app.config.project)
            return feed_path("tags", slug), title
    return None


def add_reader_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> None:
    """``html-page-context``: the reader's navigation of this page."""
    store = get_store(app.env)
    issues = store.published_issues()
    context["reader_recent"] = [_issue_link(issue) for issue in issues[:RECENT]]
    context["reader_issue_nav"] = _neighbours(issues, pagename)
    # Links only to the channels the site publishes (newsletter_channels).
    channels = app.config.newsletter_channels
    context["reader_issues_feed"] = feed_path("issues") if publishes(channels, FEEDS) else ""
    context["reader_search"] = publishes(channels, SEARCH)
    if not context["reader_search"]:
        # The theme's search dialog and button (templates/search-button.html).
        context["theme_disable_search"] = True
    issue = store.issue(pagename)
    if issue is not None and not issue.draft:
        context["title"] = text_html(issue_tab_title(issue))
    feed = page_feed(app, pagename)
    if feed is not None:
        path, title = feed
        href = html.escape(absolute_url(app.config, path))
        context["metatags"] = context.get("metatags", "") + (
            f'<link rel="alternate" type="application/atom+xml" '
            f'title="{text_html(title)}" href="{href}" />\n'
        )
