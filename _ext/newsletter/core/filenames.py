"""Names that fit in a file name and in an address, whatever an editor writes.

A page named after editor text (an author's page, say) must be a file: most
file systems refuse a name longer than 255 bytes, and a Chinese character is
three of them in UTF-8. A name that is too long is cut and given a short
digest of the whole name, so that it is the same in every build (a page
never moves between builds) and two long names that share a beginning do
not fold into one page. A name that keeps no letter at all (punctuation
only) is named by its digest alone.
"""

from __future__ import annotations

import hashlib

#: The longest name in bytes: well under the usual 255-byte limit, leaving
#: room for a suffix (``.html``, ``.xml``) and a temporary one beside it, and
#: short enough that a percent-encoded address stays readable.
MAX_NAME_BYTES = 120
#: Hex digits of the digest that keeps shortened names apart.
DIGEST_LENGTH = 10


def name_digest(name: str) -> str:
    """A short digest of ``name``: the page name of a name with no letter to keep."""
    return hashlib.sha256(name.encode("utf-8")).hexdigest()[:DIGEST_LENGTH]


def fit_name(name: str, max_bytes: int = MAX_NAME_BYTES) -> str:
    """``name`` itself when it fits in ``max_bytes`` bytes, else a shortened name.

    The shortened name is the longest beginning of ``name`` that fits (cut
    between characters, never inside one), a hyphen and a digest of the
    whole name.
    """
    encoded = name.encode("utf-8")
    if len(encoded) <= max_bytes:
        return name
    digest = name_digest(name)
    room = max(max_bytes - DIGEST_LENGTH - 1, 0)
    beginning = encoded[:room].decode("utf-8", errors="ignore").rstrip("-")
    return f"{beginning}-{digest}" if beginning else digest
