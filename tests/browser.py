"""The browser tests' side of Debian's Chromium: skips and result readers.

Serving a site and launching ``/usr/bin/chromium`` live in ``bench/browser.py``,
shared with the search benchmark; here a test skips when Chromium or
Playwright is absent (``.ci/run`` installs Chromium).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pytest

from bench.browser import CHROMIUM, SEARCH_ROOT, SETTLED, launch, serve, timed_search

__all__ = [
    "PageErrors",
    "Tab",
    "chromium",
    "results",
    "search",
    "serve",
    "settle",
    "tab",
    "timed_search",
]


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium browser, or a skip when it cannot be started here."""
    pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.is_file():
        pytest.skip(f"{CHROMIUM} is not installed (.ci/run installs it)")
    with launch() as browser:
        yield browser


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


@dataclass
class Tab:
    """One page that a module's tests take turns in, and its JavaScript errors."""

    page: Any
    errors: PageErrors

    @contextmanager
    def turn(self) -> Iterator[Any]:
        """The page for one test, which fails on any JavaScript error it causes."""
        self.errors.errors.clear()
        yield self.page
        assert self.errors.errors == []


@contextmanager
def tab(browser: Any, **options: Any) -> Iterator[Tab]:
    """A page in a new context with ``options``, for a module's tests to share.

    Every test opens its own address first, so a test finds no state of the
    one before but what the browser keeps per context (storage, cache).
    Sharing saves the browser's work, not the tests': a new page costs
    Chromium about half a second of CPU, and a search in a new page about
    3.6 s against 1.4 s in a page that searched before (its code compiled).
    """
    context = browser.new_context(**options)
    errors = PageErrors()
    try:
        yield Tab(errors.watch(context.new_page()), errors)
    finally:
        context.close()


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


#: A new search in the open search page, as the browser's back and forward
#: buttons start one: the address changes and the page reads it (``popstate``).
_SEARCH_AGAIN_JS = """
(query) => {
  history.pushState(null, "", "?" + query);
  window.dispatchEvent(new PopStateEvent("popstate"));
}
"""


def search(page: Any, base: str, query: str) -> list[dict[str, Any]]:
    """The results of ``search.html?<query>``.

    A page that shows this site's search page, settled, searches again in
    place (its address changes, as a reader's back and forward buttons change
    it): it keeps its search engine loaded, as a reader's page does between
    two searches, and a search costs Chromium a fraction of a page load. Any
    other page opens the address; a test of what a page does when it opens
    uses a fresh page.
    """
    address = f"{base}search.html"
    settled = (
        page.get_attribute(SEARCH_ROOT, "data-state") if page.url.split("?")[0] == address else None
    )
    if settled in ("ready", "done"):
        page.evaluate(_SEARCH_AGAIN_JS, query)
    else:
        page.goto(f"{address}?{query}")
    return results(page)
