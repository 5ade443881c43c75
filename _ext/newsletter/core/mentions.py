"""Finding glossary terms in text: one matcher for every view.

The auto-linking of news items, the "used in" lists of the glossary and the
``terms`` of ``news.json`` all ask the same question, so they share this
matcher and cannot disagree.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

_LATIN = re.compile(r"[A-Za-z0-9]")


def _pattern(term: str) -> str:
    """Whole-word matching for Latin terms; plain matching for Chinese."""
    escaped = re.escape(term)
    if _LATIN.match(term[0]):
        escaped = r"(?<![A-Za-z0-9_])" + escaped
    if _LATIN.match(term[-1]):
        escaped += r"(?![A-Za-z0-9_])"
    # Acronyms and mixed-case names (KEP, xDS) match as written; words in any case.
    if any(c.isupper() for c in term):
        return escaped
    return f"(?i:{escaped})"


@dataclass(frozen=True)
class TermMatcher:
    """The terms, longest first, each with its own compiled pattern.

    The matches are those of one alternation of every term (longest term
    first), leftmost first. One regular expression of a few dozen
    case-insensitive branches with look-arounds tries every branch at every
    position, and cost as much as the rest of an issue page's links; each
    term's own pattern finds its next mention in one quick scan, and the
    scans are merged here in the alternation's order.
    """

    terms: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...]

    def finditer(self, text: str) -> Iterator[tuple[int, int, str]]:
        """``(start, end, term)`` for every mention, left to right."""
        # The next mention of each term at or after ``cursor``: (start, rank, match).
        heap: list[tuple[int, int, re.Match[str]]] = []
        for rank, pattern in enumerate(self.patterns):
            match = pattern.search(text)
            if match:
                heap.append((match.start(), rank, match))
        heapq.heapify(heap)
        cursor = 0
        while heap:
            start, rank, match = heapq.heappop(heap)
            if start >= cursor:
                # Leftmost, and among mentions starting there the alternation's first.
                yield start, match.end(), self.terms[rank]
                cursor = match.end()
            again = self.patterns[rank].search(text, max(cursor, start + 1))
            if again:
                heapq.heappush(heap, (again.start(), rank, again))

    def mentions(self, text: str) -> list[str]:
        """The terms mentioned in ``text``, in order of first mention."""
        return list(dict.fromkeys(term for _, _, term in self.finditer(text)))


@lru_cache(maxsize=8)
def _compile(terms: tuple[str, ...]) -> TermMatcher:
    # Longest first, so that "Service Mesh" wins over a shorter overlapping term.
    ordered = tuple(sorted(set(terms), key=lambda t: (-len(t), t)))
    return TermMatcher(ordered, tuple(re.compile(_pattern(t)) for t in ordered))


def matcher_for(terms: Iterable[str]) -> TermMatcher:
    """The (cached) matcher for a set of terms."""
    return _compile(tuple(sorted(set(terms))))
