"""Where the Atom feeds live under the output root: pure, no Sphinx.

The feeds view writes them and the navigation and topic pages link to them;
both take the layout from here, so it is defined once.
"""

from __future__ import annotations

FEED_DIR = "feeds"
KINDS = ("issues", "projects", "tags")


def feed_path(kind: str, slug: str = "") -> str:
    """The path of a feed under the output root, e.g. ``feeds/projects/envoy.xml``."""
    if kind not in KINDS:
        raise ValueError(f"unknown feed kind {kind!r}; expected one of {KINDS}")
    if kind == "issues":
        return f"{FEED_DIR}/issues.xml"
    if not slug:
        raise ValueError(f"a {kind} feed needs a slug")
    return f"{FEED_DIR}/{kind}/{slug}.xml"
