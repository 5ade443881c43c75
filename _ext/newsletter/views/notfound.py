"""The 404 page, correct at any depth.

Read the Docs answers a missing address with the site's ``404.html`` under
that address, say ``/zh-cn/latest/issues/old/page.html``. Sphinx writes the
page's links relative to the site root, which would then point nowhere. A
``<base>`` element naming the page's own address at the root makes every one
of them resolve as if the page were there (it is), anchors included. This
avoids a dependency (sphinx-notfound-page) for one line of HTML.
"""

from __future__ import annotations

import html
from typing import Any

from sphinx.application import Sphinx

from ..core.urls import NOT_FOUND_PAGE
from ..siteurl import absolute_url

#: The document Read the Docs serves for missing pages.


def add_base_url(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> None:
    """``html-page-context``: anchor the 404 page's links at the site root."""
    if pagename != NOT_FOUND_PAGE:
        return
    base = html.escape(absolute_url(app.config, app.builder.get_target_uri(pagename)))
    context["metatags"] = f'<base href="{base}" />\n' + context.get("metatags", "")
