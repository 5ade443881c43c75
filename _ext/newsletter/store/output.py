"""Writing generated files into the output directory.

Generated files (``news.json``, feeds, the sitemap) are rewritten only when
their content changes: feed readers and caches see a stable modification
time, and an incremental build with nothing new touches nothing.
"""

from __future__ import annotations

from pathlib import Path


def write_if_changed(target: Path, text: str) -> bool:
    """Write ``text`` to ``target`` unless it already holds it; True when written."""
    if target.is_file() and target.read_text(encoding="utf-8") == text:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return True
