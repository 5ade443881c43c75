"""The site's settings for the editors' tools, read from the same conf.py as the build.

``conf.py`` is the site's own, trusted Python file: the tools run it as Sphinx
does (in its folder, with ``__file__`` set) and take the values named in
:mod:`newsletter.core.settings`, so ``make new``, ``make check`` and
``make import`` see the sections, cadence, registry and glossary the build
sees. Running a file needs no Sphinx, so the tools still start in a blink.
A site without conf.py (a bare folder of issues) gets the defaults.
"""

from __future__ import annotations

import contextlib
import runpy
from pathlib import Path

from ..core.i18n import _
from ..core.settings import DEFAULTS, SettingError, SiteSettings

CONF_FILE = "conf.py"


def load_settings(root: Path) -> SiteSettings:
    """The settings of the site whose conf.py is in ``root``.

    Raises :class:`SettingError` with a ``conf.py: …`` message when a value is
    not of its type, or when conf.py itself fails to run.
    """
    conf = root / CONF_FILE
    if not conf.is_file():
        return DEFAULTS
    try:
        with contextlib.chdir(root):
            values = runpy.run_path(str(conf.resolve()), run_name="conf")
    except Exception as exc:  # the site's own file: any failure is reported, not raised
        error = f"{type(exc).__name__}: {exc}"
        raise SettingError(
            _("{file}: error: it cannot be run ({error})").format(file=CONF_FILE, error=error)
        ) from exc
    try:
        return SiteSettings.from_values(values)
    except SettingError as exc:
        raise SettingError(_("{file}: error: {error}").format(file=CONF_FILE, error=exc)) from None
