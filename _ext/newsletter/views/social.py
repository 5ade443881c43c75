"""Social cards of issue pages: OpenGraph, article and Twitter meta tags.

Issues travel as shared links on phones, where the card is all a reader sees
before tapping. sphinxext-opengraph writes the ``og:`` basics but describes a
page by its first words (here the issue header, "第 3 期 · 2019 年 …") and
knows nothing of dates or covers. This view gives it the issue's own data
through the page's ``meta`` fields, which it honours, and adds the tags it
does not write: ``article:*`` and ``twitter:*``.

Runs on ``html-page-context`` before sphinxext-opengraph, and replaces the
page's ``meta`` with a copy: the environment's metadata stays untouched.
"""

from __future__ import annotations

import html
from typing import Any

from sphinx.application import Sphinx

from ..compat import opengraph_field
from ..core.html_policy import text_html
from ..core.model import Issue, issue_time
from ..siteurl import absolute_url
from ..store import get_store


def _meta(attribute: str, key: str, content: str) -> str:
    return f'<meta {attribute}="{text_html(key)}" content="{text_html(content)}" />'


def issue_fields(app: Sphinx, issue: Issue) -> dict[str, str]:
    """The ``og:`` overrides sphinxext-opengraph takes from a page's fields (as text)."""
    # The editors' title: the tab shows a shorter one (reader_nav.py).
    fields = {"og:type": "article", "og:title": issue.title}
    if issue.summary:
        fields["og:description"] = issue.summary
    if issue.image:
        # Cover paths are relative to the site root (e.g. under ``_static``).
        fields["og:image"] = absolute_url(app.config, issue.image.lstrip("/"))
        fields["og:image:alt"] = issue.title
    return fields


def extra_tags(issue: Issue, fields: dict[str, str]) -> list[str]:
    """The article and Twitter tags sphinxext-opengraph does not write."""
    tags = [_meta("property", "article:published_time", issue_time(issue).isoformat())]
    tags += [_meta("property", "article:author", name) for name in issue.authors]
    tags += [_meta("property", "article:tag", tag) for tag in issue.tags]
    card = "summary_large_image" if "og:image" in fields else "summary"
    tags.append(_meta("name", "twitter:card", card))
    tags.append(_meta("name", "twitter:title", issue.title))
    if issue.summary:
        # Also keeps sphinxext-opengraph from adding a description of its own.
        tags.append(_meta("name", "description", issue.summary))
        tags.append(_meta("name", "twitter:description", issue.summary))
    if "og:image" in fields:
        tags.append(_meta("name", "twitter:image", fields["og:image"]))
    return tags


def add_social_meta(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> None:
    """``html-page-context``: the social card of an issue page, and the site's
    card on generated pages (projects, tags, lists of issues), which
    sphinxext-opengraph skips because they have no document."""
    if doctree is None:
        context["metatags"] = context.get("metatags", "") + generated_page_card(
            app, pagename, context
        )
        return
    issue = get_store(app.env).issue(pagename)
    if issue is None:
        return
    fields = issue_fields(app, issue)
    # sphinxext-opengraph prints the fields it is given without escaping them.
    printed = {key: opengraph_field(value) for key, value in fields.items()}
    context["meta"] = {**(context.get("meta") or {}), **printed}
    context["metatags"] = context.get("metatags", "") + "\n".join(extra_tags(issue, fields)) + "\n"


def generated_page_card(app: Sphinx, pagename: str, context: dict[str, Any]) -> str:
    """The OpenGraph tags of a generated page: its title, address and the site's card."""
    config = app.config
    title = html.unescape(str(context.get("title", ""))) or config.project
    tags = [
        _meta("property", "og:title", title),
        _meta("property", "og:type", "website"),
        _meta("property", "og:url", absolute_url(config, app.builder.get_target_uri(pagename))),
        _meta("property", "og:site_name", config.project),
    ]
    image = getattr(config, "ogp_image", None)
    if image:
        tags.append(_meta("property", "og:image", absolute_url(config, image.lstrip("/"))))
        tags.append(_meta("property", "og:image:alt", config.project))
    return "\n".join(tags) + "\n"
