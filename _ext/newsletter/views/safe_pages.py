"""The HTML pages' last line: issue HTML through the one allow-list.

An issue page's body is what Sphinx's writer made of an issue's doctree; the
dialect and docutils' escaping already keep editor text inert there. Before
any other handler wraps or reads the body, this view passes it through
:func:`~newsletter.core.html_policy.clean_html`, so whatever slipped past
them (a raw node, an unescaped value) is reduced to the elements and
attributes the dialect can produce. ablog's archive pages, overridden in
``templates/ablog/``, print each issue's excerpt through the same sanitiser
(:mod:`newsletter.blog.excerpts`).
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from ..core.html_policy import clean_html
from ..core.sources import is_issue_doc


def clean_issue_page(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> None:
    """``html-page-context``, before the body is wrapped: sanitise an issue's body."""
    body = context.get("body")
    if body and is_issue_doc(app.config.newsletter_issue_pattern, pagename):
        context["body"] = clean_html(str(body))
