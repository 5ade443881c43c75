"""The store across builds: purge on edits and removals, parallel merge."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

from conftest import ROOTS, Project, issue_source, news

from bench import synthetic


def _titles(project: Project) -> list[str]:
    return [r["title"] for r in project.news()["items"]]


def test_removed_item_is_purged_on_incremental_build(project: Project) -> None:
    project.build()
    assert "反引号围栏写法" in _titles(project)
    source = (project.src / "issues/001.md").read_text(encoding="utf-8")
    start = source.index("```{news} 反引号围栏写法")
    end = source.index("```\n", source.index("用反引号围栏书写的条目")) + 4
    project.write("issues/001.md", source[:start] + source[end:])
    project.build()
    assert "反引号围栏写法" not in _titles(project)
    assert "Kubernetes 发布新版本" in _titles(project)


def test_removed_issue_is_purged_and_listing_updated(project: Project) -> None:
    project.build()
    project.remove("issues/002.md")
    project.build()
    assert [r["issue"] for r in project.news()["items"]] == [1, 1, 1]
    home = project.html("index.html")
    assert [a.get_text() for a in home.select(".issue-list-title a")] == ["第一期的摘要"]


def test_new_issue_appears_on_home_page_after_incremental_build(project: Project) -> None:
    project.build()
    project.write("issues/003.md", issue_source(3, news("第三期的新闻"), date="2024-01-16"))
    project.build()
    home = project.html("index.html")
    titles = [a.get_text() for a in home.select(".issue-list-title a")]
    assert titles == ["摘要 3", "第二期的摘要", "第一期的摘要"]
    assert home.select_one(".issue-list-title a")["href"] == "issues/003.html"


#: What Sphinx itself writes on every build, changed or not.
SPHINX_EVERY_TIME = (
    "_static/",
    ".buildinfo",
    "objects.inv",
    "searchindex.js",
    "search.html",
    "genindex.html",
)


def _stamps(root: Path, pattern: str) -> dict[str, int]:
    return {
        str(p.relative_to(root)): p.stat().st_mtime_ns
        for p in root.rglob(pattern)
        if not str(p.relative_to(root)).startswith(SPHINX_EVERY_TIME)
    }


def test_unchanged_rebuild_reads_and_rewrites_nothing(project: Project) -> None:
    project.build()
    doctrees = _stamps(project.builddir / "doctrees", "*.doctree")
    outputs = _stamps(project.outdir, "*.*")
    assert doctrees and outputs
    project.build()
    # A document read again would rewrite its doctree; a page written again, its file.
    assert _stamps(project.builddir / "doctrees", "*.doctree") == doctrees
    assert _stamps(project.outdir, "*.*") == outputs


def test_the_unchanged_rebuild_test_sees_a_reread(project: Project) -> None:
    project.build()
    doctrees = _stamps(project.builddir / "doctrees", "*.doctree")
    source = project.src / "issues" / "001.md"
    source.write_text(source.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    project.build()
    changed = {
        name
        for name, stamp in _stamps(project.builddir / "doctrees", "*.doctree").items()
        if doctrees.get(name) != stamp
    }
    assert changed == {"issues/001.doctree"}


def _many_issues(src: Path, count: int) -> None:
    """``roots/test-basic`` with synthetic issues of three items, No. 3 to ``count``."""
    shutil.copytree(ROOTS / "test-basic", src)
    generator = synthetic.Generator(src, items=(3, 3))
    write = synthetic.write_issues
    write(src, range(3, count + 1), first_date=dt.date(2024, 1, 16), generator=generator)


def test_parallel_build_produces_the_same_news_json(tmp_path: Path) -> None:
    serial, parallel = Project(tmp_path / "serial"), Project(tmp_path / "parallel")
    for p in (serial, parallel):
        _many_issues(p.src, 12)
    serial.build()
    parallel_app = parallel.build(parallel=2)
    assert parallel_app.is_parallel_allowed("read")
    assert serial.warning_lines() == parallel.warning_lines() == []
    serial_text = (serial.outdir / "news.json").read_text(encoding="utf-8")
    parallel_text = (parallel.outdir / "news.json").read_text(encoding="utf-8")
    assert serial_text == parallel_text
    assert len(json.loads(serial_text)["items"]) == 4 + 10 * 3
