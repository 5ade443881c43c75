"""How the site names an issue and writes a date: one place for every view.

Every issue's front matter title reads "云原生生态周报（Cloud Native Weekly）第
N 期", so lists, tabs and previous/next links that show only the title cannot
tell issues apart. Weekly archives (This Week in Rust, LWN's weekly editions)
name an issue by its number, date and lead story; these helpers do the same
from the number, date and summary the editors already write, and every view
(issue pages, lists, glossary entries, search records, feeds, channels) uses
them, so the site has one date format and one way to name an issue.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

from .i18n import _
from .model import Issue

#: The longest headline shown in a list or a tab, in characters.
HEADLINE_LENGTH = 40
#: Clauses of a summary end at these marks; the first clause is the lead story.
_CLAUSE_END = re.compile(r"[；;。！？!?]")


def display_date(day: dt.date) -> str:
    """``2019-05-07``: the one date format of the site's pages and lists."""
    return day.isoformat()


def issue_label(issue: Issue) -> str:
    """``第 3 期 · 2019-05-07``."""
    return _("Issue {number} · {date}").format(number=issue.number, date=display_date(issue.date))


def issue_headline(issue: Issue) -> str:
    """The lead story: the first clause of the summary, else the title."""
    first = _CLAUSE_END.split(issue.summary.strip(), maxsplit=1)[0].strip()
    if not first:
        return issue.title
    if len(first) > HEADLINE_LENGTH:
        return first[: HEADLINE_LENGTH - 1] + "…"
    return first


def issue_rest(issue: Issue) -> str:
    """The summary after its lead story, for a list whose link already shows the lead.

    ``Docker Hub 遭入侵，19 万账号被泄露；Java 8 …`` under a link reading
    "Docker Hub 遭入侵，19 万账号被泄露" goes on at "Java 8 …"; a summary whose
    lead was cut short (or that has a single clause) is shown whole.
    """
    summary = issue.summary.strip()
    lead = issue_headline(issue)
    if not summary.startswith(lead) or lead == issue.title:
        return summary
    return summary[len(lead) :].lstrip("；;。！？!? ")


def issue_tab_title(issue: Issue) -> str:
    """``第 3 期：Docker Hub 遭入侵，19 万账号被泄露``: distinct in a row of tabs.

    An issue with no lead story of its own (its title refused, so shown as
    "第 N 期", and no summary) is just "第 N 期", never "第 N 期：第 N 期".
    """
    number = _("Issue {number}").format(number=issue.number)
    headline = issue_headline(issue)
    if headline in ("", number):
        return number
    return _("{number}: {headline}").format(number=number, headline=headline)


def origin_name(source: str) -> str:
    """``github.com/servicemesher/website``: where an issue was first published, in short.

    On a code host the repository names the publication; elsewhere the host does.
    """
    parts = urlsplit(source)
    host = parts.netloc.removeprefix("www.")
    segments = [s for s in parts.path.split("/") if s]
    if host in ("github.com", "gitlab.com") and len(segments) >= 2:
        return f"{host}/{segments[0]}/{segments[1]}"
    return host


def licence_url(licence: str) -> str:
    """The text of a licence named by its SPDX identifier."""
    return f"https://spdx.org/licenses/{licence}.html"
