"""Read the Docs builds the site exactly as ``make html`` does, from the same lock."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess

import pytest
import yaml
from conftest import REPO


def _make_recipe(target: str) -> str:
    """The commands of a rule of the Makefile."""
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(rf"^{re.escape(target)}:.*\n((?:\t.+\n)+)", makefile, re.MULTILINE)
    assert recipe is not None, target
    return recipe.group(1)


def _make_html_options() -> list[str]:
    """The options of the sphinx command in the Makefile's ``html`` recipe."""
    return _make_recipe("html").split()


def _make_install_commands() -> list[list[str]]:
    """The words of each command ``make`` runs to set up the site's venv from nothing."""
    result = subprocess.run(
        ["make", "-n", "-B", "-C", str(REPO), "VENV=/venv", "/venv/.site-installed"],
        capture_output=True,
        text=True,
        check=True,
    )
    return [shlex.split(line) for line in result.stdout.splitlines()]


def _installer_words(words: list[str], python: str) -> list[str]:
    """A ``uv pip install`` command without what says where uv and the venv are."""
    at = words.index("pip")
    rest = words[at + 1 :]
    venv = rest.index("--python")
    assert rest[venv + 1] == python
    return [word for word in rest[:venv] + rest[venv + 2 :] if word != "-e"]


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_readthedocs_config_is_valid_and_matches_make_html() -> None:
    config = yaml.safe_load((REPO / ".readthedocs.yaml").read_text(encoding="utf-8"))
    assert config["version"] == 2
    assert config["build"]["os"].startswith("ubuntu-")
    assert re.fullmatch(r"3\.1[1-9]", config["build"]["tools"]["python"])
    jobs = config["build"]["jobs"]
    # Nothing a pull request commits under _build is loaded as build state.
    assert jobs["pre_build"] == ["rm -rf _build"]
    # The same installs as `make html`: pip installs uv from its lock, then uv
    # installs the site's lock (every package pinned) and the package itself
    # (editable under make), with no dependencies of its own, built by the
    # locked backend. Only where the tools and the venv are differs.
    make = _make_install_commands()
    (pip,) = (shlex.split(line) for line in jobs["post_create_environment"])
    assert pip[:3] == ["python", "-m", "pip"]
    assert pip[2:] in [words[2:] for words in make if words[:1] == ["/venv/bin/python"]]
    rtd = [shlex.split(line) for line in jobs["install"]]
    assert all(words[:3] == ["python", "-m", "uv"] for words in rtd)
    venv_python = "$READTHEDOCS_VIRTUALENV_PATH/bin/python"
    uv = [words for words in make if words[:1] == ["/venv/bin/uv"]]
    assert [_installer_words(words, venv_python) for words in rtd] == [
        _installer_words(words, "/venv/bin/python") for words in uv
    ]
    assert "python" not in config  # no second install of Read the Docs' own
    sphinx = config["sphinx"]
    assert (REPO / sphinx["configuration"]).is_file()
    assert sphinx["configuration"] == "conf.py"

    options = _make_html_options()
    # Same builder; fail_on_warning is Read the Docs' "-W --keep-going".
    assert options[options.index("-b") + 1] == sphinx["builder"] == "html"
    assert sphinx["fail_on_warning"] is True
    assert {"-W", "--keep-going"} <= set(options)
    # Same source folder as the configuration's.
    assert options[-2] == "."
