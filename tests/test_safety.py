"""Hostile input: unsafe links and raw HTML never reach a reader's browser."""

from __future__ import annotations

import pytest
from conftest import Project, issue_source, news


@pytest.mark.parametrize(
    ("url", "message"), [("ftp://x.org/f", "不支持的协议 ftp:"), ("tel:123", "不支持的协议 tel:")]
)
def test_other_schemes_in_bodies_become_text(project: Project, url: str, message: str) -> None:
    # The dialect stops both before MyST sees a link (ftp would pass MyST,
    # and tel: would be taken for a cross-reference).
    source = issue_source(3, news("正文里的坏链接", body=f"点击[这里]({url})。"))
    project.write("issues/003.md", source)
    project.build()
    (warning,) = project.warning_lines()
    line = next(i for i, text in enumerate(source.splitlines(), 1) if "点击" in text)
    assert f"issues/003.md:{line}:" in warning and message in warning
    item = project.html("issues/003.html").select_one("article.news-item")
    assert f"点击[这里]({url})。" in item.get_text()
    hrefs = [a["href"] for a in item.find_all("a")]
    assert not any(href.startswith(url) for href in hrefs), hrefs


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "vbscript:x",
        "data:image/svg+xml;base64,PHN2Zz4=",
    ],
)
def test_script_links_are_never_links(project: Project, url: str) -> None:
    # markdown-it already refuses these schemes and keeps the source as text.
    project.write("issues/003.md", issue_source(3, news("脚本链接", body=f"点击[这里]({url})。")))
    project.build()
    item = project.html("issues/003.html").select_one("article.news-item")
    assert url in item.get_text()
    hrefs = [a["href"] for a in item.find_all("a") if "link-archive" not in a.get("class", ())]
    assert hrefs == ["https://example.com/a", f"#{item['id']}"]


def test_external_links_get_rel_noopener(basic_site: Project) -> None:
    page = basic_site.html("issues/001.html")
    external = page.select("article.news-item a.reference.external")
    assert len(external) == 7  # three title links, one body link, three web archive copies
    assert all(a["rel"] == ["noopener", "noreferrer"] for a in external)
    internal = page.select("article.news-item a.reference.internal")
    assert internal and all(not a.get("rel") for a in internal)


def test_raw_html_in_an_issue_is_shown_as_code(project: Project) -> None:
    body = '<script>alert("x")</script>\n\n行内 <img src=x onerror="alert(1)"> 结束。'
    project.write("issues/003.md", issue_source(3, news("原始 HTML", body=body)))
    project.build()
    warnings = project.warning_lines()
    assert len(warnings) == 2 and all("不允许使用原始 HTML" in w for w in warnings)
    item = project.html("issues/003.html").select_one("article.news-item")
    assert item.find("script") is None and item.find("img") is None
    assert '<script>alert("x")</script>' in item.get_text()
    assert item.find(attrs={"onerror": True}) is None


def test_raw_html_in_maintainers_docs_is_allowed(project: Project) -> None:
    project.write("about.md", '# 关于\n\n<span class="note">维护者的 HTML</span>\n')
    project.write("index.md", "# 测试归档\n\n```{toctree}\nabout\n```\n")
    project.build()
    assert project.warning_lines() == []
    assert project.html("about.html").find("span", class_="note") is not None


def test_markup_in_titles_and_tags_is_escaped(project: Project) -> None:
    title = '<script>alert("t")</script> & "引号"'
    project.write("issues/003.md", issue_source(3, news(title, tags="<b>标签</b>")))
    project.build()
    page = project.html("issues/003.html")
    item = page.select_one("article.news-item")
    assert item.find("script") is None and item.find("b") is None
    assert item.select_one(".news-item-title a").get_text() == title
    (record,) = [r for r in project.news()["items"] if r["issue"] == 3]
    assert record["title"] == title and record["tags"] == ["<b>标签</b>"]
    tag_page = next((project.outdir / "tags").glob("b-标签-b.html"))
    assert "<b>" not in [t.name for t in project.html(f"tags/{tag_page.name}").find_all("b")]


def test_generated_pages_escape_what_issues_say(project: Project) -> None:
    # The schema refuses a tag with markup (issue 26); plain text with the
    # characters HTML gives meaning to is still text on every generated page.
    tags = "tags: ['<b>粗</b>', 'x < y & z']"
    project.write(
        "issues/003.md", issue_source(3, news("新闻")).replace("---\n\n", f"{tags}\n---\n\n", 1)
    )
    project.build()
    pages = [p.read_text(encoding="utf-8") for p in project.outdir.glob("tags/*.html")]
    assert not any("<b>粗</b>" in page or "x < y & z" in page for page in pages)
    assert any("x &lt; y &amp; z" in page for page in pages)
