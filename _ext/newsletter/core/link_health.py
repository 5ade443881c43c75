"""What is known about the health of the archive's source links.

``make links`` is the only command that touches the network: it writes what
it found to a data file in the repository (``docs/link-health.json``), and
the build reads that file and nothing else. This module is the file's one
reader and writer and holds the verdicts (dead, moved, fine) so that the
checker, the issue pages and the link-health report cannot disagree. It is
pure: no Sphinx, no network.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .i18n import _

#: Where the results live, relative to the repository root.
HEALTH_FILE = "docs/link-health.json"
FILE_VERSION = 1

#: Answers that say the page is gone for good.
DEAD_STATUSES = frozenset({404, 410})
#: Redirects that say the page has a new address for good.
PERMANENT_REDIRECTS = frozenset({301, 308})

#: Days after which a result is checked again, by verdict: a live page is
#: re-checked monthly, a dead one rarely (it seldom comes back), and one that
#: could not be reached at all on the next run.
RECHECK_AFTER_DAYS = {"ok": 30, "moved": 30, "dead": 90, "error": 1}

WAYBACK = "https://web.archive.org/web/{stamp}/{url}"


@dataclass(frozen=True)
class LinkResult:
    """The outcome of checking one URL."""

    #: The final HTTP status after redirects; 0 when no answer came.
    status: int
    #: Where the redirects ended (the URL itself when there were none).
    final_url: str
    #: The day of the check, ISO format.
    checked: str
    #: The status of the first redirect, when the URL redirected.
    redirect: int = 0
    #: Why no answer came (timeout, connection reset, ...).
    error: str = ""

    def __post_init__(self) -> None:
        """Refuse a hand-edited entry that would break the build later on."""
        if not isinstance(self.status, int) or not isinstance(self.redirect, int):
            raise ValueError(
                _("The status code must be an integer: {status}").format(status=repr(self.status))
            )
        dt.date.fromisoformat(self.checked)

    @property
    def verdict(self) -> str:
        """``dead``, ``moved``, ``ok`` or ``error`` (no answer that settles it)."""
        if self.status in DEAD_STATUSES:
            return "dead"
        if not 200 <= self.status < 400:
            # No answer, a server error, or a refusal (403, 429): nothing certain.
            return "error"
        if self.redirect in PERMANENT_REDIRECTS and self.final_url:
            return "moved"
        return "ok"

    @property
    def checked_date(self) -> dt.date:
        return dt.date.fromisoformat(self.checked)

    def is_due(self, today: dt.date) -> bool:
        """True when this result is old enough to be checked again."""
        age = (today - self.checked_date).days
        return age >= RECHECK_AFTER_DAYS[self.verdict]


def wayback_url(url: str, day: dt.date) -> str:
    """The Wayback Machine's copy of ``url`` nearest ``day`` (it redirects there)."""
    return WAYBACK.format(stamp=day.strftime("%Y%m%d"), url=url)


def domain_of(url: str) -> str:
    """The host of ``url``, lower-cased and without ``www.`` (empty when unparsable)."""
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
    return host.removeprefix("www.")


def load_health(path: Path) -> dict[str, LinkResult]:
    """The results in ``path`` by URL; empty when the file does not exist.

    Raises ``ValueError`` with a readable reason when the file is damaged, so
    that the build can report it instead of failing with a traceback.
    """
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        links = data["links"]
        return {url: LinkResult(**fields) for url, fields in links.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ValueError(
            _("{name} cannot be read: {error}").format(name=path.name, error=exc)
        ) from exc


def save_health(path: Path, results: dict[str, LinkResult]) -> None:
    """Write ``results`` sorted by URL, one field per line, for readable diffs."""
    data = {
        "version": FILE_VERSION,
        "links": {url: asdict(results[url]) for url in sorted(results)},
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    path.write_text(text, encoding="utf-8")
