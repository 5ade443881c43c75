"""``make bench``: the archive against plain Sphinx + MyST, side by side.

For each N it generates one synthetic archive (``synthetic.py``), writes the
same content as plain MyST for the baseline, and measures both in the same
run on the same machine: full build, no-change rebuild, one-issue edit,
``-j auto`` full build, peak memory, output size and the size of one issue
page, and, for the archive, the time to the first search result of a single
common word in Chromium (``search.py``). Figures are reported with
their ratio to the baseline, then against the goals of issue 15 (at N=500,
with the growth from 500 to 1000 issues), never judged by a timed test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from bench.search import Timing, measure
from bench.synthetic import REPO, copy_site, write_issues

BASELINE_CONF = """\
# The baseline: plain Sphinx + MyST with the archive's theme and search
# language, and neither the archive extension nor ablog.
project = "baseline"
extensions = ["myst_parser"]
language = "zh_CN"
html_search_language = "zh"
html_theme = "sphinx_book_theme"
exclude_patterns = ["_build"]
"""
BASELINE_INDEX = "# 基线\n\n合成周报的基线构建。\n"


@dataclass
class Run:
    seconds: float
    peak_mb: float


@dataclass
class Figures:
    runs: dict[str, Run] = field(default_factory=dict)
    output_mb: float = 0.0
    page_kb: float = 0.0
    warnings: int = 0
    #: Time to the first search result by word, measured on the archive only.
    search: dict[str, Timing] = field(default_factory=dict)


def _sphinx(src: Path, out: Path, *extra: str) -> tuple[Run, str]:
    """One sphinx-build in a child process: wall time and its peak RSS."""
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-d", str(out / "doctrees"), *extra]
    start = time.perf_counter()
    proc = subprocess.Popen([*cmd, str(src), str(out / "html")], stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    stderr = proc.stderr.read() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build of {src} failed:\n{stderr[-3000:]}")
    return Run(seconds, usage.ru_maxrss / 1024), stderr


def _size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20


def _measure(src: Path, work: Path, edit: Path, search: bool = False) -> Figures:
    figures, out = Figures(), work / "out"
    figures.runs["full"], stderr = _sphinx(src, out)
    figures.warnings = stderr.count("WARNING")
    if search:
        figures.search = measure(out / "html").timings
    figures.runs["no change"], _ = _sphinx(src, out)
    edit.write_text(
        edit.read_text(encoding="utf-8") + "\n\n编辑后追加的一句话。\n", encoding="utf-8"
    )
    figures.runs["one issue edited"], _ = _sphinx(src, out)
    figures.output_mb = _size_mb(out / "html")
    figures.page_kb = (out / "html/issues/001.html").stat().st_size / 1024
    shutil.rmtree(out)
    figures.runs["-j auto full"], _ = _sphinx(src, work / "out-parallel", "-j", "auto")
    return figures


def _prepare(count: int, root: Path) -> tuple[Path, Path]:
    archive, baseline = copy_site(root / "archive", issues=False), root / "baseline"
    baseline.mkdir(parents=True)
    (baseline / "conf.py").write_text(BASELINE_CONF, encoding="utf-8")
    (baseline / "index.md").write_text(BASELINE_INDEX, encoding="utf-8")
    items = write_issues(archive, range(1, count + 1), baseline_dir=baseline)
    print(f"N={count}: {items} items", file=sys.stderr)
    return archive, baseline


def bench(count: int, root: Path) -> tuple[Figures, Figures]:
    archive, baseline = _prepare(count, root / f"n{count}")
    middle = f"issues/{count // 2:03d}.md"
    base = _measure(baseline, root / f"n{count}/work-baseline", baseline / middle)
    arch = _measure(archive, root / f"n{count}/work-archive", archive / middle, search=True)
    return base, arch


def _row(label: str, base: float, arch: float, unit: str) -> str:
    ratio = arch / base if base else float("nan")
    return f"| {label} | {base:.1f} {unit} | {arch:.1f} {unit} | {ratio:.2f}× |"


def table(count: int, base: Figures, arch: Figures) -> str:
    lines = [f"### N = {count}", "", "| 指标 | 基线 | 归档 | 比值 |", "| --- | --- | --- | --- |"]
    for name, run in base.runs.items():
        lines.append(_row(f"{name}（秒）", run.seconds, arch.runs[name].seconds, "s"))
    peak_base = max(r.peak_mb for r in base.runs.values())
    peak_arch = max(r.peak_mb for r in arch.runs.values())
    lines.append(_row("峰值内存", peak_base, peak_arch, "MB"))
    lines.append(_row("输出大小", base.output_mb, arch.output_mb, "MB"))
    lines.append(_row("第 1 期页面大小", base.page_kb, arch.page_kb, "KB"))
    for word, timing in arch.search.items():
        lines.append(
            f"| 搜索 {word} 的第一条结果（Chromium） | — | "
            f"中位数 {timing.median_ms:.0f} ms，最大 {timing.max_ms:.0f} ms | — |"
        )
    lines.append(f"\n警告数：基线 {base.warnings}，归档 {arch.warnings}。")
    return "\n".join(lines)


#: Issue 15's goals at N=500: (row, run name, highest ratio to the baseline).
GOALS = [
    ("全量构建", "full", 1.3),
    ("修改一期", "one issue edited", 2.0),
    ("无改动", "no change", 1.0),
]
GOAL_N, GROWTH_N = 500, 1000
MAX_GROWTH = 2.2
MAX_FIRST_RESULT_MS = 100.0


def _verdict(met: bool) -> str:
    return "达到" if met else "未达到"


def goals(results: dict[int, tuple[Figures, Figures]]) -> str:
    """Every row of issue 15's goal table, measured in this run."""
    if GOAL_N not in results:
        return f'（目标表需要 N={GOAL_N}：`make bench BENCH_N="{GOAL_N} {GROWTH_N}"`）'
    base, arch = results[GOAL_N]
    lines = [
        f"### 目标（N = {GOAL_N}）",
        "",
        "| 指标 | 测得 | 目标 | 结论 |",
        "| --- | --- | --- | --- |",
    ]
    for label, name, goal in GOALS:
        ratio = arch.runs[name].seconds / base.runs[name].seconds
        lines.append(f"| {label} | {ratio:.2f}× | ≤ {goal}× | {_verdict(ratio <= goal)} |")
    peak = max(r.peak_mb for r in arch.runs.values()) / max(r.peak_mb for r in base.runs.values())
    lines.append(f"| 峰值内存 | {peak:.2f}× | ≤ 1.5× | {_verdict(peak <= 1.5)} |")
    if GROWTH_N in results:
        large = results[GROWTH_N][1]
        for name, run in arch.runs.items():
            growth = large.runs[name].seconds / run.seconds
            lines.append(
                f"| N={GROWTH_N} ÷ N={GOAL_N}：{name} | {growth:.2f} | ≤ {MAX_GROWTH} | "
                f"{_verdict(growth <= MAX_GROWTH)} |"
            )
    else:
        lines.append(f"| N={GROWTH_N} ÷ N={GOAL_N} | 未运行 | ≤ {MAX_GROWTH} | — |")
    if not arch.search:
        lines.append(
            f"| 第一条结果 | 未测得：搜索页未能加载索引 | < {MAX_FIRST_RESULT_MS:.0f} ms | — |"
        )
    for word, timing in arch.search.items():
        lines.append(
            f"| 第一条结果：{word}（中位数 / 最大） | {timing.median_ms:.0f} / {timing.max_ms:.0f} ms"
            f" | < {MAX_FIRST_RESULT_MS:.0f} ms | {_verdict(timing.median_ms < MAX_FIRST_RESULT_MS)} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("counts", nargs="*", type=int, default=[GOAL_N, GROWTH_N])
    parser.add_argument("--output", type=Path, default=REPO / "_build/bench/results.md")
    args = parser.parse_args()
    sections, results = [], {}
    with tempfile.TemporaryDirectory(prefix="newsletter-bench-") as tmp:
        for count in args.counts:
            results[count] = bench(count, Path(tmp))
            sections.append(table(count, *results[count]))
            print(sections[-1] + "\n", flush=True)
    counts = sorted(results)
    for small, large in pairwise(counts):
        growth = [
            f"{name} {results[large][1].runs[name].seconds / run.seconds:.2f}×"
            for name, run in results[small][1].runs.items()
        ]
        line = f"归档从 N={small} 到 N={large}（{large / small:.1f} 倍）的时间增长：" + "，".join(
            growth
        )
        sections.append(line)
        print(line + "\n")
    sections.append(goals(results))
    print(sections[-1])
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text("\n\n".join(sections) + "\n", encoding="utf-8")
    print(f"\n写入 {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
