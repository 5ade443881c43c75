"""``make import`` holds a published post's front matter to the archive's schema.

A Hugo post whose title (YAML or TOML) holds line breaks or markup is written
as one plain line, and the summary says, per field, what was changed; a bad
date, or any other broken source, is one located message while the rest of
the batch goes on.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Project

from newsletter.cli import check, importer
from newsletter.core.frontmatter import parse_issue, read_front_matter

BODY = "\n## 业界要闻\n\n1. [**标题一**](https://example.com/one)：正文一。\n"

YAML_TITLE = """\
---
title: "云原生周报第 7 期\\n\\n```{literalinclude} ../../outside/secret.txt\\n```"
date: 2020-01-07
summary: "*本期* &lt;b&gt;要点&lt;/b&gt;"
authors: ["[张三](https://example.com/z)", "<b>李四</b>", "王五\\n\\n:::{news} 注入"]
editor: "**赵六**"
tags: ["<i>安全</i>", "云原生"]
---
"""

TOML_TITLE = '''\
+++
title = """云原生周报
第 8 期 {raw}`html`"""
date = 2020-01-14
authors = ["甲"]
editor = "乙"
+++
'''


def _import(tmp_path: Path, project: Project, name: str, text: str) -> importer.Outcome:
    source = tmp_path / name
    source.write_text(text + BODY, encoding="utf-8")
    registry = importer.load_registry(project.src / importer.REGISTRY_FILE)[0]
    return importer.import_file(source, project.src, registry)


def test_a_yaml_title_with_a_fence_is_written_as_one_plain_line(
    project: Project, tmp_path: Path
) -> None:
    outcome = _import(tmp_path, project, "weekly-07.md", YAML_TITLE)
    assert outcome.status == "written"
    written = (project.src / "issues/007.md").read_text(encoding="utf-8")
    issue, problems = parse_issue(written, "issues/007")
    assert problems == [] and issue is not None
    assert issue.title == "第 7 期"  # the fence, with its code, could not be made text
    assert issue.summary == "第 7 期"  # "本期 <b>要点</b>" once decoded is a tag
    assert issue.authors == ("张三", "李四")
    assert issue.editor == "赵六"
    # "<i>安全</i>" is rewritten to a plain line; then, as the importer keeps
    # only the tags it knows when it knows any (docs/editors.md), 云原生 stays.
    assert issue.tags == ("云原生",)
    front, _ = read_front_matter(written)
    assert front is not None
    assert all("\n" not in str(value) for value in front.data.values())
    report = [line for line in importer.summary(outcome) if line.startswith("  已改写：")]
    rewritten = {line.split("字段 ", 1)[1].split(" 不是", 1)[0] for line in report}
    assert rewritten == {
        "title",
        "summary",
        "authors 第 1 项",
        "authors 第 2 项",
        "authors 第 3 项",
        "editor",
        "tags 第 1 项",
    }, report
    errors = [m for m in check.check_archive(project.src) if m.problem.severity == "error"]
    assert [str(m) for m in errors if m.path == "issues/007.md"] == []


def test_a_toml_title_over_two_lines_is_joined(project: Project, tmp_path: Path) -> None:
    outcome = _import(tmp_path, project, "weekly-08.md", TOML_TITLE)
    assert outcome.status == "written"
    issue, problems = parse_issue(
        (project.src / "issues/008.md").read_text(encoding="utf-8"), "issues/008"
    )
    assert problems == [] and issue is not None
    assert issue.title == "云原生周报 第 8 期"  # joined, and the role left out
    (line,) = [line for line in importer.summary(outcome) if "已改写" in line]
    assert "字段 title" in line and "含有换行或控制字符" in line
    assert "改为“云原生周报 第 8 期”" in line


def test_a_title_only_broken_over_lines_keeps_its_words(project: Project, tmp_path: Path) -> None:
    text = YAML_TITLE.split("\n")
    text[1] = 'title: "云原生周报\\n第 9 期\\u2028回顾"'
    outcome = _import(tmp_path, project, "weekly-09.md", "\n".join(text))
    assert outcome.status == "written"
    assert outcome.imported is not None
    assert outcome.imported.issue.title == "云原生周报 第 9 期 回顾"


BAD_SOURCES = {
    "yaml-date.md": ("---\ntitle: 第 11 期\ndate: 2019-13-45\n---\n", 3, "date 无法识别"),
    "yaml-date-quoted.md": ('---\ntitle: 第 12 期\ndate: "2019-02-30"\n---\n', 3, "date 无法识别"),
    "toml-date.md": ('+++\ntitle = "第 13 期"\ndate = 2019-13-45\n+++\n', 3, "不是合法的 TOML"),
    "no-date.md": ("---\ntitle: 第 14 期\n---\n", 1, "date 无法识别"),
    "date-list.md": ("---\ntitle: 第 15 期\ndate: [1, 2]\n---\n", 3, "date 无法识别"),
    "empty.md": ("", 1, "缺少 front matter"),
    "unclosed.md": ("---\ntitle: x\n", 1, "缺少 front matter"),
    "yaml-broken.md": ("---\ntitle: [x\ndate: 2019-01-01\n---\n", 3, "不是合法的 YAML"),
    "yaml-list.md": ("---\n- a\n---\n", 2, "应是 “字段: 值” 的映射"),
    "title-number.md": ("---\ntitle: 42\ndate: 2019-01-01\n---\n", 1, "缺少 title"),
}


def test_a_batch_goes_on_past_bad_sources(
    project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "posts"
    folder.mkdir()
    for name, (text, _, _) in BAD_SOURCES.items():
        (folder / name).write_text(text + BODY, encoding="utf-8")
    (folder / "zz-good.md").write_text(
        "---\ntitle: 第 20 期\ndate: 2020-05-05\n---\n" + BODY, encoding="utf-8"
    )
    (folder / "binary.md").write_bytes(b"\xff\xfe\x00garbage")
    status = importer.main(["--root", str(project.src), str(folder)])
    out = capsys.readouterr().out
    assert status == 1
    for name, (_, line, message) in BAD_SOURCES.items():
        (reported,) = [row for row in out.splitlines() if row.startswith(f"{folder / name}:")]
        assert reported.startswith(f"{folder / name}:{line}: 错误：") and message in reported
    assert [row for row in out.splitlines() if row.startswith(f"{folder / 'binary.md'}:1: 错误")]
    assert (project.src / "issues/020.md").is_file()
    assert f"共 {len(BAD_SOURCES) + 2} 个文件，1 个成功" in out
