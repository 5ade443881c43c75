"""The real site's stack (ablog, theme, OpenGraph) builds the same in parallel."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import REPO, Project, issue_source, news

#: What ``include_patterns`` reads, plus the static files.
SITE_FILES = ("conf.py", "index.md", "docs", "issues", "_static")
PROJECTS = ("kubernetes", "envoy", "istio", "knative")


def _site_with_more_issues(dest: Path, count: int) -> Project:
    """A copy of the site with ``count`` more issues: enough for parallel reading."""
    dest.mkdir(parents=True)
    for name in SITE_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, dest / name)
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
        date = f"2020-{number:02d}-0{1 + number % 7}"
        (dest / f"issues/{number:03d}.md").write_text(
            issue_source(number, items, date=date), encoding="utf-8"
        )
    return Project(dest)


def _outputs(project: Project) -> dict[str, bytes]:
    root = project.outdir
    wanted = [root / "news.json", root / "index.html"]
    for pattern in ("feeds/**/*.xml", "issues/*.html", "blog/**/*.html"):
        wanted += root.glob(pattern)
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(wanted)}


def test_parallel_build_equals_serial_build(tmp_path: Path) -> None:
    serial = _site_with_more_issues(tmp_path / "serial", 9)
    parallel = _site_with_more_issues(tmp_path / "parallel", 9)
    serial.build()
    app = parallel.build(parallel=2)
    assert app.is_parallel_allowed("read")
    assert serial.warning_lines() == parallel.warning_lines() == []

    expected, actual = _outputs(serial), _outputs(parallel)
    assert len([p for p in expected if p.startswith("issues/")]) == 10
    assert "feeds/projects/envoy.xml" in expected
    assert "blog/2020.html" in expected
    assert sorted(actual) == sorted(expected)
    for path, content in expected.items():
        assert actual[path] == content, path
