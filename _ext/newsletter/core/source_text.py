"""An issue file's bytes as text: one reading for the build and the checker.

``make check`` and the build must see the same characters on the same lines,
or they report different problems at different lines. Both therefore read a
source through :data:`CODEC` and Python's text mode (``Path.read_text``, which
is how Sphinx reads a source), never each in its own way:

* UTF-8, with or without a BOM; bytes that are not UTF-8 become U+FFFD and
  each such line is reported (:func:`.dialect.undecodable_lines`), so one
  stray byte never stops the build with a traceback;
* UTF-16 and UTF-32 (with a BOM, or UTF-16 without one, told by its zero
  bytes) are decoded as what they are, and reported once at line 1
  (:func:`encoding_problem`): editors must save UTF-8, but the text is not
  turned into noise meanwhile;
* line endings: text mode's universal newlines turn ``\\r\\n`` and a bare
  ``\\r`` into ``\\n`` for both tools alike.
"""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import Any

from .model import Problem
from .rules import message, severity

CODEC = "newsletter-source"
REPLACEMENT = "\ufffd"

#: Byte-order marks, longest first (the UTF-32 LE mark begins with the UTF-16 LE one).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", ""),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
#: Bytes to look at before deciding the encoding.
_SNIFF = 64


def sniff(head: bytes) -> tuple[str, str]:
    """The codec for a file starting with ``head``, and the name to report ('' for UTF-8)."""
    for bom, codec, name in _BOMS:
        if head.startswith(bom):
            return codec, name
    # UTF-8 text never holds a zero byte; UTF-16 text of ASCII holds one in
    # every other byte.
    even, odd = head[0::2], head[1::2]
    if len(head) >= 4 and odd.count(0) * 2 >= len(odd) and not even.count(0):
        return "utf-16-le", "UTF-16LE"
    if len(head) >= 4 and even.count(0) * 2 >= len(even) and not odd.count(0):
        return "utf-16-be", "UTF-16BE"
    return "utf-8-sig", ""


class _Decoder(codecs.IncrementalDecoder):
    """Waits for the first bytes, picks the codec, then decodes leniently."""

    _head: bytes
    _inner: codecs.IncrementalDecoder | None

    def __init__(self, errors: str = "strict") -> None:
        super().__init__("replace")
        self.reset()

    def decode(self, input: Any, final: bool = False) -> str:
        data = bytes(input)
        if self._inner is None:
            self._head += data
            if len(self._head) < _SNIFF and not final:
                return ""
            codec, _ = sniff(self._head)
            self._inner = codecs.getincrementaldecoder(codec)("replace")
            data, self._head = self._head, b""
        return self._inner.decode(data, final)

    def reset(self) -> None:
        self._head = b""
        self._inner = None


def _search(name: str) -> codecs.CodecInfo | None:
    if name.replace("_", "-") != CODEC:
        return None
    base = codecs.lookup("utf-8-sig")

    def decode(data: Any, errors: str = "strict") -> tuple[str, int]:
        return _Decoder().decode(bytes(data), final=True), len(data)

    return codecs.CodecInfo(
        name=CODEC,
        encode=base.encode,
        decode=decode,
        incrementalencoder=base.incrementalencoder,
        incrementaldecoder=_Decoder,
    )


codecs.register(_search)


def read_source(path: Path) -> str:
    """The text of a source file, exactly as the build reads it."""
    return path.read_text(encoding=CODEC)


def encoding_problem(path: Path) -> Problem | None:
    """A file that is not UTF-8, reported once at line 1; None for UTF-8."""
    try:
        with path.open("rb") as stream:
            head = stream.read(_SNIFF)
    except OSError:
        return None
    _, name = sniff(head)
    if not name:
        return None
    return Problem(1, message("encoding.not_utf8", encoding=name), severity("encoding.not_utf8"))
