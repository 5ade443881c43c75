"""``make new``: the next number and date, a template that builds, no overwrite."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import Project

from newsletter.cli import check, new
from newsletter.core.settings import DEFAULTS

TODAY = dt.date(2024, 3, 1)


def test_follows_the_last_issue_by_one_week(project: Project) -> None:
    assert new.main(["--root", str(project.src)], today=TODAY) == 0
    created = project.src / "issues" / "003.md"
    text = created.read_text(encoding="utf-8")
    assert "number: 3\ndate: 2024-01-16\n" in text
    assert "draft: true" in text


def test_date_and_number_can_be_given(project: Project) -> None:
    argv = ["--root", str(project.src), "--date", "2019-05-14", "--number", "7"]
    assert new.main(argv, today=TODAY) == 0
    text = (project.src / "issues" / "007.md").read_text(encoding="utf-8")
    assert "number: 7\ndate: 2019-05-14\n" in text


def test_an_empty_archive_starts_at_one_today(tmp_path: Path) -> None:
    assert new.main(["--root", str(tmp_path)], today=TODAY) == 0
    assert "number: 1\ndate: 2024-03-01\n" in (tmp_path / "issues" / "001.md").read_text()


def test_never_overwrites(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    before = (project.src / "issues" / "002.md").read_text(encoding="utf-8")
    assert new.main(["--root", str(project.src), "--number", "2"], today=TODAY) == 1
    assert (project.src / "issues" / "002.md").read_text(encoding="utf-8") == before
    assert capsys.readouterr().err.strip() == (
        "issues/002.md: 错误：第 2 期已存在，不会覆盖；用 NUMBER= 指定其他期号"
    )


def test_a_bad_date_is_a_message(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        new.main(["--root", str(project.src), "--date", "5月14日"], today=TODAY)
    assert exit_.value.code == 2
    assert "日期应为 YYYY-MM-DD，而不是 '5月14日'" in capsys.readouterr().err


def test_the_new_issue_checks_and_builds_cleanly(project: Project) -> None:
    assert new.main(["--root", str(project.src)], today=TODAY) == 0
    messages = [str(m) for m in check.check_archive(project.src)]
    assert messages == ["issues/003.md:1: 提示：本期是草稿（draft: true）：已检查，但不会发布"]
    project.build(confoverrides={"newsletter_drafts": 1})
    assert project.warning_lines() == []
    page = project.html("issues/003.html")
    assert page.find("article", class_="news-item") is not None
    assert [h.get_text().rstrip("¶") for h in page.find_all("h2")][:4] == list(DEFAULTS.sections)
