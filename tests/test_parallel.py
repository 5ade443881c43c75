"""The real site's stack (ablog, theme, OpenGraph) builds the same in parallel."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Project, site_with_more_issues

pytestmark = pytest.mark.slow  # two builds of the real site


def _outputs(project: Project) -> dict[str, bytes]:
    root = project.outdir
    wanted = [root / "news.json", root / "index.html"]
    for pattern in ("feeds/**/*.xml", "issues/*.html", "blog/**/*.html"):
        wanted += root.glob(pattern)
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(wanted)}


def test_parallel_build_equals_serial_build(tmp_path: Path) -> None:
    # Without the guides: plain pages, and none of the outputs compared.
    serial = site_with_more_issues(tmp_path / "serial", 9, guides=False)
    parallel = site_with_more_issues(tmp_path / "parallel", 9, guides=False)
    serial.build()
    app = parallel.build(parallel=2)
    assert app.is_parallel_allowed("read") and app.is_parallel_allowed("write")
    assert serial.warning_lines() == parallel.warning_lines() == []

    expected, actual = _outputs(serial), _outputs(parallel)
    issues = len(list((serial.src / "issues").glob("*.md")))
    assert len([p for p in expected if p.startswith("issues/")]) == issues > 9
    assert "feeds/projects/envoy.xml" in expected
    assert "blog/2020.html" in expected
    assert sorted(actual) == sorted(expected)
    for path, content in expected.items():
        assert actual[path] == content, path
