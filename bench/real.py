"""N copies of the real issues, renumbered and redated, for the archive and the baseline.

Synthetic text is regular; the real issues (``issues/*.md``) have long
paragraphs, lists, inline links, glossary roles and term notes. ``make bench
--real N`` builds copy k of ``issues[(k - 1) % len(issues)]`` as issue k,
dated weekly, with its title's "第 N 期" renumbered and, from the second
round of copies on, its source links made distinct; it writes the same
content as plain MyST for the baseline: each ``news`` directive a heading, its
link and its body; a role its text; any other directive its argument in bold
and its body. The copies live in the benchmark's temporary folder only.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from bench.synthetic import FIRST_DATE, REPO

_FRONT = re.compile(r"\A---\n(?P<body>.*?\n)---\n", re.DOTALL)
_NUMBER = re.compile(r"^number:.*$", re.MULTILINE)
_DATE = re.compile(r"^date:.*$", re.MULTILINE)
_TITLE = re.compile(r"^title:\s*(?P<title>.*)$", re.MULTILINE)
_ISSUE_NO = re.compile(r"第\s*\d+\s*期")
_NEWS = re.compile(r"^:::\{news\}\s*(?P<title>.*)$")
_OPTION = re.compile(r"^:(?P<name>[\w-]+):\s*(?P<value>.*)$")
_FENCE_OPEN = re.compile(r"^(?P<fence>`{3,}|:{3,})\{[\w-]+\}\s*(?P<argument>.*)$")
_LINK = re.compile(r"^:link:\s*(?P<url>\S+)\s*$", re.MULTILINE)
_ROLE = re.compile(r"\{[\w:-]+\}`(?P<text>[^`<]*?)\s*(?:<[^`]*>)?`")


def sources(repo: Path = REPO) -> list[Path]:
    """The real issues a copy is made from, in their order."""
    return sorted((repo / "issues").glob("*.md"))


def renumber(text: str, number: int, date: dt.date) -> str:
    """``text`` (an issue) as issue ``number`` of ``date``; the rest untouched."""
    front = _FRONT.match(text)
    if front is None:
        raise ValueError("an issue without front matter")
    body = _NUMBER.sub(f"number: {number}", front["body"], count=1)
    body = _DATE.sub(f"date: {date.isoformat()}", body, count=1)
    body = _TITLE.sub(
        lambda m: "title: " + _ISSUE_NO.sub(f"第 {number} 期", m["title"]), body, count=1
    )
    return f"---\n{body}---\n{text[front.end() :]}"


def distinct_links(text: str, copy: int) -> str:
    """``text`` with ``?copy=N`` on each source link (``&copy=N`` after a query):
    the checker warns about a link an earlier issue covered, and the copies
    should be as clean as the originals."""

    def tag(match: re.Match[str]) -> str:
        url, _, fragment = match["url"].partition("#")
        joiner = "&" if "?" in url else "?"
        return f":link: {url}{joiner}copy={copy}" + (f"#{fragment}" if fragment else "")

    return _LINK.sub(tag, text)


def plain_myst(text: str) -> str:
    """An issue's content as plain MyST that Sphinx builds with ``myst_parser`` alone."""
    front = _FRONT.match(text)
    title = _TITLE.search(front["body"]) if front else None
    out = ["---", "orphan: true", "---", "", f"# {title['title'] if title else '周报'}", ""]
    closing: list[str] = []
    lines = text[front.end() :].splitlines() if front else text.splitlines()
    in_options = False
    for line in lines:
        news = _NEWS.match(line)
        opened = _FENCE_OPEN.match(line)
        if news:
            out += [f"### {news['title']}", ""]
            closing.append(":::")
            in_options = True
        elif opened:
            out += [f"**{opened['argument']}**", ""]
            closing.append(opened["fence"])
            in_options = True
        elif closing and line.strip() == closing[-1]:
            closing.pop()
            out.append("")
        elif in_options and (option := _OPTION.match(line)):
            if option["name"] == "link":
                out += [f"[来源]({option['value']})", ""]
        else:
            in_options = False
            out.append(_ROLE.sub(lambda m: m["text"], line))
    return "\n".join(out) + "\n"


def write_copies(
    site: Path,
    count: int,
    *,
    baseline_dir: Path | None = None,
    first_date: dt.date = FIRST_DATE,
    repo: Path = REPO,
) -> int:
    """Issues 1..``count`` in ``site/issues`` (and plain in ``baseline_dir``),
    copies of the real ones in turn; returns the number of news items written."""
    originals = [path.read_text(encoding="utf-8") for path in sources(repo)]
    if not originals:
        raise SystemExit(f"{repo / 'issues'}: 没有可复制的期刊")
    items = 0
    for target in filter(None, (site, baseline_dir)):
        (target / "issues").mkdir(parents=True, exist_ok=True)
    for number in range(1, count + 1):
        copy, original = divmod(number - 1, len(originals))
        date = first_date + dt.timedelta(weeks=number - 1)
        text = renumber(originals[original], number, date)
        if copy:
            text = distinct_links(text, copy)
        items += sum(1 for line in text.splitlines() if _NEWS.match(line))
        name = f"issues/{number:03d}.md"
        (site / name).write_text(text, encoding="utf-8")
        if baseline_dir is not None:
            (baseline_dir / name).write_text(plain_myst(text), encoding="utf-8")
    return items
