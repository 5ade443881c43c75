"""What the build refuses to publish: unsafe links and raw HTML in issues.

Issue text comes from editors under deadline and from imports of other
sites, so it is not trusted to carry markup. This transform runs while each
document is read, so the stored doctree is already clean:

* a link whose scheme is not http, https or mailto (``javascript:``,
  ``data:``, ``vbscript:`` …) is replaced by its text, with a warning;
* every external link gets ``rel="noopener noreferrer"``;
* raw HTML inside an issue is shown as code, never passed through, with a
  warning (the guides under ``docs/`` are maintainers' text and may use it).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from .collector import is_issue_doc
from .model import link_scheme

logger = logging.getLogger(__name__)

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
EXTERNAL_REL = "noopener noreferrer"


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
        if not is_issue_doc(self.config, self.env.docname):
            return
        for raw in list(self.document.findall(nodes.raw)):
            if "html" not in raw.get("format", "").split():
                continue
            logger.warning(
                "期刊中不允许使用原始 HTML，已作为代码显示：%r",
                raw.astext()[:60],
                location=raw,
                type="newsletter",
                subtype="html",
            )
            text = raw.astext()
            shown = (
                nodes.literal(text, text)
                if isinstance(raw.parent, nodes.TextElement)
                else nodes.literal_block(text, text)
            )
            raw.replace_self(shown)
