"""The search data the build writes: records, vocabulary, marked pages, loud failures."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import Project, built_basic, issue_source, news

from newsletter.store.data import get_store
from newsletter.views import search
from newsletter.views.search import index as search_index
from newsletter.views.search.records import news_records, term_records
from newsletter.views.search.vocabulary import build_vocabulary, chinese_words, squash

#: These tests read the site search index, which fixture builds skip otherwise.
pytestmark = pytest.mark.search

GLOSSARY = """\
# 术语表

```{glossary}
KEP
  Kubernetes Enhancement Proposal，Kubernetes 的功能提案。

服务网格
  处理服务间通信的基础设施层。
```
"""


@pytest.fixture(scope="module")
def indexed_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """``roots/test-basic`` with its search index, built once for the tests that only read it."""
    return built_basic(tmp_path_factory, search=True)


def _vocabulary(project: Project) -> dict[str, Any]:
    return json.loads((project.outdir / "search-vocabulary.json").read_text(encoding="utf-8"))


def _records(project: Project) -> list[Any]:
    assert project.app is not None
    vocabulary = build_vocabulary(get_store(project.app.env), {}, ())
    return news_records(project.app, vocabulary) + term_records(project.app)


def test_each_item_is_a_record_linking_to_its_anchor(indexed_site: Project) -> None:
    records = {r.title: r for r in _records(indexed_site)}
    news_json = {r["title"]: r for r in indexed_site.news()["items"]}
    assert records.keys() == news_json.keys()
    envoy = records["Envoy 引入新协议"]
    assert envoy.url == news_json["Envoy 引入新协议"]["url"] == "issues/001.html#envoy-protocol"
    assert envoy.filters == {
        "kind": ["news"],
        "project": ["envoy", "istio"],
        "section": ["上游重要进展"],
        "issue": ["第 1 期"],
        "year": ["2024"],
    }
    assert envoy.meta == {
        "kind": "news",
        "issue": "第 1 期",
        "date": "2024-01-02",
        "section": "上游重要进展",
    }
    title, body, labels = envoy.content.split("｜")
    assert (title, body) == ("Envoy 引入新协议", "Envoy 的正文。")
    assert labels.split() == ["envoy", "istio", "上游重要进展", "Envoy", "项目", "第", "1", "期"]


def test_index_and_vocabulary_are_written_into_the_output(indexed_site: Project) -> None:
    assert indexed_site.warning_lines() == []
    index = indexed_site.outdir / "pagefind"
    # One part per year of issues, newest first, then the rest of the site.
    assert json.loads((index / "parts.json").read_text(encoding="utf-8")) == {
        "parts": ["2024", "site"]
    }
    for part in ("2024", "site"):
        assert (index / part / "pagefind.js").is_file()
        assert list((index / part).glob("pagefind.zh-cn_*.pf_meta"))
        assert not (index / part / "pagefind-ui.js").exists()  # Pagefind's own UI is unused
    assert not (indexed_site.src / "pagefind").exists()
    # Sphinx's own index is not built: no page loads it.
    assert not (indexed_site.outdir / "searchindex.js").exists()
    assert indexed_site.html("search.html").select_one(".archive-search")
    vocabulary = _vocabulary(indexed_site)
    # Every registered project, with its display name and aliases.
    assert vocabulary["projects"] == {
        "envoy": ["Envoy"],
        "istio": ["Istio"],
        "kubecdn": ["kubeCDN"],
        "kubernetes": ["Kubernetes", "K8s"],
    }
    assert {"版本发布", "安全", "开源项目", "测试"} <= set(vocabulary["tags"])
    # The Chinese words of the index, as jieba cuts them, sharded by first character.
    count = vocabulary["shards"]
    shards = [
        (indexed_site.outdir / f"search-words/{n}.txt").read_text(encoding="utf-8").split()
        for n in range(count)
    ]
    assert {"版本", "发布", "正文", "推荐"} <= {word for shard in shards for word in shard}
    assert all(ord(word[0]) % count == n for n, shard in enumerate(shards) for word in shard)


def test_page_bodies_are_marked_for_the_index(indexed_site: Project) -> None:
    issue = indexed_site.html("issues/001.html")
    (body,) = issue.select("[data-pagefind-body]")
    assert body.select("article.news-item")
    search_page = indexed_site.html("search.html")
    assert search_page.select("[data-pagefind-body]") == []
    form = search_page.select_one(".archive-search form[role=search]")
    assert form.select_one("input#archive-search-q")["name"] == "q"
    assert [s["name"] for s in form.select("select")] == [
        "project",
        "tag",
        "section",
        "issue",
        "year",
    ]
    assert search_page.select_one("script[type=module]")["src"].endswith("page.js")


def test_registry_names_and_aliases_reach_the_vocabulary(indexed_site: Project) -> None:
    assert indexed_site.warning_lines() == []
    assert _vocabulary(indexed_site)["projects"]["kubernetes"] == ["Kubernetes", "K8s"]
    (record,) = [r for r in _records(indexed_site) if r.title == "Kubernetes 发布新版本"]
    assert record.filters["project"] == ["kubernetes"]


def test_unreadable_registry_is_a_warning_with_its_location(project: Project) -> None:
    project.write("docs/projects.yaml", "projects: [unclosed\n")
    project.build()
    warnings = project.warning_lines()
    assert any("docs/projects.yaml:" in w and "项目注册表不是合法的 YAML" in w for w in warnings)
    # Every project an item names is then unknown, and said so, item by item.
    assert any("未知项目 'kubernetes'" in w for w in warnings)


def test_glossary_entries_are_records_and_vocabulary(project: Project) -> None:
    project.write("glossary.md", GLOSSARY)
    project.write("index.md", "# 测试归档\n\n```{toctree}\nglossary\n```\n")
    project.build()
    assert project.warning_lines() == []
    terms = {r.title: r for r in _records(project) if r.meta.get("kind") == "term"}
    assert terms.keys() == {"KEP", "服务网格"}
    anchor = terms["KEP"].url.partition("#")[2]
    assert project.html("glossary.html").find(id=anchor).get_text().startswith("KEP")
    assert terms["服务网格"].content == "服务网格｜处理服务间通信的基础设施层。"
    assert _vocabulary(project)["terms"] == ["KEP", "服务网格"]


def _fragments(project: Project, part: str) -> list[Path]:
    return list((project.outdir / "pagefind" / part / "fragment").iterdir())


def test_index_is_rebuilt_without_stale_chunks(project: Project) -> None:
    project.build()
    project.write("issues/003.md", issue_source(3, news("第三期的新闻"), date="2024-01-16"))
    project.build()
    # One fragment per item and per issue page, nothing left from before.
    issues = len(list((project.outdir / "issues").glob("*.html")))
    assert len(_fragments(project, "2024")) == len(project.news()["items"]) + issues
    # The site part holds the pages that are neither issues nor listings.
    site = {p.name for p in project.outdir.glob("*.html")} - {"search.html", "genindex.html"}
    assert len(_fragments(project, "site")) == len(site)


def _stamps(project: Project) -> dict[str, int]:
    index = project.outdir / "pagefind"
    return {
        entry.parent.name: entry.stat().st_mtime_ns for entry in index.glob("*/pagefind-entry.json")
    }


def test_an_edit_rewrites_only_the_part_of_its_year(project: Project) -> None:
    project.write("issues/003.md", issue_source(3, news("旧年份的新闻"), date="2023-06-06"))
    project.build()
    before = _stamps(project)
    assert set(before) == {"2024", "2023", "site"}
    source = project.src / "issues/003.md"
    source.write_text(
        source.read_text(encoding="utf-8").replace("正文。", "正文，编辑后新增。"), encoding="utf-8"
    )
    project.build()
    after = _stamps(project)
    assert [part for part in after if after[part] != before[part]] == ["2023"]
    # An issue moved to another year leaves its old part, which is then removed.
    project.write("issues/003.md", issue_source(3, news("旧年份的新闻"), date="2024-06-04"))
    project.build()
    assert set(_stamps(project)) == {"2024", "site"}
    assert json.loads((project.outdir / "pagefind/parts.json").read_text(encoding="utf-8")) == {
        "parts": ["2024", "site"]
    }


# -- loud failures --------------------------------------------------------------


def test_missing_jieba_is_a_warning(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    real = search.importlib.util.find_spec
    monkeypatch.setattr(
        search.importlib.util,
        "find_spec",
        lambda name, *args: None if name == "rjieba" else real(name, *args),
    )
    project.build(confoverrides={"html_search_language": "zh"})
    assert any("未安装 jieba" in line for line in project.warning_lines())


def test_index_that_cannot_cut_chinese_is_not_shipped(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A probe that is a single word stands for an indexer that does not cut.
    monkeypatch.setattr(search_index, "PROBE_TEXT", "容器")
    project.build()
    (warning,) = project.warning_lines()
    assert "Pagefind 没有切分中文" in warning
    assert not list((project.outdir / "pagefind").rglob("pagefind-entry.json"))
    assert not (project.outdir / "pagefind/parts.json").exists()


def test_missing_pagefind_binary_is_a_warning(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(project.src / "no-such-pagefind"))
    project.build()
    (warning,) = project.warning_lines()
    assert "找不到 Pagefind 程序" in warning


def test_squash_unifies_spellings() -> None:
    assert {squash(s) for s in ("Kube-CDN", "kube cdn", "ＫｕｂｅＣＤＮ", "kubeCDN")} == {"kubecdn"}


def test_chinese_words_are_cut_as_the_indexer_cuts_them() -> None:
    # jieba-rs without HMM, as Pagefind's extended indexer: 新版本 is 新 + 版本,
    # and neither particles (了, 的), Latin words nor numbers are words here.
    text = "容器安全问题形势空前严峻，Kubernetes 1.30 发布了镜像仓库的新版本。"
    assert chinese_words([text, "开源"]) == {
        "容器", "安全", "问题", "形势", "空前", "严峻", "发布", "镜像", "仓库", "版本", "开源",
    }  # fmt: skip


def test_unchanged_rebuild_keeps_the_index(project: Project) -> None:
    project.build()
    entry = project.outdir / "pagefind/2024/pagefind-entry.json"
    stamp = entry.stat().st_mtime_ns
    project.build()
    assert entry.stat().st_mtime_ns == stamp
    project.write("issues/003.md", issue_source(3, news("新的一期"), date="2024-01-16"))
    project.build()
    assert entry.stat().st_mtime_ns != stamp


def test_the_index_can_be_turned_off_for_previews(project: Project) -> None:
    project.build(confoverrides={"newsletter_search_index": "0"})
    assert project.warning_lines() == []
    assert not (project.outdir / "pagefind").exists()
    assert (project.outdir / "issues/001.html").is_file()
    # Nor are the pages cut into search words while they are read.
    assert get_store(project.app.env).words == {}
