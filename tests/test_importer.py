"""The importer on layouts it has not seen: the same families of quirks.

The source below is written for this test (no published prose): bullets
instead of numbers, ``#`` sections, a bold group paragraph, ``1)`` markers,
bold next to full-width punctuation, an escaped bracket, one title split
into two links, a site-relative link and image, a raw ``<h1>``, a link
reference definition, CRLF line ends and no final newline.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Project

from newsletter.cli import importer
from newsletter.cli.importer import writer
from newsletter.cli.importer.emphasis import repair_line
from newsletter.cli.importer.hugo import Reader, SourceError, plain, read_hugo, split_lead
from newsletter.core.registry import Registry

SOURCE = """\
---
title: "云原生周报第 12 期"
date: 2020-01-07T01:30:00+08:00
author: "编辑部"
tags: ["云原生"]
---

> *摘要：* 要点一；要点二。

# 业界要闻

* [**标题一**](https://example.com/one)**：**正文一，**重点，**后文。
* **标题二。**正文二，参见[文章](https://example.com/two)。
  * 子项甲
  * 子项乙
* 没有链接的一条说明。

# 上游重要进展

**Kubernetes 项目：**

1) [**[KEP\\] 新特性合并**](https://example.com/kep)。<two spaces>
   正文三，见[参考][ref]。

Istio/Envoy 项目

1. [**网格**](https://example.com/mesh)[**发布**](https://example.com/mesh)：正文四 `code`。
2. [**旧站文章**](/blog/old/)：正文五。

<h1>🎉 社区动态</h1>
社区正文，![图](https://example.com/a.png) 和 ![本地图](/images/b.png)。

[ref]: https://example.com/ref

------

本周报由测试团队发布

本周作者：甲，乙
责任编辑：丙""".replace("<two spaces>", "  ")  # a Markdown hard line break


@pytest.fixture
def imported(project: Project) -> tuple[Project, importer.Outcome]:
    source = project.src.parent / "weekly-12.md"
    source.write_bytes(SOURCE.replace("\n", "\r\n").encode("utf-8"))
    registry = importer.load_registry(project.src / importer.REGISTRY_FILE)[0]
    outcome = importer.import_file(source, project.src, registry)
    assert outcome.status == "written"
    return project, outcome


def test_items_sections_and_projects(imported: tuple[Project, importer.Outcome]) -> None:
    _, outcome = imported
    assert outcome.target == "issues/012.md"
    assert outcome.imported is not None
    items = [e.item for e in outcome.imported.entries]
    assert [(i.title, i.link, i.section, i.group, i.projects) for i in items] == [
        ("标题一", "https://example.com/one", "业界要闻", "", ()),
        ("标题二", "https://example.com/two", "业界要闻", "", ()),
        ("[KEP] 新特性合并", "https://example.com/kep", "上游重要进展", "Kubernetes 项目",
         ("kubernetes",)),
        ("网格发布", "https://example.com/mesh", "上游重要进展", "Istio/Envoy 项目",
         ("istio", "envoy")),
    ]  # fmt: skip
    assert outcome.imported.unconverted == [
        (16, "没有 http(s) 链接：没有链接的一条说明。"),
        (28, "标题链接 /blog/old/ 不是 http(s) 地址：旧站文章：正文五。"),
    ]
    assert outcome.imported.notes == [
        "相对地址已改为文字（原站链接）：/blog/old/",
        "相对地址已改为文字（图片）：/images/b.png",
        "1 行不属于任何段落（如链接引用定义），保留在正文开头",
        "front matter 中未导入的字段：author",
    ]


def test_front_matter_from_the_source_and_its_closing_lines(
    imported: tuple[Project, importer.Outcome],
) -> None:
    project, _ = imported
    text = (project.src / "issues" / "012.md").read_text(encoding="utf-8")
    assert text.startswith(
        "---\nnumber: 12\ndate: 2020-01-07T01:30:00+08:00\ntitle: 云原生周报第 12 期\n"
    )
    assert (
        "summary: 要点一；要点二。\nauthors: [甲, 乙]\neditor: 丙\npublisher: 本周报由测试团队发布\n"
        in text
    )
    # The page prints the credits from the front matter: not written twice.
    assert text.count("责任编辑") == 0 and text.count("本周作者") == 0


def test_the_imported_issue_builds_cleanly(imported: tuple[Project, importer.Outcome]) -> None:
    project, _ = imported
    project.build()
    assert project.warning_lines() == []
    page = project.html("issues/012.html")
    text = page.get_text()
    assert "**" not in text and "\\]" not in text and "](" not in text
    assert [h.get_text().rstrip("¶") for h in page.find_all("h2")] == [
        "业界要闻",
        "上游重要进展",
        "🎉 社区动态",
    ]
    assert page.find("strong", string="重点") is not None
    assert page.find("img", src="https://example.com/a.png") is not None
    assert "本地图（图片：/images/b.png）" in text
    assert page.find("a", href="https://example.com/ref") is not None
    assert "子项乙" in page.select("article.news-item")[1].get_text()
    record = next(r for r in project.news()["items"] if r["title"] == "标题一")
    assert record["date"].startswith("2020-01-07")


def test_idempotent_and_never_overwrites_without_force(
    imported: tuple[Project, importer.Outcome], capsys: pytest.CaptureFixture[str]
) -> None:
    project, outcome = imported
    target = project.src / "issues" / "012.md"
    argv = [str(outcome.source), "--root", str(project.src)]
    assert importer.main(argv) == 0
    assert "内容未变" in capsys.readouterr().out
    target.write_text(target.read_text(encoding="utf-8") + "\n编辑改过。\n", encoding="utf-8")
    assert importer.main(argv) == 1
    assert "issues/012.md 已存在且内容不同；确认覆盖请加 --force" in capsys.readouterr().out
    assert "编辑改过" in target.read_text(encoding="utf-8")
    assert importer.main([*argv, "--force"]) == 0
    assert "编辑改过" not in target.read_text(encoding="utf-8")


def test_two_sources_claiming_one_number(project: Project, tmp_path: Path) -> None:
    folder = tmp_path / "published"
    for name in ("a", "b"):
        (folder / name).mkdir(parents=True)
        (folder / name / "weekly-12.md").write_text(SOURCE, encoding="utf-8")
    registry = Registry()
    taken: dict[int, Path] = {}
    first, second = (
        importer.import_file(p, project.src, registry, taken=taken)
        for p in importer.sources([folder])
    )
    assert first.status == "written"
    assert second.status == (f"期号 12 已由本次导入的 {first.source} 使用，请用 --number 另行指定")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("# 没有 front matter\n", "缺少 front matter（文件应以 --- 开头的 YAML 块开始）"),
        ("---\ntitle: [\n---\n", "front matter 不是合法的 YAML"),
        ("---\ndate: 2020-01-01\n---\n", "front matter 缺少 title"),
        ("---\ntitle: 周报\ndate: 下周\n---\n", "front matter 的 date 无法识别：'下周'"),
        ("---\ntitle: 周报\ndate: 2020-01-01\n---\n", "无法确定期号"),
    ],
)
def test_bad_sources_are_messages(text: str, message: str) -> None:
    with pytest.raises(SourceError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_hugo(text, "weekly", Registry())


def test_cli_reports_bad_sources_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "bad.md"
    source.write_text("no front matter", encoding="utf-8")
    assert importer.main([str(source), "--root", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert f"{source}:1: 错误：缺少 front matter" in out
    assert importer.main([str(tmp_path / "absent.md"), "--root", str(tmp_path)]) == 2


def test_number_option_wins(tmp_path: Path) -> None:
    imported = read_hugo(SOURCE, "weekly-12", Registry(), number=40)
    assert imported.issue.number == 40 and imported.issue.docname == "issues/040"


@pytest.mark.parametrize(
    ("line", "fixed"),
    [
        ("个人项目**，但是这里。**推荐", "个人项目，**但是这里**。推荐"),
        ("[**标题**](https://x.io)**：**正文", "[**标题**](https://x.io)：正文"),
        ("重视**[链接](https://x.io)**，并", "重视[**链接**](https://x.io)，并"),
        ("已经 **正常的粗体** 不变", "已经 **正常的粗体** 不变"),
        ("代码 `**x**，` 不动", "代码 `**x**，` 不动"),
    ],
)
def test_emphasis_is_rewritten_not_deleted(line: str, fixed: str) -> None:
    assert repair_line(line) == fixed


def test_lead_of_a_release_line() -> None:
    lead = split_lead("**[Argo CD v3.3.9](https://github.com/argoproj/argo-cd)** - Fixes.")
    assert lead == ("Argo CD v3.3.9", ["https://github.com/argoproj/argo-cd"], "Fixes.")
    assert plain("**[KEP\\] 合并** `x`") == "[KEP] 合并 x"


def test_toml_front_matter_and_a_byte_order_mark() -> None:
    source = (
        '\ufeff+++\ntitle = "周报"\ndate = 2021-03-02T23:30:00-05:00\nnumber = 5\n+++\n\n'
        "## 要闻\n\n- [**条目**](https://example.com/t)：正文。\n"
    )
    imported = read_hugo(source, "x", Registry())
    issue = imported.issue
    # The local calendar day is kept, whatever the offset.
    assert (issue.number, issue.date.isoformat()) == (5, "2021-03-02")
    assert issue.published == "2021-03-02T23:30:00-05:00"
    assert [(e.item.title, e.body) for e in imported.entries] == [("条目", "正文。")]


def test_summary_says_what_stayed_text_and_why(
    imported: tuple[Project, importer.Outcome],
) -> None:
    _, outcome = imported
    assert importer.summary(outcome)[:5] == [
        f"{outcome.source} → issues/012.md（已写入）：4 条新闻，3 个栏目，4 段留作正文",
        "  栏目 业界要闻：2 条",
        "  栏目 上游重要进展：2 条",
        "  栏目 🎉 社区动态：0 条",
        "  留作正文：未归类的行 1，列表项 2，段落 1（只有列表项会成为条目）",
    ]


def test_a_body_with_its_own_fence_gets_a_longer_one() -> None:
    source = (
        "---\ntitle: 周报\ndate: 2021-01-01\nnumber: 1\n---\n\n"
        "## 要闻 {#news}\n\n- [**条目**](https://example.com/t)：正文\n\n"
        "  :::{note}\n  提示\n  :::\n"
    )
    imported = read_hugo(source, "x", Registry())
    text = writer.write_issue(imported.issue, imported.blocks)
    assert "\n## 要闻\n" in text
    assert (
        "::::{news} 条目\n:link: https://example.com/t\n\n正文\n\n:::{note}\n提示\n:::\n::::"
        in text
    )


def test_site_relative_links_and_anchors_are_spelled_out() -> None:
    reader = Reader(Registry())
    markdown = reader.markdown("见[上期](/blog/2/)和[下文](#x)，[官网](https://a.io)。")
    assert markdown == "见上期（原站链接：/blog/2/）和下文（原站链接：#x），[官网](https://a.io)。"


def test_a_title_without_link_takes_the_link_that_names_it() -> None:
    source = (
        "---\ntitle: 周报\ndate: 2021-01-01\nnumber: 1\n---\n\n## 要闻\n\n"
        "1. **Acme 发布年度报告：**广告见[这里](https://ads.example.com/x)，"
        "全文见[原文](https://acme.example.org/report)。\n"
        "2. [**Non-root**](https://example.com/p)[**用户运行**](https://example.com/p)：正文。\n"
    )
    items = [e.item for e in read_hugo(source, "x", Registry()).entries]
    assert [(i.title, i.link) for i in items] == [
        ("Acme 发布年度报告", "https://acme.example.org/report"),
        ("Non-root 用户运行", "https://example.com/p"),
    ]


def test_summary_blockquote_fills_a_missing_summary() -> None:
    source = (
        "---\ntitle: 周报\ndate: 2021-01-01\nnumber: 1\n---\n\n> *摘要：* 要点一；要点二。\n\n"
        "## 要闻\n\n- [**条目**](https://example.com/t)：正文。\n"
    )
    imported = read_hugo(source, "x", Registry())
    assert imported.issue.summary == "要点一；要点二。"
    assert not any("摘要" in getattr(b, "markdown", "") for b in imported.blocks)
    with_summary = read_hugo(
        source.replace("number: 1", "number: 1\nsummary: 另一句"), "x", Registry()
    )
    assert with_summary.issue.summary == "另一句"
    assert "> *摘要：* 要点一；要点二。" in [
        getattr(b, "markdown", "") for b in with_summary.blocks
    ]
