"""The Cloud Native Weekly archive as a Sphinx extension: the wiring floor.

The house has four floors, each importing only those below it:

1. :mod:`newsletter.core`: the model, the issue dialect, front matter,
   registry, labels and addresses; pure Python, no Sphinx (the editors' tools
   in :mod:`newsletter.cli`, the importer included, stand on it alone);
2. the Sphinx layer, in rooms by role: :mod:`.reading` (the gate, the
   directives and roles, the collector: documents into the store),
   :mod:`.store` (the store, the registry, freshness), :mod:`.compat` (every
   reach into upstream internals), :mod:`.blog` (ablog, tamed) and
   :mod:`.i18n` (the extension's messages in the site's language);
3. :mod:`newsletter.views`: side by side, each reading the store and the core;
4. this module: ``setup`` calls each room's ``setup``, which connects its
   handlers with the named priorities of :mod:`.priorities`.

Importing the package loads nothing; Sphinx calls :func:`setup`.
"""

from __future__ import annotations

from typing import Any

from .version import __version__

#: Bump whenever the shape of what the store keeps in the environment changes
#: (or where its classes live): Sphinx then discards a pickled environment
#: instead of misreading it.
ENV_VERSION = 15


def setup(app: Any) -> dict[str, Any]:
    """Connect every room of the archive; each package registers its own handlers."""
    from . import blog, compat, i18n, reading, siteurl, store, views
    from .compat import opengraph, theme
    from .core.settings import SETTINGS
    from .priorities import AFTER_THEME

    if opengraph.MODULE in app.config.extensions:
        opengraph.import_quietly()
    i18n.setup(app)
    app.add_config_value("newsletter_site_url", "", "env", types=[str])
    # The site's settings that the editors' tools read from conf.py too.
    for setting in SETTINGS:
        app.add_config_value(setting.name, setting.default, setting.rebuild, types=setting.types)
    app.connect("config-inited", siteurl.apply_site_url)
    store.setup(app)
    reading.setup(app)
    blog.setup(app)
    views.setup(app)
    theme.add_toggle_shim(app)
    app.connect("html-page-context", theme.escape_page_title, priority=AFTER_THEME)
    compat.check_upstreams(app)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
