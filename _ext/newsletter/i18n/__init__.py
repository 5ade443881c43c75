"""The extension's messages in the site's language: the Sphinx layer's room.

The extension writes every message in English and translates it through its
own catalog (domain ``newsletter``, under ``newsletter/locale/``) with
Sphinx's i18n machinery: :func:`setup` registers the catalog for the site's
``language`` and :func:`_` is :func:`sphinx.locale.get_translation`'s
translator. Templates get the same translator as ``nl_``: Sphinx's own
``_`` in a template reads Sphinx's catalog, not this one. The pure core,
which cannot import Sphinx, reads the same compiled catalog through
:mod:`newsletter.core.i18n`, switched to the same language here.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.locale import get_translation

from ..compat import forget_message_catalog
from ..core import i18n as core_i18n
from ..core.i18n import N_

__all__ = ["N_", "_", "setup"]

#: The translator of the extension's messages (English message ids).
_ = get_translation(core_i18n.DOMAIN)


def setup(app: Sphinx) -> None:
    """Register the catalog for the site's language, for Sphinx and for the core."""
    # Sphinx merges a catalog registered twice in one process (several test
    # builds, a site built in two languages) instead of replacing it.
    forget_message_catalog(core_i18n.DOMAIN)
    app.add_message_catalog(core_i18n.DOMAIN, str(core_i18n.LOCALE_DIR))
    core_i18n.activate(app.config.language)
    app.connect("html-page-context", add_translator)


def add_translator(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: the extension's templates translate with ``nl_``."""
    context["nl_"] = _
