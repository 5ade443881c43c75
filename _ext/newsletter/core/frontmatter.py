"""The front matter of an issue: parsing with line numbers, and validation.

This is a pure module (no Sphinx) so that the site build and the editors'
checker report the same problems at the same lines. MyST only hands Sphinx a
flattened, JSON-encoded copy of the front matter without per-field lines, so
the build reads the YAML here, from the source text, instead.

Front matter is data: :data:`SCHEMA` gives every field a type, text fields
are single-line plain text (:mod:`.plaintext`), and a value that breaks its
type is reported at its line and never used (a refused title gives way to
"第 N 期"). MyST never sees the block at all: :func:`heading_for_front_matter`
replaces it, line for line, with an empty heading that the build fills with
the validated title as a text node.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import yaml

from .i18n import _
from .model import Issue, Problem
from .plaintext import line_break_in, markup_in
from .rules import FIRST_DATE, LAST_DATE, message

#: The issue schema: every field and its type. ``line`` is single-line plain
#: text, ``lines`` a list of them (or one comma-separated line), ``path`` a
#: cover image (checked by the dialect), ``url`` a one-line https address
#: (where an issue was first published), ``flag`` a YAML boolean.
SCHEMA = {
    "number": "number",
    "date": "date",
    "title": "line",
    "summary": "line",
    "authors": "lines",
    "editor": "line",
    "publisher": "line",
    "image": "path",
    "draft": "flag",
    "tags": "lines",
    "source": "url",
    "licence": "line",
}
#: Fields an issue must carry.
REQUIRED_FIELDS = ("number", "date", "title", "summary", "authors", "editor")
OPTIONAL_FIELDS = tuple(key for key in SCHEMA if key not in REQUIRED_FIELDS)
#: Licences an issue taken from elsewhere may carry (SPDX identifiers): the
#: archive republishes only openly licensed text, and names its licence.
LICENCES = frozenset({"Apache-2.0", "CC-BY-4.0", "CC-BY-SA-4.0", "CC0-1.0", "MIT"})
#: The issue schema: the only keys an issue's front matter may hold (the
#: dialect refuses the rest before MyST, Sphinx or ablog can act on them).
ISSUE_FIELDS = REQUIRED_FIELDS + OPTIONAL_FIELDS

_FENCE = re.compile(r"^---[ \t\r]*$")
#: What YAML, but neither MyST nor an editor's line count, takes for a line break.
_SEPARATORS = re.compile("[\x85\u2028\u2029]")
#: An opening fence with no closing one, as the dialect leaves it: shown as text.
UNCLOSED_FENCE = "\\---"


class _Loader(yaml.SafeLoader):
    """SafeLoader without implicit timestamps: dates stay text.

    PyYAML turns ``2024-13-45`` into a date and raises a bare ValueError;
    keeping dates as text lets :func:`parse_date` report them with a line.
    """


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _FastLoader(getattr(yaml, "CSafeLoader", _Loader)):  # type: ignore[misc]
    """The same loader on LibYAML's parser, where PyYAML was built with it."""

    yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


def load_yaml(
    text: str, fast: type = _FastLoader, precise: type = _Loader
) -> tuple[yaml.Node | None, Any]:
    """The node tree (for line numbers) and the data of ``text``.

    LibYAML parses ten times faster than the pure-Python parser, but marks
    some errors a line late; on an error the pure-Python parser is asked
    again, so the message points where an editor should look.
    """
    try:
        return yaml.compose(text, Loader=fast), yaml.load(text, Loader=fast)
    except yaml.YAMLError as fast_error:
        try:
            return yaml.compose(text, Loader=precise), yaml.load(text, Loader=precise)
        except yaml.YAMLError:
            raise
        except Exception:
            raise fast_error from None


_LIST_SPLIT = re.compile(r"[,，、]")


@dataclass(frozen=True)
class FrontMatter:
    """The raw front matter: values and the file line of each key."""

    data: dict[str, Any]
    lines: dict[str, int]
    #: First line of the block (the opening ``---``), 1-based.
    start: int = 1


def _closing_fence(lines: list[str]) -> int | None:
    """The index of the ``---`` that closes the block opened by ``lines[0]``."""
    return next((i for i in range(1, len(lines)) if _FENCE.match(lines[i])), None)


def read_front_matter(text: str) -> tuple[FrontMatter | None, list[Problem]]:
    """Parse the YAML block at the top of ``text``.

    Returns ``(None, problems)`` when there is no usable block, else the
    block and the lines that hold a Unicode line separator.
    """
    # Lines as MyST and editors count them: YAML would also break at the
    # Unicode line separators, so each is reported at its line and read as a
    # space (a quoted "\u2028" still reaches the value, and the schema refuses it).
    lines = text.split("\n")
    if lines and lines[0].rstrip() == UNCLOSED_FENCE:
        return None, []  # the dialect reported it (frontmatter.unclosed) and made it text
    if not lines or not _FENCE.match(lines[0]):
        return None, [
            Problem(1, _("No front matter (a file should begin with a YAML block opened by ---)"))
        ]
    end = _closing_fence(lines)
    if end is None:
        return None, [Problem(1, _("The front matter has no closing --- line"))]
    separators = [
        Problem(
            index + 1,
            _(
                "This front matter line holds a Unicode line break (U+2028, U+2029 or NEL), read as a space"
            ),
        )
        for index in range(1, end)
        if _SEPARATORS.search(lines[index])
    ]
    block = "\n".join(_SEPARATORS.sub(" ", line) for line in lines[1:end])
    try:
        root, data = load_yaml(block)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        reason = getattr(exc, "problem", None) or str(exc)
        return None, [
            *separators,
            Problem(line, _("The front matter is not valid YAML: {reason}").format(reason=reason)),
        ]
    if not isinstance(data, dict) or not isinstance(root, yaml.MappingNode):
        return None, [
            *separators,
            Problem(2, _('The front matter should be a mapping of "field: value"')),
        ]
    key_lines: dict[str, int] = {}
    problems = list(separators)
    for key, _node in root.value:
        if not isinstance(key, yaml.ScalarNode):
            continue
        line = key.start_mark.line + 2
        first = key_lines.setdefault(str(key.value), line)
        if first != line:
            problems.append(
                Problem(line, message("frontmatter.duplicate_key", key=key.value, first=first))
            )
            key_lines[str(key.value)] = line
    return FrontMatter({str(k): v for k, v in data.items()}, key_lines), problems


def heading_for_front_matter(text: str) -> str:
    """``text`` as MyST should read it: the front matter replaced by an empty heading.

    The opening ``---`` becomes a bare ``#`` (a level-1 heading with no text,
    which the build fills with the validated title as a text node) and every
    other line of the block an empty line, so no value can become source and
    every later line keeps its number. A file without a closed block is
    returned as it is (the dialect has already read it as body text).
    """
    lines = text.split("\n")
    end = _closing_fence(lines) if _FENCE.match(lines[0]) else None
    if end is None:
        return text
    return "\n".join(["#", *[""] * end, *lines[end + 1 :]])


def expected_number(docname: str) -> int | None:
    """The issue number a file name promises (``issues/003`` → 3)."""
    stem = docname.rsplit("/", 1)[-1]
    return int(stem) if stem.isdigit() else None


def parse_list(value: Any) -> tuple[str, ...] | None:
    """Accept a YAML list or a comma-separated string; None when neither."""
    if isinstance(value, str):
        items = _LIST_SPLIT.split(value)
    elif isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
        items = [str(v) for v in value]
    else:
        return None
    return tuple(s.strip() for s in items if s.strip())


def fallback_title(number: int) -> str:
    """The heading of an issue whose title is refused: "第 N 期"."""
    return _("Issue {number}").format(number=number)


def parse_date(value: Any) -> tuple[dt.date, str] | None:
    """Return the publication date and, when a time was given, its ISO form.

    A time with a UTC offset keeps its local calendar date: an issue published
    at 2019-05-07T01:00+08:00 is the 7 May issue, not 6 May.
    """
    if isinstance(value, dt.datetime):
        return value.date(), value.isoformat()
    if isinstance(value, dt.date):
        return value, ""
    if isinstance(value, str):
        try:
            parsed = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            return None
        has_time = "T" in value or " " in value.strip()
        return parsed.date(), parsed.isoformat() if has_time else ""
    return None


def date_range_message(date: dt.date) -> str:
    """Why ``date`` cannot be an issue's date (the weekly's plausible range)."""
    return message("date.range", date=date.isoformat(), first=FIRST_DATE, last=LAST_DATE)


def validate(fm: FrontMatter, docname: str) -> tuple[Issue | None, list[Problem]]:
    """Check the fields of an issue and build its :class:`Issue`.

    Every problem is reported, not only the first, so that an editor fixes
    them all in one pass.
    """
    data, problems = fm.data, []

    def line_of(key: str) -> int:
        return fm.lines.get(key, fm.start)

    for key in REQUIRED_FIELDS:
        value = data.get(key)
        if value is None or (isinstance(value, str | list) and not value):
            problems.append(
                Problem(
                    fm.start, _("The front matter lacks the required field '{key}'").format(key=key)
                )
            )

    number = data.get("number")
    if number is not None:
        if isinstance(number, bool) or not isinstance(number, int) or number < 1:
            problems.append(
                Problem(
                    line_of("number"),
                    _("The issue number 'number' should be a positive integer, not {value}").format(
                        value=repr(number)
                    ),
                )
            )
            number = None
        elif (expected := expected_number(docname)) is not None and expected != number:
            problems.append(
                Problem(
                    line_of("number"),
                    _("Issue number {number} does not match the file name {name}").format(
                        number=number, name=docname.rsplit("/", 1)[-1]
                    ),
                )
            )
        elif docname.rsplit("/", 1)[-1] != f"{number:03d}":
            problems.append(
                Problem(
                    line_of("number"),
                    _("The file of issue {number} should be named {number:03d}.md").format(
                        number=number
                    ),
                )
            )

    date_value = data.get("date")
    parsed_date = parse_date(date_value) if date_value is not None else None
    if date_value is not None and parsed_date is None:
        problems.append(
            Problem(
                line_of("date"),
                _("The date 'date' should be YYYY-MM-DD or an ISO 8601 time, not {value}").format(
                    value=repr(date_value)
                ),
            )
        )
    elif parsed_date is not None and not FIRST_DATE <= parsed_date[0] <= LAST_DATE:
        problems.append(Problem(line_of("date"), date_range_message(parsed_date[0])))
        parsed_date = None

    texts: dict[str, str] = {}
    for key in (key for key, kind in SCHEMA.items() if kind in ("line", "path", "url")):
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            problems.append(
                Problem(line_of(key), _("Field '{key}' should be text").format(key=key))
            )
        text = value.strip() if isinstance(value, str) else ""
        reason = markup_in(text) if SCHEMA[key] == "line" else line_break_in(text)
        if reason is not None:
            fallback = fallback_title(number) if key == "title" and number is not None else ""
            instead = (
                _('"{fallback}" is shown as the title instead').format(fallback=fallback)
                if fallback
                else _("left out")
            )
            problems.append(
                Problem(
                    line_of(key),
                    _("Field '{key}' should be one line of plain text: {reason}, {instead}").format(
                        key=key, reason=reason, instead=instead
                    ),
                )
            )
            text = fallback
        texts[key] = text

    lists: dict[str, tuple[str, ...]] = {}
    for key in (key for key, kind in SCHEMA.items() if kind == "lines"):
        value = data.get(key)
        parsed = parse_list(value) if value is not None else ()
        if parsed is None:
            problems.append(
                Problem(line_of(key), _("Field '{key}' should be a list").format(key=key))
            )
        kept = []
        for position, item in enumerate(parsed or (), 1):
            if (reason := markup_in(item)) is None:
                kept.append(item)
            else:
                problems.append(
                    Problem(
                        line_of(key),
                        _(
                            "Entry {position} of field '{key}' should be one line of plain text: {reason}, left out"
                        ).format(key=key, position=position, reason=reason),
                    )
                )
        lists[key] = tuple(kept)

    problems += _origin_problems(texts, line_of)

    draft = data.get("draft", False)
    if not isinstance(draft, bool):
        problems.append(Problem(line_of("draft"), _("Field 'draft' should be true or false")))
        draft = False

    if number is None or parsed_date is None or not texts["title"]:
        return None, problems
    issue = Issue(
        docname=docname,
        number=number,
        date=parsed_date[0],
        published=parsed_date[1],
        title=texts["title"],
        summary=texts["summary"],
        authors=lists["authors"],
        editor=texts["editor"],
        publisher=texts["publisher"],
        image=texts["image"],
        draft=draft,
        tags=lists["tags"],
        source=texts["source"],
        licence=texts["licence"],
    )
    return issue, problems


def _origin_problems(texts: dict[str, str], line_of: Callable[[str], int]) -> list[Problem]:
    """``source`` and ``licence`` credit an issue first published elsewhere: both or neither.

    The address is shown to readers as a link, so it must be https (never a
    script or a plain-http page); the licence must be one the archive knows
    it may republish under.
    """
    problems = []
    source, licence = texts["source"], texts["licence"]
    if source and (urlsplit(source).scheme != "https" or not urlsplit(source).netloc):
        problems.append(
            Problem(
                line_of("source"),
                _(
                    "The original address 'source' should be an https:// address, not {value}"
                ).format(value=repr(source)),
            )
        )
    if licence and licence not in LICENCES:
        known = _(", ").join(sorted(LICENCES))
        problems.append(
            Problem(
                line_of("licence"),
                _("The licence 'licence' should be one of {known}, not {value}").format(
                    known=known, value=repr(licence)
                ),
            )
        )
    if bool(source) != bool(licence):
        missing, present = ("licence", "source") if source else ("source", "licence")
        problems.append(
            Problem(
                line_of(present),
                _(
                    "'{present}' needs '{missing}' too: a republished issue names both its origin and its licence"
                ).format(present=present, missing=missing),
            )
        )
    return problems


def parse_issue(text: str, docname: str) -> tuple[Issue | None, list[Problem]]:
    """Read and validate an issue's front matter in one step."""
    fm, problems = read_front_matter(text)
    if fm is None:
        return None, problems
    issue, more = validate(fm, docname)
    return issue, problems + more
