"""``make new``: start the next issue from a template.

The number and date follow the last issue (one week later), because the
weekly cadence is what editors nearly always want; both can be given
instead. The file starts as a draft with the usual sections and one example
item that builds cleanly, and an existing issue is never overwritten.

Run: ``python -m newsletter.cli.new [--date YYYY-MM-DD] [--number N]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from .check import read_archive

#: The weekly cadence between two issues.
CADENCE = dt.timedelta(days=7)

SECTIONS = ("业界要闻", "上游重要进展", "开源项目推荐", "本周阅读推荐")

TEMPLATE = """\
---
number: {number}
date: {date}
title: 云原生生态周报（Cloud Native Weekly）第 {number} 期
summary: 在这里用一两句话概括本期要点。
authors: [作者甲, 作者乙]
editor: 责任编辑
draft: true
tags: [云原生]
---

## {first}

:::{{news}} 示例条目：把这里换成新闻标题
:link: https://kubernetes.io/blog/
:projects: kubernetes
:tags: 版本发布

正文写在这里，可以使用 **加粗** 和 [链接](https://kubernetes.io/)。
写完后删除 front matter 中的 `draft: true`，再运行 `make check`。
:::
{others}"""


def next_issue(root: Path, today: dt.date) -> tuple[int, dt.date]:
    """The number and date that follow the archive's last issue."""
    documents, _ = read_archive(root, drafts=True)
    issues = [d.issue for d in documents if d.issue is not None]
    if not issues:
        return 1, today
    last = max(issues, key=lambda issue: issue.number)
    return last.number + 1, last.date + CADENCE


def render(number: int, date: dt.date) -> str:
    others = "".join(f"\n## {title}\n" for title in SECTIONS[1:])
    return TEMPLATE.format(number=number, date=date.isoformat(), first=SECTIONS[0], others=others)


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应为 YYYY-MM-DD，而不是 {value!r}") from None


def _number(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"期号应为正整数，而不是 {value!r}")
    return int(value)


def main(argv: list[str] | None = None, today: dt.date | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make new", description="创建下一期周报的文件。")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="归档根目录（默认当前目录）")
    parser.add_argument("--date", type=_date, help="发布日期 YYYY-MM-DD（默认上一期之后一周）")
    parser.add_argument("--number", type=_number, help="期号（默认上一期加一）")
    args = parser.parse_args(argv)
    number, date = next_issue(args.root, today or dt.date.today())
    number = args.number or number
    date = args.date or date
    path = args.root / "issues" / f"{number:03d}.md"
    shown = path.relative_to(args.root).as_posix()
    if path.exists():
        print(
            f"{shown}: 错误：第 {number} 期已存在，不会覆盖；用 NUMBER= 指定其他期号",
            file=sys.stderr,
        )
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(number, date), encoding="utf-8")
    print(f"已创建 {shown}（第 {number} 期，{date.isoformat()}，草稿）")
    return 0


if __name__ == "__main__":
    sys.exit(main())
