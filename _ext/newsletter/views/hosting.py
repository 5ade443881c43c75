"""One search on pages hosted by Read the Docs: the archive's.

Read the Docs' addons add a search overlay of their own to every hosted page
(Elasticsearch over Sphinx's text: no Chinese segmentation, no item
results, no facets), opened with "/" or from the addons' flyout menu. The
supported way to turn it off is the project's dashboard (Settings > Addons >
Search, see docs/search.md); a repository cannot say it. Every page
therefore also declares the addons' data API version it reads (the
``readthedocs-addons-api-version`` meta tag) and loads
``views/search/static/hosted-search.js``, which, while the addons report their search
enabled, hands "/" and the flyout's search to the archive's own search.
Off Read the Docs no addon runs and the script does nothing. A site without
the channel ``search`` (``newsletter_channels``) has no search to hand over:
its pages leave the addons' search alone, without the meta tag or the script.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from ..core.channels import SEARCH, publishes

#: The addons' data API version the page's script reads (``addons.search.enabled``).
ADDONS_API_VERSION = "1"
SCRIPT = "hosted-search.js"
#: The script as the page's context names it.
ADDED = f"_static/{SCRIPT}"


def add_addons_meta(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> None:
    """``html-page-context``: the addons' API version the page's script expects."""
    if not publishes(app.config.newsletter_channels, SEARCH):
        scripts = context.get("script_files", [])
        context["script_files"] = [js for js in scripts if getattr(js, "filename", js) != ADDED]
        return
    meta = f'<meta name="readthedocs-addons-api-version" content="{ADDONS_API_VERSION}" />\n'
    context["metatags"] = context.get("metatags", "") + meta
