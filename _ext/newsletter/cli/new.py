"""``make new``: start the next issue from a template.

The number and date follow the last issue (one cadence later: a week, unless
the site's conf.py says otherwise), because the cadence is what editors nearly
always want; both can be given instead. The file starts as a draft with the
site's sections (``newsletter_sections``) and title (``newsletter_issue_title``)
and one example item that builds cleanly, and an existing issue is never
overwritten.

Run: ``newsletter-new [--date YYYY-MM-DD] [--number N]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from ..core.i18n import _
from ..core.rules import FIRST_DATE, LAST_DATE
from ..core.settings import DEFAULTS, SettingError, SiteSettings
from .arguments import iso_date, issue_number
from .check import read_archive
from .site_config import load_settings
from .site_language import activate_site_language

TEMPLATE = """\
---
number: {number}
date: {date}
title: {title}
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


def next_issue(
    root: Path, today: dt.date, cadence: dt.timedelta = DEFAULTS.cadence
) -> tuple[int, dt.date | None]:
    """The number and date that follow the archive's last issue.

    The date is None when a week after the last issue is past the end of
    the calendar (a last issue dated in December 9999).
    """
    documents, _messages = read_archive(root, drafts=True)
    issues = [d.issue for d in documents if d.issue is not None]
    if not issues:
        return 1, today
    last = max(issues, key=lambda issue: issue.number)
    try:
        following = last.date + cadence
    except OverflowError:
        return last.number + 1, None
    return last.number + 1, following if following <= LAST_DATE else None


def render(number: int, date: dt.date, settings: SiteSettings = DEFAULTS) -> str:
    first, *rest = settings.sections
    others = "".join(f"\n## {title}\n" for title in rest)
    title = settings.issue_title.replace("{number}", str(number))
    return TEMPLATE.format(
        number=number, date=date.isoformat(), title=title, first=first, others=others
    )


def main(argv: list[str] | None = None, today: dt.date | None = None) -> int:
    activate_site_language(Path.cwd())
    parser = argparse.ArgumentParser(
        prog="make new", description=_("Create the file of the next issue.")
    )
    parser.add_argument(
        "--root",
        type=Path,
        default=Path.cwd(),
        help=_("the archive's root folder (default: the current folder)"),
    )
    parser.add_argument(
        "--date",
        type=iso_date,
        help=_("the publication date YYYY-MM-DD (default: a week after the last issue)"),
    )
    parser.add_argument(
        "--number",
        type=issue_number,
        help=_("the issue number (default: the last issue's plus one)"),
    )
    args = parser.parse_args(argv)
    activate_site_language(args.root)
    try:
        settings = load_settings(args.root)
    except SettingError as error:
        print(error, file=sys.stderr)
        return 2
    number, date = next_issue(args.root, today or dt.date.today(), settings.cadence)
    number = args.number or number
    date = args.date or date
    if date is None:
        print(
            _(
                "error: a week after the last issue is past the range of issue dates"
                " ({first} to {last}); give the date of issue {number} with DATE=YYYY-MM-DD"
            ).format(first=FIRST_DATE, last=LAST_DATE, number=number),
            file=sys.stderr,
        )
        return 2
    path = args.root / "issues" / f"{number:03d}.md"
    shown = path.relative_to(args.root).as_posix()
    if path.exists():
        print(
            _(
                "{file}: error: issue {number} exists already and is not overwritten; choose another number with NUMBER="
            ).format(file=shown, number=number),
            file=sys.stderr,
        )
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(number, date, settings), encoding="utf-8")
    print(
        _("Created {file} (issue {number}, {date}, a draft)").format(
            file=shown, number=number, date=date.isoformat()
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
