"""The dialect's scan, made cheap without being weakened (issue 22).

The scan parses with MyST's own parser minus the work it does not need
(``core/myst.py``: :func:`link_scanning_parser`). These tests hold it to
the full parser (:func:`link_reading_parser`): the same refusals, the same
lines, the same directives and roles, on the real issues and on texts made
of every kind of markup. If MyST adds an inline rule, the canary says so.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsletter.core import dialect, myst
from newsletter.core.dialect_rewrite import read_issue_text

REPO = Path(__file__).parent.parent
CORPUS = REPO.parent / "shared" / "corpus"


def _both_scans(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[dialect.Scan, dialect.Scan]:
    lines = text.split("\n")
    lean = dialect.scan_issue(lines, "issues/001", REPO)
    full_parser = myst.link_reading_parser()
    with monkeypatch.context() as patch:
        patch.setattr(dialect, "link_scanning_parser", lambda: full_parser)
        full = dialect.scan_issue(lines, "issues/001", REPO)
    return lean, full


def test_the_scanning_parser_runs_the_rules_it_was_written_for() -> None:
    parser = myst.link_scanning_parser()
    assert parser.core.ruler.get_active_rules() == ["normalize", "block", "inline"]
    assert tuple(parser.inline.ruler.get_active_rules()) == myst.SCANNED_INLINE_RULES, (
        "MyST's inline rules changed: check the characters core/myst.py's scan looks for"
    )
    full = myst.link_reading_parser().core.ruler.get_active_rules()
    assert set(full) == {"normalize", "block", "inline", *myst.SCAN_SKIPS}


def test_text_without_construct_characters_is_not_cut_into_inline_tokens() -> None:
    plain, marked = myst.link_scanning_parser().parse("**粗体**、`代码`\n\n见 [链接](x.md)\n")[1::3]
    assert (plain.type, plain.children) == ("inline", [])
    assert [child.type for child in marked.children or []] == [
        "text",
        "link_open",
        "text",
        "link_close",
    ]


def _sources() -> list[Path]:
    found = sorted((REPO / "issues").glob("*.md"))
    return found + (sorted(CORPUS.rglob("*.md")) if CORPUS.is_dir() else [])


@pytest.mark.parametrize("path", _sources(), ids=lambda path: f"{path.parent.name}/{path.name}")
def test_the_lean_scan_reads_real_issues_as_the_full_parser_does(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lean, full = _both_scans(path.read_text(encoding="utf-8"), monkeypatch)
    assert lean == full


_MARKUP = st.sampled_from(
    [
        ":::{news} 标题\n:link: https://e.com\n\n",
        ":::\n",
        "```{include} x\n",
        "{download}`x`",
        "{term}`KEP`",
        "<b>",
        "<https://e.com>",
        "<file:///x>",
        "[a](b.txt)",
        "[a](javascript:x)",
        "![i](../x.png)",
        "[^1]",
        "[^1]: 注\n",
        "**粗**",
        "`code`",
        "\\[",
        "&amp;",
        "(t)=\n",
        "---\n",
        "词\n: 定义\n",
        ":key: v\n",
        "| a | b |\n|---|---|\n",
        "> ",
        "- ",
        "# ",
        "  \n",
        "\n",
        "文字",
    ]
)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.lists(_MARKUP, max_size=25).map("".join))
def test_the_lean_scan_refuses_what_the_full_parser_refuses(text: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        lean, full = _both_scans(text, monkeypatch)
    assert lean == full


def test_myst_reads_each_directive_once_while_refused_text_is_rewritten(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Rewriting takes several passes; a directive no edit touches is parsed once."""
    dialect._parse_directive.cache_clear()
    calls: list[str] = []

    def counted(*args: object) -> myst.ParsedDirective:
        calls.append(str(args[1]))
        return parse(*args)  # type: ignore[arg-type]

    parse = dialect.parse_directive
    monkeypatch.setattr(dialect, "parse_directive", counted)
    text = (
        ":::{news} 甲\n:link: https://e.com/a\n\n正文 <b>粗</b>\n:::\n\n"
        ":::{news} 乙\n:link: https://e.com/b\n\n正文\n:::\n"
    )
    reading = read_issue_text(text, "issues/001", REPO)
    assert [p.line for p in reading.problems] == [4]  # <b> and </b>: one construct
    # Read, edited, read again: only the item that was edited is parsed twice.
    assert (calls.count("甲"), calls.count("乙")) == (2, 1)
