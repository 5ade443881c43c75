"""The index in parts and the thesaurus, searched in headless Chromium.

A rebuilt part must find what an edit added and forget what it removed;
a query must find items written in the other language, after the items that
say what was typed; and a Chinese query never matches on characters alone.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from browser import Tab, search, serve, tab
from conftest import ROOTS, Project, issue_source, news

pytestmark = pytest.mark.slow  # Chromium

GLOSSARY = """\
# 术语表

```{glossary}
Serverless
无服务器
  **无服务器计算**：开发者只提供代码，由平台按请求自动伸缩。

Service Mesh
服务网格
  **服务网格**：处理服务间通信的基础设施层。
```
"""
INDEX = "# 测试归档\n\n```{toctree}\nglossary\n```\n\n```{issue-list}\n```\n"
OLD_ISSUE = issue_source(
    3,
    news("往年的新闻", body="往年的正文提到 quokka 和镜像。")
    + "\n编者按：本期的导语提到 numbat。\n",
    date="2023-06-06",
)
BILINGUAL = (
    news("甲：Serverless 平台", body="一个 Serverless 平台发布了。")
    + news("乙：另一个平台", body="一个无服务器的平台发布了。")
    + news("丙：网格", body="服务网格的新版本。")
    + news("丁：mesh", body="A new service mesh release.")
)


def _titles(found: list[dict[str, Any]]) -> list[str]:
    """Titles of the news items among search results, in order."""
    return [result["title"] for result in found if result["kind"] == "news"]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Project:
    src = tmp_path_factory.mktemp("parts") / "src"
    shutil.copytree(ROOTS / "test-basic", src)
    project = Project(src, search=True)
    project.write("glossary.md", GLOSSARY)
    project.write("index.md", INDEX)
    project.write("issues/003.md", OLD_ISSUE)
    project.write("issues/004.md", issue_source(4, BILINGUAL, date="2024-02-06"))
    project.build()
    assert project.warning_lines() == []
    return project


def test_an_edited_issue_is_found_by_its_new_words_only(
    site_browser: Any, archive: Project
) -> None:
    with serve(archive.outdir) as base:
        with tab(site_browser) as before, before.turn() as page:
            assert _titles(search(page, base, "q=quokka")) == ["往年的新闻"]
            assert _titles(search(page, base, "q=wombat")) == []
        edited = OLD_ISSUE.replace("quokka", "wombat").replace("numbat", "bilby")
        archive.write("issues/003.md", edited)
        archive.build()
        assert archive.warning_lines() == []
        # A new context, with no part of the old index in its cache.
        with tab(site_browser) as after, after.turn() as page:
            # Only the part of 2023 was indexed again, and it holds the edit.
            assert _titles(search(page, base, "q=wombat")) == ["往年的新闻"]
            assert _titles(search(page, base, "q=quokka")) == []
            # The issue's own text, outside its items, is searched with its page.
            pages = search(page, base, "q=bilby")
            assert [(r["kind"], r["href"]) for r in pages] == [("page", "/issues/003.html")]
            # The other year still answers.
            assert _titles(search(page, base, "q=Envoy")) == ["Envoy 引入新协议"]


@pytest.fixture(scope="module")
def searched(site_browser: Any, archive: Project) -> Iterator[tuple[Tab, str]]:
    """One page for the tests below, which only search (whether the edit test
    ran before or not: they look for other words); and the archive's address.
    The edit test keeps fresh contexts, which hold no part of the old index."""
    with serve(archive.outdir) as base, tab(site_browser) as shared:
        yield shared, base


@pytest.fixture
def page(searched: tuple[Tab, str]) -> Iterator[Any]:
    with searched[0].turn() as page:
        yield page


@pytest.fixture
def base(searched: tuple[Tab, str]) -> str:
    return searched[1]


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("q=serverless", ["甲：Serverless 平台", "乙：另一个平台"]),
        ("q=无服务器", ["乙：另一个平台", "甲：Serverless 平台"]),
        ("q=service mesh", ["丁：mesh", "丙：网格"]),
        ("q=服务网格", ["丙：网格", "丁：mesh"]),
    ],
)
def test_the_glossary_finds_both_languages_exact_matches_first(
    page: Any, base: str, query: str, titles: list[str]
) -> None:
    assert _titles(search(page, base, query)) == titles


def test_a_chinese_query_never_matches_on_single_characters(page: Any, base: str) -> None:
    # 镜 and 像 are in the index (as 镜像), 量 and 子 nowhere as a word.
    assert search(page, base, "q=量子计算") == []
    assert "没有找到" in page.text_content(".archive-search-status")
    assert search(page, base, "q=像镜") == []
    assert _titles(search(page, base, "q=镜像")) == ["往年的新闻"]


def test_a_project_name_finds_items_before_pages_and_no_listing(
    page: Any, base: str, archive: Project
) -> None:
    found = search(page, base, "q=envoy")
    kinds = [result["kind"] for result in found]
    assert kinds[0] == "news" and "page" in kinds
    assert kinds == sorted(kinds, key=lambda kind: kind == "page")
    # Tag and project pages only list items that are results of their own.
    assert (archive.outdir / "projects/envoy.html").is_file()
    assert not [r for r in found if r["href"].startswith(("/tags/", "/projects/"))]
