"""Addresses every view agrees on.

Builders differ in how a document becomes a URL (``issues/003.html`` or
``issues/003/``), so a view passes its builder's ``get_target_uri``; the rest
of the address is the archive's own rule, kept here once.
"""

from __future__ import annotations

from collections.abc import Callable

from .model import NewsItem

#: The page name of the 404 page: not a reader's page, never in the sitemap.
NOT_FOUND_PAGE = "404"


def item_url(target_uri: Callable[[str], str], item: NewsItem) -> str:
    """The item's page and anchor, relative to the site root."""
    return f"{target_uri(item.docname)}#{item.id}"


#: Where the Atom feeds live under the output root (the feeds view writes
#: them; the navigation and topic pages link to them).
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


#: The ``rel`` of every link that leaves the site: no opener, no referrer.
EXTERNAL_REL = "noopener noreferrer"
