"""The issue dialect on its own: what is refused, where, and that it stays refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsletter.core.dialect_rewrite import read_issue_text
from newsletter.core.myst import MYST_EXTENSIONS

REPO = Path(__file__).parent.parent


def test_the_site_parses_issues_with_the_dialects_syntax_extensions() -> None:
    namespace: dict[str, object] = {}
    exec(compile((REPO / "conf.py").read_text(encoding="utf-8"), "conf.py", "exec"), namespace)
    assert set(namespace["myst_enable_extensions"]) == set(MYST_EXTENSIONS)


def test_issue_no_3_says_nothing_the_dialect_refuses() -> None:
    text = (REPO / "issues" / "003.md").read_text(encoding="utf-8")
    reading = read_issue_text(text, "issues/003", REPO)
    assert reading.problems == []
    assert reading.text == text
    assert [b.name for b in reading.blocks].count("news") == 19


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("```{include} /etc/hostname\n```", "指令 {include}"),
        ("- 列表里 {download}`x.txt`", "角色 {download}"),
        ("> <iframe src=x></iframe>", "原始 HTML"),
        ("(label)=\n# 标题", "MyST 标签"),
        ("词\n: 定义", "定义列表"),
        ("[y](ftp://example.com)", "不支持的协议 ftp:"),
        # markdown-it leaves these as text without a word: the dialect names them.
        ("[x](javascript:alert(1))", "不支持的协议 javascript:"),
        ("<file:///etc/passwd>", "不支持的协议 file:"),
        ("[z](data:text/html,hi)", "不支持的协议 data:"),
        ("![x](/etc/passwd)", "本地图片只能放在"),
        ("::::{news} 外\n:link: https://e.com\n\n:::{news} 内\n:::\n::::", "不能嵌套"),
    ],
)
def test_each_refused_construct_is_one_problem_at_its_line(text: str, message: str) -> None:
    source = f"前文。\n\n{text}\n"
    (problem,) = read_issue_text(source, "issues/001").problems
    assert message in problem.message
    # The nested item's own line: the outer item is allowed.
    assert problem.line == (6 if "内" in text else 3)
    assert read_issue_text(read_issue_text(source, "issues/001").text, "issues/001").problems == []


def test_an_unclosed_fence_is_reported_at_its_opening_line() -> None:
    reading = read_issue_text("a\n\n:::{news} 标题\n:link: https://e.com\n\n正文\n", "issues/001")
    assert [(p.line, "没有结束" in p.message) for p in reading.problems] == [(3, True)]


_MARKUP = st.sampled_from(
    [
        "{include}",
        "```",
        ":::",
        "{download}`x`",
        "<script>",
        "</div>",
        "[a](b.txt)",
        "![i](../x.png)",
        "(t)=",
        "+++",
        ": ",
        "\n",
        "> ",
        "- ",
        "{{ x }}",
        "\u202e",
        "<path:x>",
        "[r]: path:x\n",
        "[r]",
        "    ",
        "文字",
    ]
)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(st.lists(_MARKUP, max_size=30).map("".join))
def test_the_inert_text_has_nothing_left_to_refuse(text: str) -> None:
    reading = read_issue_text(text, "issues/001")
    again = read_issue_text(reading.text, "issues/001").problems
    # An unclosed code block is only reported: what it holds is inert already.
    assert [p for p in again if "没有结束" not in p.message] == []
    assert reading.text.count("\n") == text.count("\n")
