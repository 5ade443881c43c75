"""The search index in parts, each rewritten only when what it holds changed.

Pagefind cannot update an index in place, and indexing the whole archive
after every edit was most of an edited build's time and all of its memory
peak. So the index is cut into parts (a year of issues each, and the rest of
the site), each a Pagefind bundle of its own under ``pagefind/<part>/``.
A part's digest covers everything it indexes; the ledger beside the doctrees
remembers the digest each part was written from, and a build writes only the
parts whose digest changed. The browser searches the parts side by side,
newest first (``parts.json`` lists them in that order).

The parts are written in processes of their own, at the lowest priority
(:class:`PartsWriter`): Pagefind and the Python that feeds it and writes its
thousands of files then use the core Sphinx leaves idle, instead of taking
the lock and the core that Sphinx's writing needs.

This module knows nothing of Sphinx: a part is plain data.
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import json
import multiprocessing
import os
import pickle
import shutil
import signal
import sys
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path

from ...i18n import _
from .index import IndexedPage, IndexSettings, SearchIndexError, write_bundle
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
#: The niceness of the processes that write the parts: the lowest priority,
#: so that they take only what Sphinx's own writing leaves of the machine.
BACKGROUND_NICENESS = 19
#: Linux's ``prctl`` option that sends a signal to a process when its parent dies.
_PR_SET_PDEATHSIG = 1


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


def _start_background_worker(build: int) -> None:
    """The first thing each writer process does: lowest priority, and gone with the build.

    A build killed outright (SIGKILL, out of memory) cannot stop its workers;
    on Linux the kernel kills each of them with it (``PR_SET_PDEATHSIG``), so
    no orphan goes on writing an index that the next build writes again.
    Pagefind, started by the worker, inherits its priority and sees its
    input end when the worker dies.
    """
    os.nice(BACKGROUND_NICENESS)
    if sys.platform == "linux":
        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != build:  # the build died before the request took
            os._exit(1)


def _serve(
    answers: Connection,
    stop: Connection,
    settings: IndexSettings,
    parts: list[Part],
    root: Path,
    build: int,
) -> None:
    """A writer process: write ``parts`` in turn, answering for each one.

    It is a fork of the build, so the parts are already in its memory and
    whatever ``_write_part`` the build had is called. Anything on ``stop``
    (or its end closed) ends it after the part under way. Answers and stop
    go one way each, so neither side ever writes to a pipe the other has
    closed while answers are still unread.
    """
    _start_background_worker(build)
    for part in parts:
        if stop.poll():
            break
        answers.send((part.name, _portable(_attempt(settings, part, root))))
    answers.close()


def _attempt(settings: IndexSettings, part: Part, root: Path) -> Exception | None:
    """Write ``part``; the error that stopped it, if any, for the build to report."""
    try:
        _write_part(settings, part, root)
    except Exception as error:
        return error
    return None


def _portable(error: Exception | None) -> Exception | None:
    """``error``, or its words in an exception the pipe can carry."""
    try:
        pickle.dumps(error)
    except Exception:
        return RuntimeError(f"{type(error).__name__}: {error}")
    return error


@dataclass
class _Writer:
    """One writer process, the parts it was given in order, and its two pipes."""

    process: BaseProcess
    answers: Connection
    stop: Connection
    parts: list[Part]


class PartsWriter:
    """Writes the stale parts of the index in the background, batch by batch.

    Parts may be handed over in several batches (:meth:`add`): the years as
    soon as the store is complete, so that Pagefind indexes them in its own
    processes while Sphinx writes the pages, and the part made from those
    pages at the end. Each batch is written by up to :data:`MAX_WORKERS`
    processes forked from the build at the lowest priority, each writing its
    share of the parts in turn: in a thread of the build, the Python work
    around Pagefind (encoding the records, decoding its answers, writing
    some five thousand files for 300 issues) held the interpreter's lock
    against Sphinx's writing, and the build took about an eighth longer
    (``docs/performance.md``). The build itself runs no thread for them, so
    Sphinx may fork its own ``-j`` processes afterwards: a fork made while
    a thread runs may inherit a lock that thread held, and hang. Where the
    system cannot fork, the parts are written on the spot.

    :meth:`finish` waits for every part and brings the ledger and the
    manifest in line; the ledger records a part only once its bundle is in
    place, so a failed or cancelled build leaves nothing claimed that was
    not written, and each bundle is replaced whole (:func:`.write_bundle`).
    """

    def __init__(self, settings: IndexSettings, root: Path, ledger: Path) -> None:
        self.settings = settings
        self.root = root
        self.ledger = ledger
        self._previous = _load_ledger(ledger)
        self._parts: list[Part] = []
        self._digests: dict[str, str] = {}
        self._writers: list[_Writer] = []
        #: Parts written on the spot (no fork), with their errors.
        self._results: dict[str, BaseException | None] = {}
        root.mkdir(parents=True, exist_ok=True)

    @property
    def parts(self) -> tuple[Part, ...]:
        """Every part handed over, in order."""
        return tuple(self._parts)

    def add(self, parts: Sequence[Part]) -> None:
        """Start writing those of ``parts`` whose digest or bundle changed."""
        stale = []
        for part in parts:
            digest = part.digest(self.settings)
            self._parts.append(part)
            self._digests[part.name] = digest
            if (
                self._previous.get(part.name) != digest
                or not (self.root / part.name / "pagefind-entry.json").is_file()
            ):
                stale.append(part)
        if not stale:
            return
        if "fork" not in multiprocessing.get_all_start_methods():
            for part in stale:
                self._results[part.name] = _attempt(self.settings, part, self.root)
            return
        context = multiprocessing.get_context("fork")
        # Buffered output would be printed again by each fork.
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
        count = max(1, min(MAX_WORKERS, os.cpu_count() or 1, len(stale)))
        for index in range(count):
            share = stale[index::count]
            answers, answering = context.Pipe(duplex=False)
            stopped, stop = context.Pipe(duplex=False)
            process = context.Process(
                target=_serve,
                args=(answering, stopped, self.settings, share, self.root, os.getpid()),
                name=f"pagefind-{share[0].name}",
                daemon=True,
            )
            process.start()
            answering.close()
            stopped.close()
            self._writers.append(_Writer(process, answers, stop, share))

    def finish(self) -> PartsReport:
        """Wait for every part, then record them and list them (newest first).

        The first failure of a part is raised once the other parts are done
        and recorded.
        """
        report, failure = self._settle(complete=True)
        if failure is not None:
            raise failure
        # Whatever else is there is a part no longer built, or an older layout.
        for entry in sorted(self.root.iterdir()):
            if entry.is_dir() and entry.name not in self._digests:
                shutil.rmtree(entry)
                report.removed.append(entry.name)
            elif entry.is_file() and entry.name != MANIFEST:
                entry.unlink()
        manifest = {"parts": [part.name for part in self._parts]}
        (self.root / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
        return report

    def cancel(self) -> None:
        """The build failed: start no other part, record those already written."""
        for writer in self._writers:
            # A writer already gone has said, in its answers, how far it got.
            with contextlib.suppress(OSError):
                writer.stop.send("stop")
        self._settle(complete=False)

    def _collect(self) -> Iterator[tuple[Part, BaseException | None]]:
        """Each part handed to a writer, with its error, once every writer is done.

        A part whose writer stopped before it (a cancelled build) is left
        out; one whose writer died without a word is an error.
        """
        for writer in self._writers:
            answers: dict[str, BaseException | None] = {}
            with contextlib.suppress(EOFError):
                while True:
                    name, error = writer.answers.recv()
                    answers[name] = error
            writer.answers.close()
            writer.stop.close()
            writer.process.join()
            code = writer.process.exitcode
            for part in writer.parts:
                if part.name in answers:
                    yield part, answers[part.name]
                elif code != 0:
                    yield (
                        part,
                        SearchIndexError(
                            _(
                                "A process writing the search index quit unexpectedly (exit status {code})"
                            ).format(code=code)
                        ),
                    )
        self._writers = []
        done, self._results = self._results, {}
        for part in self._parts:
            if part.name in done:
                yield part, done[part.name]

    def _settle(self, complete: bool) -> tuple[PartsReport, BaseException | None]:
        """Wait for the parts; record those written and the first failure.

        A ``complete`` build forgets the parts it no longer has; a cancelled
        one may not have handed over every part, and forgets none.
        """
        report = PartsReport(records=sum(len(p.records) + len(p.pages) for p in self._parts))
        done = {
            name: digest
            for name, digest in self._previous.items()
            if name in self._digests or not complete
        }
        failure: BaseException | None = None
        try:
            for part, error in self._collect():
                if error is None:
                    done[part.name] = self._digests[part.name]
                    report.written.append(part.name)
                elif failure is None:
                    failure = error
        finally:
            self.ledger.write_text(json.dumps(done, sort_keys=True), encoding="utf-8")
        report.kept = [p.name for p in self._parts if p.name not in report.written]
        return report, failure


def write_parts(
    settings: IndexSettings, parts: Sequence[Part], root: Path, ledger: Path
) -> PartsReport:
    """Bring the bundles under ``root`` in line with ``parts`` (newest first)."""
    writer = PartsWriter(settings, root, ledger)
    writer.add(parts)
    return writer.finish()
