"""The sitemap of a fixture archive: drafts left out, links under the base URL."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest
from conftest import Project, issue_source, news

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def _locs(project: Project) -> list[str]:
    root = ElementTree.parse(project.outdir / "sitemap.xml").getroot()
    return [url.findtext("s:loc", namespaces=NS) for url in root.findall("s:url", NS)]


def test_drafts_are_not_in_the_sitemap(project: Project) -> None:
    draft = issue_source(3, news("草稿", tags="草稿专用")).replace(
        "editor: 乙\n", "editor: 乙\ndraft: true\n"
    )
    project.write("issues/003.md", draft)
    project.build()
    base = "https://weekly.example.com/archive/"
    locs = _locs(project)
    assert [loc for loc in locs if not loc.startswith((base + "projects/", base + "tags/"))] == [
        base + "index.html",
        base + "issues/001.html",
        base + "issues/002.html",
    ]
    # The generated topic pages are listed, but none that only the draft makes.
    assert base + "projects/envoy.html" in locs
    assert not [loc for loc in locs if "%E8%8D%89%E7%A8%BF" in loc]


def test_sitemap_follows_read_the_docs(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READTHEDOCS_CANONICAL_URL", "https://example.org/zh_CN/latest/")
    project.build()
    assert _locs(project)[0] == "https://example.org/zh_CN/latest/index.html"
