"""Social cards of issue pages: OpenGraph, article and Twitter meta tags.

Issues travel as shared links on phones, where the card is all a reader sees
before tapping. sphinxext-opengraph writes the ``og:`` basics but describes a
page by its first words (here the issue header, "第 3 期 · 2019 年 …") and
knows nothing of dates or covers. This view gives it the issue's own data
through the page's ``meta`` fields, which it honours, and adds the tags it
does not write: ``article:*`` and ``twitter:*``.

Every page also gets its description (``meta name="description"`` and
``og:description``) by the rule of its page type in
:mod:`newsletter.core.descriptions`: an issue's summary, a written page's
first paragraph, a generated page's numbers. sphinxext-opengraph's own
description (the page's first words, headings and navigation included, with
the spaces of the source's line breaks) is never used.

Runs on ``html-page-context`` before sphinxext-opengraph, and replaces the
page's ``meta`` with a copy: the environment's metadata stays untouched.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from ..compat import opengraph_field
from ..core import descriptions
from ..core.html_policy import text_html
from ..core.model import Issue, issue_time
from ..i18n import _
from ..siteurl import absolute_url
from ..store import taxonomy
from ..store.data import get_store
from ..store.projects import get_registry


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
        tags.append(_meta("name", "twitter:description", issue.summary))
    if "og:image" in fields:
        tags.append(_meta("name", "twitter:image", fields["og:image"]))
    return tags


def add_social_meta(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> None:
    """``html-page-context``: every page's description; the social card of an
    issue page, and the site's card on generated pages (projects, tags, lists
    of issues), which sphinxext-opengraph skips because they have no document."""
    description = page_description(app, pagename, context, doctree)
    described = _meta("name", "description", description) + "\n" if description else ""
    if doctree is None:
        card = generated_page_card(app, pagename, context)
        if description:
            card += _meta("property", "og:description", description) + "\n"
        context["metatags"] = context.get("metatags", "") + card + described
        return
    # A description in the page's tags keeps sphinxext-opengraph from adding
    # its own; og:description is one of the fields it takes from ``meta``.
    fields = {"og:description": description} if description else {}
    issue = get_store(app.env).issue(pagename)
    extra = ""
    if issue is not None:
        fields = {**issue_fields(app, issue), **fields}
        extra = "\n".join(extra_tags(issue, fields)) + "\n"
    # sphinxext-opengraph prints the fields it is given without escaping them.
    printed = {key: opengraph_field(value) for key, value in fields.items()}
    context["meta"] = {**(context.get("meta") or {}), **printed}
    context["metatags"] = context.get("metatags", "") + extra + described


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


def first_paragraph(doctree: nodes.Node) -> str:
    """The text of a written page's first paragraph of running text.

    Paragraphs inside lists, tables and admonitions are navigation or asides
    (the home page's "最新一期" list), not what the page is about.
    """
    for paragraph in doctree.findall(nodes.paragraph):
        if isinstance(paragraph.parent, (nodes.section, nodes.document)):
            text = paragraph.astext().strip()
            if text:
                return text
    return ""


def _issues_of(app: Sphinx, posts: Iterable[Any]) -> list[Issue]:
    """The published issues among ablog's posts (a collection iterates its posts)."""
    store = get_store(app.env)
    found = (store.issue(post.docname) for post in posts)
    return [issue for issue in found if issue is not None and not issue.draft]


def generated_description(app: Sphinx, pagename: str, context: dict[str, Any]) -> str:
    """The description of a generated page, by its type (see core.descriptions)."""
    site = app.config.project
    blog = getattr(app.config, "blog_path", "blog")
    if pagename == "search":
        return descriptions.search_description(site)
    store = get_store(app.env)
    kind, _slash, slug = pagename.partition("/")
    if kind in ("tags", "projects") and slug:
        if kind == "tags":
            topics = taxonomy.tags(store)
        else:
            registry = get_registry(app.env)
            topics = {k: t for k, t in taxonomy.projects(store, registry).items() if t.entries}
        if slug == "index":
            return descriptions.topics_index_description(kind, len(topics), site)
        topic = topics.get(slug)
        if topic is not None:
            latest = topic.latest[0] if topic.latest else None
            return descriptions.topic_description(
                topic.name,
                len(topic.entries),
                latest,
                site,
                tag=kind == "tags",
                whole_issues=topic.issues,
            )
    if "collection" in context:
        name = str(context["collection"])
        issues = _issues_of(app, context["collection"])
        if pagename == f"{blog}/drafts":
            return descriptions.drafts_description(site)
        if pagename.startswith(f"{blog}/author/"):
            subject = _("{site} by {name}").format(name=name, site=site)
        elif name.isdigit():
            subject = _("The issues of {site} in {year}").format(site=site, year=name)
        else:
            subject = _("All issues of {site}").format(site=site)
        return descriptions.issues_description(subject, issues)
    if "catalog" in context:
        if pagename == f"{blog}/author":
            return descriptions.authors_description(len(list(context["catalog"])), site)
        issues = store.published_issues()
        return descriptions.issues_description(
            _("All issues of {site} by year").format(site=site), issues
        )
    title = html.unescape(str(context.get("title", "")))
    return descriptions.clean(
        _("{title}: {site}").format(title=title, site=site) if title else site
    )


def page_description(
    app: Sphinx, pagename: str, context: dict[str, Any], doctree: nodes.Node | None
) -> str:
    """One rule per page type: an issue's summary, a written page's first
    paragraph, a generated page's numbers."""
    if doctree is None:
        return generated_description(app, pagename, context)
    issue = get_store(app.env).issue(pagename)
    if issue is not None and issue.summary:
        return descriptions.shorten(issue.summary)
    return descriptions.shorten(first_paragraph(doctree))
