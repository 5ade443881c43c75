"""Knowing, cheaply, that a generated output is already up to date.

Outputs written at the end of a build (``news.json``, the tag and project
pages) depend only on the store and the configuration. Their state is kept
in a small JSON file beside the doctrees: when the store has not changed
since an output was written (same environment token and revision) and the
configuration is the same, the output is skipped without even being
computed, which keeps a no-change rebuild flat however large the archive.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from sphinx.application import Sphinx

from .compat import config_fingerprint
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
    return f"{store.token}|{store.revision}|{config_fingerprint(app.builder)}"


def is_fresh(app: Sphinx, output: str) -> bool:
    return _load(app).get(output) == current_key(app)


def mark_fresh(app: Sphinx, output: str) -> None:
    state = _load(app)
    state[output] = current_key(app)
    _path(app).write_text(json.dumps(state, sort_keys=True), encoding="utf-8")


class PageLedger:
    """Which generated pages must be written, page by page.

    Each page's content (or a cheap stand-in for it) is digested together
    with everything around it that every page shows: the configuration, the
    theme's navigation and the sidebar's list of issues. A page is written
    when its digest changed or its file is missing; pages that are no longer
    generated are deleted when the ledger is closed.
    """

    def __init__(self, app: Sphinx, name: str) -> None:
        self.app = app
        self.path = Path(app.doctreedir) / f"newsletter-{name}.json"
        try:
            self.previous: dict[str, str] = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.previous = {}
        self.current: dict[str, str] = {}
        self.salt = "|".join(
            [
                config_fingerprint(app.builder),
                repr(sorted(app.env.toctree_includes.items())),
                repr(get_store(app.env).sidebar_key()),
            ]
        )

    def needs_write(self, pagename: str, content: str) -> bool:
        digest = hashlib.sha256(f"{self.salt}|{content}".encode()).hexdigest()
        self.current[pagename] = digest
        target = Path(self.app.builder.get_outfilename(pagename))
        return self.previous.get(pagename) != digest or not target.is_file()

    def close(self) -> None:
        for gone in set(self.previous) - set(self.current):
            Path(self.app.builder.get_outfilename(gone)).unlink(missing_ok=True)
        text = json.dumps(self.current, ensure_ascii=False, sort_keys=True)
        self.path.write_text(text, encoding="utf-8")
