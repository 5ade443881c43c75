"""Snapshots of the archive's machine-readable outputs on the fixture archive.

``news.json`` and the issue feed are contracts with other programs (readers'
feed readers, scripts that read ``news.json``): any change to them should be
seen in review. Run ``UPDATE_SNAPSHOTS=1 make test PYTEST_ARGS=tests/test_snapshots.py``
to accept a change, and read the diff before committing it.
"""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

import pytest
from conftest import ROOTS, Project

SNAPSHOTS = Path(__file__).parent / "snapshots"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    src = tmp_path_factory.mktemp("snapshot") / "src"
    shutil.copytree(ROOTS / "test-basic", src)
    project = Project(src)
    project.build()
    assert project.warning_lines() == []
    return project


@pytest.mark.parametrize(
    ("output", "snapshot"), [("news.json", "news.json"), ("feeds/issues.xml", "feeds-issues.xml")]
)
def test_output_matches_its_snapshot(built: Project, output: str, snapshot: str) -> None:
    actual = (built.outdir / output).read_text(encoding="utf-8")
    expected_path = SNAPSHOTS / snapshot
    if os.environ.get("UPDATE_SNAPSHOTS"):
        expected_path.write_text(actual, encoding="utf-8")
        pytest.skip(f"snapshot {snapshot} written; review and commit it")
    assert expected_path.is_file(), f"no snapshot {snapshot}: run with UPDATE_SNAPSHOTS=1"
    expected = expected_path.read_text(encoding="utf-8")
    diff = "".join(
        difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            f"snapshots/{snapshot}",
            output,
        )
    )
    assert actual == expected, diff
