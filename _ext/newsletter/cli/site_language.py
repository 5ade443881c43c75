"""The site's interface language, read from its ``conf.py`` without running it.

``make check`` must print the build's messages in the build's language, and
the tools never run Sphinx (nor the site's ``conf.py``, which may import
anything): a top-level ``language = "..."`` assignment is read as data.
This reader is deliberately small; a fuller reader of the site's settings
may take its place.
"""

from __future__ import annotations

import ast
from pathlib import Path

from ..core import i18n

#: Sphinx's own default when ``conf.py`` sets no language.
DEFAULT_LANGUAGE = "en"


def site_language(root: Path) -> str | None:
    """The ``language`` that ``root/conf.py`` sets; None when there is no ``conf.py``."""
    conf = root / "conf.py"
    try:
        tree = ast.parse(conf.read_text(encoding="utf-8"), str(conf))
    except (OSError, SyntaxError, ValueError):
        return None
    language = DEFAULT_LANGUAGE
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "language" for t in node.targets)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            language = node.value.value
    return language


def activate_site_language(root: Path) -> None:
    """Print messages in the language of the site at ``root``.

    A folder with no ``conf.py`` (not a site) keeps the language already active.
    """
    language = site_language(root)
    if language is not None:
        i18n.activate(language)
