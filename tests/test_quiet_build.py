"""A clean build prints nothing that is not a finding."""

from __future__ import annotations

from pathlib import Path

from conftest import REPO, sphinx_build


def test_a_clean_build_of_the_site_is_silent(tmp_path: Path) -> None:
    # As `make html` runs it, with -q: only findings would remain, and there are none.
    result = sphinx_build(REPO, tmp_path)
    assert result.returncode == 0
    assert (result.stdout, result.stderr) == ("", "")
