"""The first load of an issue page on a phone, weighed in Chromium.

Every response of a first visit (cold cache) is summed as a compressing
server (Read the Docs serves gzip) would send it: its body, gzip-compressed.
"""

from __future__ import annotations

import gzip
from typing import Any

#: The budget of a first visit to an issue page, compressed.
BUDGET = 400_000
ISSUE = "issues/003.html"


def _first_load(site_browser: Any, url: str) -> dict[str, int]:
    context = site_browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    sizes: dict[str, int] = {}

    def weigh(response: Any) -> None:
        if response.status < 300:
            sizes[response.url] = len(gzip.compress(response.body()))

    page.on("response", weigh)
    page.goto(url, wait_until="networkidle")
    context.close()
    return sizes


def test_first_load_of_an_issue_page_fits_the_budget(site_browser: Any, site_url: str) -> None:
    sizes = _first_load(site_browser, site_url + ISSUE)
    assert site_url + ISSUE in sizes
    total = sum(sizes.values())
    heaviest = sorted(sizes.items(), key=lambda item: -item[1])[:5]
    assert total <= BUDGET, f"{total} bytes compressed; heaviest: {heaviest}"


def test_no_icon_font_or_font_awesome_script_is_downloaded(
    site_browser: Any, site_url: str
) -> None:
    sizes = _first_load(site_browser, site_url + ISSUE)
    assert not [url for url in sizes if "webfonts" in url or url.endswith(".woff2")]
    (script,) = [size for url, size in sizes.items() if "fontawesome.js" in url]
    assert script < 1_000
