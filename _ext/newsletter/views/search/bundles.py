"""The search index in parts, each rewritten only when what it holds changed.

Pagefind cannot update an index in place, and indexing the whole archive
after every edit was most of an edited build's time and all of its memory
peak. So the index is cut into parts (a year of issues each, and the rest of
the site), each a Pagefind bundle of its own under ``pagefind/<part>/``.
A part's digest covers everything it indexes; the ledger beside the doctrees
remembers the digest each part was written from, and a build writes only the
parts whose digest changed. The browser searches the parts side by side,
newest first (``parts.json`` lists them in that order).

This module knows nothing of Sphinx: a part is plain data.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .index import IndexedPage, IndexSettings, write_bundle
from .records import SearchRecord

#: Lists the parts for the browser, newest first.
MANIFEST = "parts.json"
#: What Pagefind writes for its own UIs, which the search page does not use.
UNUSED_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-highlight.js",
)
#: At most this many Pagefind processes at once: each holds one part in memory.
MAX_WORKERS = 2


@dataclass(frozen=True)
class Part:
    """One bundle of the index: a name that is a valid folder name, and its content."""

    name: str
    records: tuple[SearchRecord, ...] = ()
    pages: tuple[IndexedPage, ...] = ()

    def digest(self, settings: IndexSettings) -> str:
        """Changes exactly when the bundle written from this part would."""
        hasher = hashlib.sha256()
        hasher.update(json.dumps(asdict(settings), sort_keys=True).encode())
        for record in self.records:
            # The fields by hand: asdict() deep-copies every record's dicts and
            # was most of the digest's time.
            fields = [record.url, record.title, record.content, record.meta, record.filters]
            hasher.update(json.dumps(fields, sort_keys=True, ensure_ascii=False).encode())
        for page in self.pages:
            hasher.update(page.url.encode())
            hasher.update(hashlib.sha256(page.html.encode()).digest())
        return hasher.hexdigest()


@dataclass
class PartsReport:
    """What a build did to the index: parts written, kept and removed."""

    written: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    records: int = 0


def _load_ledger(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_part(settings: IndexSettings, part: Part, root: Path) -> None:
    target = root / part.name
    write_bundle(settings, part.pages, part.records, target)
    for name in UNUSED_FILES:
        (target / name).unlink(missing_ok=True)


def write_parts(
    settings: IndexSettings, parts: Sequence[Part], root: Path, ledger: Path
) -> PartsReport:
    """Bring the bundles under ``root`` in line with ``parts`` (newest first).

    Parts are written by up to :data:`MAX_WORKERS` Pagefind processes at
    once; the ledger records a part only once its bundle is in place, so a
    failed build leaves nothing claimed that was not written.
    """
    previous = _load_ledger(ledger)
    current = {part.name: part.digest(settings) for part in parts}
    report = PartsReport(records=sum(len(p.records) + len(p.pages) for p in parts))
    stale = [
        part
        for part in parts
        if previous.get(part.name) != current[part.name]
        or not (root / part.name / "pagefind-entry.json").is_file()
    ]
    root.mkdir(parents=True, exist_ok=True)
    done = {name: digest for name, digest in previous.items() if name in current}
    try:
        workers = max(1, min(MAX_WORKERS, len(stale), os.cpu_count() or 1))
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for part, _ in zip(
                stale, pool.map(lambda p: _write_part(settings, p, root), stale), strict=True
            ):
                done[part.name] = current[part.name]
                report.written.append(part.name)
    finally:
        ledger.write_text(json.dumps(done, sort_keys=True), encoding="utf-8")
    report.kept = [p.name for p in parts if p.name not in report.written]
    # Whatever else is there is a part no longer built, or an older layout.
    for entry in sorted(root.iterdir()):
        if entry.is_dir() and entry.name not in current:
            shutil.rmtree(entry)
            report.removed.append(entry.name)
        elif entry.is_file() and entry.name != MANIFEST:
            entry.unlink()
    manifest = {"parts": [part.name for part in parts]}
    (root / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    return report
