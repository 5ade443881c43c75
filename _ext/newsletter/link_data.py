"""What the link-health views share: the data file as the build reads it, and their links.

Used by :mod:`.views.link_marks` (issue pages) and :mod:`.views.link_report` (the report
page). The file is read once per version of it; a damaged file is a warning
with the file's name, and the build goes on as if no check had been run.
"""

from __future__ import annotations

import functools
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from .core.link_health import HEALTH_FILE, LinkResult, load_health
from .safety import EXTERNAL_REL

logger = logging.getLogger(__name__)


def health_path(app: Sphinx) -> Path:
    return Path(app.srcdir) / app.config.newsletter_link_health_file


@functools.cache
def _load(path: Path, mtime_ns: int) -> dict[str, LinkResult]:
    """The file's results, read once per version of the file."""
    try:
        return load_health(path)
    except ValueError as exc:
        logger.warning("%s", exc, location=str(path), type="newsletter", subtype="links")
        return {}


def link_health(app: Sphinx) -> dict[str, LinkResult]:
    """The recorded results by URL; empty when ``make links`` never ran."""
    path = health_path(app)
    if not path.is_file():
        return {}
    return _load(path, path.stat().st_mtime_ns)


def external_link(url: str, text: str = "", *classes: str) -> nodes.reference:
    """A link out of the site, with the ``rel`` every external link of the site has.

    The views add these after :class:`.safety.SafeMarkup` has run, so they set
    it themselves.
    """
    return nodes.reference(
        text or url, text or url, refuri=url, rel=EXTERNAL_REL, classes=list(classes)
    )


def setup(app: Sphinx) -> None:
    """The setting naming the data file, relative to the source folder."""
    app.add_config_value("newsletter_link_health_file", HEALTH_FILE, "", types=[str])
