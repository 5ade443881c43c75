"""Writing the Pagefind index: pages, item records and a segmentation check.

Pagefind (``pagefind[extended]`` on PyPI, its binary inside the wheel) was
chosen by measurement, see ``docs/search.md``: it splits the index into small
chunks fetched per query, segments Chinese when indexing, and offers filters
for facets. This module knows nothing of Sphinx.

It talks to the binary's service mode (``pagefind --service``: base64 JSON
messages ended by a comma, the protocol the official Python and Node clients
use) with every request of a batch sent at once, and writes the files of
the index itself (see :func:`_save_files`). The official Python client
waits 0.1 s before reading each answer, which makes 10,000 item records take
17 minutes; pipelined, they take seconds.

Before anything is written, a probe record checks that Chinese text is really
cut into words: the plain ``pagefind`` binary indexes a Chinese sentence as a
single word, which would ship an index that finds nothing.
"""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from ...i18n import _
from .records import SearchRecord

#: A sentence that any Chinese segmenter cuts into several words.
PROBE_TEXT = "容器安全问题形势空前严峻"
OUTPUT_DIRNAME = "pagefind"


class SearchIndexError(Exception):
    """The index could not be built; the message says why, in Chinese."""


@dataclass(frozen=True)
class IndexedPage:
    """An HTML page to index as a whole: its URL and its HTML."""

    url: str
    html: str


@dataclass(frozen=True)
class IndexSettings:
    language: str
    #: Elements inside the body that are not content (permalinks, listings).
    exclude_selectors: tuple[str, ...] = ()


def pagefind_language(sphinx_language: str) -> str:
    """Sphinx's ``zh_CN`` as the ``zh-cn`` that Pagefind reads from ``<html lang>``."""
    return sphinx_language.replace("_", "-").lower()


class PagefindService:
    """The Pagefind binary in service mode, answering batches of requests."""

    def __init__(self) -> None:
        try:
            from pagefind.service import get_executable
        except ImportError as error:
            raise SearchIndexError(
                _("pagefind[extended] is not installed: no search index can be built")
            ) from error
        executable = get_executable()
        try:
            self._process = subprocess.Popen(
                [str(executable), "--service"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except (OSError, TypeError) as error:
            raise SearchIndexError(
                _("The Pagefind program cannot be found: {path} ({error})").format(
                    path=executable, error=error
                )
            ) from error
        self._next_id = 1
        self._buffer = b""

    def __enter__(self) -> PagefindService:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._process.stdin is not None:
            self._process.stdin.close()
        try:
            self._process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._process.kill()

    def call(self, payloads: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
        """Send every request at once, then collect the answers in order.

        A writer thread feeds stdin while this thread reads stdout, so neither
        pipe can fill up and stall the other.
        """
        ids = range(self._next_id, self._next_id + len(payloads))
        self._next_id += len(payloads)
        writer = threading.Thread(target=self._write, args=(ids, payloads), daemon=True)
        writer.start()
        answers: dict[int, dict[str, Any]] = {}
        while len(answers) < len(payloads):
            message = self._read()
            payload = message.get("payload") or {}
            if payload.get("type") == "Error" or message.get("message_id") is None:
                raise SearchIndexError(
                    _("Pagefind failed: {message}").format(message=payload.get("message", message))
                )
            answers[message["message_id"]] = payload
        writer.join()
        return [answers[i] for i in ids]

    def _write(self, ids: range, payloads: Sequence[dict[str, Any]]) -> None:
        stdin = self._process.stdin
        assert stdin is not None
        try:
            for message_id, payload in zip(ids, payloads, strict=True):
                message = json.dumps({"message_id": message_id, "payload": payload})
                stdin.write(base64.b64encode(message.encode("utf-8")) + b",")
            stdin.flush()
        except BrokenPipeError:
            pass  # the reader reports the binary's exit

    def _read(self) -> dict[str, Any]:
        stdout = self._process.stdout
        assert stdout is not None
        while b"," not in self._buffer:
            chunk = stdout.read1(1 << 16)
            if not chunk:
                raise SearchIndexError(_("The Pagefind program quit unexpectedly"))
            self._buffer += chunk
        message, _comma, self._buffer = self._buffer.partition(b",")
        return json.loads(base64.b64decode(message))

    def new_index(self, config: dict[str, Any]) -> int:
        (answer,) = self.call([{"type": "NewIndex", "config": config}])
        return answer["index_id"]


def _record_request(index_id: int, record: SearchRecord, language: str) -> dict[str, Any]:
    return {
        "type": "AddRecord",
        "index_id": index_id,
        "url": record.url,
        "content": record.content,
        "language": language,
        "meta": {"title": record.title, **record.meta},
        "filters": record.filters,
    }


def _probe_segmenter(service: PagefindService, config: dict[str, Any], language: str) -> None:
    """Refuse to build a Chinese index with a Pagefind that cannot cut Chinese into words."""
    probe = service.new_index(config)
    probe_record = SearchRecord(url="probe", title="", content=PROBE_TEXT)
    (indexed, _unused) = service.call(
        [
            _record_request(probe, probe_record, language),
            {"type": "DeleteIndex", "index_id": probe},
        ]
    )
    if indexed["page_word_count"] < 2:
        raise SearchIndexError(
            _(
                "Pagefind did not segment Chinese (it needs pagefind[extended]); no index that cannot find Chinese is built"
            )
        )


def _write(
    settings: IndexSettings,
    pages: Sequence[IndexedPage],
    records: Sequence[SearchRecord],
    output: Path,
) -> int:
    config = {
        "exclude_selectors": list(settings.exclude_selectors),
        "force_language": settings.language,
    }
    with PagefindService() as service:
        # Only a Chinese site needs the extended binary's segmenter (an English
        # site's index is cut at spaces by any Pagefind).
        if settings.language.startswith("zh"):
            _probe_segmenter(service, config, settings.language)
        index = service.new_index(config)
        service.call(
            [
                *(
                    {
                        "type": "AddFile",
                        "index_id": index,
                        "url": page.url,
                        "file_contents": page.html,
                    }
                    for page in pages
                ),
                *(_record_request(index, record, settings.language) for record in records),
            ]
        )
        (written,) = service.call([{"type": "GetFiles", "index_id": index}])
    _save_files(written["files"], output)
    return len(pages) + len(records)


def _save_files(files: Sequence[dict[str, str]], output: Path) -> None:
    """Write the bundle Pagefind returned, each file whole before the build goes on.

    Pagefind's own ``WriteFiles`` answers before its last writes reach the
    disk (it does not flush them), and a service that exits right after may
    leave a file empty: a loaded machine wrote an empty
    ``pagefind-entry.json``, a part that finds nothing, kept by every later
    build. So the files are asked for (``GetFiles``) and written here.
    """
    for entry in files:
        relative = PurePosixPath(entry["path"])
        if relative.is_absolute() or ".." in relative.parts:
            raise SearchIndexError(
                _("Pagefind returned a file outside the index folder: {path}").format(
                    path=entry["path"]
                )
            )
        target = output.joinpath(*relative.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(base64.b64decode(entry["content"]))


def write_bundle(
    settings: IndexSettings,
    pages: Sequence[IndexedPage],
    records: Sequence[SearchRecord],
    output: Path,
) -> int:
    """Replace the folder ``output`` with a fresh index; return the record count.

    Pagefind names its chunks by content hash, so the old folder is removed
    first: stale chunks would otherwise pile up with every build.
    """
    staging = output.with_name(f".{output.name}-staging")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        count = _write(settings, pages, records, staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    shutil.rmtree(output, ignore_errors=True)
    staging.rename(output)
    return count
