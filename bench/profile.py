"""``make profile``: where the archive's extra time goes in one full build.

It writes one corpus as ``make bench`` does (``--synthetic N`` or ``--real
N``), then builds the archive and the baseline once each, in a fresh child
process, in-process under :mod:`cProfile` (``sphinx.application.Sphinx`` and
its ``build``, so the child can also list every handler connected to every
event). From the two profiles it writes three Markdown tables:

* **phases** of Sphinx (start-up, reading with its parsing and transforms,
  consistency, writing with reference resolution and page rendering, finish,
  the ``build-finished`` handlers), archive against baseline;
* **handlers**: the cumulative time of each ``app.connect`` callback (the
  archive's extension, ablog, the theme, opengraph, MyST), found in the
  profile by its code object;
* **areas**: time spent in each part of the extension (each view, and each
  module of a view's package: ``views/search/index`` drives Pagefind,
  ``views/search/vocabulary`` segments words; ``views/feeds``,
  ``views/social``, ``views/pages``…) and in each extension package, counted
  only when entered from outside that part: calls within a part are not
  counted twice, but a part's calls into another count in both.

The tables go to stdout and ``_build/bench/profile.md`` for
``docs/performance.md``. cProfile slows Python down (about twice), sees only
the main thread (work in other threads shows where the main thread waits for
it) and counts a child process (Pagefind) as the time its caller waits.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.rounds import ARCHIVE, BASELINE
from bench.synthetic import REPO

#: (label, module, qualified name) of the functions that make up Sphinx's
#: phases; a label starting with "其中" is part of the row above it.
PHASES = (
    ("启动（配置、加载扩展）", "sphinx.application", "Sphinx.__init__"),
    ("读取", "sphinx.builders", "Builder.read"),
    ("其中解析每个文档", "sphinx.builders", "Builder.read_doc"),
    ("其中读取阶段的转换", "docutils.transforms", "Transformer.apply_transforms"),
    ("一致性检查", "sphinx.environment", "BuildEnvironment.check_consistency"),
    ("写出", "sphinx.builders", "Builder.write"),
    ("其中解析引用（后置转换）", "sphinx.environment", "BuildEnvironment.apply_post_transforms"),
    ("其中渲染页面模板", "sphinx.builders.html", "StandaloneHTMLBuilder.handle_page"),
    ("收尾（静态文件、索引）", "sphinx.builders.html", "StandaloneHTMLBuilder.finish"),
)
#: Packages whose time is shown as areas, by the folder their files live in.
PACKAGES = {
    "ablog": "ablog",
    "sphinx_book_theme": "theme",
    "pydata_sphinx_theme": "theme",
    "opengraph": "sphinxext-opengraph",
    "myst_parser": "myst_parser",
    "jieba": "jieba",
}

Key = tuple[str, int, str]


def code_key(func: Callable[..., Any]) -> Key | None:
    """The profile's key of a function, bound method, partial or callable object."""
    while hasattr(func, "func"):  # functools.partial
        func = func.func
    func = getattr(func, "__func__", func)
    code = getattr(func, "__code__", None)
    if code is None and callable(func):
        code = getattr(type(func).__call__, "__code__", None)
    return (code.co_filename, code.co_firstlineno, code.co_name) if code else None


def _resolve(module: str, qualname: str) -> Key | None:
    import importlib

    target: Any = importlib.import_module(module)
    for part in qualname.split("."):
        target = getattr(target, part)
    return code_key(target)


def area(filename: str) -> str | None:
    """The part of the extension, or the package, a source file belongs to.

    Python files only: Jinja compiles each template to code named after the
    template file, and the archive's templates and the theme's extend and
    include one another at every level, so counting them as parts would count
    the same rendering once per crossing. Their time stays with their caller.
    """
    if not filename.endswith(".py"):
        return None
    parts = Path(filename).parts
    if "newsletter" in parts:
        inner = parts[parts.index("newsletter") + 1 :]
        if not inner or inner[0] in ("bench",):
            return None
        # A view's own package (views/search) is told module by module: its
        # index.py drives Pagefind, vocabulary.py segments words with jieba.
        depth = min(len(inner), 3) if inner[0] == "views" else 1
        return "newsletter/" + "/".join(Path(p).stem for p in inner[:depth])
    for part in parts:
        if part in PACKAGES:
            return PACKAGES[part]
    return None


# --- the child: one profiled build ------------------------------------------------------


def _handlers(app: Any) -> list[dict[str, Any]]:
    """Every handler of every event, with the key of its code in the profile."""
    sys.path.insert(0, str(REPO / "_ext"))
    from newsletter.compat import listeners

    rows = []
    for event in app.events.events:
        for priority, handler in listeners(app, event):
            func = getattr(handler, "func", handler)
            rows.append(
                {
                    "event": event,
                    "priority": priority,
                    "module": getattr(func, "__module__", "?"),
                    "name": getattr(func, "__qualname__", repr(func)),
                    "key": code_key(handler),
                }
            )
    return rows


#: What the profile times: wall-clock time (what a reader waits, including
#: Pagefind's process), or this process's CPU time (steadier on a busy machine,
#: but blind to child processes and counting other threads' work).
TIMERS = {"wall": time.perf_counter, "cpu": time.process_time}
TIMER_NAMES = {"wall": "墙上时间", "cpu": "本进程的 CPU 时间"}


def profile_build(src: Path, out: Path, prof: Path, timer: str = "wall") -> None:
    """Build ``src`` once under cProfile; write the stats and the handlers beside them."""
    from sphinx.application import Sphinx

    profiler = cProfile.Profile(TIMERS[timer])
    start = TIMERS[timer]()
    profiler.enable()
    app = Sphinx(src, src, out / "html", out / "doctrees", "html", status=None, warning=sys.stderr)
    app.build()
    profiler.disable()
    seconds = TIMERS[timer]() - start
    profiler.dump_stats(prof)
    info = {"seconds": seconds, "handlers": _handlers(app)}
    prof.with_suffix(".json").write_text(json.dumps(info, ensure_ascii=False), encoding="utf-8")


# --- the parent: tables ---------------------------------------------------------------


class Profile:
    """One build's profile: cumulative seconds by key, calls, and callers."""

    def __init__(self, prof: Path) -> None:
        self.stats: dict[Key, Any] = pstats.Stats(str(prof)).stats  # type: ignore[attr-defined]
        info = json.loads(prof.with_suffix(".json").read_text(encoding="utf-8"))
        self.seconds: float = info["seconds"]
        self.handlers: list[dict[str, Any]] = info["handlers"]

    def cumulative(self, key: Key | None) -> tuple[float, int]:
        """Cumulative seconds and calls of ``key`` (0 when it never ran)."""
        if key is None or tuple(key) not in self.stats:
            return 0.0, 0
        _, calls, _, cumulative, _ = self.stats[tuple(key)]  # type: ignore[index]
        return cumulative, calls

    def areas(self) -> dict[str, float]:
        """Seconds in each area, counting only calls that come from outside it."""
        totals: dict[str, float] = defaultdict(float)
        for key, (_, _, _, _, callers) in self.stats.items():
            name = area(key[0])
            if name is None:
                continue
            for caller, edge in callers.items():
                if area(caller[0]) != name:
                    totals[name] += edge[3]
        return dict(totals)


def phase_table(base: Profile, arch: Profile) -> list[str]:
    lines = [
        "| 阶段 | 基线 | 归档 | 归档多用 |",
        "| --- | ---: | ---: | ---: |",
    ]
    rows = [(label, _resolve(module, name)) for label, module, name in PHASES]
    for label, key in rows:
        b, a = base.cumulative(key)[0], arch.cumulative(key)[0]
        lines.append(f"| {label} | {b:.1f} s | {a:.1f} s | {a - b:+.1f} s |")
    finished = {
        site: sum(
            profile.cumulative(h["key"])[0]
            for h in profile.handlers
            if h["event"] == "build-finished"
        )
        for site, profile in ((BASELINE, base), (ARCHIVE, arch))
    }
    b, a = finished[BASELINE], finished[ARCHIVE]
    lines.append(f"| `build-finished` 的处理函数 | {b:.1f} s | {a:.1f} s | {a - b:+.1f} s |")
    b, a = base.seconds, arch.seconds
    lines.append(f"| **整个构建（在 cProfile 下）** | {b:.1f} s | {a:.1f} s | {a - b:+.1f} s |")
    return lines


def handler_table(arch: Profile, least: float) -> list[str]:
    """The archive's handlers that took at least ``least`` seconds, slowest first."""
    rows = []
    for handler in arch.handlers:
        seconds, calls = arch.cumulative(handler["key"])
        if seconds >= least:
            rows.append((seconds, calls, handler))
    rows.sort(key=lambda row: -row[0])
    lines = ["| 事件 | 处理函数 | 调用次数 | 累计 |", "| --- | --- | ---: | ---: |"]
    for seconds, calls, h in rows:
        lines.append(
            f"| `{h['event']}` | `{h['module']}.{h['name']}` | {calls} | {seconds:.2f} s |"
        )
    return lines


def area_table(base: Profile, arch: Profile, least: float) -> list[str]:
    b_areas, a_areas = base.areas(), arch.areas()
    lines = ["| 部分 | 基线 | 归档 |", "| --- | ---: | ---: |"]
    for name, seconds in sorted(a_areas.items(), key=lambda kv: -kv[1]):
        if seconds >= least:
            lines.append(f"| `{name}` | {b_areas.get(name, 0.0):.1f} s | {seconds:.1f} s |")
    return lines


def tables(base: Profile, arch: Profile, title: str, least: float = 0.05) -> str:
    load = os.getloadavg()
    return "\n".join(
        [
            f"### {title}",
            "",
            f"cProfile，一次全量构建；结束时的负载平均值 {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f}"
            f"（{len(os.sched_getaffinity(0))} 个核）。累计时间；cProfile 本身使 Python 慢约一倍。",
            "",
            "#### 按阶段",
            "",
            *phase_table(base, arch),
            "",
            f"#### 按事件处理函数（归档，至少 {least:.2f} 秒）",
            "",
            *handler_table(arch, least),
            "",
            "#### 按部分（只计从外部进入的调用）",
            "",
            *area_table(base, arch, least),
        ]
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", type=int, default=0, help="synthetic issues")
    parser.add_argument("--real", type=int, default=0, help="copies of the real issues")
    parser.add_argument("--timer", choices=sorted(TIMERS), default="wall")
    parser.add_argument("--child", nargs=3, type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--output", type=Path, default=REPO / "_build/bench/profile.md")
    args = parser.parse_args(argv)
    if args.child:
        profile_build(*args.child, timer=args.timer)
        return
    from bench.run import prepare

    kind, count = ("real", args.real) if args.real else ("synthetic", args.synthetic or 500)
    with tempfile.TemporaryDirectory(prefix="newsletter-profile-") as tmp:
        root = Path(tmp)
        sites, items = prepare(kind, count, root / "src")
        profiles = {}
        for site, src in sites.items():
            prof = root / f"{site}.prof"
            child = [sys.executable, "-m", "bench.profile", "--timer", args.timer]
            child += ["--child", str(src), str(root / site), str(prof)]
            subprocess.run(child, check=True, cwd=REPO)
            profiles[site] = Profile(prof)
    what = "份真实期刊的副本" if kind == "real" else "期合成周报"
    title = f"{count} {what}（{items} 条新闻），{TIMER_NAMES[args.timer]}"
    text = tables(profiles[BASELINE], profiles[ARCHIVE], title)
    print(text)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
