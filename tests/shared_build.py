"""One build per test run, shared by every pytest-xdist worker.

A session-scoped fixture runs once per *process*: under ``pytest -n 2`` each
worker would build the whole site for itself, doubling the most expensive
step of the suite. ``shared_folder`` makes the first worker that asks build
into a folder that all workers of the run see (the parent of the workers'
own temporary folders, as pytest-xdist's documentation suggests), guarded by
a file lock; the other workers wait on the lock, then read the same output.
Without xdist the folder is simply the session's temporary folder.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from filelock import FileLock


def run_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The temporary folder of this test run, the same for every worker."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def shared_folder(
    tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]
) -> Path:
    """``run_folder/name``, filled by ``make`` once per run, whichever worker asks first.

    ``make`` should record failures rather than raise them (the caller then
    asserts on what was recorded), so that a failed build is not repeated by
    every worker.
    """
    run = run_folder(tmp_path_factory)
    folder = run / name
    done = run / f"{name}.done"
    with FileLock(run / f"{name}.lock"):
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            done.touch()
    return folder
