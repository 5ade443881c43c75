"""Leading labels: moved into tags by the importer, a warning in the checker."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import issue_source, news

from newsletter.cli import check
from newsletter.core.entry_labels import is_label_only, split_labels


@pytest.mark.parametrize(
    ("content", "labels", "rest"),
    [
        ("[重要安全增强] [KEP: Pod Quotas](https://x.io): 正文", ("重要安全增强",),
         "[KEP: Pod Quotas](https://x.io): 正文"),
        ("【活动】[性能提升] 调度器提速", ("活动", "性能提升"), "调度器提速"),
        ("技术博文：[《服务网格实战》](https://x.io) by 张三", ("技术博文",),
         "[《服务网格实战》](https://x.io) by 张三"),
        ("**推荐：**《[一本书](https://x.io)》", ("推荐",), "《[一本书](https://x.io)》"),
        ("**[安全]** [标题](https://x.io)", ("安全",), "[标题](https://x.io)"),
        ("[技术博文]：[《书》](https://x.io)", ("技术博文",), "[《书》](https://x.io)"),
        ("**[KEP] 新特性**：正文", (), "**[KEP] 新特性**：正文"),
        # Not labels: a link's own text, an escaped bracket, a colon before plain text.
        ("[KEP: Pod Quotas](https://x.io)：正文", (), "[KEP: Pod Quotas](https://x.io)：正文"),
        ("[**[KEP\\] 合并**](https://x.io)", (), "[**[KEP\\] 合并**](https://x.io)"),
        ("注意：这不是标签", (), "注意：这不是标签"),
    ],
)  # fmt: skip
def test_split_labels(content: str, labels: tuple[str, ...], rest: str) -> None:
    assert split_labels(content) == (labels, rest)


@pytest.mark.parametrize(
    ("title", "only"),
    [
        ("技术博文", True),
        ("技术博文：", True),
        ("[重要安全增强]", True),
        ("【活动】", True),
        ("《服务网格实战》", False),
        ("[KEP] Ephemeral Containers 合并", False),
        ("Kubernetes 1.15 发布", False),
    ],
)
def test_is_label_only(title: str, only: bool) -> None:
    assert is_label_only(title) is only


def test_the_checker_warns_about_a_title_that_is_only_a_label(tmp_path: Path) -> None:
    (tmp_path / "issues").mkdir()
    items = news("技术博文", link="https://example.com/a") + news("《服务网格实战》")
    (tmp_path / "issues" / "001.md").write_text(issue_source(1, items), encoding="utf-8")
    assert [str(m) for m in check.check_archive(tmp_path)] == [
        "issues/001.md:12: 警告：新闻条目的标题“技术博文”只是一个标签，"
        "请写出读者会用的标题（标签可写在 :tags: 中）"
    ]
