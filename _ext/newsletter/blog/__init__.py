"""ablog, tamed: the Sphinx layer's room for the blog engine the site stands on.

ablog gives the home page's lists, the year archive and the author pages.
:mod:`.bridge` hands it each issue's metadata from the store and makes it
parallel-safe; :mod:`.catalogs` compiles its Chinese messages. Its internals
are reached only through :mod:`newsletter.compat`.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from ..priorities import AFTER_ABLOG
from . import bridge, catalogs, excerpts


def setup(app: Sphinx) -> None:
    """Register the transforms and handlers that adapt ablog to the archive."""
    app.add_transform(bridge.AblogFrontMatter)
    app.add_transform(bridge.AblogExcerpt)
    app.connect("config-inited", bridge.declare_parallel_safe)
    app.connect("builder-inited", bridge.reset_blog)
    app.connect("builder-inited", bridge.skip_post_copies)
    app.connect("builder-inited", catalogs.compile_ablog_catalog)
    app.connect("builder-inited", catalogs.add_theme_messages)
    app.connect("doctree-read", bridge.slim_posts, priority=AFTER_ABLOG)
    app.connect("env-merge-info", bridge.merge_posts)
    app.connect("env-updated", bridge.rebuild_blog)
    app.connect("html-page-context", excerpts.add_excerpt_renderer)
