"""``sphinx-build`` in a process of its own, without Python's start-up each time.

Builds that must not share a process with the test (incremental builds, whose
staleness an in-process second build hides; killed builds; ``-W`` builds as
``make html`` runs them) used to start ``python -m sphinx`` each: about 0.7 s
of CPU to start Python and import Sphinx, MyST, ablog, the theme and the
extension, a third of a small archive's build. Here each build is a child
forked from a server process that has imported them once (``multiprocessing``'s
``forkserver``). The child starts from a state no build has touched (the server
only imports: it never creates a Sphinx application), changes to its own
folder and environment, and runs ``sphinx.cmd.build.main`` as the command
does; what it prints goes to files read back as a ``CompletedProcess``.
"""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Mapping, Sequence
from pathlib import Path

#: What every build imports: the forkserver imports it once.
PRELOAD = [
    "sphinx.cmd.build",
    "sphinx.builders.html",
    "myst_parser.sphinx_ext.main",
    "ablog",
    "sphinx_book_theme",
    "sphinxext.opengraph",
    "newsletter",
]

_CONTEXT = multiprocessing.get_context("forkserver")
_CONTEXT.set_forkserver_preload(PRELOAD)


def _main(argv: list[str], cwd: str, env: dict[str, str], out: str, err: str) -> None:
    """The child: ``sphinx-build argv`` in ``cwd`` with ``env``; exits with its status
    (1 and the traceback on stderr if anything escapes Sphinx's own handling)."""
    status = 1
    with open(out, "w", encoding="utf-8") as stdout, open(err, "w", encoding="utf-8") as stderr:
        os.dup2(stdout.fileno(), 1)
        os.dup2(stderr.fileno(), 2)
        sys.stdout, sys.stderr = stdout, stderr
        try:
            os.chdir(cwd)
            os.environ.clear()
            os.environ.update(env)
            from sphinx.cmd.build import main

            status = main(argv)
        except BaseException:
            traceback.print_exc()
        finally:
            stdout.flush()
            stderr.flush()
            os._exit(status)


def sphinx_build(
    argv: Sequence[str | Path],
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """``sphinx-build *argv`` in a child process; its status and what it printed.

    The status is the command's, or minus the signal that killed it, as
    :func:`subprocess.run` reports it.
    """
    args = [str(arg) for arg in argv]
    with tempfile.TemporaryDirectory(prefix="sphinx-build-") as folder:
        out, err = os.path.join(folder, "stdout"), os.path.join(folder, "stderr")
        child = _CONTEXT.Process(
            target=_main,
            args=(
                args,
                str(cwd or Path.cwd()),
                dict(env if env is not None else os.environ),
                out,
                err,
            ),
        )
        child.start()
        child.join()
        printed = [
            Path(path).read_text(encoding="utf-8") if os.path.exists(path) else ""
            for path in (out, err)
        ]
    return subprocess.CompletedProcess(["sphinx-build", *args], child.exitcode, *printed)
