"""The Cloud Native Weekly archive as a Sphinx extension.

Importing the package loads nothing: the editors' tools import
:mod:`newsletter.core` and :mod:`newsletter.cli` without pulling in Sphinx.
Sphinx calls :func:`setup`, which hands over to :mod:`newsletter.extension`.
"""

from __future__ import annotations

from typing import Any


def setup(app: Any) -> dict[str, Any]:
    """Sphinx's entry point; the wiring lives in :mod:`newsletter.extension`."""
    from .extension import setup as wire

    return wire(app)
