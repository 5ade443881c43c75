"""The glossary's terms, read from ``docs/glossary.md`` without Sphinx.

In a ``glossary`` directive every line that is not indented names a term
(several such lines in a row are synonyms for one definition); indented lines
are the definitions. Sphinx matches ``{term}`` references case-insensitively.
"""

from __future__ import annotations

from pathlib import Path

from .i18n import _
from .myst import markdown_parser

GLOSSARY_FILE = "docs/glossary.md"


def glossary_terms(path: Path) -> frozenset[str] | None:
    """The folded terms defined in ``path``; None when the file is absent."""
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8", errors="replace")
    terms: set[str] = set()
    for token in markdown_parser().parse(text):
        if token.type not in ("fence", "colon_fence") or token.info.split()[:1] != ["{glossary}"]:
            continue
        for line in token.content.splitlines():
            if line.strip() and not line[0].isspace() and not line.startswith(":"):
                terms.add(fold_term(line.split(" : ")[0]))
    return frozenset(terms)


def fold_term(term: str) -> str:
    return " ".join(term.split()).lower()


def term_target(role_content: str) -> str:
    """The term a ``{term}`` role points at: ``text <target>`` or the text."""
    content = role_content.strip()
    if content.endswith(">") and "<" in content:
        return content[content.rindex("<") + 1 : -1].strip()
    return content


def missing_term_message(target: str) -> str:
    """What the build and the checker say about a term the glossary lacks."""
    return _("Term '{term}' is not defined in {glossary}").format(
        term=fold_term(target), glossary=GLOSSARY_FILE
    )
