"""One search on hosted pages: Read the Docs' overlay yields to the archive's."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import settle
from bs4 import BeautifulSoup

from newsletter.views import hosting

#: What the addons send once their data is loaded (API version 1), search on.
ADDONS_READY = """() => {
  window.addonSearchOpened = 0;
  document.addEventListener("keydown", (e) => { if (e.key === "/") window.addonSearchOpened++; });
  document.addEventListener("readthedocs-search-show", () => window.addonSearchOpened++);
  document.dispatchEvent(new CustomEvent("readthedocs-addons-data-ready", {
    detail: {data: () => ({addons: {search: {enabled: %s}}})},
  }));
}"""


def test_every_page_declares_the_addons_api_and_loads_the_script(built_site: Path) -> None:
    for page in ("index.html", "issues/003.html", "search.html", "projects/kubernetes.html"):
        soup = BeautifulSoup((built_site / page).read_text("utf-8"), "html.parser")
        metas = soup.find_all("meta", attrs={"name": "readthedocs-addons-api-version"})
        assert [m["content"] for m in metas] == [hosting.ADDONS_API_VERSION], page
        scripts = [s["src"].split("?")[0] for s in soup.find_all("script", src=True)]
        assert [s for s in scripts if s.endswith("_static/" + hosting.SCRIPT)], page


@pytest.fixture
def page(site_browser: Any) -> Iterator[Any]:
    context = site_browser.new_context(viewport={"width": 1280, "height": 800})
    yield context.new_page()
    context.close()


def test_slash_opens_the_archive_search_while_the_addons_search_is_on(
    page: Any, site_url: str
) -> None:
    page.goto(site_url + "issues/003.html")
    page.evaluate(ADDONS_READY % "true")
    page.keyboard.press("/")
    page.locator("#pst-search-dialog[open]").wait_for(state="visible")
    page.evaluate("() => document.dispatchEvent(new CustomEvent('readthedocs-search-show'))")
    assert page.evaluate("() => window.addonSearchOpened") == 0


def test_with_the_addons_search_off_the_script_stands_aside(page: Any, site_url: str) -> None:
    page.goto(site_url + "search.html")
    # The search page puts the cursor in its box once its index has loaded:
    # wait for that, then take the focus away, so that only "/" could bring it back.
    settle(page)
    page.evaluate("() => document.activeElement.blur()")
    page.evaluate(ADDONS_READY % "false")
    page.keyboard.press("/")
    assert page.evaluate("() => window.addonSearchOpened") == 1
    assert page.evaluate("() => document.activeElement.id") != "archive-search-q"
