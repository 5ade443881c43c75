"""The front matter of an issue: parsing with line numbers, and validation.

This is a pure module (no Sphinx) so that the site build and the editors'
checker report the same problems at the same lines. MyST only hands Sphinx a
flattened, JSON-encoded copy of the front matter without per-field lines, so
the build reads the YAML here, from the source text, instead.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import yaml

from .model import Issue, Problem
from .rules import FIRST_DATE, LAST_DATE, message

#: Fields an issue must carry, with the Chinese label shown in messages.
REQUIRED_FIELDS = ("number", "date", "title", "summary", "authors", "editor")
OPTIONAL_FIELDS = ("publisher", "image", "draft", "tags")
#: The issue schema: the only keys an issue's front matter may hold (the
#: dialect refuses the rest before MyST, Sphinx or ablog can act on them).
ISSUE_FIELDS = REQUIRED_FIELDS + OPTIONAL_FIELDS

_FENCE = re.compile(r"^---[ \t]*$")
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


def read_front_matter(text: str) -> tuple[FrontMatter | None, list[Problem]]:
    """Parse the YAML block at the top of ``text``.

    Returns ``(None, problems)`` when there is no usable block.
    """
    lines = text.split("\n")  # as markdown-it cuts lines, so lines match MyST's
    if lines and lines[0].rstrip() == UNCLOSED_FENCE:
        return None, []  # the dialect reported it (frontmatter.unclosed) and made it text
    if not lines or not _FENCE.match(lines[0]):
        return None, [Problem(1, "缺少 front matter（文件应以 --- 开头的 YAML 块开始）")]
    end = next((i for i in range(1, len(lines)) if _FENCE.match(lines[i])), None)
    if end is None:
        return None, [Problem(1, "front matter 没有结束的 --- 行")]
    block = "\n".join(lines[1:end])
    try:
        root, data = load_yaml(block)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        reason = getattr(exc, "problem", None) or str(exc)
        return None, [Problem(line, f"front matter 不是合法的 YAML：{reason}")]
    if not isinstance(data, dict) or not isinstance(root, yaml.MappingNode):
        return None, [Problem(2, "front matter 应是 “字段: 值” 的映射")]
    key_lines: dict[str, int] = {}
    problems = []
    for key, _ in root.value:
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
            problems.append(Problem(fm.start, f"front matter 缺少必填字段 '{key}'"))

    number = data.get("number")
    if number is not None:
        if isinstance(number, bool) or not isinstance(number, int) or number < 1:
            problems.append(
                Problem(line_of("number"), f"期号 'number' 应为正整数，而不是 {number!r}")
            )
            number = None
        elif (expected := expected_number(docname)) is not None and expected != number:
            problems.append(
                Problem(
                    line_of("number"),
                    f"期号 {number} 与文件名 {docname.rsplit('/', 1)[-1]} 不一致",
                )
            )
        elif docname.rsplit("/", 1)[-1] != f"{number:03d}":
            problems.append(
                Problem(line_of("number"), f"第 {number} 期的文件名应为 {number:03d}.md")
            )

    date_value = data.get("date")
    parsed_date = parse_date(date_value) if date_value is not None else None
    if date_value is not None and parsed_date is None:
        problems.append(
            Problem(
                line_of("date"),
                f"日期 'date' 应为 YYYY-MM-DD 或 ISO 8601 时间，而不是 {date_value!r}",
            )
        )
    elif parsed_date is not None and not FIRST_DATE <= parsed_date[0] <= LAST_DATE:
        problems.append(Problem(line_of("date"), date_range_message(parsed_date[0])))
        parsed_date = None

    texts: dict[str, str] = {}
    for key in ("title", "summary", "editor", "publisher", "image"):
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            problems.append(Problem(line_of(key), f"字段 '{key}' 应为文本"))
        texts[key] = value.strip() if isinstance(value, str) else ""

    lists: dict[str, tuple[str, ...]] = {}
    for key in ("authors", "tags"):
        value = data.get(key)
        parsed = parse_list(value) if value is not None else ()
        if parsed is None:
            problems.append(Problem(line_of(key), f"字段 '{key}' 应为列表"))
        lists[key] = parsed or ()

    draft = data.get("draft", False)
    if not isinstance(draft, bool):
        problems.append(Problem(line_of("draft"), "字段 'draft' 应为 true 或 false"))
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
    )
    return issue, problems


def parse_issue(text: str, docname: str) -> tuple[Issue | None, list[Problem]]:
    """Read and validate an issue's front matter in one step."""
    fm, problems = read_front_matter(text)
    if fm is None:
        return None, problems
    issue, more = validate(fm, docname)
    return issue, problems + more
