"""The files each document owns in the output folder, and removing those of documents gone.

Sphinx writes a page for each document, a copy of its source under
``_sources/``, and its images and downloads, and never deletes any of them:
a deleted or renamed issue would stay published, in search engines' and
readers' hands, for as long as the output folder lives. A clean build would
not have it, so an incremental build must not either.

When a build finishes without an error, the files each current document
owns are recorded beside the doctrees (a ledger, committed with the rest of
the build's state by :mod:`.freshness`). Every build then deletes the files
the last ledger recorded that no current document owns: those of documents
that are gone, and those a document no longer owns (its source copy after a
change of suffix, an image it stopped showing). Nothing else is ever
deleted: only files recorded as written for a document, and only under the
output folder. A build killed before it finishes leaves the previous ledger,
so the next build still knows what to delete.

Pages generated from the store (tag, project and ablog's archive pages) are
not documents; their own ledgers (:class:`~.freshness.PageLedger`) delete
them when they are no longer generated.

One more file is not the sources' doing: when the configuration changed,
Sphinx keeps the previous build's ``.buildinfo`` as ``.buildinfo.bak`` in
the output folder, where it would be published. It is moved beside the
doctrees, where it still tells a maintainer what the last build was.
"""

from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder

from .freshness import load_state, remove_output, stage_state

LEDGER = "documents"
#: Sphinx's copy of the previous ``.buildinfo`` after a change of configuration.
BUILD_INFO_BACKUP = ".buildinfo.bak"


def _source_copy(app: Sphinx, docname: str) -> str:
    """Where the HTML builder copies the source of ``docname`` (Sphinx's own rule)."""
    suffix = str(app.env.doc2path(docname, False))[len(docname) :]
    name = docname + suffix
    if suffix != app.config.html_sourcelink_suffix:
        name += app.config.html_sourcelink_suffix
    return f"_sources/{name}"


def owned_files(app: Sphinx) -> dict[str, list[str]]:
    """The files under the output folder that each current document owns."""
    outdir = Path(app.outdir)
    owned: dict[str, set[str]] = defaultdict(set)
    for docname in app.env.found_docs:
        page = Path(app.builder.get_outfilename(docname))
        owned[docname].add(page.relative_to(outdir).as_posix())
        if getattr(app.builder, "copysource", False) and app.config.html_copy_source:
            owned[docname].add(_source_copy(app, docname))
    for docnames, name in app.env.images.values():
        for docname in docnames:
            owned[docname].add(f"{app.builder.imagedir}/{name}")
    for docnames, destination in app.env.dlfiles.values():
        for docname in docnames:
            owned[docname].add(f"_downloads/{Path(destination).as_posix()}")
    return {docname: sorted(files) for docname, files in owned.items()}


def remove_outputs_of_removed_documents(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: delete what the last build wrote for documents now gone."""
    if exception is not None or not isinstance(app.builder, StandaloneHTMLBuilder):
        return
    previous = load_state(app, LEDGER)
    current = owned_files(app)
    kept = {path for files in current.values() for path in files}
    recorded = {path for files in previous.values() if isinstance(files, list) for path in files}
    for path in sorted(recorded - kept):
        remove_output(app, path)
    stage_state(app, LEDGER, current)


def move_build_info_backup(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: take Sphinx's ``.buildinfo.bak`` out of the output folder."""
    backup = Path(app.outdir) / BUILD_INFO_BACKUP
    if backup.is_file():
        os.replace(backup, Path(app.doctreedir) / BUILD_INFO_BACKUP)
