"""The importer on every shape of entry the weekly writes, counted as a reader counts.

The sources are written for these tests (no published prose). The main one
has labels before titles (``[重要安全增强]``, ``技术博文：``), a link in
mid-sentence, a lead sentence whose sub-bullets are two announcements, a
link broken by hand, groups as a paragraph and as a heading with numbering
restarting, a fifth section, credits at the top, a singular ``author:`` and
an image beside the source. A reader counts 13 news items in it and one
entry that is not news (it has no link).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import Project

from newsletter.cli import importer
from newsletter.cli.importer.house_style import spaced
from newsletter.cli.importer.hugo import read_hugo
from newsletter.cli.importer.inference import infer_projects
from newsletter.core.registry import Registry, build_registry

REGISTRY = """\
projects:
  kubernetes:
    name: Kubernetes
    homepage: https://kubernetes.io/
    repository: https://github.com/kubernetes/kubernetes
    aliases: [K8s]
  knative:
    name: Knative
    homepage: https://knative.dev/
    repository: https://github.com/knative/serving
  helm:
    name: Helm
    homepage: https://helm.sh/
    repository: https://github.com/helm/helm
  istio:
    name: Istio
    homepage: https://istio.io/
    repository: https://github.com/istio/istio
  envoy:
    name: Envoy
    homepage: https://www.envoyproxy.io/
    repository: https://github.com/envoyproxy/envoy
    aliases: [Envoy Proxy]
  containerd:
    name: containerd
    homepage: https://containerd.io/
    repository: https://github.com/containerd/containerd
  kubecdn:  # named by the issues of the fixture project
    name: kubeCDN
    repository: https://github.com/ilhaan/kubeCDN
groups:
  Istio/Envoy: [istio, envoy]
"""

SOURCE = """\
---
title: "云原生生态周报第 42 期"
date: 2021-06-01T10:00:00+08:00
author: "编辑部"
---

本周作者：甲，乙，丙
责任编辑：丁

## 业界要闻

1. [重要安全增强] [KEP: Pod Quotas](https://github.com/kubernetes/enhancements/issues/101): 社区提议为 Pod 增加配额，防止单个工作负载占满节点。
2. [性能提升] Scheduler 吞吐提升 3 倍（[#12345](https://github.com/kubernetes/kubernetes/pull/12345)，@someone）。新的调度队列减少了锁竞争。
3. 本周我们向您推荐[Foo 项目](https://github.com/foo-labs/foo)。Foo 是一个轻量的配置同步工具，适合边缘场景。
4. 在上周的 Acme 大会上，Acme 云正式发布了：
   - [Product A](https://a.example.com/launch)。A 是一个托管的事件总线。
   - [Product B](https://b.example.com/launch)。B 提供按需伸缩的函数运行时。
5. [Serving API proposal(https://github.com/knative/serving/issues/202)**说明：**新的 API 草案简化了路由配置。

## 上游重要进展

Kubernetes 项目

1. [**kubectl 支持插件签名**](https://github.com/kubernetes/kubernetes/pull/200)：插件在安装前校验签名。
2. [**节点优雅关机进入 Beta**](https://kubernetes.io/blog/2021/graceful-shutdown/)：节点关机时按优先级停止 Pod。

### Knative 项目

1. [**事件源支持批量投递**](https://github.com/knative/eventing/pull/300)：一次投递多条事件，降低开销。

## 本周阅读推荐

- 技术博文：[《服务网格实战》](https://blog.example.org/mesh-in-action) by 张三。本文从零搭建一个网格，并演示灰度发布。
- 技术博文：[《调度器的十个细节》](https://blog.example.org/scheduler-details) by 李四。文章解释了调度器的打分插件。
- 纯文字的一条推荐，没有任何链接。
- [**Helmsman 与 helm chart 的取舍**](https://github.com/kubernetes-sigs/helmsman-notes)：一篇对比文章。

## 本周云原生最佳实践

1. [**用 Helm 管理多集群配置**](https://blog.example.org/helm-multi)：通过值文件分层管理不同集群。

![会场](cover.jpg)
"""

#: (title, link, tags, projects) of every item, in reading order.
EXPECTED = [
    ("KEP: Pod Quotas", "https://github.com/kubernetes/enhancements/issues/101",
     ("重要安全增强",), ("kubernetes",)),
    ("Scheduler 吞吐提升 3 倍", "https://github.com/kubernetes/kubernetes/pull/12345",
     ("性能提升",), ("kubernetes",)),
    ("Foo 项目", "https://github.com/foo-labs/foo", (), ()),
    ("Product A", "https://a.example.com/launch", (), ()),
    ("Product B", "https://b.example.com/launch", (), ()),
    ("Serving API proposal", "https://github.com/knative/serving/issues/202", (), ("knative",)),
    ("kubectl 支持插件签名", "https://github.com/kubernetes/kubernetes/pull/200", (),
     ("kubernetes",)),
    ("节点优雅关机进入 Beta", "https://kubernetes.io/blog/2021/graceful-shutdown/", (),
     ("kubernetes",)),
    ("事件源支持批量投递", "https://github.com/knative/eventing/pull/300", (), ("knative",)),
    ("《服务网格实战》", "https://blog.example.org/mesh-in-action", ("技术博文",), ()),
    ("《调度器的十个细节》", "https://blog.example.org/scheduler-details", ("技术博文",), ()),
    ("Helmsman 与 helm chart 的取舍", "https://github.com/kubernetes-sigs/helmsman-notes", (), ()),
    ("用 Helm 管理多集群配置", "https://blog.example.org/helm-multi", (), ("helm",)),
]  # fmt: skip

#: A tiny JPEG (start and end of image): the build copies it, nothing decodes it.
JPEG = b"\xff\xd8\xff\xd9"


def registry() -> Registry:
    return build_registry(yaml.safe_load(REGISTRY))[0]


@pytest.fixture
def imported(project: Project) -> tuple[Project, importer.Outcome]:
    """SOURCE as a Hugo page bundle (index.md beside cover.jpg), imported into a project."""
    project.write("docs/projects.yaml", REGISTRY)
    bundle = project.src.parent / "weekly-42"
    bundle.mkdir()
    (bundle / "index.md").write_text(SOURCE, encoding="utf-8")
    (bundle / "cover.jpg").write_bytes(JPEG)
    outcome = importer.import_file(bundle / "index.md", project.src, registry(), number=42)
    assert outcome.status == "written", outcome.status
    return project, outcome


def test_every_entry_is_an_item_with_its_real_title(
    imported: tuple[Project, importer.Outcome],
) -> None:
    _, outcome = imported
    assert outcome.imported is not None
    items = [e.item for e in outcome.imported.entries]
    assert [(i.title, i.link, i.tags, i.projects) for i in items] == EXPECTED
    assert [(i.section, i.group) for i in items][5:9] == [
        ("业界要闻", ""),
        ("上游重要进展", "Kubernetes 项目"),
        ("上游重要进展", "Kubernetes 项目"),
        ("上游重要进展", "Knative 项目"),
    ]
    assert items[-1].section == "本周云原生最佳实践"
    assert [i.order for i in items] == list(range(len(EXPECTED)))
    assert outcome.imported.unconverted == [
        (35, "没有 http(s) 链接：纯文字的一条推荐，没有任何链接。")
    ]


def test_credits_at_the_top_win_over_the_singular_author(
    imported: tuple[Project, importer.Outcome],
) -> None:
    project, outcome = imported
    assert outcome.imported is not None
    issue = outcome.imported.issue
    assert (issue.authors, issue.editor) == (("甲", "乙", "丙"), "丁")
    text = (project.src / "issues" / "042.md").read_text(encoding="utf-8")
    assert "本周作者" not in text and "责任编辑" not in text


def test_the_summary_names_what_a_reader_must_check(
    imported: tuple[Project, importer.Outcome],
) -> None:
    _, outcome = imported
    lines = importer.summary(outcome)
    assert lines[0].endswith("（已写入）：13 条新闻，4 个栏目，3 段留作正文")
    assert (
        "  未转换为新闻条目：第 35 行，没有 http(s) 链接：纯文字的一条推荐，没有任何链接。" in lines
    )
    assert (
        "  推断项目：第 13 行“Scheduler 吞吐提升 3 倍” → kubernetes（链接指向其代码仓库）" in lines
    )
    assert (
        "  推断项目：第 12 行“KEP: Pod Quotas” → kubernetes（链接指向 github.com 上的组织 kubernetes）"
        in lines
    )
    assert "  推断项目：第 40 行“用 Helm 管理多集群配置” → helm（标题提到 Helm）" in lines
    assert not any("Helmsman" in line and "推断项目" in line for line in lines)
    assert (
        f"  复制图片：{outcome.source.parent / 'cover.jpg'} → _static/images/042-cover.jpg" in lines
    )
    notes = "\n".join(lines)
    assert "第 18 行手写的链接已修复" in notes
    assert "第 15 行的引导语拆成其后 2 条新闻" in notes
    assert "第 13 行没有可作标题的链接文字，标题取自首句：Scheduler 吞吐提升 3 倍" in notes


def test_the_imported_issue_builds_and_reads_as_the_source(
    imported: tuple[Project, importer.Outcome],
) -> None:
    project, _ = imported
    assert (project.src / "_static" / "images" / "042-cover.jpg").read_bytes() == JPEG
    project.build()
    assert project.warning_lines() == []
    page = project.html("issues/042.html")
    articles = page.select("article.news-item")
    titles = [a.select_one(".news-item-title").get_text(" ", strip=True) for a in articles]
    assert len(articles) == len(EXPECTED)
    assert [t.rstrip("¶ ") for t in titles] == [title for title, *_ in EXPECTED]
    # The lead sentence stands before the two announcements it introduced.
    lead = page.find(string=lambda s: s and "Acme 云正式发布了" in s)
    assert lead is not None and lead.find_parent("article") is None
    # The broken link was mended: its address is a link again, its text not literal.
    assert page.find("a", href="https://github.com/knative/serving/issues/202") is not None
    assert "(https://github.com/knative/serving/issues/202)" not in page.get_text()
    image = page.find("img", alt="会场")
    assert image is not None and image["src"].endswith("042-cover.jpg")
    assert (project.outdir / image["src"].replace("../", "")).is_file()
    records = {r["title"]: r for r in project.news()["items"]}
    assert records["《服务网格实战》"]["tags"] == ["技术博文"]
    assert records["KEP: Pod Quotas"]["projects"] == ["kubernetes"]


def test_no_infer_keeps_only_the_projects_the_source_names() -> None:
    imported = read_hugo(SOURCE, "weekly-42", registry(), infer=False)
    projects = [e.item.projects for e in imported.entries]
    # The groups name Kubernetes and Knative; nothing else is guessed.
    assert projects == [(), (), (), (), (), ()] + [("kubernetes",)] * 2 + [("knative",)] + [()] * 4
    assert not any(e.inferred for e in imported.entries)


def credits_source(front: str, top: str, bottom: str) -> str:
    return (
        f"---\ntitle: 周报\ndate: 2021-01-01\nnumber: 1\n{front}---\n\n{top}\n\n## 要闻\n\n"
        f"- [**条目**](https://example.com/t)：正文。\n\n{bottom}\n"
    )


@pytest.mark.parametrize(
    ("front", "top", "bottom", "authors", "editor"),
    [
        ("", "本周作者：甲，乙，丙\n责任编辑：丁", "", ("甲", "乙", "丙"), "丁"),
        ("", "> 本周作者：甲 乙 丙\n> 编辑：丁", "", ("甲", "乙", "丙"), "丁"),
        ("", "", "本周作者：甲、乙\n\n责任编辑：丁", ("甲", "乙"), "丁"),
        ("", "", "> 本期作者：甲，乙\n>\n> 本周编辑：丁", ("甲", "乙"), "丁"),
        ("author: 戊\n", "", "", ("戊",), "佚名"),
        ("author: 编辑部\n", "", "本周作者：甲\n责任编辑：丁", ("甲",), "丁"),
    ],
)
def test_credits_wherever_the_weekly_puts_them(
    front: str, top: str, bottom: str, authors: tuple[str, ...], editor: str
) -> None:
    imported = read_hugo(credits_source(front, top, bottom), "x", Registry())
    assert (imported.issue.authors, imported.issue.editor) == (authors, editor)
    body = "\n".join(getattr(b, "markdown", "") for b in imported.blocks)
    assert "作者" not in body and "编辑" not in body
    # A singular author the credit lines outrank is reported as not imported.
    dropped = any(n == "front matter 中未导入的字段：author" for n in imported.notes)
    assert dropped == (front.startswith("author") and bool(top or bottom))


def test_a_link_broken_beyond_doubt_is_kept_and_named() -> None:
    source = credits_source("", "", "").replace(
        "- [**条目**]",
        "- [**条目**](https://example.com/u)：见 [原文 https://example.com/x 。\n- [**第二条**]",
    )
    imported = read_hugo(source, "x", Registry())
    assert [e.item.title for e in imported.entries] == ["条目", "第二条"]
    assert "[原文 https://example.com/x" in imported.entries[0].body
    assert any(n.startswith("第 11 行疑似写坏的链接无法确定地址，原文保留") for n in imported.notes)


@pytest.mark.parametrize(
    ("title", "link", "projects"),
    [
        ("发布说明", "https://github.com/kubernetes/kubernetes/releases/tag/v1.30.0",
         ("kubernetes",)),
        ("发布说明", "https://KUBERNETES.io/docs/", ("kubernetes",)),
        ("发布说明", "https://github.com/knative/eventing", ("knative",)),
        # Another organisation's repository that merely mentions a project.
        ("发布说明", "https://github.com/someone/kubernetes-tools", ()),
        ("发布说明", "https://github.com/kubernetes-sigs/kind", ()),
        ("发布说明", "https://fake-kubernetes.io/x", ()),
        ("在 K8s 上跑 Envoy Proxy", "https://example.com/a", ("kubernetes", "envoy")),
        ("the helm of the ship", "https://example.com/a", ()),
        ("containerd 2.0 发布", "https://example.com/a", ("containerd",)),
        ("Helmsman 入门", "https://example.com/a", ()),
        # The link is another project's repository: the title's "Helm" is not the subject.
        ("Descheduler Helm Chart 0.3", "https://github.com/kubernetes-sigs/descheduler", ()),
    ],
)  # fmt: skip
def test_projects_are_inferred_from_strong_evidence_only(
    title: str, link: str, projects: tuple[str, ...]
) -> None:
    assert infer_projects(registry(), title, link).projects == projects


def test_a_lead_in_before_the_link_stays_in_the_body() -> None:
    source = credits_source("", "", "").replace(
        "- [**条目**](https://example.com/t)：正文。",
        "1. **本周，我们推荐** [**Bar**](https://example.com/bar) **项目**。Bar 是一个工具。",
    )
    (entry,) = read_hugo(source, "x", Registry()).entries
    assert (entry.item.title, entry.item.link) == ("Bar", "https://example.com/bar")
    assert entry.body.startswith("**本周，我们推荐** [**Bar**](https://example.com/bar) **项目**")


def test_only_images_inside_the_bundle_are_copied(tmp_path: Path) -> None:
    """An import reads nothing outside the source's folder, through ``..`` or a link."""
    bundle = tmp_path / "weekly"
    (bundle / "img").mkdir(parents=True)
    (bundle / "img" / "a.png").write_bytes(JPEG)
    (tmp_path / "secret.png").write_bytes(JPEG)
    (bundle / "linked.png").symlink_to(tmp_path / "secret.png")
    (bundle / "notes.txt").write_text("不是图片", encoding="utf-8")
    body = "![甲](img/a.png) ![乙](../secret.png) ![丙](linked.png) ![丁](notes.txt)"
    source = credits_source("", body, "")
    imported = read_hugo(source, "x", Registry(), bundle=bundle)
    assert imported.images == [(bundle / "img" / "a.png", "001-img-a.png")]
    text = "\n".join(getattr(b, "markdown", "") for b in imported.blocks)
    assert "![甲](/_static/images/001-img-a.png)" in text
    assert "乙（图片：../secret.png）" in text and "丙（图片：linked.png）" in text
    assert "丁（图片：notes.txt）" in text


def test_an_entry_led_by_an_unusable_link_is_titled_by_its_words() -> None:
    source = credits_source("", "", "").replace(
        "- [**条目**](https://example.com/t)：正文。",
        "- [#4242](https://example.com/pr/4242) 修复了调度器的死锁，影响 1.20 之前的版本。",
    )
    imported = read_hugo(source, "x", Registry())
    (entry,) = imported.entries
    assert (entry.item.title, entry.item.link) == (
        "#4242 修复了调度器的死锁",
        "https://example.com/pr/4242",
    )
    assert (
        "第 11 行没有可作标题的链接文字，标题取自首句：#4242 修复了调度器的死锁" in imported.notes
    )


def test_a_different_image_of_the_same_name_needs_force(
    imported: tuple[Project, importer.Outcome],
) -> None:
    project, outcome = imported
    copy = project.src / "_static" / "images" / "042-cover.jpg"
    copy.write_bytes(b"other")
    again = importer.import_file(outcome.source, project.src, registry(), number=42)
    assert again.status == "_static/images/042-cover.jpg 已存在且内容不同；确认覆盖请加 --force"
    assert copy.read_bytes() == b"other"
    forced = importer.import_file(outcome.source, project.src, registry(), True, 42)
    assert forced.status == "unchanged" and copy.read_bytes() == JPEG


def test_the_command_line_turns_inference_off(
    imported: tuple[Project, importer.Outcome], capsys: pytest.CaptureFixture[str]
) -> None:
    project, outcome = imported
    argv = [str(outcome.source), "--root", str(project.src), "--number", "42"]
    assert importer.main([*argv, "--no-infer", "--force"]) == 0
    out = capsys.readouterr().out
    assert "推断项目" not in out and "13 条新闻" in out
    text = (project.src / "issues" / "042.md").read_text(encoding="utf-8")
    assert text.count(":projects:") == 3  # the two groups' items only
    assert importer.main([*argv, "--force"]) == 0
    assert (
        "  推断项目：第 40 行“用 Helm 管理多集群配置” → helm（标题提到 Helm）"
        in capsys.readouterr().out
    )


@pytest.mark.parametrize(
    ("entry", "title"),
    [
        ("本周，我们向您推荐[Foo](https://example.com/foo)。Foo 是一个工具。", "Foo"),
        ("Kubernetes 1.15 进入发布节奏，详见[发布计划](https://example.com/plan)。", "Kubernetes 1.15 进入发布节奏"),
        ("新版本改进了路由，参考[流量管理实践](https://example.com/mesh)系列文章。", "新版本改进了路由"),
    ],
)  # fmt: skip
def test_a_link_in_the_first_sentence_names_the_item_unless_it_is_a_reference(
    entry: str, title: str
) -> None:
    source = credits_source("", "", "").replace("[**条目**](https://example.com/t)：正文。", entry)
    (imported,) = read_hugo(source, "x", Registry()).entries
    assert imported.item.title == title
    assert imported.body == spaced(entry)  # the sentence stays whole, in the house style


def test_sub_bullets_without_links_of_their_own_stay_in_one_item() -> None:
    entry = (
        "在 Acme 大会上，Acme 云发布了两项服务：\n"
        "   - [Product A](https://a.example.com/launch)：托管的事件总线。\n"
        "   - Product B：按需伸缩的函数运行时（尚无公开页面）。"
    )
    source = credits_source("", "", "").replace("[**条目**](https://example.com/t)：正文。", entry)
    imported = read_hugo(source, "x", Registry())
    (item,) = imported.entries
    assert (item.item.title, item.item.link) == ("在 Acme 大会上", "https://a.example.com/launch")
    assert "Product B：按需伸缩的函数运行时" in item.body
    # One note for the entry, none left over from trying its sub-bullets as items.
    assert [n for n in imported.notes if n.startswith("第 ")] == [
        "第 11 行没有可作标题的链接文字，标题取自首句：在 Acme 大会上"
    ]


def test_a_credit_line_between_items_is_the_items_text() -> None:
    source = credits_source("", "", "本周作者：甲\n责任编辑：丁").replace(
        "- [**条目**](https://example.com/t)：正文。",
        "- [**条目**](https://example.com/t)：正文。\n\n作者：某位博主\n\n- [**第二条**](https://example.com/u)：正文。",
    )
    imported = read_hugo(source, "x", Registry())
    assert (imported.issue.authors, imported.issue.editor) == (("甲",), "丁")
    assert "作者：某位博主" in [getattr(b, "markdown", "") for b in imported.blocks]
