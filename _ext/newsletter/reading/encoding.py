"""Reading sources that are not valid UTF-8 without a traceback.

Sphinx decodes sources strictly: one stray byte pasted into an issue stops
the whole build with a ``UnicodeDecodeError`` traceback, and a file saved as
UTF-16 becomes noise. Sources are read instead through the core's codec
(:mod:`..core.source_text`, the one ``make check`` reads with): undecodable
bytes become U+FFFD and every line holding one is reported with its file and
line, and a UTF-16 or UTF-32 file is read as such and reported once, so the
editor sees where to look and nothing else of the file is lost.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from ..core.dialect import undecodable_lines
from ..core.source_text import CODEC, REPLACEMENT, encoding_problem

logger = logging.getLogger(__name__)


def use_lenient_codec(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: read UTF-8 sources with the lenient codec.

    The environment's reader setting is changed rather than the
    ``source_encoding`` option, which Sphinx 9 deprecates for anything but
    UTF-8 (with a warning that ``-W`` would turn into a failure).
    """
    if env.settings.get("input_encoding", "").lower().replace("_", "-") in ("utf-8", "utf-8-sig"):
        env.settings["input_encoding"] = CODEC


def report_undecodable(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: a file that is not UTF-8, and each line with undecodable bytes."""
    problems = [p for p in [encoding_problem(app.env.doc2path(docname))] if p is not None]
    if REPLACEMENT in source[0]:
        problems += undecodable_lines(source[0])
    for problem in problems:
        logger.warning(
            problem.message,
            location=(docname, problem.line),
            type="newsletter",
            subtype="encoding",
        )
