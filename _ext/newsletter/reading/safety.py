"""Links on every page: no unsafe scheme, and no opener or referrer leaks.

Issues are held to their closed dialect before MyST reads them
(:mod:`.guard`); this transform is the last word on links for every page,
the maintainers' guides included, and runs while each document is read, so
the stored doctree is already clean:

* a link whose scheme is not http, https or mailto (``javascript:``,
  ``data:``, ``vbscript:`` …) is replaced by its text, with a warning;
* every external link gets ``rel="noopener noreferrer"``;
* raw HTML (which the dialect refuses in issues; the maintainers' pages may
  use it) is read for links in the same way, entities and all: a refused
  scheme is a warning and the raw HTML is replaced by its allow-listed form
  (:mod:`..core.html_policy`). Raw HTML in an issue is always allow-listed.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from ..core.html_policy import URL_SCHEMES, clean_html, unsafe_urls, url_scheme
from ..core.sources import is_issue_doc
from ..core.urls import EXTERNAL_REL
from ..i18n import _

logger = logging.getLogger(__name__)


class SafeMarkup(SphinxTransform):
    default_priority = 500

    def apply(self, **kwargs: object) -> None:
        for ref in list(self.document.findall(nodes.reference)):
            uri = ref.get("refuri")
            if uri is None:
                continue
            scheme = url_scheme(uri)
            if scheme and scheme not in URL_SCHEMES:
                logger.warning(
                    _("Link %r uses the scheme %s:, which is not allowed; shown as text only"),
                    uri[:80],
                    scheme,
                    location=ref,
                    type="newsletter",
                    subtype="link",
                )
                ref.replace_self(nodes.inline(ref.astext(), ref.astext()))
            elif scheme in ("http", "https"):
                ref["rel"] = EXTERNAL_REL
        self._raw_html()

    def _raw_html(self) -> None:
        in_issue = is_issue_doc(self.config.newsletter_issue_pattern, self.env.docname)
        for raw in list(self.document.findall(nodes.raw)):
            if "html" not in raw.get("format", "").split():
                continue
            text = raw.astext()
            unsafe = unsafe_urls(text)
            for url in unsafe:
                logger.warning(
                    _("Link %r in raw HTML uses a scheme that is not allowed; removed"),
                    url[:80],
                    location=raw,
                    type="newsletter",
                    subtype="link",
                )
            if unsafe or in_issue:
                cleaned = clean_html(text)
                raw.children = [nodes.Text(cleaned)]
                raw.rawsource = cleaned
