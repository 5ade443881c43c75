"""Debian's Chromium against a built site served from localhost.

Shared by the search benchmark and the browser tests (``tests/browser.py``
adds the skips and the result readers). Playwright's own browser downloads
are never used: ``/usr/bin/chromium`` is launched, which ``.ci/run`` installs.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

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
        """Keep the output free of access logs."""


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
def launch() -> Iterator[Any]:
    """Debian's headless Chromium through Playwright (both must be installed)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


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
