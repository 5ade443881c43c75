"""A clean build prints nothing that is not a finding."""

from __future__ import annotations

from conftest import SiteBuild


def test_a_clean_build_of_the_site_is_silent(site_build: SiteBuild) -> None:
    # As `make html` runs it, with -q: only findings would remain, and there are none.
    assert site_build.returncode == 0
    assert (site_build.stdout, site_build.stderr) == ("", "")
