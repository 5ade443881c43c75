"""The channels' Jinja templates (under ``templates/``), autoescaped except plain text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

TEMPLATES = Path(__file__).with_name("templates")
_jinja = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(["html"]),
    keep_trailing_newline=True,
)


def render_template(name: str, **context: Any) -> str:
    return _jinja.get_template(name).render(**context)
