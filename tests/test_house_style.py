"""The house-style rules the importer learnt from the review of issues 1 to 3.

Each source line here is written for this test (no published prose), in the
shapes the weekly's issues have.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsletter.cli.importer.house_style import (
    join_split_links,
    one_bold_run,
    says_only_the_number,
    spaced,
    term_note,
    topic_tags,
)
from newsletter.cli.importer.hugo import read_hugo
from newsletter.cli.importer.writer import write_issue
from newsletter.core.registry import build_registry


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("代理Envoy正通过ORCA改善", "代理 Envoy 正通过 ORCA 改善"),
        ("发布了2019年度报告", "发布了 2019 年度报告"),
        ("容器 和 Java", "容器和 Java"),
        (
            "参考[Mesh 实践](https://example.com/a)系列",
            "参考 [Mesh 实践](https://example.com/a)系列",
        ),
        ("的[MIG](https://example.com/m)和", "的 [MIG](https://example.com/m) 和"),
        ("提供[在线阅读](https://example.com/b)和", "提供[在线阅读](https://example.com/b)和"),
    ],
)
def test_spacing_between_chinese_and_latin(before: str, after: str) -> None:
    assert spaced(before) == after


def test_spacing_leaves_addresses_alone() -> None:
    text = "比如：http://a-b.default.svc.cluster.local/x_y 代表[链接](https://example.com/a_b)"
    assert "http://a-b.default.svc.cluster.local/x_y" in spaced(text)
    assert "(https://example.com/a_b)" in spaced(text)


def test_a_phrase_split_into_links_to_one_address_is_one_link() -> None:
    split = "使用[同一个](https://e.com/1)[ shim ](https://e.com/1)[来管理](https://e.com/1)，"
    assert join_split_links(split) == "使用[同一个 shim 来管理](https://e.com/1)，"
    two = "[甲](https://e.com/1)[乙](https://e.com/2)"
    assert join_split_links(two) == two


def test_bold_around_a_bold_link_is_one_run() -> None:
    seams = "**必须重视**[**镜像安全**](https://e.com/s)**，并将此作为首要任务**"
    assert one_bold_run(seams) == "**必须重视[镜像安全](https://e.com/s)，并将此作为首要任务**"
    # Here the first ** opens a run: joining would drop the link's own bold.
    opening = "正文 **[**名字**](https://e.com/n)** 后文"
    assert one_bold_run(opening) == opening


def test_keywords_become_the_archives_tags() -> None:
    assert topic_tags(("cloud native",), ("service mesh", "服务网格", "云原生", "k8s")) == (
        "云原生",
        "服务网格",
    )
    assert topic_tags(("something else",), ()) == ()


@pytest.mark.parametrize(
    ("summary", "only"),
    [
        ("这是 Cloud Native 周报第一期。", True),
        ("这是 Cloud Native 周报第2期。", True),
        ("这是云原生周报第 12 期", True),
        ("这是一份关于周报第 3 期要闻的总结：Docker Hub 遭入侵", False),
        ("Docker Hub 遭入侵；Java 8 支持容器", False),
    ],
)
def test_a_summary_that_only_names_the_issue(summary: str, only: bool) -> None:
    assert says_only_the_number(summary) is only


def test_a_closing_term_line_is_a_term_note() -> None:
    assert term_note("名词解释：ABC - Alpha Beta Gamma， 即 一种说明") == (
        "ABC",
        "Alpha Beta Gamma， 即 一种说明。",
    )
    assert term_note("名词解释：ABC 是一种说明") is None
    assert term_note("名词解释：ABC - 第一行\n第二行") is None


REGISTRY = build_registry(
    {
        "projects": {
            "istio": {"name": "Istio", "homepage": "https://istio.example/"},
            "envoy": {"name": "Envoy", "homepage": "https://envoy.example/"},
        },
        "groups": {"Istio/Envoy": ["istio", "envoy"]},
    }
)[0]

SOURCE = """\
---
title: "示例周报第7期"
date: 2020-02-02
summary: "这是示例周报第7期。"
keywords: ["cloud native", "service mesh"]
---

> *摘要：* 第一件事；第二件事。

![](https://cdn.example/hosted/cover.png)

## 业界要闻

- [官方宣布](https://example.com/a)为开发者提供免费课程。课程专注于云原生。
- [**一个标题**](https://example.com/b)正文紧跟在后面。
- 想了解更多，你可以阅读[某站上的这篇文章](https://example.com/c)来进一步了解。
- Faster scheduling for both kinds of affinity. ([#12](https://example.com/pr/12), [@someone](https://example.com/someone)) 这是一个优化。
- [[Area scheduling\\] native support, ready](https://example.com/d) 这个设计值得期待。

## 上游重要进展

Istio/Envoy 项目

1. [Envoy 改进负载均衡](https://example.com/e)：Envoy 的负载均衡更精准。
2. [新版本发布](https://example.com/f)：Istio 更新了 Envoy 代理。
3. [网格的一项讨论](https://example.com/g)：社区正在讨论。

名词解释：ABC - Alpha Beta Gamma，即一种说明
"""


@pytest.fixture
def imported(tmp_path: Path):
    (tmp_path / "cover.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return read_hugo(SOURCE, "weekly-07", REGISTRY, bundle=tmp_path)


def test_titles_the_review_would_give(imported) -> None:
    titles = [e.item.title for e in imported.entries]
    assert titles[0] == "官方宣布为开发者提供免费课程"
    assert imported.entries[0].body.startswith("课程专注于云原生")
    # A bold lead is a headline even when the text runs on without a stop.
    assert titles[1] == "一个标题"
    # A pointer ("这篇文章") and a person (@someone) name no news.
    assert titles[2] == "想了解更多"
    assert titles[3] == "Faster scheduling for both kinds of affinity"
    assert imported.entries[3].item.link == "https://example.com/pr/12"
    # The link's "[" opened the label too.
    assert titles[4] == "[Area scheduling] native support, ready"


def test_a_group_item_is_about_the_group_projects_it_names(imported) -> None:
    projects = [e.item.projects for e in imported.entries[5:]]
    assert projects == [("envoy",), ("istio", "envoy"), ("istio", "envoy")]


def test_front_matter_the_review_would_write(imported) -> None:
    issue = imported.issue
    assert issue.title == "示例周报第 7 期"
    assert issue.summary == "第一件事；第二件事。"
    assert issue.tags == ("云原生", "服务网格")
    assert issue.image == "_static/images/007-cover.png"
    assert [name for _, name in imported.images] == ["007-cover.png"]


def test_the_picture_and_the_term_note_in_the_written_issue(imported) -> None:
    text = write_issue(imported.issue, imported.blocks)
    assert "![](/_static/images/007-cover.png)" in text
    assert "cdn.example" not in text
    assert "image: _static/images/007-cover.png\n" in text
    assert text.rstrip().endswith(
        "## 名词解释\n\n```{term-note} ABC\nAlpha Beta Gamma，即一种说明。\n```"
    )
