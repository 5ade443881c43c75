"""Source links: required, and only http(s) ever becomes a link."""

from __future__ import annotations

import re

import pytest
from conftest import Project, issue_source, news


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_missing_link_is_a_warning_with_location(project: Project) -> None:
    source = issue_source(3, news("没有链接", link=None))
    project.write("issues/003.md", source)
    project.build()
    (warning,) = project.warning_lines()
    match = re.search(r"issues/003\.md:(\d+): WARNING: 新闻条目缺少来源链接", warning)
    assert match is not None, warning
    assert int(match.group(1)) == _line_of(source, "没有链接")
    item = project.html("issues/003.html").select_one("article.news-item")
    # The item is kept, its title shown as text.
    assert item.select_one(".news-item-title").get_text(strip=True).rstrip("¶") == "没有链接"
    assert item.select_one(".news-item-title a.reference") is None
    (record,) = [r for r in project.news()["items"] if r["issue"] == 3]
    assert record["link"] == ""


@pytest.mark.parametrize(
    ("link", "reason"),
    [
        ("javascript:alert(1)", "不支持的协议 javascript:"),
        ("JaVaScRiPt:alert(1)", "不支持的协议 javascript:"),
        ("data:text/html,hi", "不支持的协议 data:"),
        ("ftp://example.com/file", "不支持的协议 ftp:"),
        ("/relative/path", "不是完整的 http(s) 地址"),
        ("https://", "不是完整的 http(s) 地址"),
    ],
)
def test_non_http_link_is_never_rendered(project: Project, link: str, reason: str) -> None:
    project.write("issues/003.md", issue_source(3, news("坏链接", link=link)))
    project.build()
    (warning,) = project.warning_lines()
    assert "issues/003.md:" in warning and reason in warning
    page = project.html("issues/003.html")
    hrefs = [a.get("href", "") for a in page.find_all("a")]
    assert link.lower() not in [href.lower() for href in hrefs]
    item = page.select_one("article.news-item")
    assert [a["href"] for a in item.find_all("a")] == ["#" + item["id"]]
    (record,) = [r for r in project.news()["items"] if r["issue"] == 3]
    assert record["link"] == ""
