"""The readers' navigation on a site with a few issues: previous/next issue
links above and below an issue, distinct tab titles, and every page's way to
subscribe (a visible link and a feed readers discover)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import Project, parse_atom

BASE = "https://cloudnative-weekly.readthedocs.io/zh-cn/latest/"
ISSUES_FEED = BASE + "feeds/issues.xml"


@pytest.fixture
def site(more_issues_site: Project) -> Project:
    return more_issues_site


def _feeds(page: BeautifulSoup) -> list[str]:
    return [
        link["href"] for link in page.select('link[rel="alternate"][type="application/atom+xml"]')
    ]


def test_previous_and_next_issue_above_and_below_an_issue(site: Project) -> None:
    page = site.html("issues/005.html")
    navs = page.select("nav.issue-nav")
    assert len(navs) == 2
    article = page.select_one("article.bd-article")
    assert navs[0].find_next("article") is article  # above the issue
    assert article.find_next("nav", class_="issue-nav") is navs[1]  # and below it
    for nav in navs:
        older, newer = nav.select_one("a[rel=prev]"), nav.select_one("a[rel=next]")
        assert older["href"] == "004.html" and newer["href"] == "006.html"
        assert older.get_text() == "← 上一期：第 4 期 · 2020-01-29"
        assert newer.get_text() == "下一期 → 第 6 期 · 2020-02-12"
    # The newest and the oldest issue link one way only.
    assert not site.html("issues/006.html").select("nav.issue-nav a[rel=next]")
    oldest = sorted((site.src / "issues").glob("*.md"))[0].stem
    assert not site.html(f"issues/{oldest}.html").select("nav.issue-nav a[rel=prev]")
    assert not site.html("index.html").select("nav.issue-nav")


def test_tab_titles_tell_issues_apart_and_name_the_site_once(site: Project) -> None:
    titles = [site.html(f"issues/{n:03d}.html").title.get_text() for n in range(3, 7)]
    assert len(set(titles)) == len(titles)
    assert titles[0] == "第 3 期：Docker Hub 遭入侵，19 万账号被泄露 — 云原生生态周报"
    assert all(title.count("云原生生态周报") == 1 for title in titles)
    assert site.html("index.html").title.get_text() == "云原生生态周报"


@pytest.mark.parametrize(
    "page",
    ["index.html", "issues/004.html", "projects/index.html", "tags/安全.html", "search.html",
     "blog/archive.html", "docs/glossary.html"],
)  # fmt: skip
def test_every_page_offers_subscribing(site: Project, page: str) -> None:
    html = site.html(page)
    assert ISSUES_FEED in _feeds(html)
    links = html.select(".bd-footer-content a.subscribe-link")
    assert [link.get_text() for link in links] == ["订阅每期更新（Atom）"]
    href = links[0]["href"]
    assert (site.outdir / Path(page).parent / href).resolve() == (
        site.outdir / "feeds/issues.xml"
    ).resolve()


@pytest.mark.parametrize(
    ("page", "feed"),
    [
        ("projects/envoy.html", "feeds/projects/envoy.xml"),
        ("tags/安全.html", "feeds/tags/安全.xml"),
    ],
)
def test_project_and_tag_pages_link_their_own_feeds(site: Project, page: str, feed: str) -> None:
    html = site.html(page)
    assert _feeds(html) == [BASE + feed, ISSUES_FEED]
    (link,) = html.select("article a.subscribe-link")
    assert (site.outdir / Path(page).parent / link["href"]).resolve() == site.outdir / feed
    assert parse_atom(site.outdir / feed).entries


def test_issue_feed_entries_carry_the_whole_issue(site: Project) -> None:
    entries = {e.link: e for e in parse_atom(site.outdir / "feeds/issues.xml").entries}
    issue3 = entries[BASE + "issues/003.html"]
    (content,) = issue3.content
    assert content.type == "text/html"
    body = BeautifulSoup(content.value, "html.parser")
    records = [r for r in site.news()["items"] if r["url"].startswith("issues/003.html#")]
    headings = body.select("h3 a")
    assert len(headings) == len(records) == 19
    assert [a.get_text() for a in headings] == [r["title"] for r in records]
    assert [a["href"] for a in headings] == [BASE + r["url"] for r in records]
    assert "业界要闻" in [h2.get_text() for h2 in body.select("h2")]
    assert "19 万用户" in body.get_text()
