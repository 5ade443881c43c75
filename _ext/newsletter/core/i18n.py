"""The extension's messages in the site's language: pure, no Sphinx.

Every string the extension shows is written in English in the code and
translated through one message catalog, domain ``newsletter``, under
``newsletter/locale/<language>/LC_MESSAGES/``. The Sphinx layer registers the
same catalog with Sphinx (:mod:`newsletter.i18n`); the core, which both the
build and the editors' tools (``make check``) call, cannot import Sphinx, so
it reads the compiled catalog with the standard library's :mod:`gettext`.
Both are switched to the site's ``language`` (the build from its
configuration, the tools from its ``conf.py``), so ``make check`` and the
build print the same message in the same language.

Messages are translated when they are shown, never at import time: a
module-level table holds message ids, and :func:`_` is called where the
text is built. A message that shows a count is written in its English
singular and plural and translated with :func:`ngettext` (or
:func:`npgettext`): the catalog's plural forms choose ("1 item", "2 items";
Chinese has one form, ``nplurals=1``).
"""

from __future__ import annotations

import gettext
from pathlib import Path

#: The catalog's domain: ``newsletter.po`` and ``newsletter.mo``.
DOMAIN = "newsletter"
#: Where the catalogs are: ``<language>/LC_MESSAGES/newsletter.mo``.
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"

_active: gettext.NullTranslations = gettext.NullTranslations()


def activate(language: str | None) -> None:
    """Show messages in ``language`` from now on; English when it has no catalog.

    No language means English, never the environment's ``LANG``: a site's
    messages do not depend on who runs the tools.
    """
    global _active
    # Read afresh, not from gettext's per-process cache: a catalog compiled
    # again (make catalogs, then a rebuild in the same process) is seen.
    found = gettext.find(DOMAIN, LOCALE_DIR, [language or "en"])
    if found is None:
        _active = gettext.NullTranslations()
        return
    with open(found, "rb") as catalog:
        _active = gettext.GNUTranslations(catalog)


def _(message: str) -> str:
    """``message`` (an English message id) in the active language."""
    return _active.gettext(message)


def N_(message: str) -> str:  # noqa: N802 (gettext's conventional name)
    """Mark ``message`` for the catalog where it is defined; :func:`_` translates it when shown."""
    return message


def pgettext(context: str, message: str) -> str:
    """``message`` in the active language, where ``context`` tells two uses of one text apart."""
    return _active.pgettext(context, message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a message for ``count`` in the active language (English: ``singular`` for 1)."""
    return _active.ngettext(singular, plural, count)


def npgettext(context: str, singular: str, plural: str, count: int) -> str:
    """:func:`ngettext` where ``context`` tells two uses of one text apart."""
    return _active.npgettext(context, singular, plural, count)
