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
    draft = issue_source(3, news("草稿")).replace("editor: 乙\n", "editor: 乙\ndraft: true\n")
    project.write("issues/003.md", draft)
    project.build()
    assert _locs(project) == [
        "https://weekly.example.com/archive/index.html",
        "https://weekly.example.com/archive/issues/001.html",
        "https://weekly.example.com/archive/issues/002.html",
    ]


def test_sitemap_follows_read_the_docs(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READTHEDOCS_CANONICAL_URL", "https://example.org/zh_CN/latest/")
    project.build()
    assert _locs(project)[0] == "https://example.org/zh_CN/latest/index.html"
