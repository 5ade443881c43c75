"""Which hosts a link may name: the archive's one address guard.

Links come from issues, which are content: they must not make a reader's
browser, the editor's machine or CI reach their own network. An address is
refused when it is loopback, private, link-local, multicast, unspecified,
reserved or otherwise not global, however it is written:

* the IPv4 spellings that ``inet_aton`` and browsers accept (``127.1``,
  ``2130706433``, ``0x7f000001``, ``0177.0.0.1``) are read with the WHATWG URL
  standard's IPv4 parser, the one browsers use;
* an IPv6 address that carries an IPv4 one (IPv4-mapped ``::ffff:127.0.0.1``,
  IPv4-compatible, 6to4, Teredo, NAT64 ``64:ff9b::/96``) is judged by the
  IPv4 address inside it as well;
* ``localhost`` and the special-use names that only a local network answers
  (``.localhost``, ``.local``, ``.internal``, ``.home.arpa``), with or without
  the final dot.

This module needs no network: ``make check`` and the build judge the host as
written; the HTTP client (:mod:`newsletter.cli.http_client`) judges every
address a name resolves to with :func:`address_kind` before connecting.
"""

from __future__ import annotations

import ipaddress
import re

from .i18n import _
from .rules import message

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

#: Names that only this machine or a local network answers (RFC 6761, 6762, 8375).
_LOCAL_SUFFIXES = ("localhost", "local", "internal", "home.arpa")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")
_DIGITS = {10: re.compile(r"[0-9]*"), 8: re.compile(r"[0-7]*"), 16: re.compile(r"[0-9a-fA-F]*")}


def _ipv4_number(part: str) -> int | None:
    """One part of a WHATWG IPv4 address: decimal, ``0x`` hex or ``0`` octal."""
    radix = 10
    if part[:2].lower() == "0x":
        part, radix = part[2:], 16
    elif len(part) > 1 and part.startswith("0"):
        part, radix = part[1:], 8
    if not _DIGITS[radix].fullmatch(part):
        return None
    return int(part, radix) if part else 0


def ends_in_a_number(host: str) -> bool:
    """WHATWG: a host whose last label is numeric must be an IPv4 address."""
    labels = host.split(".")
    if labels[-1] == "" and len(labels) > 1:
        labels.pop()
    last = labels[-1]
    return bool(last) and (last.isdigit() or _ipv4_number(last) is not None)


def parse_ipv4(host: str) -> ipaddress.IPv4Address | None:
    """The IPv4 address ``host`` spells, by the WHATWG URL standard; None if none."""
    parts = host.split(".")
    if parts[-1] == "" and len(parts) > 1:
        parts.pop()
    if not 1 <= len(parts) <= 4 or any(not p for p in parts):
        return None
    numbers = [_ipv4_number(p) for p in parts]
    if any(n is None for n in numbers):
        return None
    *head, last = [n for n in numbers if n is not None]
    if any(n > 255 for n in head) or last >= 256 ** (5 - len(parts)):
        return None
    value = last
    for index, number in enumerate(head):
        value += number * 256 ** (3 - index)
    return ipaddress.IPv4Address(value)


def parse_ip(host: str) -> IPAddress | None:
    """The IP address ``host`` names (brackets and an IPv6 zone allowed); None for a name."""
    bare = host.strip()
    if bare.startswith("[") and bare.endswith("]"):
        bare = bare[1:-1]
    try:
        return ipaddress.ip_address(bare.split("%", 1)[0])
    except ValueError:
        return parse_ipv4(bare)


def _embedded_ipv4(address: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address carries (mapped, 6to4, Teredo, NAT64)."""
    found = []
    if address.ipv4_mapped is not None:
        found.append(address.ipv4_mapped)
    if address.sixtofour is not None:
        found.append(address.sixtofour)
    if address.teredo is not None:
        found.extend(address.teredo)
    last32 = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if address in _NAT64 or address in _NAT64_LOCAL or address in _IPV4_COMPATIBLE:
        found.append(last32)
    return found


def address_kind(address: IPAddress) -> str | None:
    """Why ``address`` may not be reached, in editors' words; None for a public address."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.scope_id:
            return _("a local address with a network interface")
        for inner in _embedded_ipv4(address):
            kind = address_kind(inner)
            if kind is not None:
                return _("the embedded IPv4 address {inner} is {kind}").format(
                    inner=inner, kind=kind
                )
    checks = (
        (address.is_loopback, _("a loopback address")),
        (address.is_unspecified, _("an unspecified address")),
        (address.is_link_local, _("a link-local address")),
        (address.is_multicast, _("a multicast address")),
        (address.is_private, _("a private address")),
        (address.is_reserved, _("a reserved address")),
        (not address.is_global, _("a non-public address")),
    )
    return next((kind for refused, kind in checks if refused), None)


def host_kind(host: str) -> str | None:
    """Why a host as written may not be reached (no DNS asked); None when it may."""
    name = host.strip().lower().rstrip(".")
    if name.startswith("[") or ends_in_a_number(name) or ":" in name:
        address = parse_ip(name)
        return address_kind(address) if address is not None else None
    if any(name == s or name.endswith("." + s) for s in _LOCAL_SUFFIXES):
        return _("a name for this machine or the local network only")
    return None


def host_refusal(host: str) -> str | None:
    """The reason, for a link message, that ``host`` may not be linked; None when it may."""
    kind = host_kind(host)
    return None if kind is None else message("link.local_address", host=host, kind=kind)
