"""Driving Debian's Chromium against a built site served from localhost.

Playwright's own browser downloads are never used: the tests launch
``/usr/bin/chromium`` (``.ci/run`` installs it) and skip when it is absent.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: The search page's root element, and the states in which it has settled.
SEARCH_ROOT = ".archive-search"
SETTLED = ", ".join(f'{SEARCH_ROOT}[data-state="{s}"]' for s in ("ready", "done", "failed"))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output free of access logs."""


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve ``root`` on a free port of 127.0.0.1; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium browser, or a skip when it cannot be started here."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.is_file():
        pytest.skip(f"{CHROMIUM} is not installed (.ci/run installs it)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class PageErrors:
    """JavaScript errors of a page: uncaught exceptions and console errors."""

    errors: list[str] = field(default_factory=list)

    def watch(self, page: Any) -> Any:
        page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))
        page.on("console", self._console)
        return page

    def _console(self, message: Any) -> None:
        # The browser asks every server for /favicon.ico on its own; the site
        # has none, and that 404 is not an error of the page.
        if message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico"):
            self.errors.append(f"console: {message.text}")


#: Reads the rendered results back as data.
_RESULTS_JS = """
() => [...document.querySelectorAll(".archive-search-result")].map((item) => ({
  kind: item.dataset.kind,
  href: item.querySelector(".archive-search-result-title a").getAttribute("href"),
  title: item.querySelector(".archive-search-result-title a").textContent,
  meta: item.querySelector(".archive-search-result-meta").textContent,
  marks: [...item.querySelectorAll("mark")].map(
    (mark) => mark.textContent),
}))
"""


def settle(page: Any) -> None:
    """Wait until the search page has finished what it was doing."""
    page.wait_for_selector(SETTLED, state="attached")


def results(page: Any) -> list[dict[str, Any]]:
    """The results on the search page: kind, link, title, meta line, marks."""
    settle(page)
    return page.evaluate(_RESULTS_JS)


def search(page: Any, base: str, query: str) -> list[dict[str, Any]]:
    """Open ``search.html?<query>`` and return its results."""
    page.goto(f"{base}search.html?{query}")
    return results(page)


def timed_search(page: Any, query: str) -> float | None:
    """Submit ``query`` on an open search page and wait for it to finish.

    Returns the page's own measure of it (``archive-search``: from submitting
    to the first result on screen) in milliseconds, or None without a result.
    """
    page.evaluate("performance.clearMeasures('archive-search')")
    page.fill("#archive-search-q", query)
    page.press("#archive-search-q", "Enter")
    page.wait_for_selector(f'{SEARCH_ROOT}[data-state="done"]', state="attached")
    return page.evaluate("performance.getEntriesByName('archive-search').at(-1)?.duration ?? null")
