"""Links on every page: no unsafe scheme, and no opener or referrer leaks.

Issues are held to their closed dialect before MyST reads them
(:mod:`.guard`); this transform is the last word on links for every page,
the maintainers' guides included, and runs while each document is read, so
the stored doctree is already clean:

* a link whose scheme is not http, https or mailto (``javascript:``,
  ``data:``, ``vbscript:`` …) is replaced by its text, with a warning;
* every external link gets ``rel="noopener noreferrer"``.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from ..core.model import link_scheme
from ..core.urls import EXTERNAL_REL

logger = logging.getLogger(__name__)

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})


class SafeMarkup(SphinxTransform):
    default_priority = 500

    def apply(self, **kwargs: object) -> None:
        for ref in list(self.document.findall(nodes.reference)):
            uri = ref.get("refuri")
            if uri is None:
                continue
            scheme = link_scheme(uri)
            if scheme and scheme not in ALLOWED_SCHEMES:
                logger.warning(
                    "链接 %r 使用了不允许的协议 %s:，只显示文字",
                    uri[:80],
                    scheme,
                    location=ref,
                    type="newsletter",
                    subtype="link",
                )
                ref.replace_self(nodes.inline(ref.astext(), ref.astext()))
            elif scheme in ("http", "https"):
                ref["rel"] = EXTERNAL_REL
