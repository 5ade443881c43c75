"""The search page in headless Chromium, on the real site served from localhost."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from browser import PageErrors, Tab, results, search, serve, settle, tab
from conftest import REPO, ROOTS, Project

#: These tests read the site search index, which fixture builds skip otherwise.
pytestmark = [pytest.mark.search, pytest.mark.slow]  # Chromium

_NEWS_BLOCK = re.compile(r"^:::\{news\} (?P<title>.+?)\n(?P<options>(?::\w+:.*\n)+)", re.M)


@pytest.fixture(scope="module")
def base(built_site: Path) -> Iterator[str]:
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="module")
def shared(site_browser: Any) -> Iterator[Tab]:
    with tab(site_browser) as shared:
        yield shared


@pytest.fixture
def page(shared: Tab) -> Iterator[Any]:
    """The module's page: the tests search in turn, as a reader searches again."""
    with shared.turn() as page:
        yield page


@pytest.fixture
def fresh_page(site_browser: Any) -> Iterator[Any]:
    """A page in a new context, with nothing in the browser's cache."""
    context = site_browser.new_context()
    yield context.new_page()
    context.close()


def _items(site: Path) -> list[dict[str, Any]]:
    return json.loads((site / "news.json").read_text(encoding="utf-8"))["items"]


def _url_of(site: Path, title_start: str) -> str:
    (record,) = [r for r in _items(site) if r["title"].startswith(title_start)]
    return "/" + record["url"]


# -- acceptance ---------------------------------------------------------------


def test_unspaced_chinese_finds_the_snyk_report(page: Any, base: str, built_site: Path) -> None:
    found = search(page, base, "q=容器安全")
    assert _url_of(built_site, "Snyk 年度安全报告") in [r["href"] for r in found]


def test_unspaced_chinese_finds_federation_v1(page: Any, base: str, built_site: Path) -> None:
    found = search(page, base, "q=集群联邦")
    assert _url_of(built_site, "Kubernetes 集群联邦 v1") in [r["href"] for r in found]


def test_mixed_query_puts_the_docker_hub_item_first(page: Any, base: str, built_site: Path) -> None:
    first = search(page, base, "q=Docker 入侵")[0]
    assert first["href"] == _url_of(built_site, "Docker Hub 遭入侵")
    assert first["kind"] == "news"
    assert first["meta"] == "第 3 期 · 2019-05-07 · 业界要闻"
    # "Docker Hub", a registry alias of Docker, may be marked as a whole too.
    assert {"docker", "入侵"} <= {mark.lower() for mark in first["marks"]}


def test_project_facet_lists_exactly_the_envoy_items(page: Any, base: str) -> None:
    envoy = {
        block["title"]
        for path in sorted((REPO / "issues").glob("*.md"))
        for block in _NEWS_BLOCK.finditer(path.read_text(encoding="utf-8"))
        if re.search(r"^:projects:.*\benvoy\b", block["options"], re.M)
    }
    assert len(envoy) >= 4
    found = search(page, base, "q=envoy&project=envoy")
    assert {r["title"] for r in found} == envoy
    assert {r["kind"] for r in found} == {"news"}


def test_search_page_and_site_pages_raise_no_javascript_error(site_browser: Any, base: str) -> None:
    errors = PageErrors()
    context = site_browser.new_context()
    page = errors.watch(context.new_page())
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for path in ("search.html?q=容器安全", "search.html", "index.html", "issues/003.html"):
        page.goto(base + path)
        page.wait_for_load_state("load")
        if path.startswith("search.html"):
            settle(page)
            assert page.get_attribute(".archive-search", "data-state") in {"done", "ready"}
    context.close()
    assert errors.errors == []
    # Sphinx's own index (5 MB at 500 issues) is not loaded by any page.
    assert [url for url in requested if url.endswith("searchindex.js")] == []
    assert any("/pagefind/" in url for url in requested)


# -- ranking, snippets, facets ------------------------------------------------


def test_items_rank_above_the_whole_issue(page: Any, base: str) -> None:
    kinds = [r["kind"] for r in search(page, base, "q=容器安全")]
    assert "page" in kinds and "news" in kinds
    assert kinds.index("page") > max(i for i, kind in enumerate(kinds) if kind == "news")


def test_dictionary_words_the_browser_would_split_are_found(page: Any, base: str) -> None:
    # Chromium's own segmenter cuts 镜像 into 镜/像; the index holds 镜像.
    found = search(page, base, "q=镜像仓库")
    assert found[0]["title"].startswith("Docker Hub 遭入侵")
    assert {mark for mark in found[0]["marks"]} <= {"镜像", "仓库"}


def test_a_project_name_lists_its_items_first(page: Any, base: str, built_site: Path) -> None:
    found = search(page, base, "q=ENVOY")
    envoy = {"/" + r["url"] for r in _items(built_site) if "envoy" in r["projects"]}
    assert {r["href"] for r in found[: len(envoy)]} == envoy
    assert len({r["href"] for r in found}) == len(found)  # each result once
    kinds = [r["kind"] for r in found]
    assert kinds == sorted(kinds, key=lambda kind: kind == "page")  # pages last
    assert "/issues/003.html" in {r["href"] for r in found if r["kind"] == "page"}


def test_facet_alone_asks_for_a_query_and_loads_no_index_chunk(fresh_page: Any, base: str) -> None:
    # A fresh page: one that searched before has the chunks in its cache.
    page = fresh_page
    chunks: list[str] = []
    page.on(
        "request", lambda request: chunks.append(request.url) if ".pf_" in request.url else None
    )
    assert search(page, base, "project=knative") == []
    assert page.get_attribute(".archive-search", "data-state") == "ready"
    assert page.input_value("select[name=project]") == "knative"
    assert page.text_content(".archive-search-status") == "请输入关键词：筛选条件与关键词一起使用。"
    # Only the small entry files; a filter-only search would fetch every chunk.
    assert not [url for url in chunks if url.endswith(".pf_index")]


def test_facet_options_come_from_the_archive(page: Any, base: str, built_site: Path) -> None:
    search(page, base, "")
    values = page.eval_on_selector_all(
        "select[name=year] option, select[name=section] option",
        "(options) => options.map((o) => o.value).filter(Boolean)",
    )
    items = _items(built_site)
    assert set(values) == {r["date"][:4] for r in items} | {r["section"] for r in items}


def _issue_of(record: dict[str, Any]) -> str:
    return f"第 {int(record['url'].split('/')[1].split('.')[0])} 期"


def test_the_items_of_every_issue_are_found(page: Any, base: str, built_site: Path) -> None:
    firsts: dict[str, dict[str, Any]] = {}
    for record in _items(built_site):
        firsts.setdefault(_issue_of(record), record)
    assert len(firsts) == len(list((REPO / "issues").glob("*.md")))
    for record in firsts.values():
        found = search(page, base, f"q={record['title']}")
        assert "/" + record["url"] in [r["href"] for r in found], record["title"]


def test_the_issue_facet_keeps_one_issue(page: Any, base: str, built_site: Path) -> None:
    search(page, base, "")
    options = page.eval_on_selector_all(
        "select[name=issue] option", "(options) => options.map((o) => o.value).filter(Boolean)"
    )
    issues = sorted({_issue_of(r) for r in _items(built_site)}, key=lambda i: -int(i.split()[1]))
    assert options == issues  # newest first
    for issue in issues:
        found = search(page, base, f"q=Kubernetes&issue={issue}")
        expected = [r for r in _items(built_site) if _issue_of(r) == issue]
        assert found, issue
        assert {r["meta"].split(" · ")[0] for r in found} == {issue}
        assert {r["href"] for r in found} <= {"/" + r["url"] for r in expected}


# -- URL state and keyboard ----------------------------------------------------


def test_keyboard_search_and_facet_update_the_url(page: Any, base: str) -> None:
    page.goto(base + "search.html")
    settle(page)
    # The query field has the focus when the page opens.
    page.keyboard.type("envoy")
    page.keyboard.press("Enter")
    settle(page)
    page.focus("select[name=project]")
    page.select_option("select[name=project]", "envoy")
    settle(page)
    state = parse_qs(urlsplit(page.url).query)
    assert state == {"q": ["envoy"], "project": ["envoy"]}
    shared = results(page)
    # The URL alone restores the same search in a new page.
    other = page.context.new_page()
    try:
        assert search(other, base, urlsplit(page.url).query) == shared
        assert other.input_value("#archive-search-q") == "envoy"
    finally:
        other.close()


def test_results_are_reachable_with_the_tab_key(page: Any, base: str) -> None:
    search(page, base, "q=集群联邦")
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('.archive-search-result') !== null"):
            break
    else:
        pytest.fail("no search result link is reachable with Tab")
    target = page.evaluate("document.activeElement.href")
    page.keyboard.press("Enter")
    page.wait_for_url(target)


def test_back_button_restores_the_previous_search(page: Any, base: str) -> None:
    search(page, base, "q=envoy")
    page.select_option("select[name=project]", "istio")
    settle(page)
    page.go_back()
    settle(page)
    assert parse_qs(urlsplit(page.url).query) == {"q": ["envoy"]}
    assert page.input_value("select[name=project]") == ""
    assert len(results(page)) > len(search(page, base, "q=envoy&project=istio"))


# -- aliases from the project registry -----------------------------------------


@pytest.fixture(scope="module")
def registry_base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The test-basic archive with a project registry that knows K8s."""
    src = tmp_path_factory.mktemp("registry") / "src"
    shutil.copytree(ROOTS / "test-basic", src)
    registry = src / "docs/projects.yaml"
    text = registry.read_text(encoding="utf-8")
    registry.write_text(text.replace("aliases: [K8s]", "aliases: [K8s, kube]"), encoding="utf-8")
    project = Project(src, search=True)
    project.build()
    assert project.warning_lines() == []
    with serve(project.outdir) as url:
        yield url


def test_alias_from_the_registry_finds_the_project_items(page: Any, registry_base: str) -> None:
    # No text of the archive writes "K8s": the alias stands for the project.
    for query in ("q=k8s", "q=K8s", "q=KUBERNETES", "q=Kube"):
        found = search(page, registry_base, query)
        assert [r["title"] for r in found if r["kind"] == "news"] == ["Kubernetes 发布新版本"]
