"""The tests' ``sphinx-build`` in a forked process reports what the command would."""

from __future__ import annotations

import os
from pathlib import Path

from sphinx_process import sphinx_build

INDEX = "Title\n=====\n\nText.\n"


def _project(root: Path, conf: str) -> Path:
    root.mkdir()
    (root / "conf.py").write_text(conf, encoding="utf-8")
    (root / "index.rst").write_text(INDEX, encoding="utf-8")
    return root


def test_it_builds_in_the_folder_and_environment_it_is_given(tmp_path: Path) -> None:
    src = _project(tmp_path / "src", 'import os\nproject = os.environ["SPHINX_PROCESS_NAME"]\n')
    env = {**os.environ, "SPHINX_PROCESS_NAME": "forked"}
    done = sphinx_build(["-b", "text", "-q", ".", "_out"], cwd=src, env=env)
    assert done.returncode == 0, done.stderr
    assert (src / "_out" / "index.txt").read_text(encoding="utf-8").startswith("Title")
    # The caller's own folder and environment are untouched.
    assert "SPHINX_PROCESS_NAME" not in os.environ
    assert Path.cwd() != src


def test_a_failure_and_a_kill_are_reported_as_subprocess_would(tmp_path: Path) -> None:
    missing = sphinx_build(["-b", "text", "-q", str(tmp_path / "none"), str(tmp_path / "out")])
    assert missing.returncode != 0
    assert "none" in missing.stderr
    src = _project(tmp_path / "src", "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)\n")
    killed = sphinx_build(["-b", "text", "-q", ".", "_out"], cwd=src)
    assert killed.returncode == -9
