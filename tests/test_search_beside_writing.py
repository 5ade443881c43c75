"""Pagefind indexes the years beside Sphinx's writing, and the index stays whole.

The years' records come from the store, so their parts are handed to Pagefind
at ``write-started`` (before the forks of ``-j``, which is safe: the build
runs no thread for them) and written in processes of their own while Sphinx
writes the pages; the site part is read from the written pages at
``build-finished``. These tests prove the order, that the
index is the same whichever way it was written, and that a failure in the
background is reported, never lost, and leaves no half-written index.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import Project, issue_source, news
from incremental import comparable, tree

from newsletter.views import search
from newsletter.views.search import bundles
from newsletter.views.search.index import SearchIndexError

pytestmark = pytest.mark.search


def _spy_on_order(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, Any]]:
    """Record, in order, each page Sphinx writes and each batch of parts handed over."""
    events: list[tuple[str, Any]] = []
    real_prepare, real_add = search.prepare_page, bundles.PartsWriter.add

    def prepare_page(app: Any, pagename: str, *args: Any) -> Any:
        events.append(("page", pagename))
        return real_prepare(app, pagename, *args)

    def add(writer: bundles.PartsWriter, parts: Any) -> None:
        events.append(("parts", [part.name for part in parts]))
        real_add(writer, parts)

    monkeypatch.setattr(search, "prepare_page", prepare_page)
    monkeypatch.setattr(bundles.PartsWriter, "add", add)
    return events


def _ledger(project: Project) -> dict[str, str]:
    return json.loads((project.builddir / "doctrees" / search.PARTS_LEDGER).read_text("utf-8"))


def _search_outputs(project: Project) -> dict[str, bytes]:
    files = {f"pagefind/{k}": v for k, v in tree(project.outdir / "pagefind").items()}
    files |= {f"search-words/{k}": v for k, v in tree(project.outdir / "search-words").items()}
    files["search-vocabulary.json"] = (project.outdir / "search-vocabulary.json").read_bytes()
    return comparable(files)


def test_years_are_indexed_while_the_pages_are_written(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    project.write("issues/003.md", issue_source(3, news("旧年份的新闻"), date="2023-06-06"))
    events = _spy_on_order(monkeypatch)
    project.build()
    pages = [name for kind, name in events if kind == "page"]
    batches = [names for kind, names in events if kind == "parts"]
    # The years first, before any page is written; the site part once all are.
    assert batches == [["2024", "2023"], ["site"]]
    assert events[0] == ("parts", ["2024", "2023"])
    assert events[-1] == ("parts", ["site"])
    assert "issues/001" in pages and "index" in pages
    # And the index holds them all.
    manifest = json.loads((project.outdir / "pagefind/parts.json").read_text(encoding="utf-8"))
    assert manifest == {"parts": ["2024", "2023", "site"]}
    assert set(_ledger(project)) == {"2024", "2023", "site"}


def test_a_parallel_build_writes_the_same_index_as_a_serial_one(project: Project) -> None:
    other = Project(project.src.parent / "parallel", search=True)
    shutil.copytree(project.src, other.src)
    project.build()
    app = other.build(parallel=2)
    assert app.builder.parallel_ok  # Sphinx forked its writers after the index started
    assert project.warning_lines() == other.warning_lines() == []
    assert _search_outputs(other) == _search_outputs(project)


def test_with_j_the_years_start_before_any_page_is_written(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under ``-j`` the index starts at ``write-started`` too, before Sphinx forks its writers."""
    real_add = bundles.PartsWriter.add
    seen: list[tuple[list[str], bool]] = []

    def add(writer: bundles.PartsWriter, parts: Any) -> None:
        seen.append(([part.name for part in parts], (project.outdir / "issues/001.html").exists()))
        real_add(writer, parts)

    monkeypatch.setattr(bundles.PartsWriter, "add", add)
    app = project.build(parallel=2)
    assert app.builder.parallel_ok
    assert project.warning_lines() == []
    # The years before the first page, the site part once every page is written.
    assert seen == [(["2024"], False), (["site"], True)]


def test_a_failed_part_is_a_warning_and_is_not_claimed(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    project.write("issues/003.md", issue_source(3, news("旧年份的新闻"), date="2023-06-06"))
    real = bundles._write_part

    def write_part(settings: Any, part: bundles.Part, root: Path) -> None:
        if part.name == "2023":
            raise SearchIndexError("Pagefind 出错：测试")
        real(settings, part, root)

    monkeypatch.setattr(bundles, "_write_part", write_part)
    project.build()
    (warning,) = project.warning_lines()
    assert "Pagefind 出错：测试" in warning
    # The parts that were written are recorded; the failed one is not, and
    # the index is not announced as complete.
    assert set(_ledger(project)) == {"2024", "site"}
    assert not (project.outdir / "pagefind/2023").exists()
    assert not (project.outdir / "pagefind/parts.json").exists()
    # The next build writes the missing part, and only it.
    monkeypatch.setattr(bundles, "_write_part", real)
    events = _spy_on_order(monkeypatch)
    project.build()
    assert project.warning_lines() == []
    assert (project.outdir / "pagefind/2023/pagefind-entry.json").is_file()
    assert set(_ledger(project)) == {"2024", "2023", "site"}
    assert [names for kind, names in events if kind == "parts"] == [["2024", "2023"], ["site"]]


def test_an_unexpected_error_in_the_background_fails_the_build(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    def write_part(settings: Any, part: bundles.Part, root: Path) -> None:
        raise RuntimeError("a bug in the index writer")

    monkeypatch.setattr(bundles, "_write_part", write_part)
    with pytest.raises(Exception, match="a bug in the index writer"):
        project.build()


def test_a_build_that_fails_while_writing_leaves_no_half_written_index(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = search.prepare_page

    def prepare_page(app: Any, pagename: str, *args: Any) -> Any:
        if pagename == "issues/002":
            raise RuntimeError("the build broke while writing")
        return real(app, pagename, *args)

    monkeypatch.setattr(search, "prepare_page", prepare_page)
    with pytest.raises(Exception, match="the build broke while writing"):
        project.build()
    index = project.outdir / "pagefind"
    # Nothing half-way: no staging folder, every part there is whole and
    # claimed, the site part never started, no manifest.
    assert [p.name for p in index.iterdir() if p.name.startswith(".")] == []
    parts = {p.name for p in index.iterdir()}
    assert parts <= {"2024"}
    assert all((index / name / "pagefind-entry.json").is_file() for name in parts)
    assert set(_ledger(project)) == parts
    # The next build completes the index.
    monkeypatch.setattr(search, "prepare_page", real)
    project.build()
    manifest = json.loads((index / "parts.json").read_text(encoding="utf-8"))
    assert manifest == {"parts": ["2024", "site"]}


def test_the_parts_are_written_in_background_processes(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each part is written in a process of its own, at the lowest priority.

    In a thread of the build, the Python work around Pagefind held the
    interpreter's lock against Sphinx's writing; in a process at the lowest
    priority it takes only the core Sphinx leaves idle.
    """
    real = bundles._write_part
    seen = project.src.parent / "workers"
    seen.mkdir()

    def write_part(settings: Any, part: bundles.Part, root: Path) -> None:
        (seen / part.name).write_text(f"{os.getpid()} {os.nice(0)}", encoding="utf-8")
        real(settings, part, root)

    monkeypatch.setattr(bundles, "_write_part", write_part)
    project.build()
    assert project.warning_lines() == []
    workers = {path.name: path.read_text("utf-8").split() for path in seen.iterdir()}
    assert set(workers) == {"2024", "site"}
    assert all(int(pid) != os.getpid() for pid, _ in workers.values())
    assert {int(niceness) for _, niceness in workers.values()} == {bundles.BACKGROUND_NICENESS}
    manifest = json.loads((project.outdir / "pagefind/parts.json").read_text(encoding="utf-8"))
    assert manifest == {"parts": ["2024", "site"]}


def test_a_worker_that_dies_is_a_warning_and_is_not_claimed(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = bundles._write_part

    def write_part(settings: Any, part: bundles.Part, root: Path) -> None:
        if part.name == "site":
            os._exit(3)  # as an out-of-memory kill would end it
        real(settings, part, root)

    monkeypatch.setattr(bundles, "_write_part", write_part)
    project.build()
    (warning,) = project.warning_lines()
    assert "写搜索索引的进程意外退出" in warning
    assert "site" not in _ledger(project)
    assert not (project.outdir / "pagefind/parts.json").exists()


WORKER_OUTLIVES = """
import os, sys, time
from pathlib import Path
from newsletter.views.search import bundles
from newsletter.views.search.index import IndexSettings

def write_part(settings, part, root):
    (root / "worker.pid").write_text(str(os.getpid()))
    time.sleep(60)

bundles._write_part = write_part
root = Path(sys.argv[1])
writer = bundles.PartsWriter(IndexSettings("zh-cn"), root, root / "ledger.json")
writer.add([bundles.Part("2024")])
time.sleep(60)
"""


@pytest.mark.skipif(sys.platform != "linux", reason="the kernel's parent-death signal is Linux's")
def test_the_workers_die_with_a_killed_build(tmp_path: Path) -> None:
    """A build killed outright leaves no worker writing an index behind it."""
    build = subprocess.Popen([sys.executable, "-c", WORKER_OUTLIVES, str(tmp_path)])
    pid_file = tmp_path / "worker.pid"
    try:
        deadline = time.monotonic() + 30
        while not pid_file.is_file() or not pid_file.read_text():
            assert build.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        worker = int(pid_file.read_text())
    finally:
        build.kill()
        build.wait()
    deadline = time.monotonic() + 10
    while Path(f"/proc/{worker}").exists() and _state(worker) != "Z":
        assert time.monotonic() < deadline, "the worker outlived the build"
        time.sleep(0.05)


def _state(pid: int) -> str:
    """A process's state letter (``Z`` for a zombie that only waits to be reaped)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return "Z"
