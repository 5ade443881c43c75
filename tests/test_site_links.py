"""A crawl of the built site: every internal link and anchor resolves, every
reader page is in the sitemap, and the site has a favicon."""

from __future__ import annotations

import posixpath
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

BASE = "https://cloudnative-weekly.readthedocs.io/zh-cn/latest/"


@pytest.fixture(scope="module")
def site(built_site: Path) -> Path:
    return built_site


def _folder(page: str, soup: BeautifulSoup) -> str:
    """The folder ``page``'s relative links resolve against."""
    base = soup.select_one("head base[href]")
    if base is not None:  # the 404 page resolves links against the site root
        return posixpath.dirname(base["href"].removeprefix(BASE))
    return posixpath.dirname(page)


def _target(page: str, folder: str, href: str) -> tuple[str, str] | None:
    """The site path and fragment an internal ``href`` on ``page`` (whose links
    resolve against ``folder``) leads to; None if external."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("mailto:"):
        if not href.startswith(BASE):
            return None
        return unquote(href.removeprefix(BASE).split("#")[0]), parts.fragment
    path = unquote(parts.path)
    resolved = posixpath.normpath(posixpath.join(folder, path)) if path else page
    return resolved, unquote(parts.fragment)


def test_every_internal_link_and_anchor_resolves(
    site: Path, site_pages: dict[str, BeautifulSoup]
) -> None:
    @cache
    def ids(name: str) -> frozenset[str]:
        soup = site_pages.get(name)
        if soup is None:
            return frozenset()
        return frozenset(e["id"] for e in soup.find_all(id=True)) | frozenset(
            e["name"] for e in soup.find_all("a", attrs={"name": True})
        )

    broken = []
    for page, soup in site_pages.items():
        folder = _folder(page, soup)
        for link in soup.select("a[href], link[rel=alternate][href], link[rel=icon][href]"):
            found = _target(page, folder, link["href"])
            if found is None:
                continue
            path, fragment = found
            if path.endswith("/") or not Path(path).suffix:
                path = posixpath.join(path, "index.html")
            if not (site / path).is_file():
                broken.append((page, link["href"], "missing"))
            elif fragment and path.endswith(".html") and fragment not in ids(path):
                broken.append((page, link["href"], "no such anchor"))
    assert broken == [], "\n".join(map(str, broken))


def _sitemap(site: Path) -> set[str]:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ElementTree.parse(site / "sitemap.xml").getroot()
    return {unquote(loc.text.removeprefix(BASE)) for loc in root.findall("s:url/s:loc", ns)}


def test_every_reader_page_is_in_the_sitemap(
    site: Path, site_pages: dict[str, BeautifulSoup]
) -> None:
    listed = _sitemap(site)
    readers = {
        name
        for name in site_pages
        if not name.startswith(("blog/author", "blog/drafts"))
        and name not in {"404.html", "search.html", "genindex.html"}
    }
    assert readers - listed == set()
    assert {"projects/index.html", "projects/envoy.html", "tags/安全.html", "blog/2019.html",
            "blog/archive.html", "issues/003.html"} <= listed  # fmt: skip
    assert all((site / name).is_file() for name in listed)


def test_no_page_lists_a_project_or_tag_without_news(site: Path) -> None:
    for path in site.glob("projects/*.html"):
        page = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        if path.name != "index.html":
            assert page.select("li.topic-entry"), path.name
    index = BeautifulSoup((site / "projects/index.html").read_text("utf-8"), "html.parser")
    counts = [int(td.get_text()) for td in index.select("table.project-index td.topic-count")]
    assert counts and min(counts) > 0
    assert "0 条" not in index.get_text()


def _listed(page: BeautifulSoup) -> int:
    """How many items a topic page lists: each once, in its year when folded."""
    folded = page.select("details.topic-year li.topic-entry")
    return len(folded) if folded else len(page.select("li.topic-entry"))


def test_counts_agree_between_indexes_and_pages(site: Path) -> None:
    tags = BeautifulSoup((site / "tags/index.html").read_text("utf-8"), "html.parser")
    for item in tags.select("ul.tag-index li"):
        page = BeautifulSoup(
            (site / "tags" / unquote(item.a["href"])).read_text("utf-8"), "html.parser"
        )
        count = item.select_one(".topic-count").get_text()
        items, issues = _listed(page), len(page.select("ul.topic-issues li"))
        assert count == (f"{items} 条新闻" if items else f"{issues} 期周报"), item.a["href"]
    projects = BeautifulSoup((site / "projects/index.html").read_text("utf-8"), "html.parser")
    for row in projects.select("table.project-index tbody tr"):
        page = BeautifulSoup((site / "projects" / row.a["href"]).read_text("utf-8"), "html.parser")
        assert int(row.select_one(".topic-count").get_text()) == _listed(page)


def _raster_size(path: Path) -> tuple[int, int]:
    """Width and height of a PNG or a baseline/progressive JPEG (what cards accept)."""
    data = path.read_bytes()
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert data[:2] == b"\xff\xd8", f"{path} is neither a PNG nor a JPEG"
    pos = 2
    while pos < len(data):
        marker, length = data[pos + 1], int.from_bytes(data[pos + 2 : pos + 4], "big")
        if marker in (0xC0, 0xC1, 0xC2):  # start of frame: height, then width
            return int.from_bytes(data[pos + 7 : pos + 9], "big"), int.from_bytes(
                data[pos + 5 : pos + 7], "big"
            )
        pos += 2 + length
    raise AssertionError(f"{path}: no JPEG frame header")


def test_every_page_has_a_favicon_and_a_raster_card(
    site: Path, site_pages: dict[str, BeautifulSoup]
) -> None:
    for name, soup in site_pages.items():
        icon = soup.select_one('link[rel="icon"]')
        assert icon is not None, name
        image = soup.select_one('meta[property="og:image"]')
        if name == "404.html":
            continue
        assert image is not None, name
        width, height = _raster_size(site / image["content"].removeprefix(BASE))
        assert width >= 1200 and height >= 630, name
