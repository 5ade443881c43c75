"""The real site, built once with warnings as errors, and issue No. 3 in it."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

LEGACY_NO3 = "cloud-native-weekly-zh-legacy/cloud-native-weekly-03.md"
# Markdown link targets and bare URLs in the published source.
_SOURCE_URL = re.compile(r"\]\((https?://[^)\s]+)\)|<(https?://[^>\s]+)>")


@pytest.fixture(scope="module")
def site(built_site: Path) -> Path:
    """``sphinx-build -W`` of the repository, as ``make html`` runs it."""
    return built_site


def _page(site: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((site / name).read_text(encoding="utf-8"), "html.parser")


def test_issue_3_has_its_19_items_in_their_sections(site: Path) -> None:
    items = _page(site, "issues/003.html").select("article.news-item")
    assert len(items) == 19
    assert len({item["id"] for item in items}) == 19
    records = json.loads((site / "news.json").read_text(encoding="utf-8"))["items"]
    assert [r["id"] for r in records] == [item["id"] for item in items]
    assert Counter(r["section"] for r in records) == {
        "业界要闻": 3,
        "上游重要进展": 10,
        "开源项目推荐": 1,
        "本周阅读推荐": 5,
    }
    assert Counter(r["group"] for r in records if r["group"]) == {
        "Kubernetes 项目": 3,
        "Knative 项目": 2,
        "Istio/Envoy 项目": 4,
        "Containerd 项目": 1,
    }
    for record, item in zip(records, items, strict=True):
        assert record["url"] == f"issues/003.html#{item['id']}"
        assert record["link"].startswith(("https://", "http://"))
        assert item.select_one(".news-item-title a.reference")["href"] == record["link"]


def test_issue_3_front_matter_is_shown(site: Path) -> None:
    page = _page(site, "issues/003.html")
    assert page.select_one(".issue-meta").get_text() == "第 3 期 · 2019 年 5 月 7 日"
    assert (
        page.select_one(".issue-summary").get_text().strip().startswith("摘要：Docker Hub 遭入侵")
    )
    assert page.select_one(".issue-editor").get_text() == "责任编辑：木环"
    assert "王夕宁" in page.select_one(".issue-authors").get_text()
    assert "蚂蚁金服" in page.select_one(".issue-publisher").get_text()


def test_every_url_of_the_published_issue_is_on_the_page(site: Path, corpus: Path) -> None:
    source = (corpus / LEGACY_NO3).read_text(encoding="utf-8")
    urls = {a or b for a, b in _SOURCE_URL.findall(source)}
    assert len(urls) >= 20
    page = _page(site, "issues/003.html")
    hrefs = {a["href"] for a in page.select("article a[href]")}
    assert urls - hrefs == set()


def test_no_markdown_leaks_into_the_text(site: Path) -> None:
    article = _page(site, "issues/003.html").select_one("article.bd-article")
    text = article.get_text()
    assert "**" not in text
    assert "\\]" not in text and "](" not in text


def test_home_page_lists_the_latest_issue(site: Path) -> None:
    home = _page(site, "index.html")
    link = home.select_one(".issue-list-title a")
    assert link["href"] == "issues/003.html"
    assert link.get_text() == "云原生生态周报（Cloud Native Weekly）第 3 期"
    assert "Snyk" in home.select_one(".issue-list-summary").get_text()


def test_ablog_sees_the_local_date_and_readable_chinese_tags(site: Path) -> None:
    # Chinese tags reach ablog as text, not as JSON \\u escapes.
    assert (site / "blog/tag/服务网格.html").is_file()
    assert not list((site / "blog/tag").glob("*u670d*"))
    archive = _page(site, "blog/2019.html")
    assert "云原生生态周报（Cloud Native Weekly）第 3 期" in archive.get_text()


def test_site_excludes_repository_files(site: Path) -> None:
    assert not (site / "README.html").exists()
    assert not (site / "tests").exists()
    assert not any(p.name == ".venv" for p in site.iterdir())
