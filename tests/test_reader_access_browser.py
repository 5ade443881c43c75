"""Reading on a phone in light and dark mode: WCAG AA contrast of the text and
of search highlights, and touch targets of at least 24 px."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from browser import Tab, search, tab

PHONE = {"width": 390, "height": 844}
PAGES = ["issues/003.html", "projects/envoy.html", "tags/安全.html", "index.html"]

#: The contrast ratio of each visible text element against the colour behind
#: it (the first opaque background among its ancestors), as WCAG defines it.
_CONTRASTS_JS = """
(selector) => {
  const rgb = (text) => (text.match(/[\\d.]+/g) || []).map(Number);
  const luminance = ([r, g, b]) => {
    const channel = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const background = (element) => {
    for (let node = element; node; node = node.parentElement) {
      const colour = rgb(getComputedStyle(node).backgroundColor);
      if (colour.length === 3 || colour[3] === 1) return colour.slice(0, 3);
    }
    return [255, 255, 255];
  };
  return [...document.querySelectorAll(selector)]
    .filter((element) => element.offsetParent !== null && element.textContent.trim())
    .map((element) => {
      const style = getComputedStyle(element);
      const [a, b] = [luminance(rgb(style.color)), luminance(background(element))];
      const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
      return {
        text: element.textContent.trim().slice(0, 30),
        ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05),
        large: size >= 24 || (bold && size >= 18.66),
      };
    });
}
"""

#: Interactive elements outside running text, with their rendered size.
_TARGETS_JS = """
() => [...document.querySelectorAll(
    "button, select, summary, .news-item-meta a, nav a, .reader-footer a, .subscribe-link")]
  .filter((element) => element.offsetParent !== null)
  .map((element) => {
    const box = element.getBoundingClientRect();
    return {what: element.outerHTML.slice(0, 60), width: box.width, height: box.height};
  })
"""

TEXT = "p, li, a, span, dt, dd, h1, h2, h3, summary, label, th, td"


@pytest.fixture(scope="module", params=["light", "dark"])
def phone(request: pytest.FixtureRequest, site_browser: Any) -> Iterator[Tab]:
    """A phone in each colour scheme, its page shared by the module's tests."""
    options = {"viewport": PHONE, "is_mobile": True, "has_touch": True}
    with tab(site_browser, color_scheme=request.param, **options) as shared:
        shared.page.add_init_script(f"localStorage.setItem('mode', '{request.param}')")
        yield shared


@pytest.fixture
def page(phone: Tab) -> Iterator[Any]:
    with phone.turn() as page:
        yield page


def _low(contrasts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [c for c in contrasts if c["ratio"] < (3 if c["large"] else 4.5)]


@pytest.mark.parametrize("path", PAGES)
def test_text_meets_wcag_aa_contrast(page: Any, site_url: str, path: str) -> None:
    page.goto(site_url + path)
    contrasts = page.evaluate(_CONTRASTS_JS, TEXT)
    assert contrasts
    assert _low(contrasts) == []


def test_search_highlights_meet_wcag_aa_contrast(page: Any, site_url: str) -> None:
    found = search(page, site_url, "q=容器安全")
    assert any(result["marks"] for result in found)
    contrasts = page.evaluate(_CONTRASTS_JS, ".archive-search-result mark")
    assert contrasts and _low(contrasts) == []


@pytest.mark.parametrize("path", [*PAGES, "search.html"])
def test_touch_targets_are_at_least_24_px(page: Any, site_url: str, path: str) -> None:
    page.goto(site_url + path)
    targets = page.evaluate(_TARGETS_JS)
    assert targets
    small = [t for t in targets if t["height"] < 24 or t["width"] < 24]
    assert small == []


def test_chart_labels_are_readable_on_a_phone(page: Any, site_url: str) -> None:
    page.goto(site_url + "projects/envoy.html")
    heights = page.evaluate(
        """() => [...document.querySelectorAll("svg.coverage-chart text")]
          .map((text) => text.getBoundingClientRect().height)"""
    )
    assert heights and min(heights) >= 10


def test_an_items_permalink_shows_without_hovering(page: Any, site_url: str) -> None:
    page.goto(site_url + "issues/003.html")
    permalink = page.locator("article.news-item .news-item-title a.headerlink").first
    assert permalink.is_visible()
    box = permalink.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24
