"""Pull requests: the workflow, the checker's annotations, the pre-commit hook."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO, ROOTS, issue_source, news

from newsletter.cli.annotations import escape_data, escape_property, workflow_command
from newsletter.core.model import Problem

WORKFLOW = REPO / ".github" / "workflows" / "pr.yml"


def run_check(root: Path, *args: str, github: bool) -> subprocess.CompletedProcess[str]:
    """``make check`` as a process, inside or outside GitHub Actions."""
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    if github:
        env["GITHUB_ACTIONS"] = "true"
    return subprocess.run(
        [sys.executable, "-m", "newsletter.cli.check", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def bad_archive(tmp_path: Path) -> Path:
    """An archive whose issue 1 has an unknown project and a link that is not http(s)."""
    root = tmp_path / "archive"
    (root / "issues").mkdir(parents=True)
    (root / "docs").mkdir()
    # The tools speak the site's language, which its conf.py names.
    (root / "conf.py").write_text('language = "zh_CN"\n', encoding="utf-8")
    (root / "docs" / "projects.yaml").write_bytes(
        (ROOTS / "test-basic" / "docs" / "projects.yaml").read_bytes()
    )
    items = news("坏条目", link="ftp://example.com/x", projects="Istoi")
    (root / "issues" / "001.md").write_text(issue_source(1, items), encoding="utf-8")
    return root


def test_the_workflow_checks_builds_and_tests_every_pull_request() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    # PyYAML reads the key `on` as True (YAML 1.1).
    triggers = workflow.get("on", workflow.get(True))
    assert "pull_request" in triggers
    (job,) = workflow["jobs"].values()
    assert job["container"] == "python:3.11-bookworm"
    steps = job["steps"]
    assert steps[0]["uses"].startswith("actions/checkout@")
    runs = [step.get("run", "") for step in steps]
    install = next(run for run in runs if "apt-get install" in run)
    assert {"chromium", "fonts-noto-cjk", "default-jre-headless"} <= set(install.split())
    makes = [run.strip() for run in runs if run.strip().startswith("make ")]
    assert makes == ["make check", "make html", "make test"]
    assert runs.index(install) < runs.index("make check")


def test_under_github_actions_each_message_is_also_an_annotation(bad_archive: Path) -> None:
    plain = run_check(bad_archive, github=False)
    annotated = run_check(bad_archive, github=True)
    assert plain.returncode == annotated.returncode == 1
    assert not [line for line in plain.stdout.splitlines() if line.startswith("::")]
    lines = annotated.stdout.splitlines()
    assert lines[: len(plain.stdout.splitlines()) - 1] == plain.stdout.splitlines()[:-1]
    assert [line for line in lines if line.startswith("::")] == [
        # In the data, only %, CR and LF are escaped: the colons stay.
        "::error file=issues/001.md,line=13::来源链接 'ftp://example.com/x' 无效"
        "（不支持的协议 ftp:），只接受 http(s) 地址",
        "::error file=issues/001.md,line=14::未知项目 'Istoi'（不在 docs/projects.yaml 中），"
        "是否应为 istio？",
    ]


def test_workflow_commands_escape_as_github_documents() -> None:
    assert escape_data("50% 完成\r\n下一行") == "50%25 完成%0D%0A下一行"
    assert escape_property("a,b:c%d") == "a%2Cb%3Ac%25d"
    problem = Problem(3, "草稿", "info")
    assert (
        workflow_command("issues/a,b.md", problem) == "::notice file=issues/a%2Cb.md,line=3::草稿"
    )


PRE_COMMIT = REPO / ".pre-commit-config.yaml"


def pre_commit_hooks() -> dict[str, dict]:
    config = yaml.safe_load(PRE_COMMIT.read_text(encoding="utf-8"))
    return {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}


def test_pre_commit_runs_the_linters_of_make_lint_and_the_archive_check() -> None:
    config = yaml.safe_load(PRE_COMMIT.read_text(encoding="utf-8"))
    (ruff,) = [repo for repo in config["repos"] if repo["repo"].endswith("/ruff-pre-commit")]
    pinned = (REPO / "tests" / "requirements.txt").read_text(encoding="utf-8")
    assert f"ruff=={ruff['rev'].removeprefix('v')}" in pinned.splitlines()
    hooks = pre_commit_hooks()
    assert {"ruff-check", "ruff-format", "archive-check"} <= set(hooks)
    local = hooks["archive-check"]
    assert local["language"] == "system"
    assert re.search(local["files"], "issues/004.md")
    assert not re.search(local["files"], "docs/editors.md")


def test_the_hook_reports_the_committed_issue_against_the_whole_archive(
    bad_archive: Path, tmp_path: Path
) -> None:
    # Issue 1 has errors of its own; issue 3 repeats issue 2's link.
    for number, project in ((2, "Istoi"), (3, "istio")):
        items = news("条目", link="https://example.com/story", projects=project)
        path = bad_archive / "issues" / f"{number:03d}.md"
        path.write_text(issue_source(number, items), encoding="utf-8")
    # The hook runs the command `make` installed into the archive's .venv.
    (bad_archive / ".venv").symlink_to(REPO / ".venv")
    subprocess.run(["git", "init", "-q", str(bad_archive)], check=True)
    subprocess.run(["git", "-C", str(bad_archive), "add", "issues"], check=True)
    entry = shlex.split(pre_commit_hooks()["archive-check"]["entry"])

    def hook(*files: str) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
        return subprocess.run(
            [*entry, *files], cwd=bad_archive, env=env, capture_output=True, text=True
        )

    committed = hook("issues/002.md")
    assert committed.returncode == 1
    assert committed.stdout.splitlines() == [
        "issues/002.md:14: 错误：未知项目 'Istoi'（不在 docs/projects.yaml 中），是否应为 istio？",
        "共 1 个错误，0 个警告",
    ]
    repeat = hook("issues/003.md")
    assert repeat.returncode == 0
    assert repeat.stdout.splitlines() == [
        "issues/003.md:13: 警告：来源链接已在第 2 期报道：https://example.com/story",
        "共 0 个错误，1 个警告",
    ]
    outside = hook(str(tmp_path / "elsewhere.md"))
    assert outside.returncode == 2
    assert "文件不在归档" in outside.stderr
