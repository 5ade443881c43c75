"""Measure the site search on a large synthetic archive: download size and speed.

Generates N issues (default 500, about 19 items each) in a temporary copy of
the site, builds it as ``make html`` does, serves it on 127.0.0.1 and drives
Debian's Chromium through the search page. It reports:

* the size of what search downloads: the whole Pagefind bundle, the files a
  search page actually fetches for a set of queries and the vocabulary
  (Sphinx's own ``searchindex.js``, once shown for comparison, is no longer
  built);
* the time from submitting a query to the first result on screen, once the
  index is loaded (the page's ``archive-search`` performance measure).

The text is generated: words are drawn from jieba's dictionary by frequency,
and items name their own projects, which follow a Zipf-like coverage (about a
third of the items are about the most covered project, as with Kubernetes). Nothing
is written into the repository. Run::

    .venv/bin/python tools/search_benchmark.py --issues 500
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from browser import chromium, serve, timed_search  # noqa: E402

SECTIONS = [("业界要闻", 3, []), ("上游重要进展", 10, ["Kubernetes", "Istio/Envoy", "Knative"])]
SECTIONS += [("开源项目推荐", 1, []), ("本周阅读推荐", 5, [])]
PROJECTS = [
    "kubernetes",
    "envoy",
    "istio",
    "knative",
    "containerd",
    "docker",
    "prometheus",
    "grafana",
    "helm",
    "etcd",
    "cilium",
    "linkerd",
    "tekton",
    "argo",
    "harbor",
    "dragonfly",
    "openkruise",
    "dapr",
    "keda",
    "jaeger",
    "openjdk",
    "snyk",
    "kubecdn",
    "coredns",
    "rook",
    "longhorn",
    "falco",
    "opa",
    "spiffe",
    "nacos",
]
TAGS = [
    "安全",
    "镜像仓库",
    "版本发布",
    "服务网格",
    "Serverless",
    "多集群",
    "可观测性",
    "负载均衡",
    "流量管理",
    "事件驱动",
    "调度",
    "存储",
    "网络",
    "边缘计算",
    "CI/CD",
    "开源项目",
    "电子书",
    "白皮书",
    "KEP",
    "运行时",
]
QUERIES = ["容器安全", "集群联邦", "Docker 入侵", "镜像仓库", "kubernetes", "服务网格", "envoy"]


def chinese_words() -> tuple[list[str], list[float]]:
    """jieba's dictionary: words and their cumulative frequencies."""
    import jieba

    words, weights, total = [], [], 0.0
    with jieba.get_dict_file() as dictionary:
        for line in dictionary:
            word, freq, *_ = line.decode("utf-8").split()
            if 1 <= len(word) <= 4 and int(freq) >= 3:
                total += int(freq)
                words.append(word)
                weights.append(total)
    return words, weights


class TextMaker:
    """Sentences of dictionary words by frequency, naming the item's projects."""

    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)
        self.words, self.weights = chinese_words()
        # Zipf-like coverage: the first project is covered most, as Kubernetes is.
        self.project_weights = [1 / (rank + 1) for rank in range(len(PROJECTS))]

    def sentence(self, low: int, high: int, names: list[str]) -> str:
        parts = self.random.choices(
            self.words, cum_weights=self.weights, k=self.random.randint(low, high)
        )
        if names and self.random.random() < 0.5:
            parts.insert(self.random.randrange(len(parts)), f" {self.random.choice(names)} ")
        return "".join(parts).strip()

    def item(self, number: int, k: int) -> str:
        count = self.random.randint(1, 2)
        projects = sorted(set(self.random.choices(PROJECTS, self.project_weights, k=count)))
        names = [name.capitalize() for name in projects]
        tags = sorted(set(self.random.sample(TAGS, self.random.randint(1, 2))))
        sentences = self.random.randint(2, 6)
        body = "。".join(self.sentence(12, 40, names) for _ in range(sentences))
        return (
            f":::{{news}} {names[0]} {self.sentence(6, 14, [])}\n"
            f":link: https://example.com/{number}/{k}\n"
            f":projects: {', '.join(projects)}\n"
            f":tags: {', '.join(tags)}\n\n{body}。\n:::\n\n"
        )

    def issue(self, number: int) -> str:
        date = dt.date(2019, 1, 1) + dt.timedelta(days=7 * number)
        parts = [
            f"---\nnumber: {number}\ndate: {date.isoformat()}\n"
            f"title: 云原生生态周报（Cloud Native Weekly）第 {number} 期\n"
            f"summary: {self.sentence(10, 20, [])}。\nauthors: [甲, 乙]\neditor: 丙\n---\n\n"
        ]
        k = 0
        for section, count, groups in SECTIONS:
            parts.append(f"## {section}\n\n")
            group = None
            for i in range(count):
                if groups and groups[i * len(groups) // count] != group:
                    group = groups[i * len(groups) // count]
                    parts.append(f"### {group} 项目\n\n")
                parts.append(self.item(number, k))
                k += 1
        return "".join(parts)


def make_archive(root: Path, issues: int, seed: int) -> int:
    """A copy of the site with ``issues`` generated issues; returns the item count."""
    for name in ("conf.py", "index.md"):
        shutil.copy(REPO / name, root / name)
    for name in ("_ext", "_static", "docs"):
        shutil.copytree(REPO / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    (root / "issues").mkdir()
    maker = TextMaker(seed)
    for number in range(1, issues + 1):
        (root / f"issues/{number:03d}.md").write_text(maker.issue(number), encoding="utf-8")
    return issues * sum(count for _, count, _ in SECTIONS)


def build(root: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", str(root), str(root / "_build/html")],
        check=True,
    )
    return time.perf_counter() - start


def size(paths: Iterator[Path] | list[Path]) -> tuple[int, int]:
    """Raw and gzip-compressed bytes of ``paths`` together."""
    raw = packed = 0
    for path in paths:
        data = path.read_bytes()
        raw += len(data)
        packed += len(gzip.compress(data))
    return raw, packed


def measure_browser(site: Path, rounds: int) -> dict[str, object]:
    """Bytes a search page fetches for the queries, and query-to-result times."""
    fetched: dict[str, int] = {}
    timings: dict[str, list[float]] = {query: [] for query in QUERIES}
    with chromium() as browser, serve(site) as base:
        page = browser.new_page()

        def record(response: object) -> None:
            url = response.url  # type: ignore[attr-defined]
            if any(part in url for part in ("/pagefind/", "/search-words/", "/search-vocabulary")):
                fetched[url] = len(response.body())  # type: ignore[attr-defined]

        page.on("response", record)
        page.goto(base + "search.html")
        page.wait_for_selector('.archive-search[data-state="ready"]', state="attached")
        for round_ in range(rounds + 1):
            for query in QUERIES:
                duration = timed_search(page, query)
                if round_ and duration is not None:  # the first round loads the chunks
                    timings[query].append(duration)
    return {"fetched": fetched, "timings": timings}


def report(args: argparse.Namespace) -> None:
    root = Path(tempfile.mkdtemp(prefix="search-bench-"))
    try:
        items = make_archive(root, args.issues, args.seed)
        seconds = build(root)
        site = root / "_build/html"
        bundle = [p for p in (site / "pagefind").rglob("*") if p.is_file()]
        index = [p for p in bundle if p.suffix in {".pf_index", ".pf_meta", ".pf_filter"}]
        fragments = [p for p in bundle if p.suffix == ".pf_fragment"]
        vocabulary = size([site / "search-vocabulary.json"])
        shards = list((site / "search-words").iterdir())
        measured = measure_browser(site, args.rounds)
        fetched = sum(measured["fetched"].values())  # type: ignore[union-attr]
        print(f"## Search at {args.issues} issues, {items} items (build {seconds:.0f} s)\n")
        print("| what | files | bytes | gzip | bytes per item |")
        print("| --- | ---: | ---: | ---: | ---: |")
        for label, files, (raw, packed) in [
            ("Pagefind bundle, all files", len(bundle), size(bundle)),
            ("  index, meta and filter chunks", len(index), size(index)),
            ("  fragments (one per result)", len(fragments), size(fragments)),
            ("search-vocabulary.json", 1, vocabulary),
            ("search-words/, all shards", len(shards), size(shards)),
        ]:
            print(f"| {label} | {files} | {raw:,} | {packed:,} | {raw / items:.0f} |")
        print(
            f"\nFetched by one search page for {len(QUERIES)} queries (first 20 results "
            f"each): {len(measured['fetched'])} files, {fetched:,} bytes, "  # type: ignore[arg-type]
            f"{fetched / items:.0f} bytes per item of the archive.\n"
        )
        print(f"Query to first result, index loaded, {args.rounds} rounds (ms):\n")
        print("| query | median | max |")
        print("| --- | ---: | ---: |")
        for query, times in measured["timings"].items():  # type: ignore[union-attr]
            print(f"| {query} | {statistics.median(times):.1f} | {max(times):.1f} |")
    finally:
        if args.keep:
            print(f"\nkept: {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--issues", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the generated archive")
    report(parser.parse_args())


if __name__ == "__main__":
    main()
