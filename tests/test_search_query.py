"""The search page's modules on their own: query segmentation, URL state, snippets.

They are ES modules run by the browser, so they are tested in Chromium, each
function called directly with small inputs.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import serve

#: These tests read the site search index, which fixture builds skip otherwise.
pytestmark = pytest.mark.search

MODULES = "/_static/archive-search/"
VOCABULARY = {
    "projects": {
        "kubernetes": ["Kubernetes", "K8s"],
        "kubecdn": ["kubeCDN"],
        "docker": ["Docker"],
        "istio": ["Istio"],
        "envoy": ["Envoy"],
    },
    "tags": ["镜像仓库", "CI/CD"],
    "terms": ["Service Mesh"],
}
WORDS = ["仓库", "入侵", "安全", "容器", "联邦", "镜像", "集群", "事件", "驱动", "事件驱动", "计算"]
#: Binds ``d`` to the dictionary of VOCABULARY with WORDS (args[1], args[2]).
_DICTIONARY = "const d = m.buildDictionary(args[1]); m.addWords(d, args[2]);"


@pytest.fixture(scope="module")
def page(built_site: Path, site_browser: Any) -> Iterator[Any]:
    with serve(built_site) as base:
        context = site_browser.new_context()
        page = context.new_page()
        page.goto(base + "genindex.html")
        yield page
        context.close()


def _call(page: Any, module: str, body: str, *args: Any) -> Any:
    """Run ``body`` with the module bound to ``m`` and ``args`` to ``args``."""
    return page.evaluate(
        f"async (args) => {{ const m = await import('{MODULES}{module}'); {body} }}", list(args)
    )


def _segment(page: Any, query: str) -> list[dict[str, Any]]:
    return _call(
        page,
        "segment.js",
        f"{_DICTIONARY} return m.segmentQuery(args[0], d);",
        query,
        VOCABULARY,
        WORDS,
    )


@pytest.mark.parametrize(
    ("query", "tokens"),
    [
        ("容器安全", ["容器", "安全"]),
        ("集群联邦", ["集群", "联邦"]),
        # The browser's own segmenter would cut 镜像 into 镜/像.
        ("镜像仓库", ["镜像", "仓库"]),
        ("事件驱动", ["事件驱动"]),
        ("Docker 入侵", ["docker", "入侵"]),
        ("Docker入侵", ["docker", "入侵"]),
        ("K8s", ["kubernetes"]),
        ("k8s集群", ["kubernetes", "集群"]),
        ("Kube-CDN", ["kubecdn"]),
        ("ＫＵＢＥＲＮＥＴＥＳ", ["kubernetes"]),
        ("Istio/Envoy", ["istio", "envoy"]),
        ("Service-Mesh", ["Service Mesh"]),
        ("ci/cd", ["CI/CD"]),
        ("容器，安全！", ["容器", "安全"]),
        ("容器 容器安全", ["容器", "安全"]),
        # Characters that form no word of the index stay one (unknown) word.
        ("蚂蚁", ["蚂蚁"]),
        ("量子计算", ["量子", "计算"]),
        ("的容器", ["的", "容器"]),
        ("   ", []),
    ],
)
def test_query_segmentation(page: Any, query: str, tokens: list[str]) -> None:
    assert [token["text"] for token in _segment(page, query)] == tokens


def test_a_query_with_a_word_the_index_lacks_can_match_nothing(page: Any) -> None:
    body = f"{_DICTIONARY} return m.matchable(m.segmentQuery(args[0], d));"
    assert _call(page, "segment.js", body, "量子计算", VOCABULARY, WORDS) is False
    assert _call(page, "segment.js", body, "蚂蚁", VOCABULARY, WORDS) is False
    # A single character is a word of its own, and known words match.
    assert _call(page, "segment.js", body, "的容器", VOCABULARY, WORDS) is True
    assert _call(page, "segment.js", body, "计算", VOCABULARY, WORDS) is True


SYNONYMS = {
    "synonyms": [
        ["Service Mesh", "服务网格"],
        ["Serverless", "无服务器"],
        ["kubernetes", "K8s"],
        ["Pod", "容器组"],
    ]
}


def _expand(page: Any, query: str) -> list[str]:
    return _call(
        page,
        "thesaurus.js",
        "return m.expandQuery(args[0], m.buildThesaurus(args[1]));",
        query,
        SYNONYMS,
    )


@pytest.mark.parametrize(
    ("query", "expanded"),
    [
        ("service mesh", ["服务网格"]),
        ("Service-Mesh 安全", ["服务网格 安全"]),
        ("服务网格", ["service mesh"]),
        ("无服务器", ["serverless"]),
        ("Serverless 平台", ["无服务器 平台"]),
        ("K8s", ["kubernetes"]),
        # Latin names match whole words only.
        ("podman", []),
        ("envoy", []),
    ],
)
def test_queries_expand_through_the_thesaurus(page: Any, query: str, expanded: list[str]) -> None:
    assert _expand(page, query) == expanded


def test_an_alias_highlights_every_name_of_its_project(page: Any) -> None:
    words = _call(
        page,
        "segment.js",
        f"{_DICTIONARY} return m.highlightWords(m.segmentQuery(args[0], d));",
        "K8s 集群",
        VOCABULARY,
        WORDS,
    )
    assert words == ["kubernetes", "k8s", "集群"]


def test_index_query_joins_the_tokens_with_spaces(page: Any) -> None:
    text = _call(
        page,
        "segment.js",
        f"{_DICTIONARY} return m.indexQuery(m.segmentQuery(args[0], d));",
        "Docker入侵镜像仓库",
        VOCABULARY,
        WORDS,
    )
    assert text == "docker 入侵 镜像 仓库"


def test_a_query_needs_the_word_shards_of_its_chinese_characters(page: Any) -> None:
    shards = _call(page, "segment.js", "return m.wordShards(args[0], args[1]);", "K8s 容器安全", 8)
    assert shards == sorted({ord(ch) % 8 for ch in "容器安全"})
    assert _call(page, "segment.js", "return m.wordShards(args[0], 8);", "Docker") == []


# -- URL state and facets -------------------------------------------------------


def test_state_is_read_from_the_url(page: Any) -> None:
    state = _call(
        page, "state.js", "return m.parseState(args[0]);", "?q=容器+安全&project=envoy&x=1"
    )
    assert state == {
        "q": "容器 安全",
        "project": "envoy",
        "tag": "",
        "section": "",
        "issue": "",
        "year": "",
    }


def test_state_round_trips_through_the_url(page: Any) -> None:
    state = {
        "q": "集群联邦",
        "project": "",
        "tag": "安全",
        "section": "业界要闻",
        "issue": "第 3 期",
        "year": "2019",
    }
    search = _call(page, "state.js", "return m.stateToSearch(args[0]);", state)
    assert _call(page, "state.js", "return m.parseState(args[0]);", search) == state
    assert _call(page, "state.js", "return m.stateToSearch(args[0]);", {"q": ""}) == ""


def test_without_facets_items_come_first_then_pages(page: Any) -> None:
    plan = _call(page, "state.js", "return m.searchPlan(m.parseState(args[0]));", "?q=envoy")
    kinds = {"kind": {"any": ["news", "term"]}}
    assert plan == [{"filters": kinds}, {"filters": {"not": kinds}}]


def test_facets_filter_the_items_and_leave_pages_out(page: Any) -> None:
    plan = _call(
        page, "state.js", "return m.searchPlan(m.parseState(args[0]));", "?project=envoy&year=2019"
    )
    assert plan == [
        {"filters": {"project": "envoy", "year": "2019", "kind": {"any": ["news", "term"]}}}
    ]


# -- snippets -------------------------------------------------------------------


def _pieces(page: Any, text: str, words: list[str], length: int = 140) -> list[dict[str, Any]]:
    return _call(page, "snippet.js", "return m.snippetPieces(...args);", text, words, length)


def test_snippet_marks_every_match_case_insensitively(page: Any) -> None:
    assert _pieces(page, "Docker Hub 遭入侵，docker", ["docker", "入侵"]) == [
        {"text": "Docker", "mark": True},
        {"text": " Hub 遭", "mark": False},
        {"text": "入侵", "mark": True},
        {"text": "，", "mark": False},
        {"text": "docker", "mark": True},
    ]


def test_snippet_starts_near_the_first_match(page: Any) -> None:
    text = "甲" * 100 + "集群联邦" + "乙" * 100
    pieces = _pieces(page, text, ["集群"], 40)
    assert pieces[0] == {"text": "…", "mark": False}
    assert pieces[-1] == {"text": "…", "mark": False}
    assert {"text": "集群", "mark": True} in pieces
    assert sum(len(p["text"]) for p in pieces[1:-1]) == 40


def test_snippet_without_words_is_plain_text(page: Any) -> None:
    assert _pieces(page, "没有 关键词", []) == [{"text": "没有 关键词", "mark": False}]
