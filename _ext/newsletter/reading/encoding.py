"""Reading sources that are not valid UTF-8 without a traceback.

Sphinx decodes sources strictly: one stray byte pasted into an issue stops
the whole build with a ``UnicodeDecodeError`` traceback. Sources are read
instead through a UTF-8 codec that replaces undecodable bytes with U+FFFD,
and every line holding one is reported with its file and line, so the
editor sees where to look and nothing else of the file is lost.
"""

from __future__ import annotations

import codecs
import encodings.utf_8_sig as utf_8_sig

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from ..core.dialect import undecodable_lines

logger = logging.getLogger(__name__)

CODEC = "newsletter-utf-8-sig"
REPLACEMENT = "\ufffd"


class _Decoder(utf_8_sig.IncrementalDecoder):
    def __init__(self, errors: str = "strict") -> None:
        super().__init__("replace")


def _search(name: str) -> codecs.CodecInfo | None:
    if name.replace("_", "-") != CODEC:
        return None
    base = codecs.lookup("utf-8-sig")
    return codecs.CodecInfo(
        name=CODEC,
        encode=base.encode,
        decode=lambda data, errors="strict": base.decode(data, "replace"),
        incrementalencoder=base.incrementalencoder,
        incrementaldecoder=_Decoder,
        streamreader=base.streamreader,
        streamwriter=base.streamwriter,
    )


codecs.register(_search)


def use_lenient_codec(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: read UTF-8 sources with the lenient codec.

    The environment's reader setting is changed rather than the
    ``source_encoding`` option, which Sphinx 9 deprecates for anything but
    UTF-8 (with a warning that ``-W`` would turn into a failure).
    """
    if env.settings.get("input_encoding", "").lower().replace("_", "-") in ("utf-8", "utf-8-sig"):
        env.settings["input_encoding"] = CODEC


def report_undecodable(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: one warning per line that held undecodable bytes."""
    if REPLACEMENT not in source[0]:
        return
    for problem in undecodable_lines(source[0]):
        logger.warning(
            problem.message,
            location=(docname, problem.line),
            type="newsletter",
            subtype="encoding",
        )
