"""ablog inside the archive: sidebars, Chinese headings, archive pages, freshness."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, Project, issue_source, news, small_archive
from sphinx_process import sphinx_build

from bench import synthetic
from newsletter.blog.catalogs import completed_catalog
from newsletter.cli.check import read_archive
from newsletter.core.labels import issue_label
from newsletter.views.reader_nav import RECENT


def _sidebar(page: BeautifulSoup) -> BeautifulSoup:
    return page.select_one(".bd-sidebar-primary")


def _recent(page: BeautifulSoup) -> list[str]:
    return [a.get_text(" ", strip=True) for a in _sidebar(page).select(".reader-nav-issues li a")]


def test_sidebars_serve_readers_and_speak_chinese(more_issues_site: Project) -> None:
    site = more_issues_site
    page = site.html("issues/004.html")
    sidebar = _sidebar(page)
    # What a reader looks for; the maintainers' documents are in the footer.
    assert [a.get_text(strip=True) for a in sidebar.select(".reader-nav-links a")] == [
        "首页", "全部期刊", "项目", "标签", "术语表", "搜索", "订阅（Atom）",
    ]  # fmt: skip
    about = {a["href"] for a in page.select(".bd-footer-content .reader-footer-about a")}
    for doc in ("readers", "editors", "security", "performance", "search"):
        assert f"../docs/{doc}.html" in about
        assert not sidebar.select(f"a[href='../docs/{doc}.html']")
    assert sidebar.select_one(".reader-nav-heading").get_text() == "最近几期"
    assert [h.get_text(strip=True) for h in sidebar.select(".ablog-sidebar-item h3")] == [
        "按年归档"
    ]
    # Issues are told apart by number and date, this one included: the newest
    # few, the generated ones first, then the archive's own.
    real = sorted((d.issue for d in read_archive(REPO)[0] if d.issue), key=lambda i: -i.number)
    generated = ["第 6 期 · 2020-02-12", "第 5 期 · 2020-02-05", "第 4 期 · 2020-01-29"]
    assert _recent(page) == [*generated, *(issue_label(i) for i in real)][:RECENT]
    assert sidebar.select_one("a[aria-current='page']")["href"] == "#"
    years = [a.get_text(strip=True) for a in sidebar.select(".ablog__archives li a")]
    assert years == ["2020 (3)", f"2019 ({sum(i.date.year == 2019 for i in real)})"]
    archive = site.html("blog/archive.html")
    assert archive.title.get_text().startswith("全部期刊")
    # The page the "最近几期" heading links to has no English left.
    all_issues = site.html("blog.html").select_one("article h1").get_text().split()
    assert all_issues == ["全部期刊"]
    assert site.html("blog/author/合成作者.html").title.get_text().startswith("作者：合成作者 — ")
    year = site.html("blog/2020.html").get_text()
    # Each issue is listed with its summary, not the start of its first item.
    # Listed by number and lead story (every issue's own title is alike),
    # with the summary, not the start of the first item.
    assert "第 4 期：" in year and synthetic.summary(4) in year
    first_item = (
        site.html("issues/004.html")
        .select_one("article.news-item > p:not(.news-item-meta)")
        .get_text()
    )
    assert first_item and first_item not in year


def _sphinx_build(site: Project) -> None:
    """``sphinx-build -W`` in its own process, as ``make html`` runs it.

    Two in-process builds do not show staleness: the themes change the config
    in place, so the second build sees a changed config and rewrites every page.
    Without the search index, which these tests do not read.
    """
    result = sphinx_build(
        ["-b", "html", "-W", "-q", "-D", "newsletter_search_index=0", ".", "_build/html"],
        cwd=site.src,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.slow
def test_incremental_build_refreshes_home_page_and_sidebars(tmp_path: Path) -> None:
    site = small_archive(tmp_path / "site")
    _sphinx_build(site)
    assert _recent(site.html("issues/001.html"))[0] == "第 3 期 · 2024-01-15"
    site.write("issues/004.md", issue_source(4, news("新一期的新闻"), date="2025-03-01"))
    _sphinx_build(site)
    home = site.html("index.html")
    assert home.select_one(".issue-list-title a").get_text() == "摘要 4"
    # issues/001 was not edited, yet its sidebar lists the new issue.
    page = site.html("issues/001.html")
    assert _recent(page)[0] == "第 4 期 · 2025-03-01"
    assert "2025 (1)" in [a.get_text(strip=True) for a in page.select(".ablog__archives li a")]
    assert "第 4 期：摘要 4" in site.html("blog/2025.html").get_text()


@pytest.mark.slow
def test_a_draft_is_not_published_and_previews_as_an_ablog_draft(tmp_path: Path) -> None:
    site = small_archive(tmp_path / "site")
    draft = issue_source(4, news("草稿新闻"), date="2025-01-01").replace(
        "editor: 乙\n", "editor: 乙\ndraft: true\n"
    )
    site.write("issues/004.md", draft)
    site.build()
    assert site.warning_lines() == []
    assert not (site.outdir / "issues" / "004.html").exists()
    assert not (site.outdir / "_sources" / "issues" / "004.md.txt").exists()
    drafts = site.outdir / "blog" / "drafts.html"
    assert not drafts.exists() or "第 4 期" not in site.html("blog/drafts.html").get_text()
    # An editor's preview (make livehtml DRAFTS=1) builds it, marked as a draft.
    site.build(confoverrides={"newsletter_drafts": 1})
    assert site.warning_lines() == []
    assert "草稿" in site.html("issues/004.html").select_one(".issue-draft").get_text()
    assert "第 4 期：摘要 4" in site.html("blog/drafts.html").get_text()
    assert not any("第 4 期" in title for title in _recent(site.html("index.html")))


def test_catalog_recovers_obsolete_and_prefers_archive_wording() -> None:
    po = """
msgid ""
msgstr ""
"Content-Type: text/plain; charset=utf-8\\n"

msgid "Drafts"
msgstr ""

#, fuzzy
msgid "Updated on "
msgstr "更新"

msgid "Recent Posts"
msgstr "最近文章"

#~ msgid "Drafts"
#~ msgstr "草稿"
"""
    catalog = completed_catalog(po, {"Recent Posts": "最近几期"})
    assert catalog["Drafts"].string == "草稿"
    assert catalog["Recent Posts"].string == "最近几期"
    # A fuzzy translation with nothing better stays out of the compiled file.
    assert catalog["Updated on "].fuzzy


#: Issue 3's summary in the small archive, which two tests edit.
SUMMARY_3 = "第 3 期的摘要。"


def _edit_summary(site: Project) -> None:
    source = (site.src / "issues/003.md").read_text(encoding="utf-8")
    assert SUMMARY_3 in source
    site.write("issues/003.md", source.replace(SUMMARY_3, "新的摘要。"))


def _stamps(site: Project) -> dict[str, int]:
    out = site.outdir
    return {
        str(p.relative_to(out)): p.stat().st_mtime_ns
        for p in [out / "blog.html", *out.glob("blog/*.html")]
    }


@pytest.mark.slow
def test_archive_pages_are_rewritten_only_when_their_posts_change(tmp_path: Path) -> None:
    site = small_archive(tmp_path / "site")
    _sphinx_build(site)
    first = _stamps(site)
    _sphinx_build(site)
    assert _stamps(site) == first  # nothing changed, nothing rewritten
    # A new summary for issue 3 (2024): its year page and the all-issues
    # pages change; the 2023 page does not.
    _edit_summary(site)
    _sphinx_build(site)
    after = _stamps(site)
    changed = {page for page in after if after[page] != first[page]}
    assert "blog/2024.html" in changed and "blog.html" in changed
    assert "blog/2023.html" not in changed
    assert "新的摘要。" in site.html("blog/2024.html").get_text()


def test_posts_in_the_environment_are_slim(more_issues_site: Project) -> None:
    app = more_issues_site.app
    assert app is not None
    posts = [post for found in app.env.ablog_posts.values() for post in found]
    assert posts
    for post in posts:
        # No copy of the page: only full-text feeds would need it.
        assert post["doctree"].children == []
        # The summary excerpt is kept, detached from its document.
        assert post["excerpt"] and all(node.parent is None for node in post["excerpt"])
    summaries = {post["excerpt"][-1].astext() for post in posts}
    assert synthetic.summary(4) in summaries


@pytest.mark.slow
def test_an_excerpt_rendered_once_follows_an_edited_summary(tmp_path: Path) -> None:
    """Excerpts are rendered once per build (blog/excerpts.py); a second build in
    the same process, after a summary changed, lists the new summary, and its
    archive pages equal a clean build's."""
    site = small_archive(tmp_path / "site")
    site.build()
    _edit_summary(site)
    site.build()
    pages = ("blog.html", "blog/2024.html")
    incremental = {page: (site.outdir / page).read_bytes() for page in pages}
    excerpts = [
        p.get_text(strip=True) for p in site.html("blog/2024.html").select(".ablog-post-excerpt")
    ]
    assert "新的摘要。" in excerpts and SUMMARY_3 not in excerpts
    site.build(force_all=True, freshenv=True)
    assert site.warning_lines() == []
    assert {page: (site.outdir / page).read_bytes() for page in pages} == incremental
