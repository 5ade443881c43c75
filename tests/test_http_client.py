"""One HTTP client, one address guard: no command that fetches reaches this machine.

A recording HTTP server listens on 127.0.0.1 (loopback only). Source links
name it in every spelling of a local address, and through names that a stub
resolver maps to local addresses; ``make links``, ``make check LINKS=1`` and
the client itself must refuse each one, clearly, and the server must see no
request. Where a test needs an answer from a "public" address, the client's
transport is a mock: no traffic leaves this machine, and the test can see
which address the client connected to (the one it checked, never a second
DNS answer).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import http.server
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from conftest import ROOTS, issue_source, news

from newsletter.cli import check, http_client, links
from newsletter.cli.http_client import LOCAL_REFUSAL, GuardedClient
from newsletter.core.i18n import _
from newsletter.core.link_health import HEALTH_FILE, load_health


class _Recorder(http.server.BaseHTTPRequestHandler):
    seen: list[str] = []  # noqa: RUF012 - shared with the tests on purpose

    def do_GET(self) -> None:
        type(self).seen.append(self.path)
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        return


@pytest.fixture
def port() -> Iterator[int]:
    """The port of a recording server on 127.0.0.1."""
    _Recorder.seen = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


#: Every spelling of this machine, and of its neighbours, as a URL template.
SPELLINGS = (
    "http://127.0.0.1:{port}/a",
    "http://127.1:{port}/b",
    "http://2130706433:{port}/c",
    "http://0x7f000001:{port}/d",
    "http://0x7f.1:{port}/e",
    "http://0177.0.0.1:{port}/f",
    "http://127.000.000.001:{port}/g",
    "http://[::ffff:127.0.0.1]:{port}/h",
    "http://[::ffff:7f00:1]:{port}/i",
    "http://[64:ff9b::7f00:1]:{port}/j",
    "http://[2002:7f00:1::]:{port}/k",
    "http://[::1]:{port}/l",
    "http://[::]:{port}/m",
    "http://0.0.0.0:{port}/n",
    "http://0:{port}/o",
    "http://localhost:{port}/p",
    "http://localhost.:{port}/q",
    "http://LOCALHOST:{port}/r",
    "http://api.localhost:{port}/s",
    "http://10.0.0.1:{port}/t",
    "http://192.168.1.1:{port}/u",
    "http://169.254.169.254:{port}/v",
    "http://[fe80::1]:{port}/w",
    "http://224.0.0.1:{port}/x",
)

#: Names a stub resolver maps to local addresses (some among public ones).
LOCAL_NAMES = {
    "loopback.test": ["127.0.0.1"],
    "mapped.test": ["::ffff:127.0.0.1"],
    "private.test": ["10.1.2.3"],
    "metadata.test": ["169.254.169.254"],
    "mixed.test": ["93.184.216.34", "127.0.0.1"],
    "nat64.test": ["64:ff9b::a00:1"],
}


class StubResolver:
    """Answers from a table, and records every question."""

    def __init__(self, table: dict[str, list[str]]) -> None:
        self.table = table
        self.asked: list[str] = []

    def __call__(self, host: str, port: int) -> list[str]:
        self.asked.append(host)
        if host not in self.table:
            raise socket.gaierror(socket.EAI_NONAME, "unknown name")
        return self.table[host]


def _get(url: str, resolver: StubResolver, **kwargs: object) -> http_client.Answer:
    async def run() -> http_client.Answer:
        async with GuardedClient(timeout=2, resolver=resolver, **kwargs) as client:  # type: ignore[arg-type]
            return await client.get(url)

    return asyncio.run(run())


@pytest.mark.parametrize("template", SPELLINGS)
def test_the_client_refuses_every_spelling_before_asking_anyone(template: str, port: int) -> None:
    resolver = StubResolver({})
    answer = _get(template.format(port=port), resolver)
    assert (answer.refused, answer.error, answer.status) == (True, _(LOCAL_REFUSAL), 0)
    assert answer.detail  # which host, and why
    assert resolver.asked == []  # refused as written: no DNS question
    assert _Recorder.seen == []


@pytest.mark.parametrize("name", sorted(LOCAL_NAMES))
def test_names_that_resolve_to_local_addresses_are_refused(name: str, port: int) -> None:
    resolver = StubResolver(LOCAL_NAMES)
    answer = _get(f"http://{name}:{port}/", resolver)
    assert answer.refused and name in answer.detail
    assert resolver.asked == [name]
    assert _Recorder.seen == []


def _archive(tmp_path: Path, urls: list[str]) -> Path:
    root = tmp_path / "archive"
    (root / "issues").mkdir(parents=True)
    (root / "docs").mkdir()
    (root / "docs" / "projects.yaml").write_bytes(
        (ROOTS / "test-basic/docs/projects.yaml").read_bytes()
    )
    items = "".join(news(f"条目 {index}", link=url) for index, url in enumerate(urls))
    (root / "issues" / "001.md").write_text(issue_source(1, items), encoding="utf-8")
    return root


def test_make_links_refuses_them_all_and_records_why(
    tmp_path: Path, port: int, capsys: pytest.CaptureFixture[str]
) -> None:
    literal = [t.format(port=port) for t in SPELLINGS]
    named = [f"http://{name}:{port}/" for name in LOCAL_NAMES]
    root = _archive(tmp_path, literal + named)
    politeness = links.Politeness(timeout=2, retries=1, delay=0, resolver=StubResolver(LOCAL_NAMES))
    verdicts = links.run(root, politeness, dt.date(2026, 12, 4))
    # Refused as written: one located message each, as make check says it, and
    # never asked (nor recorded).
    said = capsys.readouterr().err.splitlines()
    assert len(said) == len(literal) and all("未检查" in line for line in said)
    # Refused once resolved: recorded with the reason.
    health = load_health(root / HEALTH_FILE)
    assert set(health) == set(named)
    assert {(r.verdict, r.error) for r in health.values()} == {("error", _(LOCAL_REFUSAL))}
    assert verdicts["error"] == len(named)
    assert _Recorder.seen == []


def test_make_check_refuses_them_with_and_without_the_network(tmp_path: Path, port: int) -> None:
    literal = [t.format(port=port) for t in SPELLINGS]
    named = [f"http://{name}:{port}/" for name in LOCAL_NAMES]
    root = _archive(tmp_path, literal + named)
    offline = check.check_archive(root)
    refused = {m.problem.line for m in offline if "指向本机或内网地址" in m.problem.message}
    assert len(refused) == len(literal)  # each literal spelling: an error, no network needed
    online = check.check_archive(root, links=True, timeout=2, resolver=StubResolver(LOCAL_NAMES))
    asked = [m for m in online if _(LOCAL_REFUSAL) in m.problem.message]
    assert sorted(m.problem.message.rsplit("：", 1)[-1] for m in asked) == sorted(named)
    assert _Recorder.seen == []


class _Mock:
    """A transport standing in for the internet: records where it was asked."""

    def __init__(self, location: str | None = None) -> None:
        self.requests: list[httpx.Request] = []
        self.location = location

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.location and len(self.requests) == 1:
            return httpx.Response(302, headers={"Location": self.location})
        return httpx.Response(200)


def test_the_client_connects_only_to_the_address_it_checked(port: int) -> None:
    """DNS rebinding: a public answer first, loopback for anyone who asks again."""
    answers = iter([["93.184.216.34"], ["127.0.0.1"], ["127.0.0.1"]])
    asked: list[str] = []

    def rebinding(host: str, port: int) -> list[str]:
        asked.append(host)
        return next(answers)

    mock = _Mock()
    answer = _get(
        f"https://rebind.test:{port}/page", rebinding, transport=httpx.MockTransport(mock)
    )
    assert answer.status == 200 and asked == ["rebind.test"]
    (request,) = mock.requests
    assert request.url.host == "93.184.216.34" and request.url.port == port
    assert request.headers["Host"] == f"rebind.test:{port}"
    assert request.extensions["sni_hostname"] == "rebind.test"  # TLS verifies the name
    assert _Recorder.seen == []


@pytest.mark.parametrize(
    "location",
    ["/next", "http://127.0.0.1:{port}/", "http://0x7f000001:{port}/", "http://loopback.test/"],
)
def test_every_redirect_hop_is_checked_again(location: str, port: int) -> None:
    answers = {"rebind.test": [["93.184.216.34"], ["127.0.0.1"]]}

    def resolver(host: str, port: int) -> list[str]:
        if host == "loopback.test":
            return ["127.0.0.1"]
        return answers[host].pop(0)

    mock = _Mock(location.format(port=port))
    answer = _get(f"http://rebind.test:{port}/", resolver, transport=httpx.MockTransport(mock))
    assert answer.refused and answer.redirect == 302
    assert len(mock.requests) == 1  # the refused hop never reached a transport
    assert _Recorder.seen == []


def test_an_allowed_public_address_is_asked_through_its_redirects() -> None:
    resolver = StubResolver({"a.test": ["93.184.216.34"], "b.test": ["93.184.216.35"]})
    mock = _Mock("http://b.test/landing")
    answer = _get("http://a.test/start", resolver, transport=httpx.MockTransport(mock))
    assert (answer.status, answer.redirect, answer.final_url) == (200, 302, "http://b.test/landing")
    assert [str(r.url) for r in mock.requests] == [
        "http://93.184.216.34/start",
        "http://93.184.216.35/landing",
    ]
    assert [r.headers["Host"] for r in mock.requests] == ["a.test", "b.test"]


NETWORK_MODULES = {"httpx", "httpcore", "urllib.request", "http.client", "requests", "aiohttp"}


def test_only_the_client_imports_a_network_library() -> None:
    """Every command that fetches goes through the one client and its guard."""
    import ast

    package = Path(http_client.__file__).parent.parent
    importers = set()
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            if any(n in NETWORK_MODULES or n.split(".")[0] in ("httpx", "httpcore") for n in names):
                importers.add(path.relative_to(package).as_posix())
    assert importers == {"cli/http_client.py"}
