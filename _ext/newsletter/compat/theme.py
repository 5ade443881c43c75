"""The one place where the archive reaches into the theme's internals.

pydata-sphinx-theme 0.20.0 (under sphinx-book-theme 1.4.0) renders two
buttons of class ``primary-toggle`` (and two of ``secondary-toggle``): a
hidden one in its top navbar and the visible one in the book theme's article
header. Its script binds ``document.querySelector(".primary-toggle")``, the
first, hidden one, so on phones and tablets the menu (☰) and the table of
contents buttons do nothing:
https://github.com/pydata/pydata-sphinx-theme/issues/2451

The shim below forwards a tap on any later toggle to the first one, which
both themes' scripts listen to. It is timing-free (one capturing listener on
the document), so it works whatever order the themes' scripts run in.
``tests/test_theme_compat.py`` is the canary: it fails when the pinned
themes change, so the shim is removed once upstream fixes the bug.

The book theme's sidebar buttons have English titles written into their
templates; the two button templates are overridden by
``templates/toggle-primary-sidebar.html`` and
``templates/toggle-secondary-sidebar.html`` (same markup, Chinese titles).
The theme's untranslated messages get a fallback catalog in
:mod:`newsletter.blog.catalogs`. The theme's search box carries an ``autocorrect``
attribute the W3C checker refuses, and ablog's post card nests a ``div`` in a
``ul``: ``templates/search-field.html`` (included by the ``search_dialog``
block of ``templates/layout.html``) and ``templates/ablog/postcard2.html``
are valid copies, with a canary in ``tests/test_theme_compat.py``.

Font Awesome's ``fontawesome.js`` (1.56 MB, most of an issue page's weight)
draws about a dozen icons. ``static/scripts/fontawesome.js`` overrides it
with an empty script (html_static_path files win over the theme's), and
``static/icons.css`` draws those icons as CSS masks.

sphinx-book-theme sets ``pagetitle`` to the plain text of a page's title and
prints it unescaped (``<h1>{{ pagetitle }}</h1>``, the print-only header of
every page; Sphinx's templates do not autoescape): an issue title that reads
``<img onerror=…>`` as text became a live element there.
:func:`escape_page_title` hands the template the escaped text instead.
"""

from __future__ import annotations

import json
from typing import Any

from sphinx.application import Sphinx

from ..core.html_policy import text_html

#: The theme versions the shim was written against (see requirements.txt).
PINNED = {"pydata-sphinx-theme": "0.20.0", "sphinx-book-theme": "1.4.0"}
#: The buttons the themes bind by their first match only.
TOGGLES = (".primary-toggle", ".secondary-toggle")

SHIM_JS = """\
document.addEventListener("click", (event) => {
  for (const selector of __TOGGLES__) {
    const tapped = event.target.closest && event.target.closest(selector);
    const bound = document.querySelector(selector);
    if (tapped && bound && tapped !== bound) {
      event.preventDefault();
      event.stopImmediatePropagation();
      bound.click();
      return;
    }
  }
}, true);
""".replace("__TOGGLES__", json.dumps(list(TOGGLES)))


#: The icons that replace Font Awesome, under the extension's static folder.
ICONS_CSS = "icons.css"
#: Icons the themes and ablog draw with Font Awesome classes.
ICONS = (
    "bars", "list", "magnifying-glass", "sun", "moon", "circle-half-stroke",
    "arrow-up", "angle-left", "angle-right", "user", "calendar", "outdent",
)  # fmt: skip


def add_toggle_shim(app: Sphinx) -> None:
    """Load the forwarding shim and the icons on every HTML page (called from ``setup``)."""
    app.add_js_file(None, body=SHIM_JS)
    app.add_css_file(ICONS_CSS)


def escape_page_title(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> None:
    """``html-page-context``, after the book theme's handler: ``pagetitle`` as HTML."""
    if "pagetitle" in context:
        context["pagetitle"] = text_html(context["pagetitle"])
