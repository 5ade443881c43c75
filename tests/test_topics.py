"""Tag and project pages, the roles that link to them, and their charts."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

from bs4 import BeautifulSoup
from conftest import Project, issue_source, news

from newsletter.core.charts import per_quarter, quarter_chart, quarter_range


def _resolve(project: Project, page: str, href: str) -> tuple[Path, str]:
    """The file and fragment a relative link on ``page`` points to."""
    path, _, fragment = unquote(href).partition("#")
    return (project.outdir / page).parent.joinpath(path).resolve(), fragment


def _assert_links_resolve(project: Project, page: str, soup: BeautifulSoup) -> int:
    checked = 0
    for a in soup.select("section a.reference.internal[href]"):
        target, fragment = _resolve(project, page, a["href"])
        assert target.is_file(), a["href"]
        if fragment:
            html = BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser")
            assert html.find(id=fragment) is not None, a["href"]
        checked += 1
    return checked


def test_tag_pages_list_items_newest_first(basic_site: Project) -> None:
    index = basic_site.html("tags/index.html")
    counts = {
        li.a.get_text(): li.select_one(".topic-count").get_text()
        for li in index.select("ul.tag-index li")
    }
    # Issue 1 is tagged 测试 as a whole; its items carry the other tags.
    assert counts == {
        "版本发布": "1 条新闻", "安全": "1 条新闻", "写法": "1 条新闻", "开源项目": "1 条新闻",
        "测试": "1 期周报",
    }  # fmt: skip
    page = basic_site.html("tags/安全.html")
    (entry,) = page.select("li.topic-entry")
    assert entry.select_one(".topic-entry-meta").get_text() == "第 1 期 · 2024-01-02 · 业界要闻"
    assert _assert_links_resolve(basic_site, "tags/安全.html", page) >= 2


def test_spellings_of_a_tag_share_one_page(project: Project) -> None:
    items = news("甲", tags="CI/CD") + news("乙", tags="ci-cd") + news("丙", tags="CI/CD")
    project.write("issues/003.md", issue_source(3, items, date="2024-02-01"))
    project.build()
    page = project.html("tags/ci-cd.html")
    assert page.h1.get_text() == "标签：CI/CD"
    assert [a.get_text() for a in page.select("li.topic-entry a")] == ["甲", "乙", "丙"]
    assert not (project.outdir / "tags/CI-CD.html").exists()


def test_c_plus_plus_and_c_sharp_do_not_collide(project: Project) -> None:
    project.write("issues/003.md", issue_source(3, news("甲", tags="C++") + news("乙", tags="C#")))
    project.build()
    assert project.html("tags/c-plus-plus.html").select_one("li.topic-entry a").get_text() == "甲"
    assert project.html("tags/c-sharp.html").select_one("li.topic-entry a").get_text() == "乙"


def test_project_page_has_card_chart_and_timeline(project: Project) -> None:
    project.write(
        "issues/003.md", issue_source(3, news("再谈 Envoy", projects="envoy"), date="2024-05-01")
    )
    project.build()
    page = project.html("projects/envoy.html")
    card = page.select_one(".project-card")
    assert card.find("a", href="https://www.envoyproxy.io/") is not None
    assert card.find("a", href="https://github.com/envoyproxy/envoy") is not None
    # The same item list as tag pages: issue, date and section above each title.
    entries = [
        li.select_one(".topic-entry-meta").get_text() for li in page.select("li.topic-entry")
    ]
    assert [meta.split(" · ")[:2] for meta in entries] == [
        ["第 3 期", "2024-05-01"],
        ["第 1 期", "2024-01-02"],
    ]
    svg = page.select_one("svg.coverage-chart")
    assert svg["role"] == "img" and "Envoy" in svg["aria-label"]
    # Two quarters with one item each.
    assert [r.title.get_text() for r in svg.select("rect")] == ["2024 Q1：1 条", "2024 Q2：1 条"]
    assert page.find("script", string=re.compile("svg")) is None
    _assert_links_resolve(project, "projects/envoy.html", page)


def test_projects_index_counts_and_latest(basic_site: Project) -> None:
    page = basic_site.html("projects/index.html")
    rows = {
        tr.td.get_text(): tr.select("td")[1].get_text()
        for tr in page.select("table.project-index tbody tr")
    }
    assert rows == {"Envoy": "1", "Istio": "1", "Kubernetes": "1", "kubeCDN": "1"}
    assert page.select("table.project-index svg.coverage-chart")
    _assert_links_resolve(basic_site, "projects/index.html", page)


def test_roles_link_to_topic_pages(project: Project) -> None:
    project.write(
        "index.md",
        "# 归档\n\n看 {project}`K8s`、{project}`代理 <envoy>`、{tag}`安全` 和 {archive-index}`tags`。\n",
    )
    project.build()
    links = {
        a.get_text(): a["href"] for a in project.html("index.html").select("section a.reference")
    }
    assert links["Kubernetes"] == "projects/kubernetes.html"
    assert links["代理"] == "projects/envoy.html"
    assert unquote(links["安全"]) == "tags/安全.html"
    assert links["标签索引"] == "tags/index.html"
    assert project.warning_lines() == []


def test_roles_warn_on_unknown_targets(project: Project) -> None:
    project.write("index.md", "# 归档\n\n{project}`kubernets` 与 {tag}`没人用的标签`\n")
    project.build()
    warnings = project.warning_lines()
    assert any("index.md:3" in w and "未知项目 'kubernets'" in w for w in warnings), warnings
    assert any(
        "index.md:3" in w and "标签 '没人用的标签' 还没有任何新闻使用" in w for w in warnings
    )


def test_item_meta_links_projects_and_tags(basic_site: Project) -> None:
    item = basic_site.html("issues/001.html").select_one("article.news-item")
    meta = item.select_one(".news-item-meta")
    assert [(a.get_text(), unquote(a["href"])) for a in meta.select("a")] == [
        ("Kubernetes", "../projects/kubernetes.html"),
        ("版本发布", "../tags/版本发布.html"),
        ("安全", "../tags/安全.html"),
    ]


def test_pages_are_not_written_into_the_source_tree(basic_site: Project) -> None:
    assert not (basic_site.src / "tags").exists() and not (basic_site.src / "projects").exists()


def test_incremental_edit_updates_exactly_the_affected_pages(project: Project) -> None:
    project.build()
    out = project.outdir

    def stamps() -> dict[str, int]:
        return {
            str(p.relative_to(out)): p.stat().st_mtime_ns
            for folder in ("tags", "projects")
            for p in (out / folder).glob("*.html")
        }

    before = stamps()
    source = (project.src / "issues/001.md").read_text(encoding="utf-8")
    # Add a tag to an item and move an item from envoy to kubernetes.
    source = source.replace(":tags: 版本发布，安全", ":tags: 版本发布，安全，新标签")
    source = source.replace(":projects: envoy, istio", ":projects: kubernetes, istio")
    project.write("issues/001.md", source)
    project.build()
    after = stamps()
    changed = {page for page in after if after[page] != before.get(page)}
    assert changed == {
        "tags/index.html",
        "tags/新标签.html",
        "projects/index.html",
        "projects/kubernetes.html",
    }
    assert [a.get_text() for a in project.html("tags/新标签.html").select("li.topic-entry a")] == [
        "Kubernetes 发布新版本"
    ]
    # Envoy has no news left: its page is gone, not a page of "0 条新闻".
    assert "projects/envoy.html" in before
    assert not (project.outdir / "projects/envoy.html").exists()


def test_removing_the_last_use_of_a_tag_removes_its_page(project: Project) -> None:
    project.build()
    assert (project.outdir / "tags/开源项目.html").is_file()
    project.remove("issues/002.md")
    project.build()
    assert not (project.outdir / "tags/开源项目.html").exists()


def test_quarter_helpers() -> None:
    assert quarter_range((2023, 3), (2024, 2)) == [(2023, 3), (2023, 4), (2024, 1), (2024, 2)]
    import datetime as dt

    series = per_quarter([dt.date(2024, 1, 5), dt.date(2024, 3, 1)], ((2023, 4), (2024, 1)))
    assert series == [((2023, 4), 0), ((2024, 1), 2)]
    svg = BeautifulSoup(quarter_chart(series, "<b>x</b>"), "html.parser")
    assert svg.svg["aria-label"].startswith("<b>x</b>")  # escaped in markup, intact once parsed
    assert svg.find("b") is None


def test_draft_items_do_not_create_tag_pages(project: Project) -> None:
    draft = issue_source(3, news("草稿里的新闻", tags="草稿专用")).replace(
        "editor: 乙", "editor: 乙\ndraft: true"
    )
    project.write("issues/003.md", draft)
    project.build()
    assert project.warning_lines() == []
    assert not (project.outdir / "tags/草稿专用.html").exists()
    assert not (project.outdir / "issues/003.html").exists()
    assert 3 not in [r["issue"] for r in project.news()["items"]]
    # Previewed, the draft shows its tags as text: they have no page yet.
    project.build(confoverrides={"newsletter_drafts": 1})
    assert project.warning_lines() == []
    assert not (project.outdir / "tags/草稿专用.html").exists()
    meta = project.html("issues/003.html").select_one(".news-item-meta")
    assert meta.get_text() == "草稿专用" and meta.find("a") is None
    assert project.html("issues/003.html").select_one(".issue-draft") is not None


def test_unchanged_rebuild_writes_no_topic_page(project: Project) -> None:
    project.build()
    pages = [*project.outdir.glob("tags/*.html"), *project.outdir.glob("projects/*.html")]
    stamps = {p: p.stat().st_mtime_ns for p in pages}
    project.build()
    assert {p: p.stat().st_mtime_ns for p in pages} == stamps


def test_nitpicky_reports_the_tags_a_draft_preview_cannot_link(project: Project) -> None:
    draft = issue_source(3, news("草稿里的新闻", tags="草稿专用")).replace(
        "editor: 乙", "editor: 乙\ndraft: true"
    )
    project.write("issues/003.md", draft)
    project.build(confoverrides={"newsletter_drafts": 1, "nitpicky": True})
    (warning,) = project.warning_lines()
    assert "issues/003.md" in warning and "标签 '草稿专用' 还没有任何新闻使用" in warning
