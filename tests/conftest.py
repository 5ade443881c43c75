"""Shared fixtures: small Sphinx projects built in a temporary folder.

Each test gets a fresh copy of a fixture root under ``tests/roots`` (or an
empty project) that it may edit and rebuild, and reads the results by
parsing them: HTML with BeautifulSoup, JSON with ``json``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Iterator
from io import StringIO
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import feedparser
import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

TESTS = Path(__file__).parent
ROOTS = TESTS / "roots"
REPO = TESTS.parent
CORPUS = REPO.parent / "shared" / "corpus"
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


class Project:
    """A Sphinx project on disk that a test can edit and (re)build."""

    def __init__(self, src: Path, search: bool = False) -> None:
        self.src = src
        #: Build the site search index (Pagefind); off unless a test asks.
        self.search = search
        self.builddir = src / "_build"
        self.outdir = self.builddir / "html"
        self.warnings = ""
        self.app: SphinxTestApp | None = None

    def write(self, relpath: str, text: str) -> Path:
        path = self.src / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def remove(self, relpath: str) -> None:
        (self.src / relpath).unlink()

    def build(self, force_all: bool = False, **kwargs: Any) -> SphinxTestApp:
        """Build into ``_build/html``; warnings are kept in ``self.warnings``.

        ``force_all`` writes every document (``-a``); ``freshenv=True`` is ``-E``.
        """
        warning = StringIO()
        overrides = {"newsletter_search_index": self.search, **kwargs.pop("confoverrides", {})}
        app = SphinxTestApp(
            "html",
            confoverrides=overrides,
            srcdir=self.src,
            builddir=self.builddir,
            status=StringIO(),
            warning=warning,
            **kwargs,
        )
        try:
            app.build(force_all=force_all)
        finally:
            app.cleanup()
        self.app = app
        self.warnings = _ANSI.sub("", warning.getvalue())
        return app

    def html(self, page: str) -> BeautifulSoup:
        text = (self.outdir / page).read_text(encoding="utf-8")
        return BeautifulSoup(text, "html.parser")

    def news(self) -> dict[str, Any]:
        return json.loads((self.outdir / "news.json").read_text(encoding="utf-8"))

    def warning_lines(self) -> list[str]:
        return [line for line in self.warnings.splitlines() if "WARNING" in line]


@pytest.fixture
def project(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Project]:
    """A copy of ``roots/test-basic``; with the ``search`` mark, it builds the search index."""
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-basic", src)
    yield Project(src, search=request.node.get_closest_marker("search") is not None)


@pytest.fixture
def corpus() -> Path:
    """The shared corpus of published issues; skips when it is absent."""
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    return CORPUS


ISSUE_TEMPLATE = """\
---
number: {number}
date: {date}
title: 测试周报第 {number} 期
summary: 摘要 {number}。
authors: [甲]
editor: 乙
---

## 业界要闻

{items}
"""


def issue_source(number: int, items: str, date: str = "2024-01-01") -> str:
    """A minimal valid issue document around ``items``."""
    return ISSUE_TEMPLATE.format(number=number, date=date, items=items)


def news(
    title: str, link: str | None = "https://example.com/a", body: str = "正文。", **options: str
) -> str:
    """A ``news`` directive in colon-fence form."""
    lines = [f":::{{news}} {title}"]
    if link is not None:
        lines.append(f":link: {link}")
    lines += [f":{key}: {value}" for key, value in options.items()]
    return "\n".join([*lines, "", body, ":::", ""])


#: What ``include_patterns`` reads, the extension and the static files.
SITE_FILES = ("conf.py", "index.md", "docs", "issues", "_static", "_ext")
PROJECTS = ("kubernetes", "envoy", "istio", "knative")


def site_with_more_issues(dest: Path, count: int) -> Project:
    """A copy of the real site with ``count`` generated weekly issues (No. 4 on, from 2020)."""
    dest.mkdir(parents=True)
    for name in SITE_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest / name)
    for number in range(4, 4 + count):
        items = "".join(
            news(
                f"第 {number} 期的第 {k} 条新闻",
                link=f"https://example.com/{number}/{k}",
                projects=PROJECTS[(number + k) % len(PROJECTS)],
                tags=f"标签{k}, 安全",
            )
            for k in range(3)
        )
        date = (dt.date(2020, 1, 1) + dt.timedelta(weeks=number)).isoformat()
        (dest / f"issues/{number:03d}.md").write_text(
            issue_source(number, items, date=date), encoding="utf-8"
        )
    return Project(dest)


def located_messages(lines: Iterable[str]) -> set[tuple[str, int, str]]:
    """``(file, line, message)`` of every build warning or checker error about an issue.

    Reads both ``…/issues/003.md:12: WARNING: message [type.subtype]`` (the
    build) and ``issues/003.md:12: 错误：message`` (``make check``).
    """
    found = set()
    for line in lines:
        match = re.search(
            r"(issues/[^:]+):(\d+): (?:WARNING|ERROR|错误)：?:? ?(.*?)(?: \[[\w.]+\])?$", line
        )
        if match:
            found.add((match.group(1), int(match.group(2)), match.group(3).strip()))
    return found


ATOM = "http://www.w3.org/2005/Atom"
_ATOM_NS = {"a": ATOM}


def _check_rfc4287(path: Path) -> None:
    """The MUSTs of RFC 4287 that a lenient parser does not enforce."""
    root = ElementTree.parse(path).getroot()
    assert root.tag == f"{{{ATOM}}}feed"

    def one(element: ElementTree.Element, name: str) -> str:
        found = element.findall(f"a:{name}", _ATOM_NS)
        assert len(found) == 1, f"{path}: {len(found)} <{name}>"
        return found[0].text or ""

    for element in [root, *root.findall("a:entry", _ATOM_NS)]:
        assert one(element, "id") and one(element, "title")
        dt.datetime.fromisoformat(one(element, "updated").replace("Z", "+00:00"))
        alternates = [
            link for link in element.findall("a:link", _ATOM_NS) if link.get("rel") == "alternate"
        ]
        assert len(alternates) == 1
    assert root.findall("a:author/a:name", _ATOM_NS)
    assert [link.get("href") for link in root.findall("a:link[@rel='self']", _ATOM_NS)] == [
        one(root, "id")
    ]


def parse_atom(path: Path) -> feedparser.FeedParserDict:
    """An Atom feed, checked strictly, then parsed with a real feed parser."""
    _check_rfc4287(path)
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def sphinx_build(srcdir: Path, outdir: Path, *options: str) -> subprocess.CompletedProcess:
    """``sphinx-build -W`` in a subprocess, as ``make html`` runs it."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "html",
            "-W",
            "--keep-going",
            "-q",
            *options,
            "-d",
            str(outdir / "doctrees"),
            str(srcdir),
            str(outdir / "html"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository built once per test session, warnings as errors."""
    out = tmp_path_factory.mktemp("site")
    result = sphinx_build(REPO, out)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    return out / "html"


@pytest.fixture(scope="module")
def site_browser() -> Iterator[Any]:
    """Debian's headless Chromium, shared by a module's browser tests."""
    from browser import chromium

    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def site_url(built_site: Path) -> Iterator[str]:
    """The real site served from localhost; the base URL, ending in ``/``."""
    from browser import serve

    with serve(built_site) as url:
        yield url
