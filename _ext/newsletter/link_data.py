"""The link-health data file as the build reads it: once per version of the file.

Shared by the views that show link health (:mod:`.link_marks` on issue
pages, :mod:`.link_report` on the report page). A damaged file is a warning
with the file's name, and the build goes on as if no check had been run.
"""

from __future__ import annotations

import functools
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from .link_health import HEALTH_FILE, LinkResult, load_health

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


def setup(app: Sphinx) -> None:
    """The setting naming the data file, relative to the source folder."""
    app.add_config_value("newsletter_link_health_file", HEALTH_FILE, "", types=[str])
