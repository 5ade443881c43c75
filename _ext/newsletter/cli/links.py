"""``make links``: check every source link of the archive and record the result.

The only command of the archive that touches the network. It reads the issues
with the checker's own reader (no build), asks each link that is due (see
:data:`..core.link_health.RECHECK_AFTER_DAYS`) through the archive's one HTTP
client (:mod:`.http_client`, which asks public addresses only, each one it
checked, redirects included), and writes the results
to ``docs/link-health.json``, which the build then reads. Requests run
concurrently but politely: one at a time per host, with a pause between them,
a timeout, and retries for answers that may be transient.

Run: ``newsletter-links [--root DIR] [--force]``.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..core.i18n import _
from ..core.link_health import HEALTH_FILE, LinkResult, domain_of, load_health, save_health
from ..core.model import unsafe_link_reason
from ..core.settings import SettingError, SiteSettings
from .check import read_archive
from .http_client import LOCAL_REFUSAL, Answer, GuardedClient, Resolver
from .site_config import load_settings
from .site_language import activate_site_language


@dataclass(frozen=True)
class Politeness:
    """How hard the checker may press: the knobs of one run."""

    timeout: float = 10.0
    retries: int = 2
    concurrency: int = 8
    #: Seconds between two requests to the same host.
    delay: float = 1.0
    #: Whether this machine and private networks may be asked (tests only).
    allow_local: bool = False
    #: How names are resolved (tests only; the system's resolver otherwise).
    resolver: Resolver | None = None


def archive_links(root: Path) -> tuple[list[str], list[str]]:
    """Every distinct checkable source link of the archive's items, and why the
    others are not checked (``file:line: message``, as ``make check`` says it).
    """
    links: set[str] = set()
    refused: list[str] = []
    for document in read_archive(root, drafts=True)[0]:
        shown = document.path.relative_to(root).as_posix()
        for source in document.items:
            link, block = source.item.link, source.block
            reason = unsafe_link_reason(link) if link else None
            if link and reason is None:
                links.add(link)
            elif link:
                line = block.option_lines.get("link", block.line)
                refused.append(
                    _("{file}:{line}: link {link} not checked: {reason}").format(
                        file=shown, line=line, link=repr(link[:80]), reason=reason
                    )
                )
    return sorted(links), refused


def _result(answer: Answer, today: str) -> LinkResult:
    return LinkResult(
        status=answer.status,
        final_url=answer.final_url or answer.url,
        checked=today,
        redirect=answer.redirect,
        error=answer.error,
    )


class Checker:
    """Checks URLs concurrently, one request at a time per host."""

    def __init__(self, client: GuardedClient, politeness: Politeness, today: dt.date) -> None:
        self.client = client
        self.politeness = politeness
        self.today = today.isoformat()
        self.slots = asyncio.Semaphore(politeness.concurrency)
        self.hosts: dict[str, asyncio.Lock] = {}

    async def check(self, url: str) -> LinkResult:
        """The result of ``url``, retried with back-off while it may be transient."""
        host = self.hosts.setdefault(domain_of(url), asyncio.Lock())
        result = None
        for attempt in range(self.politeness.retries + 1):
            if attempt:
                await asyncio.sleep(self.politeness.delay * 2**attempt)
            async with host, self.slots:
                result = _result(await self.client.get(url), self.today)
                await asyncio.sleep(self.politeness.delay)
            if result.verdict != "error" or result.error == _(LOCAL_REFUSAL):
                break
        assert result is not None
        return result


async def check_links(
    urls: list[str], politeness: Politeness, today: dt.date
) -> dict[str, LinkResult]:
    """Check ``urls``; returns their results by URL."""
    async with GuardedClient(
        timeout=politeness.timeout,
        resolver=politeness.resolver,
        allow_local=politeness.allow_local,
    ) as client:
        checker = Checker(client, politeness, today)
        results = await asyncio.gather(*(checker.check(url) for url in urls))
    return dict(zip(urls, results, strict=True))


def due_links(
    links: list[str], known: dict[str, LinkResult], today: dt.date, force: bool
) -> list[str]:
    """The links to check now: new ones, and those whose result is old enough."""
    return [url for url in links if force or url not in known or known[url].is_due(today)]


def run(
    root: Path,
    politeness: Politeness,
    today: dt.date,
    force: bool = False,
    settings: SiteSettings | None = None,
) -> Counter[str]:
    """Check what is due and rewrite the data file; returns verdicts of this run.

    A link that cannot be checked at all is one located message on stderr;
    the others are checked and recorded all the same. The data file is where
    the site's conf.py says (``newsletter_link_health_file``), as the build reads it.
    """
    settings = settings or load_settings(root)
    path = root / settings.link_health_file
    known = load_health(path)
    links, refused = archive_links(root)
    for message in refused:
        print(message, file=sys.stderr)
    due = due_links(links, known, today, force)
    fresh = asyncio.run(check_links(due, politeness, today)) if due else {}
    # Links no issue uses any more are dropped.
    save_health(path, {url: fresh.get(url) or known[url] for url in links})
    verdicts = Counter(result.verdict for result in fresh.values())
    verdicts["skipped"] = len(links) - len(due)
    return verdicts


def main(argv: list[str] | None = None) -> int:
    defaults = Politeness()
    activate_site_language(Path.cwd())
    parser = argparse.ArgumentParser(
        prog="make links",
        description=_("Check every source link online; the results go to {file}.").format(
            file=HEALTH_FILE
        ),
    )
    parser.add_argument(
        "--root",
        type=Path,
        default=Path.cwd(),
        help=_("the archive's root folder (default: the current folder)"),
    )
    parser.add_argument(
        "--force", action="store_true", help=_("ignore earlier results and check every link again")
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=defaults.timeout,
        help=_("seconds to wait for each request"),
    )
    parser.add_argument(
        "--retries",
        type=int,
        default=defaults.retries,
        help=_("how many times to retry when there is no answer"),
    )
    parser.add_argument(
        "--concurrency", type=int, default=defaults.concurrency, help=_("how many requests at once")
    )
    parser.add_argument(
        "--delay",
        type=float,
        default=defaults.delay,
        help=_("seconds between two requests to the same site"),
    )
    parser.add_argument(
        "--allow-local",
        action="store_true",
        help=_("also check local and private addresses (for tests only)"),
    )
    parser.add_argument(
        "--today",
        type=dt.date.fromisoformat,
        default=dt.date.today(),
        help=_("the date of the check (default: today)"),
    )
    args = parser.parse_args(argv)
    activate_site_language(args.root)
    if not (args.root / "issues").is_dir():
        print(_("{root}: error: no issues/ folder").format(root=args.root), file=sys.stderr)
        return 2
    try:
        settings = load_settings(args.root)
    except SettingError as error:
        print(error, file=sys.stderr)
        return 2
    politeness = Politeness(
        args.timeout, args.retries, args.concurrency, args.delay, args.allow_local
    )
    try:
        verdicts = run(args.root, politeness, args.today, args.force, settings)
    except ValueError as exc:
        print(_("{file}: error: {error}").format(file=HEALTH_FILE, error=exc), file=sys.stderr)
        return 2
    checked = sum(n for verdict, n in verdicts.items() if verdict != "skipped")
    print(
        _(
            "Checked {checked} links ({skipped} not due again yet): {dead} dead, {moved} moved,"
            " {error} unreachable; the results are in {file}"
        ).format(
            checked=checked,
            skipped=verdicts["skipped"],
            dead=verdicts["dead"],
            moved=verdicts["moved"],
            error=verdicts["error"],
            file=HEALTH_FILE,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
