"""The search benchmark: what a reader downloads, and the time to the first result.

``make bench`` calls :func:`measure` on its archive for single common words
(the goals of issue 15). Run alone, it builds a synthetic archive whose text
is drawn from jieba's dictionary by frequency (so the index has a real
vocabulary) and also reports the size of the Pagefind bundle and of the
files one search page fetches for a set of queries::

    .venv/bin/python -m bench.search --issues 500

The search page times each search itself (the performance measure
``archive-search``: from submitting the query to the first result on
screen). A first round loads the index chunks the words need; the rounds
after it are what a reader sees once the index is loaded. Nothing is written
into the repository.
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.browser import SETTLED, launch, serve, timed_search
from bench.synthetic import Generator, copy_site, write_issues

#: Single common words: a project name on a third of the items, and a second one.
COMMON_WORDS = ("kubernetes", "envoy")
#: What the size report searches for: Chinese without spaces, mixed, names.
QUERIES = ("容器安全", "集群联邦", "Docker 入侵", "镜像仓库", "kubernetes", "服务网格", "envoy")
#: Loading the index of a large archive on a busy machine takes a while.
LOAD_TIMEOUT_MS = 180_000
_FETCHED = ("/pagefind/", "/search-words/", "/search-vocabulary")
_CHUNKS = {".pf_index", ".pf_meta", ".pf_filter"}


@dataclass(frozen=True)
class Timing:
    median_ms: float
    max_ms: float


@dataclass
class Measured:
    """One search page's searches: times by query, bytes fetched by URL."""

    timings: dict[str, Timing] = field(default_factory=dict)
    fetched: dict[str, int] = field(default_factory=dict)


def measure(site: Path, words: Iterable[str] = COMMON_WORDS, rounds: int = 5) -> Measured:
    """Median and maximum time to the first result of each word over ``rounds``,
    and what the page fetched; no timings when the page could not load its index."""
    words = tuple(words)
    samples: dict[str, list[float]] = {word: [] for word in words}
    measured = Measured()

    def record(response: Any) -> None:
        if any(part in response.url for part in _FETCHED):
            measured.fetched[response.url] = len(response.body())

    with launch() as browser, serve(site) as base:
        page = browser.new_page()
        page.on("response", record)
        page.goto(base + "search.html")
        page.wait_for_selector(SETTLED, state="attached", timeout=LOAD_TIMEOUT_MS)
        if page.get_attribute(".archive-search", "data-state") == "failed":
            return measured
        for round_number in range(rounds + 1):
            for word in words:
                duration = timed_search(page, word)
                if round_number and duration is not None:
                    samples[word].append(duration)
    measured.timings = {
        word: Timing(statistics.median(times), max(times))
        for word, times in samples.items()
        if times
    }
    return measured


def _size(paths: Iterable[Path]) -> tuple[int, int]:
    """Raw and gzip-compressed bytes of ``paths`` together."""
    raw = packed = 0
    for path in paths:
        data = path.read_bytes()
        raw += len(data)
        packed += len(gzip.compress(data))
    return raw, packed


def size_table(site: Path, items: int) -> list[str]:
    """The Pagefind bundle and the word shards, in files and bytes (Markdown rows)."""
    bundle = [p for p in (site / "pagefind").rglob("*") if p.is_file()]
    shards = [p for p in (site / "search-words").iterdir() if p.is_file()]
    rows = [
        ("Pagefind bundle, all files", bundle),
        ("  index, meta and filter chunks", [p for p in bundle if p.suffix in _CHUNKS]),
        ("  fragments (one per result)", [p for p in bundle if p.suffix == ".pf_fragment"]),
        ("search-vocabulary.json", [site / "search-vocabulary.json"]),
        ("search-words/, all shards", shards),
    ]
    lines = [
        "| what | files | bytes | gzip | bytes per item |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for label, files in rows:
        raw, packed = _size(files)
        lines.append(f"| {label} | {len(files)} | {raw:,} | {packed:,} | {raw / items:.0f} |")
    return lines


def report(issues: int, rounds: int, seed: int, keep: bool) -> None:
    root = Path(tempfile.mkdtemp(prefix="search-bench-"))
    try:
        copy_site(root, issues=False)
        generator = Generator(root, seed, dictionary=True)
        items = write_issues(root, range(1, issues + 1), generator=generator)
        start = time.perf_counter()
        build = [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "html",
            "-q",
            str(root),
            str(root / "_build/html"),
        ]
        subprocess.run(build, check=True)
        seconds = time.perf_counter() - start
        site = root / "_build/html"
        measured = measure(site, QUERIES, rounds)
        fetched = sum(measured.fetched.values())
        print(f"## Search at {issues} issues, {items} items (build {seconds:.0f} s)\n")
        print("\n".join(size_table(site, items)))
        print(
            f"\nFetched by one search page for {len(QUERIES)} queries (first 20 results "
            f"each): {len(measured.fetched)} files, {fetched:,} bytes, "
            f"{fetched / items:.0f} bytes per item of the archive.\n"
        )
        print(f"Query to first result, index loaded, {rounds} rounds (ms):\n")
        print("| query | median | max |\n| --- | ---: | ---: |")
        for query, timing in measured.timings.items():
            print(f"| {query} | {timing.median_ms:.1f} | {timing.max_ms:.1f} |")
    finally:
        if keep:
            print(f"\nkept: {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--issues", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the generated archive")
    args = parser.parse_args()
    report(args.issues, args.rounds, args.seed, args.keep)


if __name__ == "__main__":
    main()
