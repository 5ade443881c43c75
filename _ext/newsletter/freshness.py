"""Knowing, cheaply, that a generated output is already up to date.

Outputs written at the end of a build (``news.json``, the tag and project
pages) depend only on the store and the configuration. Their state is kept
in a small JSON file beside the doctrees: when the store has not changed
since an output was written (same environment token and revision) and the
configuration is the same, the output is skipped without even being
computed, which keeps a no-change rebuild flat however large the archive.
"""

from __future__ import annotations

import json
from pathlib import Path

from sphinx.application import Sphinx

from .store import get_store

STATE_FILE = "newsletter-outputs.json"


def _path(app: Sphinx) -> Path:
    return Path(app.doctreedir) / STATE_FILE


def _load(app: Sphinx) -> dict[str, str]:
    try:
        data = json.loads(_path(app).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def current_key(app: Sphinx) -> str:
    """What an output depends on: this store's identity and revision, and
    the build configuration."""
    store = get_store(app.env)
    info = getattr(app.builder, "build_info", None)
    config = f"{info.config_hash}|{info.tags_hash}" if info is not None else app.builder.name
    return f"{store.token}|{store.revision}|{config}"


def is_fresh(app: Sphinx, output: str) -> bool:
    return _load(app).get(output) == current_key(app)


def mark_fresh(app: Sphinx, output: str) -> None:
    state = _load(app)
    state[output] = current_key(app)
    _path(app).write_text(json.dumps(state, sort_keys=True), encoding="utf-8")
