"""Credit lines of a published issue: who wrote it, who edited it, who published it.

The weekly puts them at the top or at the end, as plain lines or quoted
(``> 本周作者：甲 乙 丙``), with commas or spaces between names. The archive
keeps them in the front matter and the issue page prints them from there,
so a line that became front matter must not stay in the body as well.
Pure: no Sphinx, no files.
"""

from __future__ import annotations

import re

_KEYS = {
    "本周作者": "authors",
    "本期作者": "authors",
    "作者": "authors",
    "责任编辑": "editor",
    "本周编辑": "editor",
    "本期编辑": "editor",
    "编辑": "editor",
}
_CREDIT = re.compile(
    r"^\s*(?:>\s*)?(?P<key>" + "|".join(sorted(_KEYS, key=len, reverse=True)) + r")"
    r"\s*[：:]\s*(?P<value>.+?)\s*$"
)
_PUBLISHER = re.compile(r"^\s*(?:>\s*)?(?P<value>本周报由.+发布\s*[。.]?)\s*$")
_SEPARATORS = re.compile(r"\s*[,，、;；/]\s*")


def credit(line: str) -> tuple[str, str] | None:
    """``("authors" | "editor" | "publisher", value)`` for a credit line."""
    match = _CREDIT.match(line)
    if match is not None:
        return _KEYS[match.group("key")], match.group("value")
    publisher = _PUBLISHER.match(line)
    return ("publisher", publisher.group("value").strip()) if publisher else None


def is_credits(lines: list[str]) -> bool:
    """A block made only of credit lines (blank and bare ``>`` lines aside)."""
    meaningful = [line for line in lines if line.strip().lstrip(">").strip()]
    return bool(meaningful) and all(credit(line) for line in meaningful)


def names(value: str) -> tuple[str, ...]:
    """The names of a credit: separated by commas, or by spaces between Chinese names."""
    parts = [p for p in _SEPARATORS.split(value.strip()) if p]
    if len(parts) == 1 and not value.isascii():
        parts = value.split()
    return tuple(p.strip() for p in parts if p.strip())


def printed(line: str, authors: tuple[str, ...], editor: str, publisher: str) -> bool:
    """True when the page prints ``line`` from the front matter already."""
    found = credit(line)
    if found is None:
        return False
    role, value = found
    if role == "authors":
        return names(value) == authors
    if role == "editor":
        return value == editor
    return value == publisher
