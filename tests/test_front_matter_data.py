"""Front matter is data: no value becomes document source, and the page shows none refused.

One archive holds an issue per spelling of an attack (or of harmless text)
in one front-matter field. It is built once, without ``-W`` so that it runs
to the end, and checked with ``make check``'s own function. Every refused
value must be one located error, the same in both; the issue page must have
exactly one ``h1``, the plain title (or "第 N 期" when it was refused), one
news item and nothing of the value; the body's messages keep their lines;
and no file from outside the source tree may reach any output.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOTS, Project, located, site_with_more_issues

from newsletter.cli import check
from newsletter.core.frontmatter import parse_issue
from newsletter.core.plaintext import markup_in

CANARY = "CANARY-fm26-7d1e"
#: Every refused value carries this word; none may reach an output file.
MARK = "INJECTED"
FIELDS = ("title", "summary", "authors", "editor", "publisher", "tags")

TEMPLATE = """\
---
number: {number}
date: 2024-02-01
title: 测试周报第 {number} 期
summary: 摘要 {number}。
authors: [甲, 乙]
editor: 丙
publisher: 出品方
tags: [测试]
---

## 业界要闻

:::{{news}} 正常条目 {number}
:link: https://example.com/{number}

正文，带一个不允许的角色 {{kbd}}`Ctrl`。
:::
"""


@dataclass(frozen=True)
class Case:
    field: str
    #: The field's YAML, as written in the file (one or more lines).
    yaml: str
    #: What the message says after "字段 '<field>' ...".
    reason: str
    #: The title shown on the page; None means "the template's title".
    heading: str | None = None


OUTSIDE = "../../outside/secret.txt"
CASES = {
    # A line break, spelled every way YAML allows.
    "title-quoted-newline-literalinclude": Case(
        "title",
        f'title: "第 X 期 {MARK}\\n\\n```{{literalinclude}} {OUTSIDE}\\n```\\n"',
        "含有换行或控制字符",
        "第 {n} 期",
    ),
    "title-block-literal-news": Case(
        "title",
        f"title: |\n  第 X 期\n\n  :::{{news}} {MARK} 注入的条目\n  :link: https://evil.example/\n\n"
        "  注入的正文\n  :::",
        "含有换行或控制字符",
        "第 {n} 期",
    ),
    "title-block-folded-raw": Case(
        "title",
        f"title: >\n  第 X 期\n\n  ```{{raw}} html\n  <script>alert('{MARK}')</script>\n  ```",
        "含有换行或控制字符",
        "第 {n} 期",
    ),
    "title-escaped-u2028": Case(
        "title",
        f'title: "第 X 期\\u2028{{raw}}`html` {MARK}"',
        "含有换行或控制字符",
        "第 {n} 期",
    ),
    "title-escaped-nel-include": Case(
        "title",
        f'title: "{MARK}\\N```{{include}} {OUTSIDE}"',
        "含有换行或控制字符",
        "第 {n} 期",
    ),
    "title-cr": Case("title", f'title: "{MARK}\\r# 第二个标题"', "含有换行或控制字符", "第 {n} 期"),
    # Markup on one line.
    "title-fence-one-line": Case(
        "title", f"title: '{MARK} ```{{include}} {OUTSIDE}'", "含有代码块或指令的围栏", "第 {n} 期"
    ),
    "title-colon-fence": Case(
        "title", f"title: ':::{{news}} {MARK}'", "含有代码块或指令的围栏", "第 {n} 期"
    ),
    "title-role": Case(
        "title", f"title: '{MARK} {{download}}`{OUTSIDE}`'", "含有反引号", "第 {n} 期"
    ),
    "title-directive-name": Case(
        "title", f"title: '{MARK} {{raw}} html'", "含有 MyST 角色或指令名 {raw}", "第 {n} 期"
    ),
    "title-emphasis": Case(
        "title", f"title: '*{MARK}* 第 X 期'", "含有 Markdown 强调", "第 {n} 期"
    ),
    "title-strong": Case("title", f"title: '__{MARK}__'", "含有 Markdown 加粗", "第 {n} 期"),
    "title-link": Case(
        "title",
        f"title: '[{MARK}](https://evil.example/)'",
        "含有 Markdown 链接",
        "第 {n} 期",
    ),
    "title-tag": Case(
        "title",
        f"title: '<img src=x onerror=alert(1)>{MARK}'",
        "含有 HTML 标签",
        "第 {n} 期",
    ),
    "title-entity-named": Case(
        "title", f"title: '&lt;script&gt;{MARK}'", "含有 HTML 字符实体", "第 {n} 期"
    ),
    "title-entity-decimal": Case(
        "title", f"title: '&#60;script&#62;{MARK}'", "含有 HTML 字符实体", "第 {n} 期"
    ),
    "title-entity-hex": Case(
        "title", f"title: '&#x3c;b&#x3E;{MARK}'", "含有 HTML 字符实体", "第 {n} 期"
    ),
    "title-backslash-escape": Case(
        "title", f"title: '\\*{MARK}\\*'", "含有 Markdown 反斜杠转义", "第 {n} 期"
    ),
    # Other fields.
    "summary-block-raw": Case(
        "summary",
        f"summary: |\n  摘要\n\n  ```{{raw}} html\n  <script>{MARK}</script>\n  ```",
        "含有换行或控制字符",
    ),
    "summary-tag": Case("summary", f"summary: '<b>{MARK}</b>'", "含有 HTML 标签"),
    "editor-entity": Case("editor", f"editor: '&amp;{MARK}'", "含有 HTML 字符实体"),
    "editor-newline-literalinclude": Case(
        "editor",
        f'editor: "{MARK}\\n\\n```{{literalinclude}} {OUTSIDE}\\n```"',
        "含有换行或控制字符",
    ),
    "publisher-link": Case(
        "publisher", f"publisher: '[{MARK}](https://evil.example/)'", "含有 Markdown 链接"
    ),
    "authors-item-emphasis": Case(
        "authors", f"authors: [甲, '**{MARK}**']", "的第 2 项应为一行纯文本：含有 Markdown 加粗"
    ),
    "authors-item-newline-raw": Case(
        "authors",
        f'authors:\n  - 甲\n  - "{MARK}\\n\\n```{{raw}} html\\n<script>x</script>\\n```"',
        "的第 2 项应为一行纯文本：含有换行或控制字符",
    ),
    "authors-item-role": Case(
        "authors", f"authors: ['{{term}}`{MARK}`']", "的第 1 项应为一行纯文本：含有反引号"
    ),
    "tags-item-tag": Case(
        "tags",
        f"tags: [测试, '<svg onload=alert(1)>{MARK}']",
        "的第 2 项应为一行纯文本：含有 HTML 标签",
    ),
}

#: Plain text that must pass untouched, punctuation included.
PLAIN_TITLES = {
    "chinese-punctuation": "云原生周报《第 X 期》：K8s、Istio，一周回顾！",
    "ascii-symbols": "K8s* 与 snake_case：5 * 3 = 15，AT&T 和 R&D（[KEP] 1287）",
    "full-width": "全角符号＜＞＆＊＿｀",
}


def _issue(number: int, field: str, yaml: str) -> str:
    lines = TEMPLATE.format(number=number).split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith(f"{field}:"))
    lines[index : index + 1] = yaml.replace("第 X 期", f"第 {number} 期").split("\n")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, dict[str, int]]:
    """The archive, built once: each case is an issue, numbered from 3."""
    base = tmp_path_factory.mktemp("fm")
    outside = base / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(f"{CANARY}\n", encoding="utf-8")
    src = base / "src"
    shutil.copytree(ROOTS / "test-basic", src)
    project = Project(src)
    numbers: dict[str, int] = {}
    cases = [(name, case.field, case.yaml) for name, case in CASES.items()]
    cases += [(name, "title", f"title: {text}") for name, text in PLAIN_TITLES.items()]
    for number, (name, field, yaml) in enumerate(cases, 3):
        numbers[name] = number
        project.write(f"issues/{number:03d}.md", _issue(number, field, yaml))
    project.build()
    return project, numbers


def _h1_texts(page: BeautifulSoup) -> list[str]:
    for anchor in page.select("h1 a.headerlink"):
        anchor.decompose()
    return [h1.get_text() for h1 in page.select("h1")]


def _messages(project: Project, path: str) -> tuple[set, set]:
    built = {m for m in located(project.warnings.splitlines()) if m[0] == path}
    checked = located(
        str(m)
        for m in check.check_archive(project.src)
        if m.problem.severity == "error" and m.path == path
    )
    return built, checked


@pytest.mark.parametrize("name", list(CASES))
def test_a_refused_value_is_one_located_error_and_never_published(
    archive: tuple[Project, dict[str, int]], name: str
) -> None:
    project, numbers = archive
    case, number = CASES[name], numbers[name]
    path = f"issues/{number:03d}.md"
    source = (project.src / path).read_text(encoding="utf-8")
    lines = source.split("\n")
    field_line = next(i for i, line in enumerate(lines, 1) if line.startswith(f"{case.field}:"))
    body_line = next(i for i, line in enumerate(lines, 1) if "{kbd}" in line)

    built, checked = _messages(project, path)
    assert built == checked
    field_messages = [m for m in built if m[2].startswith(f"字段 '{case.field}'")]
    assert [(line, case.reason in message) for _, line, message in field_messages] == [
        (field_line, True)
    ], built
    # The body's messages keep their lines, however many lines the value took.
    assert any(line == body_line and "{kbd}" in message for _, line, message in built), built

    page = project.html(f"issues/{number:03d}.html")
    expected = (case.heading or "测试周报第 {n} 期").format(n=number)
    assert _h1_texts(page) == [expected]
    assert len(page.select("article.news-item")) == 1
    assert [i["title"] for i in project.news()["items"] if i["issue"] == number] == [
        f"正常条目 {number}"
    ]
    assert not [s for s in page.find_all("script") if MARK in (s.string or "")]
    assert MARK not in page.get_text()


def test_no_value_reaches_any_output(archive: tuple[Project, dict[str, int]]) -> None:
    project, _ = archive
    leaks = []
    for path in project.outdir.rglob("*"):
        if not path.is_file() or "_sources" in path.parts:
            continue  # _sources/ is the editor's own file, published as plain text
        data = path.read_bytes()
        if CANARY.encode() in data or MARK.encode() in data:
            leaks.append(path.relative_to(project.outdir).as_posix())
    assert leaks == []
    assert MARK not in json.dumps(project.news(), ensure_ascii=False)


@pytest.mark.parametrize("name", list(PLAIN_TITLES))
def test_plain_text_passes_untouched(archive: tuple[Project, dict[str, int]], name: str) -> None:
    project, numbers = archive
    number = numbers[name]
    path = f"issues/{number:03d}.md"
    built, checked = _messages(project, path)
    assert built == checked
    assert not [m for m in built if m[2].startswith("字段")]
    title = PLAIN_TITLES[name].replace("第 X 期", f"第 {number} 期")
    assert _h1_texts(project.html(f"issues/{number:03d}.html")) == [title]
    (record,) = [i for i in project.news()["issues"] if i["number"] == number]
    assert record["title"] == title


def test_a_raw_line_separator_is_reported_at_its_line() -> None:
    text = TEMPLATE.format(number=3).replace("title: 测试周报第 3 期", "title: 第 3 期\u2028标题")
    issue, problems = parse_issue(text, "issues/003")
    assert [(p.line, "Unicode 换行符" in p.message) for p in problems] == [(4, True)]
    assert issue is not None and issue.title == "第 3 期 标题"


@pytest.mark.parametrize("field", FIELDS)
def test_every_text_field_is_held_to_the_schema(field: str) -> None:
    value = "'<i>x</i>'" if field not in ("authors", "tags") else "['<i>x</i>']"
    _, problems = parse_issue(_issue(3, field, f"{field}: {value}"), "issues/003")
    assert [p.message.startswith(f"字段 '{field}'") for p in problems] == [True]


@pytest.mark.parametrize(
    "value",
    [
        "a\u2029b",
        "a\u000bb",
        "a\tb",
        "``x``",
        "~~~ x",
        "![图](https://x.example/a.png)",
        "<https://x.example>",
        "&copy",
    ],
)
def test_more_spellings_are_refused(value: str) -> None:
    assert markup_in(value) is not None


def test_an_unusable_front_matter_gives_a_heading_from_the_file_name(project: Project) -> None:
    project.write("issues/003.md", "---\nnumber: [\n---\n\n## 业界要闻\n\n正文。\n")
    project.build()
    assert _h1_texts(project.html("issues/003.html")) == ["第 3 期"]


@pytest.mark.slow  # builds the whole real site
def test_the_real_site_with_ablog_publishes_no_refused_value(tmp_path: Path) -> None:
    """The site's own configuration: ablog's lists, the theme, the feeds."""
    project = site_with_more_issues(tmp_path / "site", 0)
    title = CASES["title-block-literal-news"].yaml
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(f"{CANARY}\n", encoding="utf-8")
    text = _issue(4, "title", title.replace(":link: https://evil.example/", f":link: {OUTSIDE}"))
    project.write("issues/004.md", text.replace("date: 2024-02-01", "date: 2019-05-14"))
    project.build(confoverrides={"newsletter_search_index": 0})
    leaks = [
        path.relative_to(project.outdir).as_posix()
        for path in project.outdir.rglob("*")
        if path.is_file()
        and "_sources" not in path.parts
        and (MARK.encode() in path.read_bytes() or CANARY.encode() in path.read_bytes())
    ]
    assert leaks == []
    page = project.html("issues/004.html")
    assert [h.get_text() for h in page.select("section > h1")] == ["第 4 期#"]
    assert len(page.select("article.news-item")) == 1
