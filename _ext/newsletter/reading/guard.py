"""The build's gate for issue files: the dialect applied before MyST runs.

* ``config-inited``: files under ``issues/`` that are not issues (symbolic
  links, other names, reStructuredText) and drafts are added to
  ``exclude_patterns``, so Sphinx never reads them: no page, no ``_sources/``
  copy, no search record. ``newsletter_drafts = 1`` (``make livehtml DRAFTS=1``)
  previews drafts instead.
* ``source-read``: each issue's text is read against :mod:`..core.dialect`;
  every refused construct is reported at its line and the text MyST parses is
  the inert version :mod:`..core.dialect_rewrite` makes of it, so a build
  without ``-W`` still runs nothing, reads nothing and fetches nothing an
  issue asked for.

Maintainers' pages under ``docs/`` are trusted and pass untouched.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from ..core.dialect_rewrite import read_issue_text
from ..core.myst import MYST_EXTENSIONS
from ..core.sources import is_issue_doc, survey
from ..i18n import _

logger = logging.getLogger(__name__)


def exclude_refused_and_drafts(app: Sphinx, config: Config) -> None:
    """``config-inited``: keep refused files, and drafts unless previewed, out of the build."""
    if set(config.myst_enable_extensions) != set(MYST_EXTENSIONS):
        logger.warning(
            _(
                "myst_enable_extensions should be %s: the issue dialect and make check read issues with these syntax extensions"
            ),
            list(MYST_EXTENSIONS),
            type="newsletter",
            subtype="config",
        )
    srcdir = Path(app.srcdir)
    found = survey(srcdir, tuple(config.source_suffix))
    patterns = list(config.exclude_patterns)
    for refusal in found.refused:
        logger.warning(
            refusal.message,
            location=f"{srcdir / refusal.path}:1",
            type="newsletter",
            subtype="dialect",
        )
        patterns += refusal.patterns
    if not config.newsletter_drafts:
        patterns += found.drafts
    config.exclude_patterns = patterns


def leave_front_matter_to_the_archive(app: Sphinx, config: Config) -> None:
    """``config-inited``: MyST's own front-matter warnings are silenced.

    The archive reads every front matter itself (:mod:`..core.frontmatter`,
    in :mod:`.collector`, for issues and other pages alike) and reports each
    problem once, at its line, as ``make check`` does. MyST would add a second,
    vaguer message at line 1 ("Malformed YAML") that the checker cannot repeat.
    """
    config.suppress_warnings = [*config.suppress_warnings, "myst.topmatter"]


def apply_dialect(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: report what an issue may not say, and parse the inert text."""
    if not is_issue_doc(app.config.newsletter_issue_pattern, docname):
        return
    reading = read_issue_text(source[0], docname, Path(app.srcdir))
    for problem in reading.problems:
        logger.warning(
            problem.message,
            location=(docname, problem.line),
            type="newsletter",
            subtype="dialect",
        )
    source[0] = reading.text
