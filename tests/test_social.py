"""Social cards: OpenGraph, article and Twitter meta tags of issue pages."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from conftest import Project

BASE = "https://weekly.example.com/archive/"
RTD_URL = "https://example.org/zh_CN/latest/"


@pytest.fixture
def social(project: Project) -> Project:
    """test-basic with sphinxext-opengraph, and a cover on issue No. 1."""
    conf = project.src / "conf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8") + 'extensions.append("sphinxext.opengraph")\n',
        encoding="utf-8",
    )
    cover = project.src / "_static" / "cover.png"
    cover.parent.mkdir(exist_ok=True)
    cover.write_bytes(b"\x89PNG\r\n\x1a\n")
    issue = project.src / "issues/001.md"
    text = issue.read_text(encoding="utf-8")
    issue.write_text(text.replace("tags: [测试]", "tags: [测试]\nimage: _static/cover.png"))
    return project


def _meta(page: BeautifulSoup) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for tag in page.select("meta[content]"):
        key = tag.get("property") or tag.get("name")
        if key:
            found.setdefault(key, []).append(tag["content"])
    return found


def test_issue_page_is_an_article_card(social: Project) -> None:
    social.build()
    meta = _meta(social.html("issues/001.html"))
    assert meta["og:url"] == [BASE + "issues/001.html"]
    assert meta["og:title"] == ["测试周报第 1 期"]
    assert meta["og:description"] == ["第一期的摘要。"]
    assert meta["description"] == ["第一期的摘要。"]
    assert meta["og:type"] == ["article"]
    assert meta["og:image"] == [BASE + "_static/cover.png"]
    assert meta["article:published_time"] == ["2024-01-02T00:00:00+00:00"]
    assert meta["article:author"] == ["甲", "乙"]
    assert meta["article:tag"] == ["测试"]
    assert meta["twitter:card"] == ["summary_large_image"]
    assert meta["twitter:image"] == meta["og:image"]
    assert meta["twitter:description"] == ["第一期的摘要。"]


def test_issue_without_cover_has_a_summary_card(social: Project) -> None:
    social.build()
    meta = _meta(social.html("issues/002.html"))
    assert "og:image" not in meta
    assert meta["twitter:card"] == ["summary"]
    assert meta["article:published_time"] == ["2024-01-09T08:30:00+08:00"]


def test_other_pages_are_websites(social: Project) -> None:
    social.build()
    meta = _meta(social.html("index.html"))
    assert meta["og:url"] == [BASE + "index.html"]
    assert meta["og:type"] == ["website"]
    assert "article:published_time" not in meta


def test_og_url_follows_read_the_docs(social: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READTHEDOCS_CANONICAL_URL", RTD_URL)
    social.build()
    for page in ("index.html", "issues/001.html", "issues/002.html"):
        meta = _meta(social.html(page))
        assert meta["og:url"] == [RTD_URL + page]
    assert _meta(social.html("issues/001.html"))["og:image"] == [RTD_URL + "_static/cover.png"]
