"""sphinxext-opengraph, imported without its notice about matplotlib.

sphinxext-opengraph 0.13 prints "matplotlib is not installed, social cards
will not be generated" to standard output when its module is imported,
whatever ``ogp_social_cards`` says: no setting silences it (upstream offers
none; the archive ships its own card, ``ogp_social_cards = {"enable": False}``
in conf.py, and has no use for matplotlib). A clean build prints only
findings, so the archive imports the module itself, before Sphinx does, with
that one line held back; anything else the import prints is passed on.
``tests/test_compat.py`` holds a canary: once upstream stops printing, this
module can go.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import sys

MODULE = "sphinxext.opengraph"
#: The one line held back.
MATPLOTLIB_NOTICE = "matplotlib is not installed, social cards will not be generated"


def import_quietly() -> None:
    """Import sphinxext-opengraph (once) without its matplotlib notice.

    Must run before Sphinx loads the extension: conf.py lists ``newsletter``
    before ``sphinxext.opengraph``.
    """
    if MODULE in sys.modules:
        return
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        importlib.import_module(MODULE)
    rest = [line for line in printed.getvalue().splitlines() if line != MATPLOTLIB_NOTICE]
    if rest:
        print("\n".join(rest))
