"""``make example``: the extension proven on a second, English weekly.

The fifteen shared weeks of Last Week in Cloud Native are imported into a copy
of ``examples/lwcn`` (its conf.py, registry, glossary and index) and built with
``-W``, all by the Makefile's own target, into a temporary build folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from conftest import CORPUS, MAKE

pytestmark = [
    pytest.mark.slow,  # imports fifteen issues and builds a site with its search index
    pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed"),
]

LWCN = CORPUS / "last-week-in-cloud-native"


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess]:
    """The built example (its output folder) and what ``make example`` printed."""
    if not LWCN.is_dir():
        pytest.skip(f"shared corpus not found at {LWCN}")
    build = tmp_path_factory.mktemp("example-build")
    done = subprocess.run(
        [*MAKE, "example", f"BUILDDIR={build}", f"LWCN={LWCN}"],
        capture_output=True,
        text=True,
        check=False,
        env={k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "SPHINXOPTS")},
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return build / "example", done


def _page(out: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((out / name).read_text(encoding="utf-8"), "html.parser")


def _headings(page: BeautifulSoup) -> list[str]:
    return [h.get_text(strip=True).rstrip("¶#") for h in page.find_all("h1")]


def test_the_example_builds_without_a_warning(example: tuple) -> None:
    _, done = example
    assert "WARNING" not in done.stderr
    assert "WARNING" not in done.stdout


def test_fifteen_english_issue_pages_with_items_filed_under_projects_and_tags(
    example: tuple,
) -> None:
    out, _ = example
    pages = sorted((out / "issues").glob("*.html"))
    assert len(pages) == 15
    filed = {"projects": 0, "tags": 0}
    for path in pages:
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert page.html["lang"] == "en"
        items = page.select("article.news-item")
        assert items, path.name
        for item in items:
            filed["projects"] += bool(item.select("a.projects-ref"))
            filed["tags"] += bool(item.select("a.tags-ref"))
    assert filed["projects"] > 100
    assert filed["tags"] > 100


def test_project_and_tag_pages_list_their_items(example: tuple) -> None:
    out, _ = example
    kubernetes = _page(out, "projects/kubernetes.html")
    assert kubernetes.html["lang"] == "en"
    assert "Kubernetes" in _headings(kubernetes)
    assert kubernetes.select("a[href*='../issues/']")
    networking = _page(out, "tags/networking-and-edge.html")
    assert any("Networking & Edge" in h for h in _headings(networking))
    assert networking.select("a[href*='../issues/']")
    index = _page(out, "index.html")
    assert "Last Week in Cloud Native" in _headings(index)


def test_the_feeds_parse_with_the_series_name(example: tuple) -> None:
    out, _ = example
    issues = feedparser.parse((out / "feeds" / "issues.xml").read_bytes())
    assert not issues.bozo
    assert issues.feed.title.startswith("Last Week in Cloud Native")
    assert len(issues.entries) == 15
    project = feedparser.parse((out / "feeds" / "projects" / "kubernetes.xml").read_bytes())
    assert not project.bozo and project.entries
