"""Writing the Pagefind index: pages, item records and a segmentation check.

Pagefind (``pagefind[extended]`` on PyPI, its binary inside the wheel) was
chosen by measurement, see ``docs/search.md``: it splits the index into small
chunks fetched per query, segments Chinese when indexing, and offers filters
for facets. This module drives its Python API; it knows nothing of Sphinx.

Before anything is written, a probe record checks that Chinese text is really
cut into words: the plain ``pagefind`` binary indexes a Chinese sentence as a
single word, which would ship an index that finds nothing.
"""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .search_records import SearchRecord

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


async def _write(
    settings: IndexSettings,
    pages: Sequence[IndexedPage],
    records: Sequence[SearchRecord],
    output: Path,
) -> int:
    try:
        from pagefind.service import PagefindService
    except ImportError as error:
        raise SearchIndexError("未安装 pagefind[extended]，无法生成搜索索引") from error
    config = {
        "exclude_selectors": list(settings.exclude_selectors),
        "force_language": settings.language,
    }
    try:
        service = await PagefindService().launch()
    except FileNotFoundError as error:
        raise SearchIndexError(f"找不到 Pagefind 程序：{error}") from error
    try:
        probe = await service.create_index(config)
        indexed = await probe.add_custom_record(
            url="probe", content=PROBE_TEXT, language=settings.language
        )
        await probe.delete_index()
        if indexed["page_word_count"] < 2:
            raise SearchIndexError(
                "Pagefind 没有切分中文（需要 pagefind[extended]），不生成一个搜不到中文的索引"
            )
        index = await service.create_index(config)
        for page in pages:
            await index.add_html_file(content=page.html, url=page.url)
        for record in records:
            await index.add_custom_record(
                url=record.url,
                content=record.content,
                language=settings.language,
                meta={"title": record.title, **record.meta},
                filters=record.filters,
                sort=record.sort or None,
            )
        await index.write_files(output_path=str(output))
    finally:
        await service.close()
    return len(pages) + len(records)


def write_index(
    settings: IndexSettings,
    pages: Sequence[IndexedPage],
    records: Sequence[SearchRecord],
    outdir: Path,
) -> int:
    """Replace ``outdir/pagefind`` with a fresh index; return the record count.

    Pagefind names its chunks by content hash, so the old folder is removed
    first: stale chunks would otherwise pile up with every build.
    """
    output = outdir / OUTPUT_DIRNAME
    staging = outdir / f".{OUTPUT_DIRNAME}-staging"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        # A thread of its own: the build may run inside an event loop (a
        # notebook, a test driving a browser), where asyncio.run() refuses.
        with ThreadPoolExecutor(max_workers=1) as thread:
            count = thread.submit(asyncio.run, _write(settings, pages, records, staging)).result()
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    shutil.rmtree(output, ignore_errors=True)
    staging.rename(output)
    return count
