"""The archive's one HTTP client: every command that fetches goes through it.

Source links come from issues, which are content: asking them must never
make an editor's machine or CI reach its own network. ``make links`` and
``make check LINKS=1`` therefore share this client, which for every request,
and again for every redirect hop (redirects are followed here, by hand):

1. judges the host as written (:func:`..core.addresses.host_kind`: loopback,
   private and special names however spelled, ``127.1``, ``0x7f000001``,
   ``[::ffff:127.0.0.1]``, ``localhost.``...), before any DNS query;
2. resolves the name itself (``socket.getaddrinfo``, or the resolver a test
   passes) and refuses the host when ANY address it resolves to is loopback,
   private, link-local, multicast, unspecified, reserved or an IPv6 form of
   one of them (:func:`..core.addresses.address_kind`);
3. connects only to the address it checked: the request goes to that IP,
   with the ``Host`` header and the TLS server name (httpx's ``sni_hostname``
   extension, so certificates are still verified for the name) set to the
   name. A second DNS answer (rebinding) is never asked for, and connections
   are not kept alive, so no connection made for one name serves another.

Proxies from the environment are ignored (``trust_env=False``): a proxy
would connect to whatever the name resolves to on its side.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import TracebackType
from urllib.parse import urljoin, urlsplit

import httpx

from ..core.addresses import address_kind, host_kind, parse_ip
from ..core.i18n import N_, _

#: ``(host, port) -> addresses``: how names are resolved (tests pass their own).
Resolver = Callable[[str, int], Sequence[str]]
#: Why a local address has no result: retrying would not change it.
LOCAL_REFUSAL = N_("a local or private address, not checked")
USER_AGENT = "cloudnative-weekly-link-checker/1.0 (+https://cloudnative-weekly.readthedocs.io/)"
REDIRECTS = frozenset({301, 302, 303, 307, 308})


def system_resolver(host: str, port: int) -> list[str]:
    """Every address the system resolves ``host`` to."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


@dataclass(frozen=True)
class Answer:
    """What one link answered, after its redirects."""

    url: str
    #: The final HTTP status; 0 when there was no answer.
    status: int = 0
    final_url: str = ""
    #: The status of the first redirect, 0 when there was none.
    redirect: int = 0
    #: Why there is no answer, in editors' words ("" when there is one).
    error: str = ""
    #: The address was refused by the guard (``error`` is :data:`LOCAL_REFUSAL`).
    refused: bool = False
    #: For a refusal: which host or address, and why.
    detail: str = ""


class RefusedAddressError(Exception):
    """A host, or an address it resolves to, that may not be asked."""


class GuardedClient:
    """An async HTTP client that asks only public addresses, each one it checked."""

    def __init__(
        self,
        *,
        timeout: float = 10.0,
        resolver: Resolver | None = None,
        allow_local: bool = False,
        max_redirects: int = 10,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.resolver = resolver or system_resolver
        self.timeout = timeout
        self.allow_local = allow_local
        self.max_redirects = max_redirects
        self._client = httpx.AsyncClient(
            timeout=httpx.Timeout(timeout),
            headers={"User-Agent": USER_AGENT},
            follow_redirects=False,
            trust_env=False,
            limits=httpx.Limits(max_keepalive_connections=0),
            transport=transport,
        )

    async def __aenter__(self) -> GuardedClient:
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        await self._client.aclose()

    async def checked_address(self, url: str) -> str:
        """The one address ``url`` may be asked at; raises :class:`RefusedAddressError`."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise RefusedAddressError(_("{url}: not an http(s) address").format(url=url))
        host = parts.hostname
        kind = host_kind(host)
        if kind is not None and not self.allow_local:
            raise RefusedAddressError(_("{host} ({kind})").format(host=host, kind=kind))
        literal = parse_ip(host)
        if literal is not None:
            addresses: Sequence[str] = [str(literal)]
        else:
            port = parts.port or (443 if parts.scheme == "https" else 80)
            lookup = asyncio.to_thread(self.resolver, host, port)
            addresses = await asyncio.wait_for(lookup, self.timeout)
        if not addresses:
            raise OSError(_("{host} has no address").format(host=host))
        for address in addresses:
            kind = address_kind(ipaddress.ip_address(address.split("%", 1)[0]))
            if kind is not None and not self.allow_local:
                raise RefusedAddressError(
                    _("{host} → {address} ({kind})").format(host=host, address=address, kind=kind)
                )
        return addresses[0]

    async def _ask(self, url: str) -> httpx.Response:
        """One GET of ``url`` at its checked address; the body is never read."""
        address = await self.checked_address(url)
        target = httpx.URL(url)
        pinned = target.copy_with(host=address)
        extensions = {"sni_hostname": target.raw_host.decode("ascii")}
        headers = {"Host": target.netloc.decode("ascii")}
        async with self._client.stream(
            "GET", pinned, headers=headers, extensions=extensions
        ) as response:
            return response

    async def get(self, url: str) -> Answer:
        """GET ``url``, following redirects by hand, each hop checked again."""
        current, first_redirect = url, 0
        try:
            for _hop in range(self.max_redirects + 1):
                response = await self._ask(current)
                location = response.headers.get("location")
                if response.status_code not in REDIRECTS or not location:
                    return Answer(url, response.status_code, current, first_redirect)
                first_redirect = first_redirect or response.status_code
                current = urljoin(current, location)
            return Answer(url, 0, current, first_redirect, error=_("too many redirects"))
        except RefusedAddressError as refusal:
            return Answer(url, 0, current, first_redirect, _(LOCAL_REFUSAL), True, str(refusal))
        except (httpx.HTTPError, OSError, ValueError, TimeoutError) as exc:
            return Answer(url, 0, current, first_redirect, error=describe(exc))


async def get_all(
    urls: Sequence[str],
    *,
    timeout: float,
    resolver: Resolver | None = None,
    concurrency: int = 8,
) -> dict[str, Answer]:
    """GET every URL (at most ``concurrency`` at a time); the answers by URL."""
    slots = asyncio.Semaphore(concurrency)
    async with GuardedClient(timeout=timeout, resolver=resolver) as client:

        async def one(url: str) -> Answer:
            async with slots:
                return await client.get(url)

        answers = await asyncio.gather(*(one(url) for url in urls))
    return dict(zip(urls, answers, strict=True))


def describe(exc: Exception) -> str:
    """Why a request got no answer, in editors' words."""
    if isinstance(exc, httpx.TimeoutException | TimeoutError):
        return _("timed out")
    if isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError):
        return _("connection reset")
    if isinstance(exc, httpx.ConnectError):
        return _("cannot connect")
    if isinstance(exc, socket.gaierror):
        return _("the domain name does not resolve")
    if isinstance(exc, httpx.InvalidURL | ValueError):
        return _("the address cannot be parsed")
    return type(exc).__name__
