"""A build killed part-way leaves nothing a later build cannot mend.

A build can die anywhere: Ctrl-C, an out-of-memory kill, a cancelled CI job.
The next ``make html`` must then produce exactly the site a clean build of
the same sources produces. The build is killed (SIGKILL, nothing can be
cleaned up) at several points after an edit, built again, and every output
file is compared with a clean build's.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import small_archive
from sphinx_process import sphinx_build

pytestmark = pytest.mark.slow  # builds killed at each stage, in subprocesses

KILLSWITCH = '''
"""Test helper: kill this process at the event named by KILL_AT."""
import os
import signal


def setup(app):
    event, _, docname = os.environ["KILL_AT"].partition(":")

    def kill(app, *args):
        if not docname or docname in args:
            os.kill(os.getpid(), signal.SIGKILL)

    app.connect(event, kill)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
'''

#: Where a build dies: mid-read, after reading (before the environment is
#: saved), mid-write, before the generated pages, before the final outputs.
KILL_POINTS = [
    "doctree-read",
    "env-updated",
    "doctree-resolved:issues/002",
    "html-collect-pages",
    "build-finished",
]


#: Issue 2's summary in the root: printed on its page, the home page, ablog's
#: lists, the feed and ``news.json`` (eleven files), so a killed build leaves
#: several kinds of output half-written.
EDITED_SUMMARY = "第 2 期的摘要。"


def _build(src: Path, out: Path, kill_at: str = "") -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("KILL_AT", None)
    if kill_at:
        env["KILL_AT"] = kill_at
    return sphinx_build(
        [
            *("-b", "html", "-q", "-d", str(out / "doctrees")),
            *("-D", "newsletter_search_index=0", str(src), str(out / "html")),
        ],
        env=env,
    )


def _files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.name.endswith(".tmp")
    }


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sources before the edit (conftest's small archive), with the kill switch."""
    src = small_archive(tmp_path_factory.mktemp("pristine") / "site").src
    (src / "killswitch.py").write_text(KILLSWITCH, encoding="utf-8")
    conf = src / "conf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8")
        + "\nimport os, sys\nsys.path.insert(0, os.path.dirname(__file__))\n"
        + 'if os.environ.get("KILL_AT"):\n    extensions.append("killswitch")\n',
        encoding="utf-8",
    )
    return src


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One source path for every build: paths are part of what Sphinx hashes."""
    return tmp_path_factory.mktemp("work")


def _fresh_sources(pristine: Path, workdir: Path) -> Path:
    src = workdir / "site"
    shutil.rmtree(src, ignore_errors=True)
    shutil.copytree(pristine, src)
    return src


def _edit(src: Path) -> None:
    issue = src / "issues" / "002.md"
    text = issue.read_text(encoding="utf-8")
    assert EDITED_SUMMARY in text
    issue.write_text(text.replace(EDITED_SUMMARY, "改过的摘要 2。"), encoding="utf-8")


@pytest.fixture(scope="module")
def clean(pristine: Path, workdir: Path) -> dict[str, bytes]:
    """A clean build of the sources after the edit."""
    src = _fresh_sources(pristine, workdir)
    _edit(src)
    out = workdir / "clean"
    result = _build(src, out)
    assert result.returncode == 0, result.stderr
    return _files(out / "html")


@pytest.fixture(scope="module")
def built(pristine: Path, workdir: Path) -> Path:
    """A build of the sources before the edit, kept aside: each test puts it
    back where it was built (the same paths, the files' times kept), as if it
    had just built it there itself."""
    src = _fresh_sources(pristine, workdir)
    result = _build(src, workdir / "out")
    assert result.returncode == 0, result.stderr
    return (workdir / "out").rename(workdir / "built")


@pytest.mark.parametrize("kill_at", KILL_POINTS)
def test_a_killed_build_is_mended_by_the_next(
    pristine: Path, workdir: Path, built: Path, clean: dict[str, bytes], kill_at: str
) -> None:
    src = _fresh_sources(pristine, workdir)
    out = workdir / "out"
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(built, out)
    _edit(src)
    killed = _build(src, out, kill_at)
    assert killed.returncode == -9, (killed.returncode, killed.stderr[-2000:])
    resumed = _build(src, out)
    assert resumed.returncode == 0, resumed.stderr
    after = _files(out / "html")
    assert sorted(after) == sorted(clean)
    differing = [name for name in clean if after[name] != clean[name]]
    assert differing == []
