"""Read the Docs builds the site exactly as ``make html`` does, from the same lock."""

from __future__ import annotations

import re

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


def test_readthedocs_config_is_valid_and_matches_make_html() -> None:
    config = yaml.safe_load((REPO / ".readthedocs.yaml").read_text(encoding="utf-8"))
    assert config["version"] == 2
    assert config["build"]["os"].startswith("ubuntu-")
    assert re.fullmatch(r"3\.1[1-9]", config["build"]["tools"]["python"])
    # The same lock as `make html` installs: every package pinned.
    assert config["python"]["install"] == [{"requirements": "requirements.lock"}]
    # Nothing a pull request commits under _build is loaded as build state.
    assert config["build"]["jobs"]["pre_build"] == ["rm -rf _build"]
    install = _make_recipe("$(VENV)/.site-installed")
    assert "-r requirements.lock" in install
    # Then the package itself, as `make` installs it (editable there): no
    # dependencies of its own, built by the locked backend.
    (rtd,) = (line.split() for line in config["build"]["jobs"]["post_install"])
    make = next(line.split() for line in install.splitlines() if "--no-build-isolation" in line)
    assert (rtd[0], make[0]) == ("python", "$(BIN)/python")
    assert {"--no-deps", "--no-build-isolation", "."} <= set(rtd)
    assert set(rtd[1:]) == set(make[1:]) - {"--quiet", "-e"}
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
