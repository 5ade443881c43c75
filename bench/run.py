"""``make bench``: the archive against plain Sphinx + MyST, side by side, honestly.

For each corpus (``--synthetic N``: N issues from ``synthetic.py``; ``--real
N``: N renumbered copies of the real issues, ``real.py``) it writes the
archive and the same content as plain MyST for the baseline (same theme, no
archive extension, no ablog), then measures both in ``--rounds`` interleaved
rounds (``rounds.py``): full build, no-change rebuild, one issue edited,
``-j auto`` full build, each with its peak memory (``ru_maxrss`` of the build
and its children, Pagefind included) and the load of the machine around it
(``load.py``). It reports medians and the median of per-round ratios, the
output and issue page sizes, the archive's ``-j auto`` against its own serial
build, the time to the first search result in Chromium (``search.py``), and
with ``--scale`` the growth from N to 2N issues (one round, full, no change
and edit). The goals of issue 22 are judged only when the machine was quiet
throughout; otherwise the figures are printed and marked as noise.

Results go to ``_build/bench/results.md`` and ``results.json``. Never run
by a test: performance is measured here, not asserted.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bench import load, real, synthetic
from bench.rounds import ARCHIVE, BASELINE, median, median_ratio, order
from bench.synthetic import REPO

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
BASELINE_INDEX = "# 基线\n\n周报内容的基线构建。\n"
EDIT = "\n\n编辑后追加的一句话。\n"

FULL, NO_CHANGE, EDITED, PARALLEL = "full", "no change", "one issue edited", "-j auto full"
STEPS = (FULL, NO_CHANGE, EDITED, PARALLEL)
#: What ``--scale`` builds at N and 2N.
SCALE_STEPS = (FULL, NO_CHANGE, EDITED)
LABELS = {FULL: "全量构建", NO_CHANGE: "无改动", EDITED: "修改一期", PARALLEL: "`-j auto` 全量构建"}

#: Issue 22's goals: the highest ratio of the archive to the baseline.
GOALS = {FULL: 1.0, NO_CHANGE: 0.5, EDITED: 1.0}
#: The archive's ``-j auto`` build against its own serial build.
PARALLEL_GOAL = 0.75
MEMORY_GOAL = 1.2
#: From N to 2N issues, every time of the archive grows at most this much.
GROWTH_GOAL = 2.1
#: The sizes at which issue 22 sets its goals; other sizes are reported only.
GOAL_COUNTS = {"real": 300, "synthetic": 500}


@dataclass
class Build:
    seconds: float
    peak_mb: float
    load: load.Load
    warnings: int = 0


#: step -> site -> build, for one round.
Round = dict[str, dict[str, Build]]


@dataclass
class Corpus:
    kind: str
    count: int
    items: int = 0
    rounds: list[Round] = field(default_factory=list)
    output_mb: dict[str, float] = field(default_factory=dict)
    page_kb: dict[str, float] = field(default_factory=dict)
    search_ms: dict[str, dict[str, float]] = field(default_factory=dict)
    search_note: str = ""
    #: With ``--scale``: issue count -> one round of SCALE_STEPS.
    scale: dict[int, Round] = field(default_factory=dict)

    def builds(self) -> list[Build]:
        rounds = [*self.rounds, *self.scale.values()]
        return [b for r in rounds for by_site in r.values() for b in by_site.values()]


def sphinx(src: Path, out: Path, *extra: str) -> Build:
    """One sphinx-build in a child process: its wall time, peak RSS and the load around it."""
    before = load.before_build()
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-d", str(out / "doctrees"), *extra]
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+", encoding="utf-8") as stderr:
        proc = subprocess.Popen([*cmd, str(src), str(out / "html")], stderr=stderr)
        watch = load.Watch(proc.pid, before)
        os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOWAIT)
        seconds = time.perf_counter() - start
        watch.halt()
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        stderr.seek(0)
        messages = stderr.read()
    if proc.returncode != 0:
        raise SystemExit(f"build of {src} failed:\n{messages[-3000:]}")
    return Build(
        seconds,
        usage.ru_maxrss / 1024,
        watch.load(usage.ru_utime + usage.ru_stime),
        messages.count("WARNING"),
    )


def prepare(kind: str, count: int, root: Path) -> tuple[dict[str, Path], int]:
    """The archive and the baseline of one corpus under ``root``, and its item count."""
    archive = synthetic.copy_site(root / ARCHIVE, issues=False)
    baseline = root / BASELINE
    baseline.mkdir(parents=True)
    (baseline / "conf.py").write_text(BASELINE_CONF, encoding="utf-8")
    (baseline / "index.md").write_text(BASELINE_INDEX, encoding="utf-8")
    if kind == "real":
        shutil.copytree(REPO / "_static/images", baseline / "_static/images")
        items = real.write_copies(archive, count, baseline_dir=baseline)
    else:
        items = synthetic.write_issues(archive, range(1, count + 1), baseline_dir=baseline)
    return {ARCHIVE: archive, BASELINE: baseline}, items


def edited_issue(count: int) -> str:
    return f"issues/{max(1, count // 2):03d}.md"


def run_round(
    sites: dict[str, Path],
    work: Path,
    index: int,
    count: int,
    steps: tuple[str, ...] = STEPS,
    max_load: float = load.MAX_LOAD_PER_CORE,
) -> Round:
    """One round: each step for both sites in turn (who goes first alternates), from
    empty output folders; the edited issue is restored afterwards."""
    for site in sites:
        shutil.rmtree(work / site, ignore_errors=True)
    edited = {site: src / edited_issue(count) for site, src in sites.items()}
    originals = {site: path.read_text(encoding="utf-8") for site, path in edited.items()}
    result: Round = {}
    try:
        for step in steps:
            result[step] = {}
            for site in order(index):
                if step == EDITED:
                    edited[site].write_text(originals[site] + EDIT, encoding="utf-8")
                parallel = step == PARALLEL
                out = work / site / ("out-j" if parallel else "out")
                build = sphinx(sites[site], out, *(("-j", "auto") if parallel else ()))
                result[step][site] = build
                busy = " (busy)" if build.load.busy(max_load) else ""
                print(
                    f"  round {index + 1} {step:>17} {site:>8}: {build.seconds:6.1f} s{busy}",
                    file=sys.stderr,
                    flush=True,
                )
    finally:
        for site, path in edited.items():
            path.write_text(originals[site], encoding="utf-8")
    return result


def _size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20


def _search(corpus: Corpus, site: Path) -> None:
    """Time to the first result of common words in Chromium, when it can run."""
    from bench.browser import CHROMIUM
    from bench.search import measure

    if not CHROMIUM.exists():
        corpus.search_note = f"未测得：没有 {CHROMIUM}"
        return
    if importlib.util.find_spec("playwright") is None:  # a test requirement only
        corpus.search_note = "未测得：没有安装 Playwright（tests/requirements.txt）"
        return
    timings = measure(site).timings
    corpus.search_ms = {w: {"median": t.median_ms, "max": t.max_ms} for w, t in timings.items()}
    if not timings:
        corpus.search_note = "未测得：搜索页未能加载索引"


def bench_corpus(kind: str, count: int, root: Path, args: argparse.Namespace) -> Corpus:
    corpus = Corpus(kind, count)
    sites, corpus.items = prepare(kind, count, root / f"{kind}-{count}")
    print(f"{kind} N={count}: {corpus.items} items", file=sys.stderr, flush=True)
    work = root / f"{kind}-{count}-work"
    for index in range(args.rounds):
        corpus.rounds.append(run_round(sites, work, index, count, max_load=args.max_load))
    for site in sites:
        html = work / site / "out/html"
        corpus.output_mb[site] = _size_mb(html)
        corpus.page_kb[site] = (html / "issues/001.html").stat().st_size / 1024
    if not args.no_search:
        _search(corpus, work / ARCHIVE / "out/html")
    if args.scale:
        corpus.scale[count] = run_round(sites, work, 0, count, SCALE_STEPS, args.max_load)
        sites, _ = prepare(kind, 2 * count, root / f"{kind}-{2 * count}")
        big = root / f"{kind}-{2 * count}-work"
        corpus.scale[2 * count] = run_round(sites, big, 0, 2 * count, SCALE_STEPS, args.max_load)
    shutil.rmtree(work, ignore_errors=True)
    return corpus


# --- judging and reporting ----------------------------------------------------------------


def step_figures(corpus: Corpus, step: str) -> tuple[float, float, float]:
    """Median seconds of the baseline, of the archive, and the median per-round ratio."""
    base = [r[step][BASELINE].seconds for r in corpus.rounds]
    arch = [r[step][ARCHIVE].seconds for r in corpus.rounds]
    return median(base), median(arch), median_ratio(arch, base)


def peak_memory(corpus: Corpus) -> tuple[float, float, float]:
    """Per round, each site's highest peak over its builds; medians and median ratio."""
    peaks = {
        site: [max(r[s][site].peak_mb for s in r) for r in corpus.rounds]
        for site in (BASELINE, ARCHIVE)
    }
    return (
        median(peaks[BASELINE]),
        median(peaks[ARCHIVE]),
        median_ratio(peaks[ARCHIVE], peaks[BASELINE]),
    )


def parallel_ratio(corpus: Corpus) -> float:
    """The archive's ``-j auto`` full build against its serial one, median per round."""
    return median_ratio(
        [r[PARALLEL][ARCHIVE].seconds for r in corpus.rounds],
        [r[FULL][ARCHIVE].seconds for r in corpus.rounds],
    )


def growth(corpus: Corpus, site: str = ARCHIVE) -> dict[str, float]:
    """From N to 2N issues (``--scale``), each time's ratio."""
    if len(corpus.scale) != 2:
        return {}
    small, large = (corpus.scale[n] for n in sorted(corpus.scale))
    return {step: large[step][site].seconds / small[step][site].seconds for step in small}


def busy_builds(corpus: Corpus, max_load: float) -> list[Build]:
    return [b for b in corpus.builds() if b.load.busy(max_load)]


def quiet(start_use: float, cores: int, corpora: list[Corpus], max_load: float) -> bool:
    """Whether the goals may be judged: a quiet machine at the start and around every build.

    ``start_use`` is the cores the machine used just before the benchmark
    started (:data:`.load.START_SECONDS`), when nothing of ours ran.
    """
    return start_use <= max_load * cores and not any(busy_builds(c, max_load) for c in corpora)


def _ratio(value: float) -> str:
    return "—" if math.isnan(value) else f"{value:.2f}×"


def _verdict(met: bool) -> str:
    return "达到" if met else "未达到"


def figures_table(corpus: Corpus, noise: bool) -> list[str]:
    mark = "（噪声：机器繁忙）" if noise else ""
    what = "份真实期刊的副本" if corpus.kind == "real" else "期合成周报"
    lines = [
        f"### {corpus.count} {what}（{corpus.items} 条新闻，{len(corpus.rounds)} 轮）{mark}",
        "",
        "| 指标 | 基线（中位数） | 归档（中位数） | 比值（每轮比值的中位数） |",
        "| --- | --- | --- | --- |",
    ]
    for step in STEPS:
        base, arch, ratio = step_figures(corpus, step)
        lines.append(f"| {LABELS[step]} | {base:.1f} s | {arch:.1f} s | {_ratio(ratio)} |")
    base, arch, ratio = peak_memory(corpus)
    lines.append(f"| 峰值内存 | {base:.0f} MB | {arch:.0f} MB | {_ratio(ratio)} |")
    for label, sizes, unit in (
        ("输出大小", corpus.output_mb, "MB"),
        ("第 1 期页面大小", corpus.page_kb, "KB"),
    ):
        b, a = sizes[BASELINE], sizes[ARCHIVE]
        lines.append(f"| {label} | {b:.1f} {unit} | {a:.1f} {unit} | {_ratio(a / b)} |")
    lines.append(f"| 归档 `-j auto` ÷ 归档串行 | — | — | {_ratio(parallel_ratio(corpus))} |")
    for word, ms in corpus.search_ms.items():
        lines.append(
            f"| 搜索 {word} 的第一条结果（Chromium） | — | "
            f"中位数 {ms['median']:.0f} ms，最大 {ms['max']:.0f} ms | — |"
        )
    if corpus.search_note:
        lines.append(f"| 搜索的第一条结果 | — | {corpus.search_note} | — |")
    warnings = {
        site: sum(r[step][site].warnings for r in corpus.rounds for step in r)
        for site in (BASELINE, ARCHIVE)
    }
    lines.append(f"\n警告数（所有轮次）：基线 {warnings[BASELINE]}，归档 {warnings[ARCHIVE]}。")
    if corpus.scale:
        small, large = sorted(corpus.scale)
        lines += [
            "",
            f"从 N = {small} 到 N = {large}（一轮）：",
            "",
            "| 时间 | 基线 | 归档 |",
            "| --- | --- | --- |",
        ]
        base_growth = growth(corpus, BASELINE)
        for step, value in growth(corpus).items():
            lines.append(f"| {LABELS[step]} | {base_growth[step]:.2f}× | {value:.2f}× |")
    return lines


def goals_table(corpus: Corpus, judged: bool) -> list[str]:
    """Issue 22's goals for one corpus, with a verdict only when they may be judged."""
    goal_count = GOAL_COUNTS[corpus.kind]
    if corpus.count != goal_count:
        return [f"（目标针对 N = {goal_count}；这次 N = {corpus.count}，不判定。）"]
    rows = [(LABELS[s], step_figures(corpus, s)[2], limit) for s, limit in GOALS.items()]
    rows.append(("`-j auto` ÷ 归档串行", parallel_ratio(corpus), PARALLEL_GOAL))
    rows.append(("峰值内存", peak_memory(corpus)[2], MEMORY_GOAL))
    for step, value in growth(corpus).items():
        rows.append((f"N → 2N：{LABELS[step]}", value, GROWTH_GOAL))
    lines = ["| 目标 | 测得 | 上限 | 结论 |", "| --- | --- | --- | --- |"]
    for label, value, limit in rows:
        verdict = _verdict(value <= limit) if judged else "不判定（机器繁忙）"
        lines.append(f"| {label} | {_ratio(value)} | ≤ {limit}× | {verdict} |")
    if not corpus.scale:
        lines.append(f"| N → 2N | 未运行（`--scale`） | ≤ {GROWTH_GOAL}× | — |")
    return lines


def load_section(
    start_use: float, start_load: float, cores: int, corpora: list[Corpus], max_load: float
) -> list[str]:
    limit = max_load * cores
    builds = [b for c in corpora for b in c.builds()]
    busy = [b for c in corpora for b in busy_builds(c, max_load)]
    lines = [
        "## 机器负载",
        "",
        f"{cores} 个核；判为繁忙的界限：其他进程占用超过 {limit:.1f} 个核（{max_load} × 核数）。",
        f"开始前 {load.START_SECONDS:.0f} 秒内整台机器占用 {start_use:.2f} 个核"
        f"（1 分钟负载平均值 {start_load:.2f}，它滞后一分钟、包括刚结束的进程，只记录，不用来判定）。",
    ]
    if builds:
        lines.append(
            f"{len(builds)} 次构建：构建前其他进程最多占用 {max(b.load.before for b in builds):.2f} 个核，"
            f"构建中（{load.PEAK_WINDOW} 秒窗口）最多 {max(b.load.peak for b in builds):.2f} 个核，"
            f"{len(busy)} 次构建时机器繁忙。"
        )
    if quiet(start_use, cores, corpora, max_load):
        lines.append("\n机器在整个运行期间是安静的：下面的目标给出结论。")
    else:
        lines.append(
            "\n**机器繁忙：不判定目标。** 下面的数字照常列出，但只是噪声，"
            "请在安静的机器上重跑 `make bench`。"
        )
    return lines


def report(
    start_use: float, cores: int, corpora: list[Corpus], max_load: float, start_load: float = 0.0
) -> str:
    """The results page; ``start_load`` (the load average) is shown, never judged."""
    judged = quiet(start_use, cores, corpora, max_load)
    sections = [
        "# `make bench` 的结果",
        "",
        *load_section(start_use, start_load, cores, corpora, max_load),
    ]
    for corpus in corpora:
        sections += [
            "",
            *figures_table(corpus, not judged),
            "",
            "目标（issue 22）：",
            "",
            *goals_table(corpus, judged),
        ]
    return "\n".join(sections) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", type=int, default=500, help="synthetic issues (0: none)")
    parser.add_argument("--real", type=int, default=300, help="copies of the real issues (0: none)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--scale", action="store_true", help="also N and 2N, one round")
    parser.add_argument("--no-search", action="store_true", help="skip the search in Chromium")
    parser.add_argument(
        "--max-load",
        type=float,
        default=load.MAX_LOAD_PER_CORE,
        help="busy when other processes use more than this many cores per core",
    )
    parser.add_argument("--output", type=Path, default=REPO / "_build/bench/results.md")
    args = parser.parse_args(argv)
    cores, start_load = load.cores(), os.getloadavg()[0]
    start_use = load.before_build(load.START_SECONDS)
    corpora = []
    with tempfile.TemporaryDirectory(prefix="newsletter-bench-") as tmp:
        for kind, count in (("real", args.real), ("synthetic", args.synthetic)):
            if count > 0:
                corpora.append(bench_corpus(kind, count, Path(tmp), args))
    text = report(start_use, cores, corpora, args.max_load, start_load)
    print(text)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    record = {
        "cores": cores,
        "start_use": start_use,
        "start_load": start_load,
        "max_load": args.max_load,
        "judged": quiet(start_use, cores, corpora, args.max_load),
        "corpora": [asdict(c) for c in corpora],
    }
    args.output.with_suffix(".json").write_text(
        json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    print(f"写入 {args.output} 和 {args.output.with_suffix('.json')}", file=sys.stderr)


if __name__ == "__main__":
    main()
