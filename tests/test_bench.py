"""The one synthetic-archive generator writes what the checker accepts, and
``bench/`` stands on its own (it never imports from ``tests/``)."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

from conftest import REPO

from bench import synthetic
from newsletter.cli import check
from newsletter.core.frontmatter import parse_issue


def test_a_synthetic_archive_is_clean_and_dated_weekly(tmp_path: Path) -> None:
    site = synthetic.copy_site(tmp_path / "site", issues=False)
    first = dt.date(2020, 1, 7)
    items = synthetic.write_issues(site, range(10, 14), first_date=first)
    assert [str(m) for m in check.check_archive(site)] == []
    written = sorted((site / "issues").glob("*.md"))
    assert [p.name for p in written] == ["010.md", "011.md", "012.md", "013.md"]
    issues = [parse_issue(p.read_text(encoding="utf-8"), f"issues/{p.stem}")[0] for p in written]
    assert [issue.date for issue in issues] == [first + dt.timedelta(weeks=k) for k in range(4)]
    assert [issue.title for issue in issues] == [synthetic.title(n) for n in range(10, 14)]
    texts = "".join(p.read_text(encoding="utf-8") for p in written)
    assert texts.count(":::{news}") == items and 4 * 15 <= items <= 4 * 25


def test_the_same_seed_writes_the_same_archive(tmp_path: Path) -> None:
    for name in ("a", "b"):
        synthetic.write_issues(tmp_path / name, range(1, 3))
    assert (tmp_path / "a/issues/002.md").read_text(encoding="utf-8") == (
        tmp_path / "b/issues/002.md"
    ).read_text(encoding="utf-8")


def test_bench_imports_nothing_from_tests() -> None:
    test_modules = {p.stem for p in (REPO / "tests").glob("*.py")} | {"tests"}
    for path in sorted((REPO / "bench").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            else:
                continue
            assert not {name.split(".")[0] for name in names} & test_modules, path.name
        assert '"tests"' not in path.read_text(encoding="utf-8"), path.name
