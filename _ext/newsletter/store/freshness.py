"""Knowing, cheaply and truthfully, that a generated output is already up to date.

Outputs written at the end of a build (``news.json``, feeds, the tag and
project pages, ablog's archive pages) depend on the store and on what they
are rendered with. Their state is kept in small JSON files beside the
doctrees, and an output is skipped only when all of these are unchanged:

* the store (its environment's token, so ``-E`` rewrites everything, and
  its revision);
* the configuration (the builder's hash of it, and the archive's own
  settings that hash leaves out: :func:`unhashed_settings`) and the
  extension's version;
* the templates the output is rendered with, as the builder finds them
  (a site's ``templates_path`` first, then this package, then the theme);
* and, for ``-a``, nothing: when the builder writes every document it writes
  every generated page too.

The state files are committed only when the build finishes without an error
(``build-finished``), each by an atomic rename: a build killed half-way
leaves the previous state, which names the outputs that were actually
written, and the next build redoes the rest.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config

from ..compat import config_fingerprint
from ..version import __version__
from .data import get_store

STATE_FILE = "newsletter-outputs.json"
#: Page templates every generated page is wrapped in.
LAYOUT_TEMPLATES = ("page.html", "layout.html")

#: Per build: the documents written so far, and the state waiting to be committed.
_written: WeakKeyDictionary[Sphinx, set[str]] = WeakKeyDictionary()
_pending: WeakKeyDictionary[Sphinx, dict[Path, str]] = WeakKeyDictionary()


def start_build(app: Sphinx) -> None:
    """``builder-inited``: nothing written, nothing pending yet."""
    _written[app] = set()
    _pending[app] = {}


def note_written(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: the builder is writing ``docname``."""
    _written.setdefault(app, set()).add(docname)


def writes_everything(app: Sphinx) -> bool:
    """True when the builder wrote every document (``-a``, or all changed)."""
    found = set(app.env.found_docs)
    return bool(found) and found <= _written.get(app, set())


def commit(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: record what was written, only when it all was."""
    pending = _pending.pop(app, {})
    if exception is not None:
        return
    for path, text in pending.items():
        temporary = path.with_suffix(".tmp")
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)


def _stage(app: Sphinx, path: Path, data: dict[str, Any]) -> None:
    _pending.setdefault(app, {})[path] = json.dumps(data, ensure_ascii=False, sort_keys=True)


def _read(app: Sphinx, path: Path) -> dict[str, Any]:
    staged = _pending.get(app, {}).get(path)
    try:
        data = json.loads(staged if staged is not None else path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _state_path(app: Sphinx, name: str) -> Path:
    return Path(app.doctreedir) / f"newsletter-{name}.json"


def load_state(app: Sphinx, name: str) -> dict[str, Any]:
    """The state ``name`` as the last finished build left it (or as staged since)."""
    return _read(app, _state_path(app, name))


def stage_state(app: Sphinx, name: str, data: dict[str, Any]) -> None:
    """Replace the state ``name`` when this build finishes without an error."""
    _stage(app, _state_path(app, name), data)


#: Folders Sphinx's HTML builder makes on every build, even when they stay empty.
BUILDER_FOLDERS = ("_sources",)


def remove_output(app: Sphinx, path: str | Path) -> None:
    """Delete an output file the extension recorded, never anything outside the output folder.

    A name too long for the file system cannot name an existing file (an
    older build may have recorded one): there is nothing to delete. Folders
    the file leaves empty are removed too, except those a clean build has.
    """
    outdir = Path(app.outdir).resolve()
    target = Path(outdir, path)
    try:
        folder = target.parent.resolve()
        if not folder.is_relative_to(outdir) or target.is_dir():
            return
        target.unlink(missing_ok=True)
    except OSError as error:
        if error.errno != errno.ENAMETOOLONG:
            raise
        return
    # A clean build has no empty folders but those the builder always makes:
    # remove the others that the file leaves empty.
    kept = {outdir, *(outdir / name for name in BUILDER_FOLDERS)}
    while folder not in kept and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def _path(app: Sphinx) -> Path:
    return Path(app.doctreedir) / STATE_FILE


def templates_digest(app: Sphinx, templates: Iterable[str]) -> str:
    """A digest of the templates as the builder would load them now."""
    loader = getattr(app.builder, "templates", None)
    digest = hashlib.sha256()
    for name in (*templates, *LAYOUT_TEMPLATES):
        try:
            source, filename, _ = loader.get_source(loader.environment, name)  # type: ignore[union-attr]
        except Exception:
            source, filename = "", "missing"
        digest.update(f"{name}|{filename}|{source}".encode())
    return digest.hexdigest()


#: The configuration value holding :func:`digest_templates`.
TEMPLATES_DIGEST = "newsletter_templates_digest"


def digest_templates(app: Sphinx, config: Config) -> None:
    """``config-inited``: every file of the ``templates_path`` folders, as a configuration value.

    Sphinx rewrites its pages when a template is newer than the last build,
    but not when one is removed or renamed: pages rendered with a site's
    override that is gone stayed as they were. A configuration value that
    rebuilds ``html`` enters the hash Sphinx keeps in ``.buildinfo``, so any
    change of the templates, a removal included, rewrites every page, and
    every generated one with them (:func:`render_key` holds that hash).
    """
    digest = hashlib.sha256()
    for folder in config.templates_path:
        root = Path(app.confdir or app.srcdir, folder)
        files = sorted(path for path in root.rglob("*") if path.is_file()) if root.is_dir() else []
        for path in files:
            digest.update(f"{folder}|{path.relative_to(root).as_posix()}|".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    config[TEMPLATES_DIGEST] = digest.hexdigest()


def unhashed_settings(config: Config) -> str:
    """A digest of the archive's settings that rebuild nothing (``rebuild=""``).

    Sphinx's configuration hash holds only the values that write every page
    again, yet an output skipped as fresh may read one that rebuilds no page:
    the feeds read ``newsletter_feed_length``, and an incremental build kept
    feeds of the old length. Every ``newsletter_*`` value (plain data, as
    ``conf.py`` writes it) is digested here, so no output has to name its own.
    """
    values = {
        item.name: item.value
        for item in config
        if item.rebuild == "" and item.name.startswith("newsletter_")
    }
    text = json.dumps(values, sort_keys=True, ensure_ascii=False, default=repr)
    return hashlib.sha256(text.encode()).hexdigest()


def render_key(app: Sphinx, templates: Iterable[str] = ()) -> str:
    """Everything an output is rendered with, besides its own content."""
    theme = getattr(getattr(app.builder, "theme", None), "name", "")
    return "|".join(
        [
            __version__,
            get_store(app.env).books.token,
            config_fingerprint(app.builder),
            unhashed_settings(app.config),
            theme,
            templates_digest(app, templates),
        ]
    )


def current_key(app: Sphinx, templates: Iterable[str] = (), inputs: str = "") -> str:
    """What an output depends on: the store's revision, how it is rendered,
    and ``inputs``, whatever else the output reads (a digest of it is kept)."""
    extra = hashlib.sha256(inputs.encode()).hexdigest() if inputs else ""
    return f"{get_store(app.env).books.revision}|{render_key(app, templates)}|{extra}"


def is_fresh(
    app: Sphinx,
    output: str,
    templates: Iterable[str] = (),
    inputs: str = "",
    files: Iterable[str | Path] = (),
) -> bool:
    """True when ``output`` was made from what it would be made from now, and
    its ``files`` (relative to the output folder) are all still in place."""
    if writes_everything(app):
        return False
    if not all(Path(app.outdir, path).is_file() for path in files):
        return False
    return _read(app, _path(app)).get(output) == current_key(app, templates, inputs)


def mark_fresh(app: Sphinx, output: str, templates: Iterable[str] = (), inputs: str = "") -> None:
    state = _read(app, _path(app))
    state[output] = current_key(app, templates, inputs)
    _stage(app, _path(app), state)


class PageLedger:
    """Which generated pages must be written, page by page.

    Each page's content (or a cheap stand-in for it) is digested together
    with everything around it: how it is rendered (:func:`render_key`), the
    theme's navigation and the sidebar's list of issues. A page is written
    when its digest changed, its file is missing or the builder writes every
    document; pages that are no longer generated are deleted.
    """

    def __init__(self, app: Sphinx, name: str, templates: Iterable[str] = ()) -> None:
        self.app = app
        self.path = _state_path(app, name)
        self.previous = _read(app, self.path)
        self.current: dict[str, str] = {}
        self.everything = writes_everything(app)
        self.salt = "|".join(
            [
                render_key(app, templates),
                repr(sorted(app.env.toctree_includes.items())),
                repr(get_store(app.env).sidebar_key()),
            ]
        )

    def needs_write(self, pagename: str, content: str) -> bool:
        digest = hashlib.sha256(f"{self.salt}|{content}".encode()).hexdigest()
        self.current[pagename] = digest
        target = Path(self.app.builder.get_outfilename(pagename))
        return self.everything or self.previous.get(pagename) != digest or not target.is_file()

    def close(self) -> None:
        for gone in sorted(set(self.previous) - set(self.current)):
            remove_output(self.app, self.app.builder.get_outfilename(gone))
        _stage(self.app, self.path, self.current)
