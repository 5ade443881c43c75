"""Bad input: each case is a warning with file and line, and nothing else is lost."""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from conftest import Project, issue_source, news


def _warnings_for(project: Project, path: str) -> list[str]:
    return [w for w in project.warning_lines() if f"{path}:" in w]


def _other_items_survive(project: Project) -> None:
    titles = [r["title"] for r in project.news()["items"]]
    assert {"Kubernetes 发布新版本", "Envoy 引入新协议", "本周推荐一个项目"} <= set(titles)


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        (b"", 1, "缺少 front matter"),
        (b"---\nnumber: 3\ntitle: [oops\n---\n", 3, "不是合法的 YAML"),
        (b"---\nnumber: 3\ndate: 2024-13-45\n---\n", 3, "日期 'date' 应为"),
        (b"---\nnumber: 3\n", 1, "没有结束的 --- 行"),
    ],
)
def test_broken_front_matter(project: Project, content: bytes, line: int, message: str) -> None:
    (project.src / "issues/003.md").write_bytes(content)
    project.build()
    warnings = _warnings_for(project, "issues/003.md")
    assert any(f"issues/003.md:{line}: WARNING: " in w and message in w for w in warnings), warnings
    _other_items_survive(project)


def test_non_utf8_bytes_are_reported_at_their_line(project: Project) -> None:
    source = issue_source(3, news("坏字节", body="好的开头。BAD 好的结尾。"))
    raw = source.encode("utf-8").replace(b"BAD", b"\xff\xfe\x80")
    (project.src / "issues/003.md").write_bytes(raw)
    project.build()
    line = next(i for i, text in enumerate(source.splitlines(), 1) if "BAD" in text)
    (warning,) = project.warning_lines()
    assert f"issues/003.md:{line}: WARNING: 此行含有无效的 UTF-8 字节" in warning
    text = project.html("issues/003.html").select_one("article.news-item").get_text()
    assert "好的开头。" in text and "好的结尾。" in text


def test_a_file_not_named_by_its_number_is_not_read(project: Project) -> None:
    project.write("issues/special.md", issue_source(2, news("特刊")))
    project.write("issues/7.md", issue_source(7, news("未补零")))
    project.build()
    warnings = project.warning_lines()
    for name in ("special.md", "7.md"):
        assert any(
            re.search(
                rf"issues/{re.escape(name)}:1: WARNING: issues/{re.escape(name)} 不是期刊文件", w
            )
            for w in warnings
        ), warnings
    assert not (project.outdir / "issues" / "special.html").exists()
    assert not (project.outdir / "issues" / "7.html").exists()


def test_number_must_match_the_file_name(project: Project) -> None:
    project.write("issues/003.md", issue_source(4, news("错位")))
    project.build()
    warnings = project.warning_lines()
    assert any("issues/003.md:2:" in w and "期号 4 与文件名 003 不一致" in w for w in warnings)


def test_unknown_option_keeps_the_item(project: Project) -> None:
    project.write(
        "issues/003.md", issue_source(3, news("未知选项", body="正文仍在。", colour="red"))
    )
    project.build()
    (warning,) = project.warning_lines()
    assert "issues/003.md:" in warning and "colour" in warning
    item = project.html("issues/003.html").select_one("article.news-item")
    assert "正文仍在。" in item.get_text()


def test_nested_item_is_reported_and_not_collected(project: Project) -> None:
    outer = ":::::{news} 外层\n:link: https://e.com/o\n\n外层正文。\n\n" + news("内层") + ":::::\n"
    project.write("issues/003.md", issue_source(3, outer))
    project.build()
    (warning,) = project.warning_lines()
    assert "issues/003.md:" in warning and "不能嵌套" in warning
    titles = [r["title"] for r in project.news()["items"] if r["issue"] == 3]
    assert titles == ["外层"]
    # The inner item is kept as text: nothing the editor wrote is lost.
    assert "内层" in project.html("issues/003.html").select_one("article.news-item").get_text()


def test_a_100_kb_body_is_kept_whole(project: Project) -> None:
    body = "\n\n".join(f"第 {i} 段，内容很长。" * 40 for i in range(200))
    assert len(body.encode("utf-8")) > 100_000
    project.write("issues/003.md", issue_source(3, news("超长正文", body=body)))
    project.build()
    assert project.warning_lines() == []
    paragraphs = project.html("issues/003.html").select(
        "article.news-item > p:not(.news-item-source)"
    )
    assert len(paragraphs) == 200  # no projects or tags, so no meta line
    assert paragraphs[-1].get_text().startswith("第 199 段")


def test_duplicate_glossary_term(project: Project) -> None:
    glossary = ":::{glossary}\nKEP\n  第一次。\n\nKEP\n  第二次。\n:::\n"
    project.write("glossary.md", "# 术语表\n\n" + glossary)
    project.write("index.md", "# 测试归档\n\n```{toctree}\nglossary\n```\n")
    project.build()
    warnings = project.warning_lines()
    assert any("glossary.md:" in w and "KEP" in w and "重复" in w for w in warnings), warnings
    ids = [dt["id"] for dt in project.html("glossary.html").select("dl.glossary dt")]
    assert len(ids) == len(set(ids)) == 2


HOSTILE = """\
---
number: 9
date: 2024-03-01
title: '<script>alert("title")</script> & 标题'
summary: '"><img src=x onerror=alert(1)> 摘要 </script>'
authors: ['<b onmouseover=alert(1)>作者</b>']
editor: '编辑 & <i>'
tags: ['<script>tag</script>', '"引号"']
---

## 业界要闻

:::{news} <script>alert('item')</script> & "quotes"
:link: javascript:alert(1)
:projects: kubernetes
:tags: <img src=x onerror=alert(2)>, a&b

<script>alert("body")</script>

<a href="javascript:alert(3)" onclick="alert(4)">raw link</a>

[md link](javascript:alert(5)) and [data](data:text/html;base64,PHNjcmlwdD4=)
:::

:::{news} 第二条
:link: data:text/html,<script>alert(6)</script>

正文 <span onmouseover="alert(7)">悬停</span>
:::
"""

EVENT_ATTR = re.compile(r"^on[a-z]+$")


def _scan_html(path: Path, markup: str | None = None) -> list[str]:
    problems = []
    soup = BeautifulSoup(
        markup if markup is not None else path.read_text(encoding="utf-8"), "html.parser"
    )
    for tag in soup.find_all(True):
        for attr, value in tag.attrs.items():
            values = value if isinstance(value, list) else [value]
            if EVENT_ATTR.match(attr):
                problems.append(f"{path.name}: {tag.name}[{attr}]")
            if any(
                str(v).strip().lower().startswith(("javascript:", "data:", "vbscript:"))
                for v in values
            ):
                problems.append(f"{path.name}: {tag.name}[{attr}]={values}")
        if tag.name == "script" and "alert" in (tag.string or ""):
            problems.append(f"{path.name}: script {tag.string[:40]!r}")
        if tag.name in ("img", "b", "i") and tag.find_parent("article", class_="news-item"):
            problems.append(f"{path.name}: injected <{tag.name}>")
    return problems


def _scan_xml(path: Path) -> list[str]:
    """Attributes must not carry script URLs; text typed as (x)html must be safe HTML."""
    problems = []
    for element in ElementTree.parse(path).iter():
        if element.tag.rsplit("}", 1)[-1] == "script":
            problems.append(f"{path.name}: <script>")
        for attr, value in element.attrib.items():
            if value.strip().lower().startswith(("javascript:", "data:", "vbscript:")):
                problems.append(f"{path.name}: {element.tag}[{attr}]={value}")
        if element.get("type") in ("html", "xhtml") and element.text:
            problems += _scan_html(path, element.text)
    return problems


def _scan_json(value: object, where: str) -> list[str]:
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _scan_json(v, f"{where}.{k}")]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _scan_json(v, f"{where}[{i}]")]
    if isinstance(value, str) and value.strip().lower().startswith(
        ("javascript:", "data:", "vbscript:")
    ):
        return [f"{where}={value!r}"]
    return []


def test_hostile_issue_builds_into_safe_output(project: Project) -> None:
    project.write("issues/009.md", HOSTILE)
    project.build()
    assert _warnings_for(project, "issues/009.md")  # every problem was reported
    problems: list[str] = []
    for path in sorted(project.outdir.rglob("*")):
        if path.suffix == ".html":
            problems += _scan_html(path)
        elif path.suffix == ".json":
            problems += _scan_json(json.loads(path.read_text(encoding="utf-8")), path.name)
        elif path.suffix == ".xml":
            problems += _scan_xml(path)
    assert problems == []
    page = project.html("issues/009.html")
    item = page.select_one("article.news-item")
    # The text of every item field is still there, escaped rather than dropped.
    assert (
        item.select_one(".news-item-title").get_text().startswith("<script>alert('item')</script>")
    )
    assert "raw link" in item.get_text()
    # Front-matter values are data: markup in them is refused, never shown.
    assert [h1.get_text() for h1 in page.select("h1")] == ["第 9 期¶"]
    assert page.select_one(".issue-summary") is None
