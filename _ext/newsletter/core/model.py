"""The archive's data model: issues and the news items inside them.

Every view of the archive (issue pages, indexes, feeds, ``news.json``, the
checker) reads these records, so they are plain, immutable and picklable: they
live in the pickled Sphinx environment and cross process boundaries in
parallel builds.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .addresses import ends_in_a_number, host_refusal, parse_ip
from .i18n import N_, _
from .rules import message

#: URL schemes a source link may use; anything else is never rendered as a link.
SAFE_LINK_SCHEMES = ("http", "https")

_SLUG_DROP = re.compile(r"[^\w\s-]", re.UNICODE)
_SLUG_SPACE = re.compile(r"[\s_-]+", re.UNICODE)
SLUG_MAX_LENGTH = 60


def slugify(text: str, max_length: int = SLUG_MAX_LENGTH) -> str:
    """Return a readable, URL-safe slug that keeps Chinese characters.

    docutils' ``make_id`` keeps only ASCII, which turns an all-Chinese title
    into an empty or serial id. Anchors must instead be derived from the text
    alone, so that they do not move when other items are added.
    """
    normalized = unicodedata.normalize("NFKC", text).lower()
    slug = _SLUG_SPACE.sub("-", _SLUG_DROP.sub(" ", normalized)).strip("-")
    if len(slug) > max_length:
        cut = slug[:max_length]
        # Prefer to cut at a word boundary when one is reasonably close.
        boundary = cut.rfind("-")
        slug = cut[:boundary] if boundary >= max_length // 2 else cut
    return slug.strip("-")


def link_scheme(url: str) -> str:
    """Return the lower-cased scheme of ``url`` ('' when there is none)."""
    match = re.match(r"\s*([A-Za-z][A-Za-z0-9+.-]*):", url)
    return match.group(1).lower() if match else ""


def is_safe_link(url: str) -> bool:
    """True for an absolute http(s) URL with a host."""
    return link_scheme(url) in SAFE_LINK_SCHEMES and bool(
        re.match(r"\s*https?://[^/\s?#]+", url, re.IGNORECASE)
    )


_TAG_SYMBOLS = {"+": " plus ", "#": " sharp ", "&": " and ", "@": " at "}


@functools.lru_cache(maxsize=4096)
def tag_slug(tag: str) -> str:
    """The page slug of a tag: one page per tag, however it is spelled.

    Case, width and separators fold together ("CI/CD", "ci-cd"), but symbols
    that carry meaning are spelled out so that "C++" and "C#" stay apart.
    Cached: a few hundred tags are slugged tens of thousands of times a build
    (each item's tags, by the directive, the feeds, the tag pages).
    """
    spelled = "".join(_TAG_SYMBOLS.get(ch, ch) for ch in unicodedata.normalize("NFKC", tag))
    return slugify(spelled) or "tag"


_EXPLICIT_TARGET = re.compile(r"^(.+?)\s*<(.+)>$", re.DOTALL)


def explicit_target(text: str) -> tuple[str | None, str]:
    """A role's label and target: ``代理 <envoy>`` → (``代理``, ``envoy``); (None, text) if plain."""
    match = _EXPLICIT_TARGET.match(text)
    return (match.group(1), match.group(2)) if match else (None, text)


@dataclass(frozen=True)
class Problem:
    """A message about one line of a file (front matter, registry, ...)."""

    line: int
    message: str
    severity: str = "error"  # "error", "warning" or "info" (not a problem: a note)


def unsafe_link_reason(url: str) -> str | None:
    """Why ``url`` may not be an item's source link (None when it may).

    One verdict for the build and the editors' checker, so they cannot drift.
    """
    if not is_safe_link(url):
        scheme = link_scheme(url)
        if scheme and scheme not in SAFE_LINK_SCHEMES:
            return _("unsupported scheme {scheme}:").format(scheme=scheme)
        return _("not a complete http(s) address")
    bad = _BAD_URL_CHARACTER.search(url.strip())
    if bad:
        return message("link.bad_character", character=_character_name(bad.group()))
    return deceptive_link_reason(url) or _host_reason(url)


#: Characters RFC 3986 never allows in a URL: whitespace, controls, ``"<>\^`{|}``.
_BAD_URL_CHARACTER = re.compile(r'[\s\x00-\x1f\x7f"<>\\^`{|}]')
_CHARACTER_NAMES = {
    " ": N_("a space"),
    "\t": N_("a tab"),
    "\u3000": N_("an ideographic space"),
    "\xa0": N_("a no-break space"),
}


def _character_name(character: str) -> str:
    """A character as an editor can read it in a message (invisible ones escaped)."""
    if character in _CHARACTER_NAMES:
        return _(_CHARACTER_NAMES[character])
    return character if character.isprintable() else repr(character)[1:-1]


def _host_reason(url: str) -> str | None:
    """Why the host (and port) of an http(s) ``url`` may not be linked."""
    parts = urlsplit(url.strip())
    try:
        parts.port  # noqa: B018 - raises on a port that is not a number in range
    except ValueError:
        return _("the port is not valid")
    host = parts.hostname or ""
    if ends_in_a_number(host) and parse_ip(host) is None:
        return message("link.bad_host", host=host)
    return host_refusal(host)


def deceptive_link_reason(url: str) -> str | None:
    """Why an http(s) ``url`` would mislead a reader about where it goes.

    ``https://github.com@evil.example/`` goes to evil.example, and a host name
    that mixes Latin with Cyrillic or Greek letters imitates another site.
    """
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname or ""
    except ValueError:
        return _("the address cannot be parsed")
    if "@" in parts.netloc:
        return _(
            "the part before @ in the address (a user name or password) hides the real host {host}"
        ).format(host=host)
    if not host or _NOT_IN_HOST.search(host):
        return _("host name {host} is not a valid host name").format(host=repr(host))
    for label in host.split("."):
        if label.startswith("xn--"):
            try:
                label = label.encode("ascii").decode("idna")
            except UnicodeError:
                return _("host name {host} is not a valid internationalised domain name").format(
                    host=host
                )
        if len(_letter_scripts(label) & _CONFUSABLE_SCRIPTS) > 1:
            return _(
                "host name {host} mixes Latin letters with look-alike letters of other scripts"
            ).format(host=host)
    return None


#: Characters no host name may hold (spaces, quotes, brackets, percent escapes).
_NOT_IN_HOST = re.compile(r"[\s\"'<>\\^`{|}%\[\]]")
_CONFUSABLE_SCRIPTS = frozenset({"LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE"})


def _letter_scripts(label: str) -> set[str]:
    return {unicodedata.name(ch, "?").split()[0] for ch in label if ch.isalpha()}


def source_link_problem(link: str) -> str | None:
    """Why ``link`` cannot be an item's source link; None when it can.

    The ``news`` directive and the checker report exactly this message.
    """
    if not link:
        return _("The news item has no source link :link:")
    reason = unsafe_link_reason(link)
    if reason is None:
        return None
    return _(
        "Source link '{link}' is not valid ({reason}); only http(s) addresses are accepted"
    ).format(link=link, reason=reason)


@dataclass(frozen=True)
class Issue:
    """One weekly issue, from its document's front matter."""

    docname: str
    number: int
    date: dt.date
    title: str
    summary: str = ""
    authors: tuple[str, ...] = ()
    editor: str = ""
    publisher: str = ""
    image: str = ""
    draft: bool = False
    tags: tuple[str, ...] = ()
    #: The publication time as written (ISO 8601), when it had one.
    published: str = ""
    #: Where the issue was first published (an https address), for an issue
    #: the archive took from elsewhere, and the licence it was published under.
    source: str = ""
    licence: str = ""


def issue_time(issue: Issue) -> dt.datetime:
    """When ``issue`` was published, as an aware time for feeds and social cards.

    A time written without an offset, or a bare date (taken as midnight), is
    read as UTC: the calendar date stays the one the editors wrote.
    """
    if issue.published:
        moment = dt.datetime.fromisoformat(issue.published)
    else:
        moment = dt.datetime.combine(issue.date, dt.time())
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


@dataclass(frozen=True)
class NewsItem:
    """One news item: the unit readers follow across issues."""

    docname: str
    #: The anchor of the item on its issue page; unique within that page.
    id: str
    title: str
    link: str
    section: str = ""
    #: The sub-heading inside the section, e.g. "Kubernetes 项目".
    group: str = ""
    projects: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    #: Position of the item in its document, for a stable reading order.
    order: int = 0
    lineno: int = 0
    #: Plain text of the body, for search and summaries.
    text: str = field(default="", compare=False)


@dataclass(frozen=True)
class Term:
    """A glossary entry name, with its stable anchor."""

    name: str
    docname: str
    #: ``term-<slug>``: derived from the name alone, so it never moves.
    id: str
    #: A short expansion, shown on hover where the term is mentioned.
    expansion: str = ""


@dataclass(frozen=True)
class TermNote:
    """An issue's own explanation of a term (its "名词解释" note)."""

    term: str
    docname: str
    id: str
    text: str
    lineno: int = 0
