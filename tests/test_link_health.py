"""``make links`` against a local server, and the marks the build draws from its data file."""

from __future__ import annotations

import datetime as dt
import json
import socket
import struct
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest
from conftest import Project, issue_source, news

from newsletter.cli import http_client
from newsletter.cli.links import main as links_main
from newsletter.core.link_health import HEALTH_FILE, LinkResult, load_health, wayback_url

TODAY = dt.date(2026, 11, 30)


class _Handler(BaseHTTPRequestHandler):
    """200, 301, 404, 410, a timeout and a connection reset, by path."""

    hits: ClassVar[Counter[str]] = Counter()

    def do_GET(self) -> None:
        _Handler.hits[self.path] += 1
        if self.path == "/ok":
            self._answer(200)
        elif self.path == "/old":
            self.send_response(301)
            self.send_header("Location", "/new")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/new":
            self._answer(200)
        elif self.path == "/gone":
            self._answer(404)
        elif self.path == "/removed":
            self._answer(410)
        elif self.path == "/slow":
            time.sleep(2)
            self._answer(200)
        elif self.path == "/reset":
            # SO_LINGER with a zero timeout: close() sends RST, not FIN.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True

    def _answer(self, status: int) -> None:
        body = b"page"
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """The slow answer finds its client gone: expected, not worth a traceback."""


#: The test server's name: only the stub resolver knows it (127.0.0.1).
SERVER_NAME = "links.test"


def _resolve(host: str, port: int) -> list[str]:
    """The stub resolver: the test server's name, and no other name."""
    if host == SERVER_NAME:
        return ["127.0.0.1"]
    raise socket.gaierror(socket.EAI_NONAME, "unknown name")


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A local HTTP server, named in links as links.test; yields its base URL.

    A name, not 127.0.0.1: issues may not link to loopback addresses as
    written, and the client resolves names through its (here stubbed) resolver.
    """
    monkeypatch.setattr(http_client, "system_resolver", _resolve)
    _Handler.hits.clear()
    httpd = _Server(("127.0.0.1", 0), _Handler)
    # Polled often: shutdown() waits for the poll, half a second by default.
    thread = threading.Thread(target=httpd.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    yield f"http://{SERVER_NAME}:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


PATHS = ("ok", "old", "gone", "removed", "slow", "reset")


@pytest.fixture
def archive(project: Project, server: str) -> Project:
    """An archive of one issue whose items link to every answer of the local server.

    The basic project's own issues are removed: their example.com links must
    never be asked for.
    """
    for name in ("issues/001.md", "issues/002.md"):
        project.remove(name)
    items = "".join(news(f"条目 {path}", link=f"{server}/{path}") for path in PATHS)
    project.write("issues/003.md", issue_source(3, items, date="2019-05-07"))
    return project


def _run_links(project: Project, *extra: str) -> int:
    args = ["--root", str(project.src), "--timeout", "0.5", "--retries", "1", "--delay", "0"]
    args.append("--allow-local")  # the test server's name resolves to 127.0.0.1
    return links_main([*args, "--today", TODAY.isoformat(), *extra])


def test_links_records_every_kind_of_answer(archive: Project, server: str) -> None:
    assert _run_links(archive) == 0
    data = json.loads((archive.src / HEALTH_FILE).read_text(encoding="utf-8"))
    links = data["links"]
    assert set(links) >= {f"{server}/{path}" for path in PATHS}
    assert links[f"{server}/ok"]["status"] == 200
    moved = links[f"{server}/old"]
    assert (moved["status"], moved["redirect"], moved["final_url"]) == (200, 301, f"{server}/new")
    assert links[f"{server}/gone"]["status"] == 404
    assert links[f"{server}/removed"]["status"] == 410
    assert links[f"{server}/slow"]["status"] == 0 and links[f"{server}/slow"]["error"] == "超时"
    assert links[f"{server}/reset"]["status"] == 0
    assert links[f"{server}/reset"]["error"] == "连接被重置"
    assert {entry["checked"] for entry in links.values()} == {TODAY.isoformat()}
    verdicts = {
        url: result.verdict for url, result in load_health(archive.src / HEALTH_FILE).items()
    }
    assert verdicts[f"{server}/gone"] == verdicts[f"{server}/removed"] == "dead"
    assert verdicts[f"{server}/old"] == "moved"
    assert verdicts[f"{server}/slow"] == verdicts[f"{server}/reset"] == "error"
    # Retried once: two requests for an answer that may be transient, one for the rest.
    assert _Handler.hits["/reset"] == 2 and _Handler.hits["/gone"] == 1


def test_rerun_checks_only_what_is_due(archive: Project, server: str) -> None:
    _run_links(archive)
    _Handler.hits.clear()
    _run_links(archive)
    assert not _Handler.hits  # the same day, nothing is due
    _run_links(archive, "--today", (TODAY + dt.timedelta(days=1)).isoformat())
    # The next day, only the links without a usable answer are due again.
    assert set(_Handler.hits) == {"/slow", "/reset"}
    _Handler.hits.clear()
    _run_links(archive, "--today", (TODAY + dt.timedelta(days=31)).isoformat())
    assert "/ok" in _Handler.hits and "/gone" not in _Handler.hits  # dead: re-checked rarely
    _Handler.hits.clear()
    _run_links(archive, "--force")
    assert "/gone" in _Handler.hits


def test_local_addresses_are_not_asked_unless_allowed(archive: Project, server: str) -> None:
    args = ["--root", str(archive.src), "--delay", "0"]
    assert links_main([*args, "--today", TODAY.isoformat()]) == 0
    assert not _Handler.hits
    result = load_health(archive.src / HEALTH_FILE)[f"{server}/ok"]
    assert (result.verdict, result.error) == ("error", "本机或内网地址，不检查")


def test_links_of_removed_items_are_dropped(archive: Project, server: str) -> None:
    _run_links(archive)
    archive.write("issues/003.md", issue_source(3, news("只剩一条", link=f"{server}/ok")))
    _run_links(archive)
    health = load_health(archive.src / HEALTH_FILE)
    assert f"{server}/ok" in health and f"{server}/gone" not in health


def test_page_marks_dead_and_moved_links_and_offers_archive_copies(
    archive: Project, server: str
) -> None:
    _run_links(archive)
    archive.build()
    assert not archive.warning_lines(), archive.warnings
    page = archive.html("issues/003.html")
    items = {
        item.select_one(".news-item-title").get_text(strip=True).rstrip("¶"): item
        for item in page.select("article.news-item")
    }
    for path in PATHS:
        source = items[f"条目 {path}"].select_one(".news-item-source")
        archive_link = source.select_one("a.link-archive")
        assert archive_link.get_text() == "网页存档"
        assert archive_link["href"] == f"https://web.archive.org/web/20190507/{server}/{path}"
    for path in ("gone", "removed"):
        dead = items[f"条目 {path}"].select_one(".link-dead")
        assert dead.get_text() == "原链接已失效（检查于 2026-11-30）"  # the site's one date format
    moved = items["条目 old"].select_one(".news-item-source")
    assert "原链接已迁移至" in moved.get_text()
    assert f"{server}/new" in [a["href"] for a in moved.find_all("a")]
    for path in ("ok", "slow", "reset"):
        source = items[f"条目 {path}"].select_one(".news-item-source")
        assert source.select_one(".link-dead") is None and "迁移" not in source.get_text()


def test_new_results_rewrite_only_the_pages_whose_marks_changed(
    archive: Project, server: str
) -> None:
    archive.write("issues/004.md", issue_source(4, news("正常的条目", link=f"{server}/ok")))
    archive.build()
    page = archive.html("issues/003.html")
    assert page.select_one(".link-dead") is None
    unchanged = (archive.outdir / "issues/004.html").stat().st_mtime_ns
    _run_links(archive)
    archive.build()
    assert len(archive.html("issues/003.html").select(".link-dead")) == 2
    # Issue 4's only link is fine: its page shows no mark and is not rewritten.
    assert (archive.outdir / "issues/004.html").stat().st_mtime_ns == unchanged


@pytest.mark.parametrize(
    "text",
    [
        "{ not json",
        '{"links": []}',
        '{"links": {"https://example.com/a": {"status": "404"}}}',
        '{"links": {"https://example.com/a": {"status": 404, "final_url": "", "checked": "昨天"}}}',
    ],
)
def test_damaged_data_file_is_a_warning_not_a_crash(project: Project, text: str) -> None:
    project.write(HEALTH_FILE, text)
    project.build()
    (warning,) = project.warning_lines()
    assert "link-health.json" in warning and "无法读取" in warning
    assert project.html("issues/001.html").select("a.link-archive")


def test_verdicts_and_due_dates() -> None:
    day = TODAY.isoformat()
    assert LinkResult(404, "u", day).verdict == "dead"
    assert LinkResult(200, "v", day, redirect=308).verdict == "moved"
    assert LinkResult(200, "v", day, redirect=302).verdict == "ok"
    assert LinkResult(503, "u", day).verdict == "error"
    assert LinkResult(403, "u", day).verdict == "error"
    assert not LinkResult(200, "u", day).is_due(TODAY + dt.timedelta(days=29))
    assert LinkResult(200, "u", day).is_due(TODAY + dt.timedelta(days=30))
    assert wayback_url("https://a.example/x?y=1", dt.date(2019, 5, 7)) == (
        "https://web.archive.org/web/20190507/https://a.example/x?y=1"
    )


REPORT = """\
---
orphan: true
---

# 链接健康

```{link-health} summary
```

```{link-health} years
```

```{link-health} domains
```

```{link-health} dead
```

```{link-health} moved
```
"""


def _chart_rows(svg: object) -> dict[str, str]:
    """A bar chart's rows: label -> the text after its bar."""
    texts = [t.get_text() for t in svg.find_all("text")]
    return dict(zip(texts[0::2], texts[1::2], strict=True))


def test_report_page_counts_dead_links_by_year_and_site(archive: Project, server: str) -> None:
    archive.write("docs/link-health.md", REPORT)
    archive.build()
    page = archive.html("docs/link-health.html")
    assert "还没有检查结果" in page.get_text()
    assert not page.select("svg.link-health-chart, ul.link-health-dead")
    # make links ran since: the report page is rewritten, though no source changed.
    _run_links(archive)
    archive.build()
    assert not archive.warning_lines(), archive.warnings
    page = archive.html("docs/link-health.html")
    summary = page.find(string=lambda s: "最近一次检查于" in s)
    assert "原链接已失效 2 条，已迁移 1 条，暂时无法访问 2 条" in summary
    years, domains = page.select("svg.link-health-chart")
    assert _chart_rows(years) == {"2019 年": "2 / 6 条"}
    assert _chart_rows(domains) == {SERVER_NAME: "2 / 6 条"}
    dead = page.select("ul.link-health-dead > li")
    assert len(dead) == 2
    for entry in dead:
        hrefs = [a["href"] for a in entry.find_all("a")]
        assert hrefs[0].startswith("../issues/003.html#")
        assert hrefs[2] == wayback_url(hrefs[1], dt.date(2019, 5, 7))
    (moved,) = page.select("ul.link-health-moved > li")
    assert [a["href"] for a in moved.find_all("a")][1:] == [f"{server}/old", f"{server}/new"]


def test_unknown_report_part_is_a_warning(project: Project) -> None:
    project.write("docs/link-health.md", REPORT.replace("summary", "everything"))
    project.build()
    (warning,) = project.warning_lines()
    assert "docs/link-health.md:" in warning and "未知的 link-health 部分 'everything'" in warning


def test_links_refuses_to_overwrite_a_damaged_data_file(
    archive: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    archive.write(HEALTH_FILE, "{ not json")
    assert _run_links(archive) == 2
    assert "link-health.json 无法读取" in capsys.readouterr().err
    assert (archive.src / HEALTH_FILE).read_text(encoding="utf-8") == "{ not json"
    assert not _Handler.hits
