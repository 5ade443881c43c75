"""How busy the machine is around each build, so that a busy run is never judged.

The 1-minute load average is a poor witness during a benchmark: it counts the
benchmark's own build (one core for a serial build, every core for ``-j
auto``) and lags a minute behind, so a benchmark started right after another
command (a test run) was judged busy on a quiet machine. So before the
benchmark starts, the machine's use is measured over :data:`START_SECONDS`
(:func:`before_build`; the load average is recorded, never judged), and around each build the
machine's CPU time (``/proc/stat``) is compared with the CPU time of the
build's own process tree (``/proc/PID/stat`` of the build and every live
descendant, Pagefind included) and of the harness itself: the difference is
what *other* processes used, in cores.

A run is busy when, before it or in any :data:`PEAK_WINDOW`-second window
during it, other processes used more than ``max_load`` x cores
(:data:`MAX_LOAD_PER_CORE` unless ``--max-load`` says otherwise). Linux only,
like the rest of the benchmark (``/proc`` needs no extra dependency).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

#: Cores other processes may use, per core of the machine, before a run is busy.
#: A quarter: on two cores, one other single-threaded process (one core) is
#: busy, well clear of the limit, where half would put it right on the line.
MAX_LOAD_PER_CORE = 0.25
#: Seconds between two samples during a build.
SAMPLE_SECONDS = 1.0
#: The window over which a peak of other processes' use is averaged: shorter
#: bursts (an editor saving, a ``git status``) do not make a run busy.
PEAK_WINDOW = 5
#: Seconds over which the machine's use is sampled just before each build.
BEFORE_SECONDS = 1.0
#: Seconds over which the machine's use is sampled before the benchmark starts.
START_SECONDS = 5.0

_TICK = os.sysconf("SC_CLK_TCK")


def cores() -> int:
    """The CPUs this process may run on (what ``-j auto`` uses too)."""
    return len(os.sched_getaffinity(0))


def machine_cpu() -> float:
    """Seconds of CPU time the whole machine has spent busy since boot."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    idle = values[3] + values[4]  # idle and iowait
    return (sum(values) - idle) / _TICK


def tree_cpu(root: int) -> float:
    """CPU seconds of process ``root`` and its live descendants, with the
    children each of them has already reaped (``cutime`` and ``cstime``)."""
    parent, spent = {}, {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # the process ended while we looked
            continue
        fields = stat.rsplit(")", 1)[1].split()
        pid = int(entry.name)
        parent[pid] = int(fields[1])
        spent[pid] = sum(int(v) for v in fields[11:15]) / _TICK
    tree, frontier = {root}, [root]
    while frontier:
        current = frontier.pop()
        children = [pid for pid, ppid in parent.items() if ppid == current and pid not in tree]
        tree.update(children)
        frontier.extend(children)
    return sum(spent.get(pid, 0.0) for pid in tree)


@dataclass(frozen=True)
class Sample:
    """At ``at`` seconds: the machine's busy CPU seconds and ours (build and harness)."""

    at: float
    machine: float
    ours: float


def others(first: Sample, last: Sample) -> float:
    """Cores other processes used on average between two samples."""
    span = last.at - first.at
    if span <= 0:
        return 0.0
    return max(0.0, (last.machine - first.machine) - (last.ours - first.ours)) / span


def peak_others(samples: Sequence[Sample], window: int = PEAK_WINDOW) -> float:
    """The highest average use of other processes over ``window`` consecutive
    intervals (over all of them when there are fewer)."""
    if len(samples) < 2:
        return 0.0
    step = min(window, len(samples) - 1)
    return max(others(samples[i], samples[i + step]) for i in range(len(samples) - step))


@dataclass(frozen=True)
class Load:
    """The machine around one build: what others used before it and during it."""

    cores: int
    before: float
    mean: float
    peak: float
    #: The 1-minute load average as the build started (ours included: recorded, not judged).
    loadavg: float = 0.0

    def busy(self, max_load: float = MAX_LOAD_PER_CORE) -> bool:
        limit = max_load * self.cores
        return self.before > limit or self.peak > limit


def before_build(seconds: float = BEFORE_SECONDS) -> float:
    """Cores the machine used over ``seconds`` while nothing of ours runs."""
    first = Sample(time.perf_counter(), machine_cpu(), time.process_time())
    time.sleep(seconds)
    return others(first, Sample(time.perf_counter(), machine_cpu(), time.process_time()))


class Watch:
    """Samples the machine and one build's process tree in a thread.

    The caller waits for the build to exit without reaping it (``waitid``
    with ``WNOWAIT``), calls :meth:`halt`, reaps it with ``wait4`` and hands
    its exact CPU time to :meth:`load` for the last sample: a reaped process
    can no longer be read, and a sample taken then would count the build's
    time as someone else's.
    """

    def __init__(self, pid: int, before: float) -> None:
        self.pid, self.before = pid, before
        self.loadavg = os.getloadavg()[0]
        self.samples = [self._sample()]
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _sample(self, build_cpu: float | None = None) -> Sample:
        build = tree_cpu(self.pid) if build_cpu is None else build_cpu
        return Sample(time.perf_counter(), machine_cpu(), build + time.process_time())

    def _run(self) -> None:
        while not self._done.wait(SAMPLE_SECONDS):
            self.samples.append(self._sample())

    def halt(self) -> None:
        self._done.set()
        self._thread.join()

    def load(self, build_cpu: float) -> Load:
        self.samples.append(self._sample(build_cpu))
        return Load(
            cores(),
            self.before,
            others(self.samples[0], self.samples[-1]),
            peak_others(self.samples),
            self.loadavg,
        )
