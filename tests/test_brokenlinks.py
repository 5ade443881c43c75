"""Hand-broken links: mended when the address is certain, reported either way."""

from __future__ import annotations

import pytest

from newsletter.cli.importer.brokenlinks import repair_links


@pytest.mark.parametrize(
    ("line", "mended"),
    [
        ("见 [Serving API proposal(https://x.io/p/1)**说明**", "见 [Serving API proposal](https://x.io/p/1)**说明**"),
        ("[文章] (https://x.io/a)。", "[文章](https://x.io/a)。"),
        ("[文章](https://x.io/a 后文", "[文章](https://x.io/a) 后文"),
        ("结尾 [文章](https://x.io/a", "结尾 [文章](https://x.io/a)"),
    ],
)  # fmt: skip
def test_an_unambiguous_break_is_mended_and_reported(line: str, mended: str) -> None:
    text, found = repair_links(f"第一行\n{line}\n")
    assert text == f"第一行\n{mended}\n"
    assert [(r.line, r.repaired, r.after) for r in found] == [(2, True, mended)]


@pytest.mark.parametrize(
    "line",
    [
        "[文章](https://x.io/a后文",  # where does the address end?
        "见 [原文 https://x.io/a 。",  # no parenthesis at all
    ],
)
def test_an_ambiguous_break_is_kept_and_reported(line: str) -> None:
    text, found = repair_links(line)
    assert text == line
    assert [(r.line, r.repaired, r.before) for r in found] == [(1, False, line)]


@pytest.mark.parametrize(
    "line",
    [
        "[文章](https://x.io/a) 与 [**[KEP\\] 合并**](https://x.io/k)",
        "![图](https://x.io/a.png) 和 [ref]: https://x.io/r",
        "```\n[代码(https://x.io/c)\n```",
    ],
)
def test_good_links_and_code_are_left_alone(line: str) -> None:
    assert repair_links(line) == (line, [])
