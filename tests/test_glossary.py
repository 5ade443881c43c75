"""The glossary: stable anchors, auto-linking, term notes and usage lists."""

from __future__ import annotations

import re

import pytest
from conftest import Project, issue_source, news
from hypothesis import given, settings
from hypothesis import strategies as st

from newsletter.core.mentions import _pattern, matcher_for

GLOSSARY = """\
# 术语表

:::{glossary}
KEP
  Kubernetes Enhancement Proposal，增强提案。更多说明。

服务网格
Service Mesh
  服务之间通信的基础设施层。

Sidecar
  与业务容器一起部署的辅助容器。
:::
"""


@pytest.fixture
def glossary_project(project: Project) -> Project:
    project.write("glossary.md", GLOSSARY)
    project.write("index.md", "# 测试归档\n\n```{toctree}\nglossary\n```\n")
    return project


def test_terms_get_stable_ids_from_their_names(glossary_project: Project) -> None:
    glossary_project.build()
    page = glossary_project.html("glossary.html")
    assert [dt["id"] for dt in page.select("dl.glossary dt")] == [
        "term-kep",
        "term-服务网格",
        "term-service-mesh",
        "term-sidecar",
    ]
    # Reordering entries does not move any anchor.
    kep = "KEP\n  Kubernetes Enhancement Proposal，增强提案。更多说明。\n\n"
    glossary_project.write(
        "glossary.md", GLOSSARY.replace(kep, "").replace("\n:::\n", "\n\n" + kep + ":::\n")
    )
    glossary_project.build()
    page = glossary_project.html("glossary.html")
    assert [dt["id"] for dt in page.select("dl.glossary dt")] == [
        "term-服务网格",
        "term-service-mesh",
        "term-sidecar",
        "term-kep",
    ]
    assert glossary_project.warning_lines() == []


def test_term_role_resolves_to_the_stable_id(glossary_project: Project) -> None:
    glossary_project.write(
        "issues/003.md", issue_source(3, news("角色", body="见 {term}`服务网格`。"))
    )
    glossary_project.build()
    item = glossary_project.html("issues/003.html").select_one("article.news-item")
    assert item.select_one("a.reference.internal[href$='#term-服务网格']") is not None
    assert glossary_project.warning_lines() == []


def test_first_mention_in_an_item_is_linked_with_its_expansion(glossary_project: Project) -> None:
    body = "这个 KEP 讨论服务网格和 Sidecar。第二次提到 KEP 不再链接。KEPLER 不是术语，`KEP` 在代码里。"
    glossary_project.write("issues/003.md", issue_source(3, news("标题里的 KEP 不链接", body=body)))
    glossary_project.build()
    item = glossary_project.html("issues/003.html").select_one("article.news-item")
    links = item.select("a.glossary-term")
    assert [(a.get_text(), a["href"].split("#")[1]) for a in links] == [
        ("KEP", "term-kep"),
        ("服务网格", "term-服务网格"),
        ("Sidecar", "term-sidecar"),
    ]
    assert links[0].abbr["title"] == "Kubernetes Enhancement Proposal，增强提案"
    assert item.select_one(".news-item-title a.glossary-term") is None
    assert item.select_one("code a") is None
    # The text around the links is intact.
    assert "第二次提到 KEP 不再链接。KEPLER 不是术语" in item.get_text()


def test_an_item_can_opt_out_of_linking(glossary_project: Project) -> None:
    glossary_project.write(
        "issues/003.md", issue_source(3, news("不链接", body="提到 KEP。", noglossary=""))
    )
    glossary_project.build()
    item = glossary_project.html("issues/003.html").select_one("article.news-item")
    assert item.select("a.glossary-term") == []


def test_news_json_lists_the_terms_of_each_item(glossary_project: Project) -> None:
    glossary_project.write(
        "issues/003.md", issue_source(3, news("有 Sidecar", body="服务网格与 KEP。"))
    )
    glossary_project.build()
    (record,) = [r for r in glossary_project.news()["items"] if r["issue"] == 3]
    assert record["terms"] == ["Sidecar", "服务网格", "KEP"]


def test_entries_list_their_mentions_newest_first(glossary_project: Project) -> None:
    glossary_project.write(
        "issues/003.md", issue_source(3, news("较新", body="KEP"), date="2024-02-01")
    )
    glossary_project.write(
        "issues/004.md", issue_source(4, news("最新", body="KEP"), date="2024-03-01")
    )
    glossary_project.build()
    page = glossary_project.html("glossary.html")
    usage = page.find("dt", id="term-kep").find_next_sibling("dd").select_one(".glossary-usage")
    assert [a.get_text() for a in usage.select("li a")] == ["最新", "较新"]
    assert usage.select_one("li a")["href"].startswith("issues/004.html#")


def test_term_note_feeds_the_glossary(glossary_project: Project) -> None:
    note = "## 名词解释\n\n```{term-note} KEP\n本期的解释。\n```\n"
    glossary_project.write("issues/003.md", issue_source(3, news("一条") + note))
    glossary_project.build()
    issue = glossary_project.html("issues/003.html")
    term_link = issue.select_one("dl.term-notes dt a")
    assert term_link["href"] == "../glossary.html#term-kep"
    usage = glossary_project.html("glossary.html").select_one("#term-kep + dd .glossary-note")
    assert usage.get_text() == "第 3 期的名词解释：本期的解释。"
    assert usage.a["href"] == "issues/003.html#note-kep"


def test_term_note_on_an_unknown_term_is_a_warning(glossary_project: Project) -> None:
    note = "```{term-note} 不存在的术语\n解释。\n```\n"
    glossary_project.write("issues/003.md", issue_source(3, news("一条") + note))
    glossary_project.build()
    (warning,) = glossary_project.warning_lines()
    assert "issues/003.md:" in warning and "不存在的术语" in warning


def test_adding_a_term_relinks_unchanged_issues(glossary_project: Project) -> None:
    glossary_project.write("issues/003.md", issue_source(3, news("一条", body="提到 eBPF。")))
    glossary_project.build()
    assert glossary_project.html("issues/003.html").select("a.glossary-term") == []
    glossary_project.write("glossary.md", GLOSSARY.replace(":::\n", "eBPF\n  内核技术。\n:::\n", 1))
    glossary_project.build()
    links = glossary_project.html("issues/003.html").select("a.glossary-term")
    assert [a.get_text() for a in links] == ["eBPF"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("KEP and kep", ["KEP"]),
        ("KEPs are not KEP-1", ["KEP"]),
        ("xKEP KEPx", []),
        ("sidecar 与 Sidecar", ["Sidecar"]),
        ("Service Mesh 即服务网格", ["Service Mesh", "服务网格"]),
        ("服务网格化", ["服务网格"]),
    ],
)
def test_matching_is_whole_word_for_latin_terms(text: str, expected: list[str]) -> None:
    matcher = matcher_for(["KEP", "Sidecar", "Service Mesh", "服务网格", "Mesh"])
    assert matcher.mentions(text) == expected


_TERMS = [
    "KEP",
    "Sidecar",
    "Service Mesh",
    "服务网格",
    "Mesh",
    "istio",
    "Istio",
    "Is",
    "sſ",
    "ıİ",
    "σ",
]
#: Terms, their case twins and word edges, so mentions are frequent and overlap.
_letters = st.lists(
    st.one_of(
        st.sampled_from([*_TERMS, "Service", "ISTIO", "kep", "SIDECAR", "Σ", "ς"]),
        st.text(alphabet="KEPkepSidcarMshviotſıİiIσ服务网格 -_1", max_size=3),
    ),
    max_size=8,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(text=_letters)
def test_the_matcher_finds_what_one_alternation_of_the_terms_finds(text: str) -> None:
    """Each term is sought with its own pattern; the mentions are those of the
    one regular expression of every term, longest first, leftmost first."""
    matcher = matcher_for(_TERMS)
    alternation = re.compile("|".join(f"({_pattern(t)})" for t in matcher.terms))
    expected = [
        (m.start(), m.end(), matcher.terms[m.lastindex - 1]) for m in alternation.finditer(text)
    ]
    assert list(matcher.finditer(text)) == expected
