"""The extension's messages in the site's language: the Sphinx layer's room.

The extension writes every message in English and translates it through its
own catalog (domain ``newsletter``, under ``newsletter/locale/``) with
Sphinx's i18n machinery: :func:`setup` registers the catalog for the site's
``language`` and :func:`_` is :func:`sphinx.locale.get_translation`'s
translator. Templates get the same translator as ``nl_``: Sphinx's own
``_`` in a template reads Sphinx's catalog, not this one. A count is
translated with :func:`ngettext`, ``nl_n(singular, plural, count)`` in
templates, so an English site writes "1 item" and "2 items". The pure core,
which cannot import Sphinx, reads the same compiled catalog through
:mod:`newsletter.core.i18n`, switched to the same language here.
"""

from __future__ import annotations

import gettext
import hashlib
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.locale import get_translation, get_translator

from ..compat import forget_message_catalog
from ..core import i18n as core_i18n
from ..core.i18n import N_

__all__ = ["N_", "_", "ngettext", "setup"]

#: The translator of the extension's messages (English message ids).
_ = get_translation(core_i18n.DOMAIN)
#: The configuration value holding :func:`digest_catalog`.
CATALOG_DIGEST = "newsletter_catalog_digest"


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a message for ``count`` in the site's language, from the same catalog as :func:`_`."""
    return get_translator(core_i18n.DOMAIN).ngettext(singular, plural, count)


def setup(app: Sphinx) -> None:
    """Register the catalog for the site's language, for Sphinx and for the core."""
    # Sphinx merges a catalog registered twice in one process (several test
    # builds, a site built in two languages) instead of replacing it.
    forget_message_catalog(core_i18n.DOMAIN)
    app.add_message_catalog(core_i18n.DOMAIN, str(core_i18n.LOCALE_DIR))
    core_i18n.activate(app.config.language)
    app.add_config_value(CATALOG_DIGEST, "", "env", types=[str])
    app.connect("config-inited", digest_catalog)
    app.connect("html-page-context", add_translator)


def digest_catalog(app: Sphinx, config: Config) -> None:
    """``config-inited``: the site language's compiled catalog, as a configuration value.

    Documents keep the words they were read with (an issue's header, its
    warnings). A value that re-reads the environment enters the configuration
    Sphinx compares with the last build's, so an edited translation re-reads
    every document instead of leaving the old wording in place.
    """
    found = gettext.find(core_i18n.DOMAIN, core_i18n.LOCALE_DIR, [config.language or "en"])
    config[CATALOG_DIGEST] = hashlib.sha256(Path(found).read_bytes()).hexdigest() if found else ""


def add_translator(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: the extension's templates translate with ``nl_`` and ``nl_n``."""
    context["nl_"] = _
    context["nl_n"] = ngettext
