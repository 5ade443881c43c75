"""The store across builds: purge on edits and removals, parallel merge."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import ROOTS, Project, issue_source, news


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
    assert [a.get_text() for a in home.select(".issue-list-title a")] == ["测试周报第 1 期"]


def test_new_issue_appears_on_home_page_after_incremental_build(project: Project) -> None:
    project.build()
    project.write("issues/003.md", issue_source(3, news("第三期的新闻"), date="2024-01-16"))
    project.build()
    home = project.html("index.html")
    titles = [a.get_text() for a in home.select(".issue-list-title a")]
    assert titles == ["测试周报第 3 期", "测试周报第 2 期", "测试周报第 1 期"]
    assert home.select_one(".issue-list-title a")["href"] == "issues/003.html"


def test_unchanged_rebuild_reads_and_rewrites_nothing(project: Project) -> None:
    project.build()
    news_json = project.outdir / "news.json"
    stamp = news_json.stat().st_mtime_ns
    app = project.build()
    assert app.env.all_docs  # the environment was reused, not rebuilt
    assert news_json.stat().st_mtime_ns == stamp


def _many_issues(src: Path, count: int) -> None:
    shutil.copytree(ROOTS / "test-basic", src)
    for number in range(3, count + 1):
        items = "".join(
            news(f"第 {number} 期第 {k} 条", link=f"https://e.com/{number}/{k}") for k in range(3)
        )
        (src / f"issues/{number:03d}.md").write_text(
            issue_source(
                number, items, date=f"2024-{1 + number // 5:02d}-{1 + number % 5 * 5:02d}"
            ),
            encoding="utf-8",
        )


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
