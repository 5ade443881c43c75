"""Finding glossary terms in text: one matcher for every view.

The auto-linking of news items, the "used in" lists of the glossary and the
``terms`` of ``news.json`` all ask the same question, so they share this
matcher and cannot disagree.
"""

from __future__ import annotations

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
    """A compiled alternation of terms, one group per term."""

    terms: tuple[str, ...]
    regex: re.Pattern[str] | None

    def finditer(self, text: str) -> Iterator[tuple[int, int, str]]:
        """``(start, end, term)`` for every mention, left to right."""
        if self.regex is None:
            return
        for match in self.regex.finditer(text):
            assert match.lastindex is not None  # one group per term: a match is in one
            yield match.start(), match.end(), self.terms[match.lastindex - 1]

    def narrowed(self, text: str) -> TermMatcher:
        """A matcher of the terms that can occur in ``text``: the same matches there.

        One alternation of every glossary term tries each at every position
        of the text; most items mention few terms, or none. A term whose
        letters do not appear in ``text`` (in any case, as ``re.IGNORECASE``
        compares them) matches nowhere in it, nor in any part of it, and
        dropping a branch that never matches changes no match of the others.
        """
        folded = _folded(text)
        present = tuple(term for term in self.terms if _folded(term) in folded)
        return self if len(present) == len(self.terms) else _compile(present)

    def mentions(self, text: str) -> list[str]:
        """The terms mentioned in ``text``, in order of first mention."""
        return list(dict.fromkeys(term for _, _, term in self.finditer(text)))


#: The letters ``re.IGNORECASE`` takes for ``i`` that ``casefold()`` keeps apart.
_DOTTED_I = str.maketrans({"İ": "i", "ı": "i"})


def _folded(text: str) -> str:
    """``text`` with every pair of letters ``re.IGNORECASE`` equates made equal
    (``casefold`` equates more, which only keeps a term that cannot match)."""
    return text.translate(_DOTTED_I).casefold()


@lru_cache(maxsize=256)
def _compile(terms: tuple[str, ...]) -> TermMatcher:
    # Longest first, so that "Service Mesh" wins over a shorter overlapping term.
    ordered = tuple(sorted(set(terms), key=lambda t: (-len(t), t)))
    if not ordered:
        return TermMatcher((), None)
    return TermMatcher(ordered, re.compile("|".join(f"({_pattern(t)})" for t in ordered)))


def matcher_for(terms: Iterable[str]) -> TermMatcher:
    """The (cached) matcher for a set of terms."""
    return _compile(tuple(sorted(set(terms))))
