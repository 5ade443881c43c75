"""How issues are named in tabs, lists and feeds (core/labels.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from newsletter.core.labels import issue_headline, issue_tab_title
from newsletter.core.model import Issue


def _issue(title: str, summary: str) -> Issue:
    return Issue(docname="issues/004", number=4, date=dt.date(2019, 5, 14), title=title,
                 summary=summary)  # fmt: skip


@pytest.mark.parametrize(
    ("title", "summary", "tab"),
    [
        ("云原生生态周报 第 4 期", "Docker Hub 遭入侵；Java 8 更新", "第 4 期：Docker Hub 遭入侵"),
        ("Kubernetes 1.15 发布", "", "第 4 期：Kubernetes 1.15 发布"),
        # A refused title is shown as "第 4 期" (issue 26): no lead story to add.
        ("第 4 期", "", "第 4 期"),
    ],
)
def test_the_tab_names_the_lead_story_once(title: str, summary: str, tab: str) -> None:
    assert issue_tab_title(_issue(title, summary)) == tab


def test_the_headline_is_the_first_clause_of_the_summary() -> None:
    assert issue_headline(_issue("标题", "第一句，仍是第一句；第二句")) == "第一句，仍是第一句"
