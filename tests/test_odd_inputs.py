"""The editors' commands on odd input: a located message each, never a traceback.

``make links`` with links httpx cannot parse, ``make new`` after an issue
dated in the year 9999, ``make check`` on files that are hardly issues, and
the Makefile itself, run for real with values that try to run a command.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import shutil
import socket
import subprocess
from pathlib import Path

import pytest
from conftest import MAKE, REPO, Project, issue_source, located, news

from newsletter.cli import check, http_client, links, new
from newsletter.core.link_health import HEALTH_FILE

TODAY = dt.date(2026, 12, 1)
#: A name only the stub resolver knows, for a loopback port where nothing
#: listens: the request fails at once, locally (issues may not link to a
#: loopback address as written).
CLOSED = "http://closed.test:9/closed"
UNPARSABLE = ("http://[::1/", "http://exa mple.com/page", "https://bad host.example/")


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), 1) if needle in line)


def _resolve(host: str, port: int) -> list[str]:
    if host == "closed.test":
        return ["127.0.0.1"]
    raise socket.gaierror(socket.EAI_NONAME, "unknown name")


def test_links_reports_unparsable_links_and_records_the_rest(
    project: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(http_client, "system_resolver", _resolve)
    for name in ("issues/001.md", "issues/002.md"):
        project.remove(name)
    items = "".join(news(f"条目 {n}", link=url) for n, url in enumerate((*UNPARSABLE, CLOSED)))
    source = issue_source(3, items)
    project.write("issues/003.md", source)
    argv = ["--root", str(project.src), "--allow-local", "--retries", "0", "--delay", "0"]
    assert links.main([*argv, "--timeout", "2", "--today", TODAY.isoformat()]) == 0
    err = capsys.readouterr().err.splitlines()
    expected = [f"issues/003.md:{_line_of(source, f':link: {url}')}:" for url in UNPARSABLE]
    assert sorted(line.split(" ", 1)[0] for line in err) == sorted(expected), err
    recorded = json.loads((project.src / HEALTH_FILE).read_text(encoding="utf-8"))["links"]
    assert list(recorded) == [CLOSED]
    assert recorded[CLOSED]["checked"] == TODAY.isoformat()
    # make check and the build say the same of those links, at the same lines.
    checked = {(m.path, m.problem.line) for m in check.check_archive(project.src)}
    assert {("issues/003.md", int(e.split(":")[1])) for e in expected} <= checked


def test_a_url_httpx_refuses_is_a_result_not_a_crash() -> None:
    politeness = links.Politeness(timeout=1, retries=0, delay=0, allow_local=True)
    results = asyncio.run(links.check_links(["http://[::1/"], politeness, TODAY))
    (result,) = results.values()
    assert result.verdict == "error" and result.error


def test_new_after_the_last_day_the_archive_accepts(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    # The last date an issue may carry (core/rules.py): a week later is out of range.
    project.write("issues/003.md", issue_source(3, news("末日"), date="2099-12-31"))
    assert new.main(["--root", str(project.src)]) == 2
    assert "请用 DATE=YYYY-MM-DD 指定第 4 期的日期" in capsys.readouterr().err
    assert not (project.src / "issues/004.md").exists()
    assert new.main(["--root", str(project.src), "--date", "2025-01-07"]) == 0
    assert (project.src / "issues/004.md").is_file()


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--number", "0", "期号应为 1 到 999999 之间的整数"),
        ("--number", "-3", "期号应为"),
        ("--number", "３", "期号应为"),  # a full-width digit
        ("--number", "9" * 400, "期号应为"),
        ("--date", "20240101", "日期应为 YYYY-MM-DD"),
        ("--date", "2024-02-30", "日期应为 YYYY-MM-DD"),
        ("--date", "10000-01-01", "日期应为 YYYY-MM-DD"),
    ],
)
def test_new_refuses_odd_values(
    project: Project, capsys: pytest.CaptureFixture[str], option: str, value: str, message: str
) -> None:
    with pytest.raises(SystemExit) as exit_:
        new.main(["--root", str(project.src), option, value])
    assert exit_.value.code == 2
    assert message in capsys.readouterr().err


ODD_FILES = {
    "issues/003.md": b"",
    "issues/004.md": b"---\n---\n",
    "issues/005.md": b"\xff\xfe\x00\x01 not text",
    "issues/006.md": b"---\nnumber: 6\ndate: 9999-12-31\ntitle: [\n---\n",
    "issues/007.md": "---\nnumber: 7\ndate: 0001-01-01\ntitle: 第 7 期\u2028末\nsummary: |\n"
    "  多行\n  摘要\nauthors: {a: 1}\neditor: 1\n---\n\n## 栏\n\n:::{news}\n".encode(),
    "issues/008.md": b"---\nnumber: 99999999999999999999\ndate: 2024-13-45\n---\n",
}


def test_check_reports_odd_files_without_a_traceback(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    for path, data in ODD_FILES.items():
        (project.src / path).write_bytes(data)
    assert check.main(["--root", str(project.src)]) == 1
    out = capsys.readouterr().out
    reported = {line.split(":", 1)[0] for line in out.splitlines() if ": 错误：" in line}
    assert reported >= set(ODD_FILES)


needs_make = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


@needs_make
@pytest.mark.parametrize(
    ("target", "assignment", "message"),
    [
        ("new", "NUMBER=3; touch {canary}", "期号应为"),
        ("new", "NUMBER=3 4", "期号应为"),
        ("new", "DATE=$(touch {canary})", "日期应为 YYYY-MM-DD"),
        ("new", "DATE=$(shell touch {canary})", "日期应为 YYYY-MM-DD"),
        ("new", "DATE=`touch {canary}`", "日期应为 YYYY-MM-DD"),
        ("wechat", "N=3; touch {canary}", "期号 N 应为正整数"),
        ("email", "N=$(touch {canary})", "期号 N 应为正整数"),
        ("wechat", "N=0", "期号 N 应为正整数"),
        ("import", "SRC=x'; touch {canary}; '", "文件不存在"),
        ("import", "SRC=no such file.md", "文件不存在"),
        ("import", "NUMBER=$(shell touch {canary})", "用法：make import"),
    ],
)
def test_make_runs_nothing_an_editor_typed(
    tmp_path: Path, target: str, assignment: str, message: str
) -> None:
    canary = tmp_path / "pwned"
    before = sorted(p.name for p in (REPO / "issues").iterdir())
    result = subprocess.run(
        [*MAKE, target, assignment.format(canary=canary)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert message in result.stdout + result.stderr
    assert not canary.exists()
    assert sorted(p.name for p in (REPO / "issues").iterdir()) == before


def test_the_build_reports_unparsable_links_as_the_checker_does(project: Project) -> None:
    items = "".join(news(f"条目 {n}", link=url) for n, url in enumerate(UNPARSABLE))
    project.write("issues/003.md", issue_source(3, items))
    project.build()
    built = {m for m in located(project.warnings.splitlines()) if m[0] == "issues/003.md"}
    checked = located(
        str(m) for m in check.check_archive(project.src) if m.problem.severity == "error"
    )
    assert built == {m for m in checked if m[0] == "issues/003.md"}
    assert len(built) == len(UNPARSABLE)
    assert len(project.html("issues/003.html").select("article.news-item")) == len(UNPARSABLE)
