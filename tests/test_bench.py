"""The benchmark's own logic, without timing anything: the one synthetic-archive
generator and the copies of the real issues write what the checker accepts, the
baseline gets the same news as plain MyST, a busy machine is told from our own
builds and never judged, the sites take turns, ratios are medians of rounds;
and ``bench/`` stands on its own (it never imports from ``tests/``)."""

from __future__ import annotations

import ast
import datetime as dt
import functools
import shlex
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO
from markdown_it import MarkdownIt
from mdit_py_plugins.colon_fence import colon_fence_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.myst_role import myst_role_plugin

from bench import load, profile, real, rounds, run, synthetic
from newsletter.cli import check
from newsletter.core.frontmatter import parse_issue


def test_a_synthetic_archive_is_clean_and_dated_weekly(tmp_path: Path) -> None:
    site = synthetic.copy_site(tmp_path / "site", issues=False)
    first = dt.date(2020, 1, 7)
    items = synthetic.write_issues(site, range(10, 14), first_date=first)
    assert [str(m) for m in check.check_archive(site)] == []
    written = sorted((site / "issues").glob("*.md"))
    assert [p.name for p in written] == ["010.md", "011.md", "012.md", "013.md"]
    issues = [parse_issue(p.read_text(encoding="utf-8"), f"issues/{p.stem}")[0] for p in written]
    assert [issue.date for issue in issues] == [first + dt.timedelta(weeks=k) for k in range(4)]
    assert [issue.title for issue in issues] == [synthetic.title(n) for n in range(10, 14)]
    texts = "".join(p.read_text(encoding="utf-8") for p in written)
    assert texts.count(":::{news}") == items and 4 * 15 <= items <= 4 * 25


def test_issues_can_be_written_weeks_apart(tmp_path: Path) -> None:
    first = dt.date(2020, 1, 7)
    synthetic.write_issues(tmp_path, range(1, 4), first_date=first, weeks_apart=10)
    written = sorted((tmp_path / "issues").glob("*.md"))
    dates = [
        parse_issue(p.read_text(encoding="utf-8"), f"issues/{p.stem}")[0].date for p in written
    ]
    assert dates == [first, first + dt.timedelta(weeks=10), first + dt.timedelta(weeks=20)]


def test_the_same_seed_writes_the_same_archive(tmp_path: Path) -> None:
    for name in ("a", "b"):
        synthetic.write_issues(tmp_path / name, range(1, 3))
    assert (tmp_path / "a/issues/002.md").read_text(encoding="utf-8") == (
        tmp_path / "b/issues/002.md"
    ).read_text(encoding="utf-8")


def test_bench_imports_nothing_from_tests() -> None:
    test_modules = {p.stem for p in (REPO / "tests").glob("*.py")} | {"tests"}
    for path in sorted((REPO / "bench").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            else:
                continue
            assert not {name.split(".")[0] for name in names} & test_modules, path.name
        assert '"tests"' not in path.read_text(encoding="utf-8"), path.name


# --- the harness's arithmetic: load, rounds, medians -------------------------------------


def _samples(*rates: float, cores_busy_by_us: float = 1.0) -> list[load.Sample]:
    """One sample a second: the machine busy ``rate`` + ours each second, ours at one core."""
    samples, machine, ours = [load.Sample(0.0, 0.0, 0.0)], 0.0, 0.0
    for second, rate in enumerate(rates, 1):
        machine += rate + cores_busy_by_us
        ours += cores_busy_by_us
        samples.append(load.Sample(float(second), machine, ours))
    return samples


def test_our_own_build_is_not_counted_as_load() -> None:
    samples = _samples(0.0, 0.0, 0.0, cores_busy_by_us=2.0)
    assert load.others(samples[0], samples[-1]) == 0.0
    assert load.peak_others(samples) == 0.0


def test_a_burst_shorter_than_the_window_is_averaged_out() -> None:
    samples = _samples(0, 0, 2.0, 0, 0, 0, 0, 0)
    assert load.peak_others(samples, window=5) == pytest.approx(0.4)
    assert load.Load(2, 0.0, load.others(samples[0], samples[-1]), 0.4).busy(0.5) is False


def test_sustained_work_of_others_makes_a_build_busy() -> None:
    samples = _samples(0, 0, 1.5, 1.5, 1.5, 1.5, 1.5, 0)
    peak = load.peak_others(samples, window=5)
    assert peak == pytest.approx(1.5)
    assert load.Load(2, 0.0, 0.9, peak).busy(0.5) is True
    assert load.Load(4, 0.0, 0.9, peak).busy(0.5) is False


def test_one_other_busy_process_makes_two_cores_busy_by_default() -> None:
    assert load.Load(2, 0.0, 1.0, 1.0).busy() is True
    assert load.Load(2, 0.1, 0.1, 0.3).busy() is False


def test_a_busy_machine_before_the_build_makes_it_busy() -> None:
    assert load.Load(2, 1.2, 0.0, 0.0).busy(0.5) is True
    assert load.Load(2, 0.8, 0.0, 0.0).busy(0.5) is False


def test_the_sites_take_turns_going_first() -> None:
    firsts = [rounds.order(i)[0] for i in range(4)]
    assert firsts == [rounds.ARCHIVE, rounds.BASELINE, rounds.ARCHIVE, rounds.BASELINE]
    assert all(set(rounds.order(i)) == {rounds.ARCHIVE, rounds.BASELINE} for i in range(4))


def test_the_ratio_is_the_median_of_each_rounds_ratio() -> None:
    # A slow moment hits both sites of round 2 and one odd round 3: the rounds
    # say 2, the ratio of the medians (24 / 30) would say 0.8.
    archive, baseline = [20.0, 90.0, 24.0], [10.0, 45.0, 30.0]
    assert rounds.median(archive) == 24.0
    assert rounds.median_ratio(archive, baseline) == 2.0
    with pytest.raises(ValueError):
        rounds.median_ratio([1.0], [1.0, 2.0])


def test_a_round_builds_each_step_for_both_sites_in_turn(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sites = {}
    for site in (run.ARCHIVE, run.BASELINE):
        sites[site] = tmp_path / site
        (sites[site] / "issues").mkdir(parents=True)
        (sites[site] / "issues/001.md").write_text(f"{site}\n", encoding="utf-8")
    calls = []

    def build(src: Path, out: Path, *extra: str) -> run.Build:
        text = (src / "issues/001.md").read_text(encoding="utf-8")
        calls.append((src.name, out.name, extra, text.endswith(run.EDIT)))
        return _build(1.0)

    monkeypatch.setattr(run, "sphinx", build)
    result = run.run_round(sites, tmp_path / "work", 1, 2)
    assert list(result) == list(run.STEPS)
    # Round 2: the baseline goes first at every step.
    assert [c[0] for c in calls] == [run.BASELINE, run.ARCHIVE] * len(run.STEPS)
    assert [c[1:3] for c in calls[-2:]] == [("out-j", ("-j", "auto"))] * 2
    assert [c[3] for c in calls] == [False] * 4 + [True] * 4
    for site, src in sites.items():
        assert (src / "issues/001.md").read_text(encoding="utf-8") == f"{site}\n"


def _build(seconds: float, busy: bool = False) -> run.Build:
    return run.Build(seconds, 100.0, load.Load(2, 1.5 if busy else 0.0, 0.0, 0.0))


def _corpus(count: int, busy: bool = False) -> run.Corpus:
    corpus = run.Corpus("synthetic", count, items=10)
    for ratio in (0.9, 1.2, 0.8):
        corpus.rounds.append(
            {
                step: {run.BASELINE: _build(10.0), run.ARCHIVE: _build(10.0 * ratio, busy)}
                for step in run.STEPS
            }
        )
    corpus.output_mb = corpus.page_kb = {run.BASELINE: 1.0, run.ARCHIVE: 2.0}
    return corpus


def _goal_rows(text: str) -> dict[str, list[str]]:
    """The rows of the Markdown goal tables, by their first cell."""
    parser = MarkdownIt("commonmark").enable("table")
    rows, cells = {}, []
    for token in parser.parse(text):
        if token.type == "tr_open":
            cells = []
        elif token.type == "inline" and cells is not None:
            cells.append(token.content)
        elif token.type == "tr_close" and len(cells) == 4 and cells[2].startswith("≤"):
            rows[cells[0]] = cells
    return rows


def test_goals_are_judged_on_a_quiet_machine() -> None:
    text = run.report(0.2, 2, [_corpus(500)], 0.5)
    rows = _goal_rows(text)
    assert rows["全量构建"][1:] == ["0.90×", "≤ 1.0×", "达到"]
    assert rows["无改动"][1:] == ["0.90×", "≤ 0.5×", "未达到"]
    assert rows["`-j auto` ÷ 归档串行"][3] == "未达到"


def test_goals_are_not_judged_when_one_build_was_busy() -> None:
    corpus = _corpus(500, busy=True)
    assert run.quiet(0.2, 2, [corpus], 0.5) is False
    rows = _goal_rows(run.report(0.2, 2, [corpus], 0.5))
    del rows["N → 2N"]  # not run: no verdict either way
    assert {cells[3] for cells in rows.values()} == {"不判定（机器繁忙）"}


def test_goals_are_not_judged_when_the_machine_was_busy_at_the_start() -> None:
    assert run.quiet(1.5, 2, [_corpus(500)], 0.5) is False
    assert run.quiet(1.5, 4, [_corpus(500)], 0.5) is True


def test_a_high_load_average_alone_does_not_make_the_run_busy() -> None:
    """The load average lags a minute and counts a test run that just ended.

    The machine's measured use before the start decides; the load average is
    only shown.
    """
    text = run.report(0.1, 2, [_corpus(500)], 0.25, start_load=1.9)
    assert _goal_rows(text)["全量构建"][3] == "达到"
    assert "1 分钟负载平均值 1.90" in text
    assert run.quiet(0.6, 2, [_corpus(500)], 0.25) is False


def test_goals_are_not_judged_at_another_size() -> None:
    assert _goal_rows(run.report(0.2, 2, [_corpus(10)], 0.5)) == {}


# --- copies of the real issues ------------------------------------------------------------


def test_copies_of_the_real_issues_are_renumbered_redated_and_clean(tmp_path: Path) -> None:
    site, baseline = synthetic.copy_site(tmp_path / "site", issues=False), tmp_path / "baseline"
    first = dt.date(2020, 1, 7)
    real.write_copies(site, 5, baseline_dir=baseline, first_date=first)
    assert [str(m) for m in check.check_archive(site)] == []
    written = sorted((site / "issues").glob("*.md"))
    issues = [parse_issue(p.read_text(encoding="utf-8"), f"issues/{p.stem}")[0] for p in written]
    assert [issue.number for issue in issues] == [1, 2, 3, 4, 5]
    assert [issue.date for issue in issues] == [first + dt.timedelta(weeks=k) for k in range(5)]
    originals = [parse_issue(p.read_text(encoding="utf-8"), p.stem)[0] for p in real.sources()]
    assert issues[3].summary == originals[3 % len(originals)].summary
    assert [f"第 {k} 期" in issue.title for k, issue in enumerate(issues, 1)] == [True] * 5


def _myst_tokens(text: str) -> list[Any]:
    parser = MarkdownIt("commonmark").use(front_matter_plugin).use(colon_fence_plugin)
    return parser.use(myst_role_plugin).parse(text)


def _first_href(inline: Any) -> str | None:
    links = [c.attrs["href"] for c in inline.children or [] if c.type == "link_open"]
    return links[0] if links else None


def test_the_baseline_gets_the_same_news_as_plain_myst(tmp_path: Path) -> None:
    site, baseline = tmp_path / "site", tmp_path / "baseline"
    real.write_copies(site, 2 * len(real.sources()), baseline_dir=baseline)
    for path in sorted((site / "issues").glob("*.md")):
        archive = _myst_tokens(path.read_text(encoding="utf-8"))
        plain = _myst_tokens((baseline / "issues" / path.name).read_text(encoding="utf-8"))
        news = [
            (t.info.removeprefix("{news}").strip(), t.content.split(":link:", 1)[1].split()[0])
            for t in archive
            if t.info.startswith("{news}")
        ]
        # Each news item: an h3 heading, then a paragraph that opens with its link.
        headed = [
            (plain[i + 1].content, _first_href(plain[i + 4]))
            for i, t in enumerate(plain)
            if t.type == "heading_open" and t.tag == "h3"
        ]
        assert news and [pair for pair in headed if pair in news] == news
        assert [t.type for t in plain if t.type in ("colon_fence", "myst_role")] == []
        assert [t.info for t in plain if t.type == "fence" and t.info.startswith("{")] == []


# --- make bench, make profile -------------------------------------------------------------


def _make_dry_run(*args: str) -> list[str]:
    """The words of the command ``make -n`` shows for ``args``' Python module."""
    result = subprocess.run(
        ["make", "-n", "-C", str(REPO), *args], capture_output=True, text=True, check=True
    )
    commands = result.stdout.replace("\\\n", " ").splitlines()
    return next(shlex.split(line) for line in commands if " -m bench." in line)


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_bench_passes_each_knob_as_one_word() -> None:
    words = _make_dry_run("bench", "BENCH_REAL=1; touch x", "BENCH_ROUNDS=2", "BENCH_SCALE=1")
    assert words[words.index("bench.run") + 1 :] == [
        "--real",
        "1; touch x",
        "--rounds",
        "2",
        "--scale",
    ]
    words = _make_dry_run("profile", "BENCH_SYNTHETIC=$(shell id)")
    assert words[words.index("bench.profile") + 1 :] == ["--synthetic", "$(shell id)"]


def _handler(app: object) -> None:
    """A stand-in for an event handler."""


class _Handlers:
    def method(self, app: object) -> None:
        """A handler that is a bound method."""


def test_a_handler_is_found_in_the_profile_by_its_code() -> None:
    key = ((code := _handler.__code__).co_filename, code.co_firstlineno, "_handler")
    assert profile.code_key(_handler) == key
    assert profile.code_key(functools.partial(_handler)) == key
    assert profile.code_key(_Handlers().method)[2] == "method"


@pytest.mark.parametrize(
    ("filename", "part"),
    [
        ("/s/_ext/newsletter/views/search/index.py", "newsletter/views/search/index"),
        ("/s/_ext/newsletter/views/feeds.py", "newsletter/views/feeds"),
        ("/s/_ext/newsletter/reading/directive.py", "newsletter/reading"),
        ("/v/lib/python3.11/site-packages/ablog/post.py", "ablog"),
        ("/v/lib/python3.11/site-packages/sphinxext/opengraph/__init__.py", "sphinxext-opengraph"),
        ("/v/lib/python3.11/site-packages/sphinx/builders/html/__init__.py", None),
        ("/s/_ext/newsletter/templates/layout.html", None),
    ],
)
def test_time_is_told_by_the_part_it_was_spent_in(filename: str, part: str | None) -> None:
    assert profile.area(filename) == part
