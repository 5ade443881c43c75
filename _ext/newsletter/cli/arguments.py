"""Argument types for the editors' commands: values checked before anything runs.

The Makefile hands ``NUMBER=``, ``N=`` and ``DATE=`` to the tools as single,
quoted words; these types then refuse anything that is not what it should be
with a message in Chinese, rather than a traceback or a strange file name.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re

from ..core.i18n import _

#: Issue numbers an editor may give: a file name must stay a file name.
MAX_NUMBER = 999_999
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def issue_number(value: str) -> int:
    """A positive issue number written in ASCII digits."""
    if not (value.isascii() and value.isdigit()) or not 1 <= int(value) <= MAX_NUMBER:
        raise argparse.ArgumentTypeError(
            _("an issue number should be an integer from 1 to {max}, not {value}").format(
                max=MAX_NUMBER, value=repr(value)
            )
        )
    return int(value)


def iso_date(value: str) -> dt.date:
    """A calendar date written YYYY-MM-DD."""
    try:
        if not _ISO_DATE.fullmatch(value):
            raise ValueError(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("a date should be YYYY-MM-DD, not {value}").format(value=repr(value))
        ) from None
