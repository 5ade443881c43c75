"""The channels' Jinja templates (under ``templates/``), autoescaped except plain text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from ...i18n import _

TEMPLATES = Path(__file__).with_name("templates")
_jinja = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(["html"]),
    keep_trailing_newline=True,
)


def render_template(name: str, language: str, **context: Any) -> str:
    """Template ``name`` for a site in ``language``: ``lang`` is its tag, ``nl_`` translates."""
    return _jinja.get_template(name).render(lang=language.replace("_", "-"), nl_=_, **context)
