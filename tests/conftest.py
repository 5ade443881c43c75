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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import feedparser
import pytest
from bs4 import BeautifulSoup
from shared_build import shared_folder
from sphinx.testing.util import SphinxTestApp
from sphinx_process import sphinx_build as run_sphinx
from template_cache import install as share_compiled_templates

from bench.synthetic import Generator, copy_site, write_issues
from newsletter.core import i18n

TESTS = Path(__file__).parent
ROOTS = TESTS / "roots"
REPO = TESTS.parent
CORPUS = REPO.parent / "shared" / "corpus"
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
#: ``make`` in the repository, taking the environment as set up: a test runs a
#: target, never the set-up it depends on (``-o``), which would re-install the
#: package into the shared .venv, taking seconds, whenever a lock file or
#: pyproject.toml is newer than the last install (as in a fresh worktree).
MAKE = ("make", "-C", str(REPO), *(f"-o.venv/.{part}-installed" for part in ("site", "test")))


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


def pytest_configure() -> None:
    """The in-process builds of each test process compile each template once."""
    share_compiled_templates()


@pytest.fixture
def project(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Project]:
    """A copy of ``roots/test-basic``; with the ``search`` mark, it builds the search index."""
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-basic", src)
    yield Project(src, search=request.node.get_closest_marker("search") is not None)


def built_basic(tmp_path_factory: pytest.TempPathFactory, search: bool = False) -> Project:
    """A copy of ``roots/test-basic`` as it is, built (with its search index if asked)."""
    src = tmp_path_factory.mktemp("basic") / "src"
    shutil.copytree(ROOTS / "test-basic", src)
    site = Project(src, search=search)
    site.build()
    return site


@pytest.fixture(scope="session")
def basic_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """``roots/test-basic`` as it is, built once per test process, for the tests
    that only read its output (a test that edits or rebuilds takes ``project``)."""
    return built_basic(tmp_path_factory)


#: Fixtures that build a whole site or start a browser: a test that uses one,
#: even through another fixture, is marked slow without saying so itself.
SLOW_FIXTURES = frozenset(
    {"site_build", "built_site", "more_issues_site", "hostile_site", "site_browser", "site_url"}
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark slow what builds a whole site, starts a browser or runs Pagefind
    (the ``search`` mark: each such build segments with jieba and indexes)."""
    for item in items:
        uses = SLOW_FIXTURES.intersection(getattr(item, "fixturenames", ()))
        if uses or item.get_closest_marker("search"):
            item.add_marker(pytest.mark.slow)
    _schedule(items)


#: Fixtures that wait for the real site, which one worker builds for all.
SITE_FIXTURES = frozenset({"site_build", "built_site", "site_url"})


def _schedule(items: list[pytest.Item]) -> None:
    """Slow modules first, those that do not wait for the real site's build
    first of all: ``--dist loadscope --no-loadscope-reorder`` hands modules
    to the workers in the order collected (without the second option, by
    their number of tests), so the long ones start early (none is left to
    run alone at the end) and one worker builds the site while the other is busy.
    Tests keep their order within a module (the sort is stable, by module)."""
    slow: set[str] = set()
    waits: set[str] = set()
    for item in items:
        if item.get_closest_marker("slow"):
            slow.add(item.nodeid.split("::")[0])
        if SITE_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            waits.add(item.nodeid.split("::")[0])

    def rank(item: pytest.Item) -> int:
        module = item.nodeid.split("::")[0]
        return 2 if module not in slow else 1 if module in waits else 0

    items.sort(key=rank)


@pytest.fixture(autouse=True)
def archive_language() -> None:
    """The core's messages in the archive's language, as its tools and builds print them.

    Tests call the core and the tools directly, without the ``conf.py`` that
    switches the language; each Sphinx build still switches to its own.
    """
    i18n.activate("zh_CN")


@pytest.fixture(autouse=True, scope="module")
def archive_language_for_module_fixtures() -> None:
    """The same for a module's own fixtures, which pytest sets up before any
    function-scoped one: the language is global to the process, and a test of
    another module may have left an English site's active (an import made in
    a module fixture would then write "Anonymous" where the test expects 佚名)."""
    i18n.activate("zh_CN")


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


def small_archive(dest: Path) -> Project:
    """A copy of ``roots/test-incremental`` at ``dest``: three issues (2023 and
    2024) built the way the site is built (ablog, the book theme, feeds,
    channels, a glossary, a registry, a ``_templates`` folder), in a fraction
    of the real site's build time; for tests whose subject is not the site."""
    shutil.copytree(ROOTS / "test-incremental", dest, ignore=shutil.ignore_patterns("_build"))
    return Project(dest)


#: The first date of the issues added to the real site (No. 4 on).
MORE_ISSUES_FROM = dt.date(2020, 1, 29)


def site_with_more_issues(dest: Path, count: int, guides: bool = True) -> Project:
    """A copy of the real site with ``count`` synthetic weekly issues of three
    items each (``bench/synthetic.py``), No. 4 on, dated weekly from 2020-01-29;
    without the guides under ``docs/`` if ``guides`` is false (``copy_site``)."""
    copy_site(dest, guides=guides)
    generator = Generator(dest, items=(3, 3))
    write_issues(dest, range(4, 4 + count), first_date=MORE_ISSUES_FROM, generator=generator)
    return Project(dest)


@pytest.fixture(scope="session")
def more_issues_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The real site with three synthetic issues (No. 4 to 6), built once per
    test run and shared by every test that only reads its output."""
    site = site_with_more_issues(tmp_path_factory.mktemp("more-issues") / "site", 3)
    site.build()
    assert site.warning_lines() == []
    return site


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
    """``sphinx-build -W`` in a process of its own, as ``make html`` runs it."""
    return run_sphinx(
        [
            *("-b", "html", "-W", "--keep-going", "-q", *options),
            *("-d", str(outdir / "doctrees"), str(srcdir), str(outdir / "html")),
        ]
    )


@dataclass(frozen=True)
class SiteBuild:
    """``sphinx-build -W -q`` of the repository, as ``make html`` runs it."""

    html: Path
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture(scope="session")
def site_build(tmp_path_factory: pytest.TempPathFactory) -> SiteBuild:
    """The repository built once per test run, shared by every xdist worker
    (``shared_build.py``); what it printed is kept for the tests to read."""

    def make(out: Path) -> None:
        result = sphinx_build(REPO, out)
        printed = {"returncode": result.returncode, "stdout": result.stdout}
        printed["stderr"] = result.stderr
        (out / "result.json").write_text(json.dumps(printed), encoding="utf-8")

    out = shared_folder(tmp_path_factory, "site", make)
    return SiteBuild(out / "html", **json.loads((out / "result.json").read_text("utf-8")))


@pytest.fixture(scope="session")
def built_site(site_build: SiteBuild) -> Path:
    """The repository's HTML, built once per test run, warnings as errors."""
    assert site_build.returncode == 0, site_build.stderr
    assert "WARNING" not in site_build.stderr
    return site_build.html


#: Folders of a built site that hold no pages.
NOT_PAGES = frozenset({"_static", "_sources", "_images", "pagefind", "feeds", "search-words"})


@pytest.fixture(scope="session")
def site_pages(built_site: Path) -> dict[str, BeautifulSoup]:
    """Every page of the real site by its path, parsed once per test process
    (about 2.5 s of CPU) for the modules that read them all. None may change
    them: the next module reads the same trees."""
    return {
        name: BeautifulSoup(path.read_text("utf-8"), "html.parser")
        for path in sorted(built_site.rglob("*.html"))
        if not NOT_PAGES & set((name := path.relative_to(built_site).as_posix()).split("/"))
    }


@pytest.fixture(scope="module")
def site_browser() -> Iterator[Any]:
    """Debian's headless Chromium, shared by a module's browser tests; each
    test or module opens contexts of its own.

    Not one per session, although each start costs about 2 s of CPU:
    Playwright's sync API keeps an asyncio loop running in the thread while it
    is open, and the tests after it that call ``asyncio.run`` (the link
    checker's) would fail."""
    from browser import chromium

    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def site_url(built_site: Path) -> Iterator[str]:
    """The real site served from localhost; the base URL, ending in ``/``."""
    from browser import serve

    with serve(built_site) as url:
        yield url


_LOCATED = re.compile(
    r"(issues/[^:]+):(\d+): (?:WARNING|ERROR|错误|error)：?:? ?(.*?)(?: \[[\w.]+\])?$"
)


def located(lines: Iterable[str]) -> set[tuple[str, int, str]]:
    """``(file, line, message)`` of every build warning or checker error about an issue."""
    found = set()
    for line in lines:
        match = _LOCATED.search(line)
        if match:
            found.add((match.group(1), int(match.group(2)), match.group(3).strip()))
    return found
