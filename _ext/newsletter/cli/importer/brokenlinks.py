"""Links an author broke by hand, and whether they can be mended without guessing.

``[Serving API proposal(https://…)`` lost its ``]``; ``[文章] (https://…)``
has a space CommonMark does not allow; ``[文章](https://… 后文`` lost its
``)`` before a space. Each leaves one address and one link text, so the
repair cannot pick a wrong one; it is reported all the same.
A bracket that opens before an address in any other way is left as written
and reported, because mending it would mean choosing what the author meant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_URL = r"(?P<url>https?://[^\s()<>\[\]]+)"
#: ``[text(url)`` — no closing bracket before the parenthesis.
_MISSING_BRACKET = re.compile(r"(?<![\\!])\[(?P<text>[^\[\]()\n]+?)\(" + _URL + r"\)")
#: ``[text] (url)`` — a space between the text and the address.
_SPACED = re.compile(r"(?<![\\!])\[(?P<text>[^\[\]\n]+)\][ \t]+\(" + _URL + r"\)")
#: ``[text](url`` — no closing parenthesis; the address (ASCII only) ends at a space.
_UNCLOSED = re.compile(
    r"(?<![\\!])\[(?P<text>[^\[\]\n]+)\]\((?P<url>https?://[A-Za-z0-9\-._~:/?#@!$&'*+,;=%]+)(?=[ \t]|$)"
)
#: An opening bracket with an address after it and no ``](`` that closes a
#: link, or a ``](`` address that runs on without its ``)``.
_SUSPECT = re.compile(
    r"(?<![\\!])\[(?![^\[\]\n]*\]\()[^\]\n]*https?://|\]\(https?://[^\s()]*(?:\s|$)"
)
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


@dataclass(frozen=True)
class LinkRepair:
    """One line's repair (or a suspicion), for the import summary."""

    line: int
    before: str
    after: str = ""

    @property
    def repaired(self) -> bool:
        return bool(self.after)


def _mend(match: re.Match[str]) -> str:
    return f"[{match.group('text').rstrip()}]({match.group('url')})"


def repair_links(text: str, first_line: int = 1) -> tuple[str, list[LinkRepair]]:
    """``text`` with unambiguous broken links mended, and what was done per line.

    Lines are never added or removed, so line numbers stay those of the source.
    """
    out: list[str] = []
    found: list[LinkRepair] = []
    fence: str | None = None
    for number, line in enumerate(text.split("\n"), start=first_line):
        marker = _FENCE.match(line)
        if marker and (fence is None or line.strip().startswith(fence)):
            fence = None if fence else marker.group(1)
        if fence or marker:
            out.append(line)
            continue
        mended = _UNCLOSED.sub(_mend, _SPACED.sub(_mend, _MISSING_BRACKET.sub(_mend, line)))
        if mended != line:
            found.append(LinkRepair(number, line.strip(), mended.strip()))
        elif _SUSPECT.search(line):
            found.append(LinkRepair(number, line.strip()))
        out.append(mended)
    return "\n".join(out), found
