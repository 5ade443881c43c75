"""The importer reads links, emphasis and code as markdown-it-py does.

Each entry below is a shape that the importer's old regular expressions
missed or mangled: an autolink, reference links (labels match whatever their
case), an address with balanced parentheses, links inside bold and bold
inside link text, a code span that holds link syntax, escaped brackets.
Every source here is written for this test.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt

from newsletter.cli.importer.emphasis import repair_line
from newsletter.cli.importer.house_style import join_split_links, spaced
from newsletter.cli.importer.hugo import Entry, ImportedIssue, Passage, read_hugo
from newsletter.cli.importer.inline import blocks, links_in, plain, spans
from newsletter.core.registry import Registry

SOURCE = """\
---
title: "测试周报"
date: 2024-05-06
authors: ["甲"]
editor: "乙"
---

## 要闻

- **自动链接的新闻**：正文见 <https://auto.example/news>。
- [**引用链接的新闻**][Rel-Notes]：正文，另见[说明][DOC]与[Doc]。
- [**括号地址的新闻**](https://wiki.example/wiki/Foo_(bar))：正文。
- **[粗体里的链接](https://bold.example/a)**：正文。
- [**链接里的**粗体](https://inner.example/b)：正文。
- **代码里的链接语法**：写作 `[站内](/docs/x)` 或 `[文字](https://code.example/y)`，原文在[这里](https://real.example/c)。
- [**\\[KEP\\] 转义的方括号**](https://kep.example/d)：正文。

[rel-notes]: https://ref.example/notes
[doc]: https://ref.example/doc
"""


@pytest.fixture(scope="module")
def imported() -> ImportedIssue:
    return read_hugo(SOURCE, "weekly-1", Registry(), number=1)


def _entry(imported: ImportedIssue, title: str) -> Entry:
    found = [e for e in imported.entries if e.item.title == title]
    assert len(found) == 1, [e.item.title for e in imported.entries]
    return found[0]


def _html(markdown: str) -> BeautifulSoup:
    """The body as a reader sees it, rendered with no reference definitions at hand."""
    return BeautifulSoup(MarkdownIt("commonmark").render(markdown), "html.parser")


@pytest.mark.parametrize(
    ("title", "link"),
    [
        ("自动链接的新闻", "https://auto.example/news"),
        ("引用链接的新闻", "https://ref.example/notes"),
        ("括号地址的新闻", "https://wiki.example/wiki/Foo_(bar)"),
        ("粗体里的链接", "https://bold.example/a"),
        ("链接里的粗体", "https://inner.example/b"),
        ("代码里的链接语法", "https://real.example/c"),
        ("[KEP] 转义的方括号", "https://kep.example/d"),
    ],
)
def test_each_shape_becomes_an_item_with_its_source(
    imported: ImportedIssue, title: str, link: str
) -> None:
    assert _entry(imported, title).item.link == link


def test_every_shape_is_converted(imported: ImportedIssue) -> None:
    assert imported.unconverted == []
    assert len(imported.entries) == 7


def test_reference_links_in_a_body_are_written_inline(imported: ImportedIssue) -> None:
    """The definitions stay at the top; the body's links work without them."""
    first = imported.blocks[0]
    assert isinstance(first, Passage)
    assert first.markdown.splitlines() == [
        "[rel-notes]: https://ref.example/notes",
        "[doc]: https://ref.example/doc",
    ]
    body = _html(_entry(imported, "引用链接的新闻").body)
    assert [(a.get_text(), a["href"]) for a in body.find_all("a")] == [
        ("说明", "https://ref.example/doc"),
        ("Doc", "https://ref.example/doc"),
    ]


def test_link_syntax_in_code_stays_code(imported: ImportedIssue) -> None:
    body = _html(_entry(imported, "代码里的链接语法").body)
    assert [c.get_text() for c in body.find_all("code")] == [
        "[站内](/docs/x)",
        "[文字](https://code.example/y)",
    ]
    assert [a["href"] for a in body.find_all("a")] == ["https://real.example/c"]
    assert not any("/docs/x" in note for note in imported.notes)


def test_spans_know_where_they_are_written() -> None:
    """Canary: markdown-it-py's emphasis tokens still map onto their delimiters."""
    source = "前 **粗 [链](https://a.example/(x))** 与 *斜* `码` <https://b.example> 后"
    found = spans(source)
    written = [(s.kind, source[s.start : s.end]) for s in found]
    assert written == [
        ("strong", "**粗 [链](https://a.example/(x))**"),
        ("em", "*斜*"),
        ("code", "`码`"),
        ("link", "<https://b.example>"),
    ]
    assert [(s.href, s.form) for s in links_in(found)] == [
        ("https://a.example/(x)", "inline"),
        ("https://b.example", "autolink"),
    ]


def test_reference_labels_match_whatever_their_case() -> None:
    _, refs = blocks("[Foo Bar]: https://ref.example/foo\n")
    source = "[甲][FOO BAR] 与 [foo bar] 与 [乙][foo  BAR]"
    found = links_in(spans(source, refs))
    assert [(s.text, s.href, s.form) for s in found] == [
        ("甲", "https://ref.example/foo", "reference"),
        ("foo bar", "https://ref.example/foo", "reference"),
        ("乙", "https://ref.example/foo", "reference"),
    ]
    assert [source[s.label[0] : s.label[1]] for s in found] == ["甲", "foo bar", "乙"]


def test_plain_text_keeps_escaped_brackets_and_code() -> None:
    assert plain("[**\\[KEP\\] 合并**](https://k.example) `[x](y)`") == "[KEP] 合并 [x](y)"


def test_house_style_sees_links_with_parenthesised_addresses() -> None:
    """One phrase split into links, and the space after a Latin link text, as parsed."""
    split = "用[同一个](https://w.example/a_(b))[短语](https://w.example/a_(b))。"
    assert join_split_links(split) == "用[同一个短语](https://w.example/a_(b))。"
    after = "见[Foo](https://w.example/a_(b))项目"
    assert spaced(after) == "见 [Foo](https://w.example/a_(b)) 项目"


def test_bold_repair_leaves_a_badge_link_whole() -> None:
    """An image inside link text is the link's, not a lone bracket to escape."""
    line = "见[![构建](https://i.example/b.svg)](https://ci.example/(x))**重要，**后文"
    fixed = "见[![构建](https://i.example/b.svg)](https://ci.example/(x))**重要**，后文"
    assert repair_line(line) == fixed


def test_a_bracket_that_fails_as_an_inline_link_is_a_reference() -> None:
    _, refs = blocks("[t]: https://ref.example/t\n")
    source = "[t](未闭合 与 ![图 [甲](https://a.example)](https://img.example/x.png)"
    found = spans(source, refs)
    assert [(s.kind, source[s.start : s.end], s.form) for s in found] == [
        ("link", "[t]", "reference"),
        ("image", "![图 [甲](https://a.example)](https://img.example/x.png)", "inline"),
    ]
    assert source[found[1].label[0] : found[1].label[1]] == "图 [甲](https://a.example)"
