"""Issue front matter: parsing with lines, validation, and build warnings."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from conftest import Project

from newsletter.cli.check import check_archive
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


ORIGIN = "https://github.com/servicemesher/website/blob/master/content/blog/x/index.md"


def test_an_issue_from_elsewhere_names_its_origin_and_licence() -> None:
    text = VALID.replace("tags:", f"source: {ORIGIN}\nlicence: Apache-2.0\ntags:")
    issue, problems = parse_issue(text, "issues/007")
    assert problems == []
    assert issue is not None
    assert (issue.source, issue.licence) == (ORIGIN, "Apache-2.0")


@pytest.mark.parametrize(
    ("fields", "line", "message"),
    [
        (
            "source: http://example.com/x\nlicence: Apache-2.0\n",
            11,
            "原文地址 'source' 应为 https:// 开头的网址，而不是 'http://example.com/x'",
        ),
        (
            "source: javascript:alert(1)\nlicence: Apache-2.0\n",
            11,
            "原文地址 'source' 应为 https:// 开头的网址，而不是 'javascript:alert(1)'",
        ),
        (
            f"source: {ORIGIN}\nlicence: All rights reserved\n",
            12,
            "许可证 'licence' 应为 Apache-2.0、CC-BY-4.0、CC-BY-SA-4.0、CC0-1.0、MIT 之一，"
            "而不是 'All rights reserved'",
        ),
        (
            f"source: {ORIGIN}\n",
            11,
            "写了 'source' 也要写 'licence'：转载的期刊须同时注明出处和许可证",
        ),
        (
            "licence: MIT\n",
            11,
            "写了 'licence' 也要写 'source'：转载的期刊须同时注明出处和许可证",
        ),
    ],
)
def test_a_bad_origin_is_reported_at_its_line(fields: str, line: int, message: str) -> None:
    _, problems = parse_issue(VALID.replace("tags:", fields + "tags:"), "issues/007")
    assert [(p.line, p.message) for p in problems] == [(line, message)]


def test_the_checker_and_the_build_report_a_bad_licence_alike(project: Project) -> None:
    source = (project.src / "issues/001.md").read_text(encoding="utf-8")
    fields = f"source: {ORIGIN}\nlicence: GPL-3.0\n"
    project.write("issues/001.md", source.replace("---\n", "---\n" + fields, 1))
    project.build()
    (warning,) = project.warning_lines()
    assert re.search(r"issues/001\.md:3: WARNING: 许可证 'licence' 应为", warning), warning
    checked = [str(m) for m in check_archive(project.src) if "licence" in str(m)]
    # The same file, line and message as the build's warning.
    assert len(checked) == 1 and checked[0].endswith(
        "issues/001.md:3: 错误：许可证 'licence' 应为 Apache-2.0、CC-BY-4.0、CC-BY-SA-4.0、CC0-1.0、"
        "MIT 之一，而不是 'GPL-3.0'"
    ), checked
