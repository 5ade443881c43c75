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
