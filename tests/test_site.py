"""The real site, built once with warnings as errors, and every issue in it.

What each page must show is read from the issue files themselves (with the
checker's reader, the same dialect as the build), so the tests hold for any
number of issues; a few facts of issue No. 3 are checked by name.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from urllib.parse import unquote
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, parse_atom

from newsletter.cli.check import read_archive
from newsletter.core.labels import issue_headline, issue_label, issue_tab_title

LEGACY_NO3 = "cloud-native-weekly-zh-legacy/cloud-native-weekly-03.md"
# Markdown link targets and bare URLs in the published source.
_SOURCE_URL = re.compile(r"\]\((https?://[^)\s]+)\)|<(https?://[^>\s]+)>")


@pytest.fixture(scope="module")
def site(built_site: Path) -> Path:
    """``sphinx-build -W`` of the repository, as ``make html`` runs it."""
    return built_site


def _page(site: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((site / name).read_text(encoding="utf-8"), "html.parser")


#: The archive's issues as the checker reads them, oldest first.
DOCUMENTS = sorted(
    (d for d in read_archive(REPO)[0] if d.issue is not None), key=lambda d: d.issue.number
)
ISSUES = [d.issue for d in DOCUMENTS]
NEWEST = ISSUES[-1]


def _records(site: Path) -> list[dict]:
    return json.loads((site / "news.json").read_text(encoding="utf-8"))["items"]


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda d: d.docname)
def test_every_issue_has_its_items_in_their_sections(site: Path, document) -> None:
    page = f"{document.docname}.html"
    items = _page(site, page).select("article.news-item")
    assert [item["id"] for item in items] == [source.item.id for source in document.items]
    assert len(set(item["id"] for item in items)) == len(items) > 0
    records = [r for r in _records(site) if r["url"].startswith(page + "#")]
    assert [r["id"] for r in records] == [item["id"] for item in items]
    for record, source in zip(records, document.items, strict=True):
        assert (record["section"], record["group"]) == (source.item.section, source.item.group)
        assert record["projects"] == list(source.item.projects)
    for record, item in zip(records, items, strict=True):
        assert record["link"].startswith(("https://", "http://"))
        assert item.select_one(".news-item-title a.reference")["href"] == record["link"]


@pytest.mark.parametrize("issue", ISSUES, ids=lambda i: i.docname)
def test_every_issue_shows_its_front_matter_and_origin(site: Path, issue) -> None:
    page = _page(site, f"{issue.docname}.html")
    assert page.select_one(".issue-meta").get_text() == issue_label(issue)
    assert page.select_one(".issue-summary").get_text().strip() == "摘要：" + issue.summary
    assert page.select_one(".issue-editor").get_text() == "责任编辑：" + issue.editor
    assert page.select_one(".issue-authors").get_text() == "本周作者：" + "，".join(issue.authors)
    origin = page.select_one(".issue-origin")
    (record,) = [
        r
        for r in json.loads((site / "news.json").read_text(encoding="utf-8"))["issues"]
        if r["number"] == issue.number
    ]
    assert (record.get("source"), record.get("licence")) == (
        (issue.source, issue.licence) if issue.source else (None, None)
    )
    if issue.source:
        links = [a["href"] for a in origin.select("a")]
        assert links == [issue.source, f"https://spdx.org/licenses/{issue.licence}.html"]
        assert issue.licence in origin.get_text()
    else:
        assert origin is None


def test_issue_3_sections_and_groups(site: Path) -> None:
    records = [r for r in _records(site) if r["url"].startswith("issues/003.html#")]
    assert len(records) == 19
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


def test_issue_3_front_matter_is_shown(site: Path) -> None:
    page = _page(site, "issues/003.html")
    assert page.select_one(".issue-meta").get_text() == "第 3 期 · 2019-05-07"
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


def test_home_page_lists_every_issue_by_its_lead_story(site: Path) -> None:
    home = _page(site, "index.html")
    newest_first = list(reversed(ISSUES))
    links = home.select(".issue-list-title a")
    assert [a["href"] for a in links] == [f"{i.docname}.html" for i in newest_first]
    # Every issue has the same title: the list tells them apart by their lead story.
    assert [a.get_text() for a in links] == [issue_headline(i) for i in newest_first]
    assert len({a.get_text() for a in links}) == len(ISSUES)
    metas = [p.get_text() for p in home.select(".issue-list-meta")]
    assert metas == [issue_label(i) for i in newest_first]
    assert "Snyk" in home.select(".issue-list-summary")[0].get_text()


def test_one_tag_system_for_issues_and_items(site: Path) -> None:
    # ablog builds no tag pages of its own: a reader meets one page per tag.
    assert not (site / "blog/tag").exists()
    page = _page(site, "tags/服务网格.html")
    tagged = [f"../{i.docname}.html" for i in reversed(ISSUES) if "服务网格" in i.tags]
    assert [a["href"] for a in page.select("ul.topic-issues a")] == tagged
    header_tags = _page(site, "issues/003.html").select(".issue-tags a")
    assert [a.get_text() for a in header_tags] == ["云原生", "服务网格", "Serverless"]


def test_ablog_sees_the_local_publication_date(site: Path) -> None:
    archive = _page(site, "blog/2019.html")
    titles = [a.get_text().strip() for a in archive.select(".ablog-post-title a")]
    assert titles == [issue_tab_title(i) for i in reversed(ISSUES) if i.date.year == 2019]
    # The front matter's authors are ablog's authors.
    assert (site / "blog/author/王夕宁.html").is_file()


def test_site_excludes_repository_files(site: Path) -> None:
    assert not (site / "README.html").exists()
    assert not (site / "tests").exists()
    assert not any(p.name == ".venv" for p in site.iterdir())


def test_issue_page_ids_are_unique(site: Path) -> None:
    ids = [tag["id"] for tag in _page(site, "issues/003.html").find_all(id=True)]
    duplicates = {i for i in ids if ids.count(i) > 1}
    assert duplicates == set()


def test_issue_3_items_reach_their_project_pages(site: Path) -> None:
    expected = {"kubernetes": 3, "knative": 2, "istio": 1, "envoy": 4, "containerd": 1}
    targets: dict[str, BeautifulSoup] = {}  # each issue page parsed once
    for pid, minimum in expected.items():
        page = _page(site, f"projects/{pid}.html")
        links = page.select("li.topic-entry a")
        assert len(links) >= minimum, pid
        for link in links:
            path, _, fragment = link["href"].partition("#")
            name = str((site / "projects" / path).resolve().relative_to(site))
            if name not in targets:
                targets[name] = _page(site, name)
            assert targets[name].find(id=fragment) is not None, (pid, link["href"])


def test_glossary_has_every_listed_term_with_a_stable_id(site: Path) -> None:
    page = _page(site, "docs/glossary.html")
    ids = {dt["id"] for dt in page.select("dl.glossary dt")}
    for term in [
        "KEP", "CEL", "CRD", "SIG", "xDS", "RDS", "VHDS", "ORCA", "UDPA",
        "CNI", "OCI", "rootfs", "Serverless", "Service Mesh", "Sidecar", "cgroups",
    ]:  # fmt: skip
        assert "term-" + term.lower().replace(" ", "-") in ids, term
    kep_note = _page(site, "issues/003.html").select_one("dl.term-notes dt a")
    assert kep_note["href"] == "../docs/glossary.html#term-kep"
    records = json.loads((site / "news.json").read_text(encoding="utf-8"))["items"]
    vhds = next(r for r in records if "VHDS" in r["title"])
    assert {"xDS", "VHDS", "RDS"} <= set(vhds["terms"])


def test_one_feed_system_announced_on_every_page(site: Path) -> None:
    feed = "https://cloudnative-weekly.readthedocs.io/zh-cn/latest/feeds/issues.xml"
    issues = parse_atom(site / "feeds/issues.xml")
    assert [e.title for e in issues.entries] == [issue_tab_title(i) for i in reversed(ISSUES)]
    assert issues.entries[0].summary == NEWEST.summary
    envoy = parse_atom(site / "feeds/projects/envoy.xml")
    envoy_items = [s for d in DOCUMENTS for s in d.items if "envoy" in s.item.projects]
    assert len(envoy.entries) == len(envoy_items) >= 4
    for path in (site / "feeds").rglob("*.xml"):
        assert parse_atom(path).entries, path
    assert not (site / "blog/atom.xml").exists()
    for page in ("index.html", "issues/003.html", "blog/2019.html"):
        links = _page(site, page).select('link[rel="alternate"][type="application/atom+xml"]')
        assert [link["href"] for link in links] == [feed], page


def test_issue_3_social_card(site: Path) -> None:
    base = "https://cloudnative-weekly.readthedocs.io/zh-cn/latest/"
    page = _page(site, "issues/003.html")

    def content(key: str) -> str:
        tag = page.select_one(f'meta[property="{key}"], meta[name="{key}"]')
        return tag["content"]

    assert content("og:url") == base + "issues/003.html"
    assert page.select_one('link[rel="canonical"]')["href"] == content("og:url")
    assert content("og:image") == base + "_static/covers/weekly.png"
    assert (site / "_static/covers/weekly.png").is_file()
    assert content("og:description").startswith("Docker Hub 遭入侵")
    assert content("article:published_time") == "2019-05-07T15:12:53+08:00"


def test_404_page_works_at_any_depth(site: Path) -> None:
    base = "https://cloudnative-weekly.readthedocs.io/zh-cn/latest/"
    page = _page(site, "404.html")
    assert page.select_one("head base")["href"] == base + "404.html"
    assert page.select_one('meta[property="og:url"]') is None
    links = {a["href"] for a in page.select("article a[href]") if a["href"][0] != "#"}
    assert links == {"index.html", "blog/archive.html"}
    assert all((site / href).is_file() for href in links)


def test_sitemap_lists_every_published_page(site: Path) -> None:
    base = "https://cloudnative-weekly.readthedocs.io/zh-cn/latest/"
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ElementTree.parse(site / "sitemap.xml").getroot()
    entries = {
        url.findtext("s:loc", namespaces=ns): url.findtext("s:lastmod", namespaces=ns)
        for url in root.findall("s:url", ns)
    }
    for issue in ISSUES:
        assert entries[f"{base}{issue.docname}.html"] == issue.date.isoformat()
    assert base + "index.html" in entries
    assert base + "404.html" not in entries
    assert all((site / unquote(url.removeprefix(base))).is_file() for url in entries)
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {base}sitemap.xml" in robots.splitlines()
