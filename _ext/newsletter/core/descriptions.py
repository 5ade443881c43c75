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
    subject = f"标签“{name}”" if tag else name
    if count == 0 and whole_issues:
        newest = max(whole_issues, key=lambda issue: (issue.date, issue.number))
        text = f"{subject}：{site}中以此为主题的 {len(whole_issues)} 期，最近一期 {display_date(newest.date)}"
        return clean(text)
    text = f"{subject}：{site}中 {count} 条相关新闻"
    if latest is not None:
        text += f"，最近一条 {display_date(latest.date)}"
    return clean(text)


def topics_index_description(kind: str, count: int, site: str) -> str:
    """``云原生生态周报报道过的 15 个项目，每个项目一页，列出全部相关新闻``."""
    return clean(f"{site}报道过的 {count} 个{kind}，每个{kind}一页，列出全部相关新闻")


def issues_description(subject: str, issues: Sequence[Issue]) -> str:
    """A list of issues: ``{subject}，共 3 期：第 1–3 期，最新一期 第 3 期 · 2019-05-07``.

    ``subject`` says whose issues they are ("云原生生态周报 2019 年的各期").
    """
    if not issues:
        return clean(f"{subject}，暂无已发布的一期")
    numbers = sorted(issue.number for issue in issues)
    newest = max(issues, key=lambda issue: (issue.date, issue.number))
    span = f"第 {numbers[0]} 期" if len(numbers) == 1 else f"第 {numbers[0]}–{numbers[-1]} 期"
    return clean(f"{subject}，共 {len(issues)} 期（{span}），最新一期为{issue_label(newest)}")


def drafts_description(site: str) -> str:
    """The list of drafts, empty on the published site."""
    return clean(f"{site}尚未发布的草稿")


def authors_description(count: int, site: str) -> str:
    """The list of authors."""
    return clean(f"{site}的 {count} 位作者，以及每位作者参与撰写的各期")


def search_description(site: str) -> str:
    """The search page."""
    return clean(f"搜索{site}的全部新闻，可按项目、标签、栏目和年份筛选")
