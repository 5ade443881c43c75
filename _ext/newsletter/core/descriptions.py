"""The one-line description of every page type: pure, no Sphinx.

A shared link, a search result and a bookmark show a page's
``meta name="description"``: a sentence that says what the page holds,
written as Chinese is written (no space between Chinese characters or around
full-width punctuation) and with no navigation text. Generated pages (a
project, a tag, a year, an author, the search) are described from the
archive's data; written pages (the home page, the guides, the glossary) by
their own first paragraph; an issue by its summary.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .i18n import _, ngettext
from .labels import display_date, issue_label
from .model import Issue

#: Search engines show about this many Chinese characters of a description.
LIMIT = 120
#: Full-width punctuation and curly quotes: Chinese text puts no space around them.
_PUNCTUATION = "\u2018\u2019\u201c\u201d\u3000-\u303f\uff00-\uffef"
_IDEOGRAPH = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_SPACE_AT_PUNCTUATION = re.compile(f"\\s+(?=[{_PUNCTUATION}])|(?<=[{_PUNCTUATION}])\\s+")
_SPACE_BETWEEN_IDEOGRAPHS = re.compile(f"(?<=[{_IDEOGRAPH}])\\s+(?=[{_IDEOGRAPH}])")
#: Where a Chinese sentence may end.
_SENTENCE_END = re.compile(r"[。！？；]")


def clean(text: str) -> str:
    """``text`` on one line, spaced as Chinese is written.

    Runs of white space (line breaks of the source included) become one
    space; a space next to full-width punctuation or between two Chinese
    characters goes ("Serverless、 容器" reads "Serverless、容器"); a space
    between Chinese and Latin text stays ("Kubernetes 与 Istio").
    """
    text = " ".join(text.split())
    text = _SPACE_AT_PUNCTUATION.sub("", text)
    return _SPACE_BETWEEN_IDEOGRAPHS.sub("", text)


def shorten(text: str, limit: int = LIMIT) -> str:
    """``text`` cut to whole sentences within ``limit`` characters, else with "……"."""
    text = clean(text)
    if len(text) <= limit:
        return text
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, limit)]
    if ends:
        return text[: ends[-1]]
    return text[: limit - 1].rstrip() + "…"


def topic_description(
    name: str,
    count: int,
    latest: Issue | None,
    site: str,
    *,
    tag: bool = False,
    whole_issues: Sequence[Issue] = (),
) -> str:
    """``Kubernetes：云原生生态周报中 12 条相关新闻，最近一条 2019-05-07``.

    A tag may name whole issues (front matter ``tags``) and no item: then
    the page lists those issues, and says so.
    """
    subject = _('Tag "{name}"').format(name=name) if tag else name
    if count == 0 and whole_issues:
        newest = max(whole_issues, key=lambda issue: (issue.date, issue.number))
        text = ngettext(
            "{subject}: {count} issue of {site} on this topic, the latest {date}",
            "{subject}: {count} issues of {site} on this topic, the latest {date}",
            len(whole_issues),
        ).format(
            subject=subject, site=site, count=len(whole_issues), date=display_date(newest.date)
        )
        return clean(text)
    text = ngettext(
        "{subject}: {count} related news item in {site}",
        "{subject}: {count} related news items in {site}",
        count,
    ).format(subject=subject, site=site, count=count)
    if latest is not None:
        text += _(", the latest {date}").format(date=display_date(latest.date))
    return clean(text)


def topics_index_description(kind: str, count: int, site: str) -> str:
    """``云原生生态周报报道过的 15 个项目，每个项目一页，列出全部相关新闻``.

    ``kind`` is ``"tags"`` or ``"projects"``: one message each, so that a
    language says "1 tag" and "2 tags" in its own words.
    """
    if kind == "tags":
        text = ngettext(
            "The {count} tag {site} has covered, one page each listing all related news",
            "The {count} tags {site} has covered, one page each listing all related news",
            count,
        )
    else:
        text = ngettext(
            "The {count} project {site} has covered, one page each listing all related news",
            "The {count} projects {site} has covered, one page each listing all related news",
            count,
        )
    return clean(text.format(site=site, count=count))


def issues_description(subject: str, issues: Sequence[Issue]) -> str:
    """A list of issues: ``{subject}，共 3 期：第 1–3 期，最新一期 第 3 期 · 2019-05-07``.

    ``subject`` says whose issues they are ("云原生生态周报 2019 年的各期").
    """
    if not issues:
        return clean(_("{subject}: no issue published yet").format(subject=subject))
    numbers = sorted(issue.number for issue in issues)
    newest = max(issues, key=lambda issue: (issue.date, issue.number))
    span = (
        _("Issue {number}").format(number=numbers[0])
        if len(numbers) == 1
        else _("Issues {first}–{last}").format(first=numbers[0], last=numbers[-1])
    )
    return clean(
        ngettext(
            "{subject}: {count} issue ({span}), the latest {latest}",
            "{subject}: {count} issues ({span}), the latest {latest}",
            len(issues),
        ).format(subject=subject, count=len(issues), span=span, latest=issue_label(newest))
    )


def drafts_description(site: str) -> str:
    """The list of drafts, empty on the published site."""
    return clean(_("The unpublished drafts of {site}").format(site=site))


def authors_description(count: int, site: str) -> str:
    """The list of authors."""
    return clean(
        ngettext(
            "The {count} author of {site}, and the issues they wrote",
            "The {count} authors of {site}, and the issues each of them wrote",
            count,
        ).format(site=site, count=count)
    )


def search_description(site: str) -> str:
    """The search page."""
    return clean(
        _("Search all the news of {site}, filtered by project, tag, section and year").format(
            site=site
        )
    )
