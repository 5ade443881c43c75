"""How the site names an issue and writes a date: one place for every view.

Issue pages, lists, glossary entries, search records, feeds and the channels
all say "第 3 期 · 2019 年 5 月 7 日"; writing it once keeps them alike.
"""

from __future__ import annotations

import datetime as dt

from .model import Issue


def chinese_date(day: dt.date) -> str:
    """``2019 年 5 月 7 日``: a date as the site shows it."""
    return f"{day.year} 年 {day.month} 月 {day.day} 日"


def issue_number(issue: Issue) -> str:
    """``第 3 期``."""
    return f"第 {issue.number} 期"


def issue_label(issue: Issue) -> str:
    """``第 3 期 · 2019 年 5 月 7 日``: an issue's number and date."""
    return f"{issue_number(issue)} · {chinese_date(issue.date)}"
