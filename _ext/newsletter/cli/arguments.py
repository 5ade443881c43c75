"""Argument types for the editors' commands: values checked before anything runs.

The Makefile hands ``NUMBER=``, ``N=`` and ``DATE=`` to the tools as single,
quoted words; these types then refuse anything that is not what it should be
with a message in Chinese, rather than a traceback or a strange file name.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re

#: Issue numbers an editor may give: a file name must stay a file name.
MAX_NUMBER = 999_999
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def issue_number(value: str) -> int:
    """A positive issue number written in ASCII digits."""
    if not (value.isascii() and value.isdigit()) or not 1 <= int(value) <= MAX_NUMBER:
        raise argparse.ArgumentTypeError(f"期号应为 1 到 {MAX_NUMBER} 之间的整数，而不是 {value!r}")
    return int(value)


def iso_date(value: str) -> dt.date:
    """A calendar date written YYYY-MM-DD."""
    try:
        if not _ISO_DATE.fullmatch(value):
            raise ValueError(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应为 YYYY-MM-DD，而不是 {value!r}") from None
