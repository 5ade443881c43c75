"""The extension is an installable package: metadata, commands, and a wheel with its data files."""

from __future__ import annotations

import importlib
import subprocess
import sys
import tomllib
import zipfile
from importlib import metadata
from pathlib import Path

import pytest
from conftest import REPO

from newsletter import __version__

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
DISTRIBUTION = PYPROJECT["project"]["name"]
PACKAGE = REPO / "_ext" / "newsletter"


def test_the_installed_distribution_is_this_source_at_this_version() -> None:
    assert metadata.version(DISTRIBUTION) == __version__
    assert importlib.import_module("newsletter").__file__ == str(PACKAGE / "__init__.py")


def test_the_editors_commands_are_installed_and_lead_to_each_tools_main() -> None:
    scripts = PYPROJECT["project"]["scripts"]
    assert set(scripts) == {
        "newsletter-new",
        "newsletter-check",
        "newsletter-import",
        "newsletter-links",
    }
    installed = {e.name: e.value for e in metadata.entry_points(group="console_scripts")}
    for name, target in scripts.items():
        assert installed[name] == target
        module, _, function = target.partition(":")
        assert callable(getattr(importlib.import_module(module), function))
        assert (Path(sys.executable).parent / name).is_file(), name


def test_the_dependencies_admit_the_locked_versions() -> None:
    from packaging.requirements import Requirement

    locked = {
        line.split("==")[0].split("[")[0].lower(): line.split("==")[1].split()[0]
        for line in (REPO / "requirements.lock").read_text(encoding="utf-8").splitlines()
        if "==" in line and not line.startswith((" ", "#"))
    }
    for text in PYPROJECT["project"]["dependencies"]:
        requirement = Requirement(text)
        version = locked[requirement.name.lower()]
        assert requirement.specifier.contains(version), (text, version)


@pytest.mark.slow
def test_the_wheel_holds_the_package_and_its_data_and_the_tree_stays_clean(
    tmp_path: Path,
) -> None:
    before = set(REPO.iterdir())
    subprocess.run(
        [
            *(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation"),
            *("-w", str(tmp_path), str(REPO)),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    packaged = {n for n in names if not n.startswith(f"{DISTRIBUTION.replace('-', '_')}-")}
    assert all(n.startswith("newsletter/") for n in packaged)
    for data in (
        "newsletter/templates/newsletter/tag.html",
        "newsletter/templates/reader-nav.html",
        "newsletter/static/icons.css",
        "newsletter/views/channels/templates/email.txt",
    ):
        assert data in names
    sources = {
        f"newsletter/{p.relative_to(PACKAGE).as_posix()}"
        for p in PACKAGE.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert sources <= names
    assert set(REPO.iterdir()) == before  # no egg-info, no build/ in the source tree
