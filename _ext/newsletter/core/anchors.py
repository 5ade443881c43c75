"""The anchor of each news item on its issue page: one rule for the build and the checker.

An anchor must not move when other items are added, so it comes from the
item alone: its explicit ``:id:``, or else its title's slug. Derived slugs
that collide within a page get a numeric suffix; an explicit ``:id:`` that
collides, or holds characters an anchor cannot, is an editor's mistake and
is reported.
"""

from __future__ import annotations

import re
from collections.abc import Container

from .i18n import _
from .model import slugify

_EXPLICIT_ID = re.compile(r"^[\w-]+$", re.UNICODE)


class ItemAnchors:
    """The anchors given so far on one issue page."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def give(self, title: str, explicit: str, taken: Container[str] = ()) -> tuple[str, list[str]]:
        """The anchor for an item, and what is wrong with its ``:id:``.

        ``taken`` holds the other ids of the page (headings, for example),
        which the build knows and the checker does not.
        """
        problems = []
        explicit = explicit.strip()
        if explicit:
            anchor = explicit if _EXPLICIT_ID.match(explicit) else (slugify(explicit) or "item")
            if anchor != explicit:
                problems.append(
                    _(
                        "Item id '{id}' holds characters that are not allowed; changed to '{anchor}'"
                    ).format(id=explicit, anchor=anchor)
                )
            if anchor in self.used or anchor in taken:
                problems.append(_("Item id '{id}' appears twice in this issue").format(id=anchor))
        else:
            anchor = slugify(title) or "item"
        base, n = anchor, 2
        while anchor in self.used or anchor in taken:
            anchor, n = f"{base}-{n}", n + 1
        self.used.add(anchor)
        return anchor, problems
