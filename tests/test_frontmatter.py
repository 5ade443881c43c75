"""Issue front matter: parsing with lines, validation, and build warnings."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from conftest import Project

from newsletter.core.frontmatter import parse_issue

VALID = """\
---
number: 7
date: 2019-05-07T15:12:53+08:00
title: 第 7 期
summary: 摘要。
authors: [张三, 李四]
editor: 王五
publisher: 出品方
image: _static/covers/weekly.svg
draft: false
tags: [服务网格, 安全]
---

正文
"""


def test_valid_front_matter_builds_an_issue() -> None:
    issue, problems = parse_issue(VALID, "issues/007")
    assert problems == []
    assert issue is not None
    assert issue.number == 7
    assert issue.date == dt.date(2019, 5, 7)
    assert issue.published == "2019-05-07T15:12:53+08:00"
    assert issue.authors == ("张三", "李四")
    assert issue.tags == ("服务网格", "安全")
    assert (issue.editor, issue.publisher, issue.draft) == ("王五", "出品方", False)


def test_offset_keeps_the_local_calendar_date() -> None:
    # 01:00 in UTC+8 is still the previous day in UTC; the issue is dated locally.
    text = VALID.replace("2019-05-07T15:12:53+08:00", "2019-05-07T01:00:00+08:00")
    issue, _ = parse_issue(text, "issues/007")
    assert issue is not None and issue.date == dt.date(2019, 5, 7)


def test_authors_may_be_a_comma_separated_string() -> None:
    issue, problems = parse_issue(VALID.replace("[张三, 李四]", "张三，李四、赵六"), "issues/007")
    assert problems == [] and issue is not None
    assert issue.authors == ("张三", "李四", "赵六")


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        ("date: 2019-05-07T15:12:53+08:00", "date: 5月7日", 3, "日期 'date' 应为 YYYY-MM-DD"),
        ("number: 7", "number: seven", 2, "期号 'number' 应为正整数"),
        ("number: 7", "number: 8", 2, "期号 8 与文件名 007 不一致"),
        ("authors: [张三, 李四]", "authors: {a: 1}", 6, "字段 'authors' 应为列表"),
        ("draft: false", "draft: maybe", 10, "字段 'draft' 应为 true 或 false"),
    ],
)
def test_malformed_field_is_reported_at_its_line(
    old: str, new: str, line: int, message: str
) -> None:
    _, problems = parse_issue(VALID.replace(old, new), "issues/007")
    assert any(p.line == line and message in p.message for p in problems), problems


def test_missing_fields_are_all_reported() -> None:
    text = VALID.replace("summary: 摘要。\n", "").replace("editor: 王五\n", "")
    issue, problems = parse_issue(text, "issues/007")
    messages = [p.message for p in problems]
    assert "front matter 缺少必填字段 'summary'" in messages
    assert "front matter 缺少必填字段 'editor'" in messages
    assert issue is not None  # the page can still be built and shown


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("", 1, "缺少 front matter"),
        ("# 没有 front matter\n", 1, "缺少 front matter"),
        ("---\nnumber: 1\n", 1, "没有结束的 --- 行"),
        ("---\nnumber: 1\ntitle: [unclosed\n---\n", 3, "不是合法的 YAML"),
        ("---\n- a\n- b\n---\n", 2, "应是 “字段: 值” 的映射"),
    ],
)
def test_unusable_front_matter(text: str, line: int, message: str) -> None:
    issue, problems = parse_issue(text, "issues/001")
    assert issue is None
    assert [(p.line, message in p.message) for p in problems] == [(line, True)]


def test_build_warns_with_file_and_line(project: Project) -> None:
    source = (project.src / "issues/001.md").read_text(encoding="utf-8")
    project.write("issues/001.md", source.replace("date: 2024-01-02", "date: 明天"))
    project.build()
    (warning,) = project.warning_lines()
    assert re.search(r"issues/001\.md:3: WARNING: 日期 'date' 应为", warning), warning
    # An issue without a usable date is not listed or exported.
    assert [r["number"] for r in project.news()["issues"]] == [2]
