"""Shared fixtures: small Sphinx projects built in a temporary folder.

Each test gets a fresh copy of a fixture root under ``tests/roots`` (or an
empty project) that it may edit and rebuild, and reads the results by
parsing them: HTML with BeautifulSoup, JSON with ``json``.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from io import StringIO
from pathlib import Path
from typing import Any

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

    def __init__(self, src: Path) -> None:
        self.src = src
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

    def build(self, **kwargs: Any) -> SphinxTestApp:
        """Build into ``_build/html``; warnings are kept in ``self.warnings``."""
        warning = StringIO()
        app = SphinxTestApp(
            "html",
            srcdir=self.src,
            builddir=self.builddir,
            status=StringIO(),
            warning=warning,
            **kwargs,
        )
        try:
            app.build()
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
def project(tmp_path: Path) -> Iterator[Project]:
    """A copy of ``roots/test-basic``."""
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-basic", src)
    yield Project(src)


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
