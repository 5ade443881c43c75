"""A reader on a phone and a tablet: tapping the menu (☰) and the table of
contents in headless Chromium, and reaching the archive, a project page and
the search page from an issue page without typing an address."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from browser import Tab, tab

ISSUE = "issues/003.html"
#: A phone (390 px) and a tablet (900 px): both below the theme's wide layout.
WIDTHS = (390, 900)


@pytest.fixture(scope="module", params=WIDTHS, ids=lambda width: f"{width}px")
def device(request: pytest.FixtureRequest, site_browser: Any) -> Iterator[Tab]:
    """A touch screen of each width, its page shared by the module's tests."""
    viewport = {"width": request.param, "height": 844}
    with tab(site_browser, viewport=viewport, has_touch=True, is_mobile=True) as shared:
        yield shared


@pytest.fixture
def page(device: Tab) -> Iterator[Any]:
    with device.turn() as page:
        yield page


def _open_menu(page: Any, site_url: str) -> Any:
    """Open the issue page and tap the visible menu button; returns the open menu."""
    page.goto(site_url + ISSUE)
    page.locator(".primary-toggle:visible").tap()
    menu = page.locator("#pst-primary-sidebar-modal[open]")
    menu.wait_for(state="visible")
    return menu


@pytest.mark.parametrize(
    ("label", "target"),
    [("全部期刊", "blog/archive.html"), ("项目", "projects/index.html"), ("搜索", "search.html")],
)
def test_the_menu_leads_to_the_readers_pages(
    page: Any, site_url: str, label: str, target: str
) -> None:
    menu = _open_menu(page, site_url)
    menu.get_by_role("link", name=label, exact=True).tap()
    page.wait_for_url(site_url + target)


def test_a_project_page_is_two_taps_from_an_issue(page: Any, site_url: str) -> None:
    _open_menu(page, site_url).get_by_role("link", name="项目", exact=True).tap()
    page.wait_for_url(site_url + "projects/index.html")
    page.locator("table.project-index a", has_text="Envoy").first.tap()
    page.wait_for_url(site_url + "projects/envoy.html")
    assert page.locator("article.bd-article h1").inner_text() == "Envoy"


def test_the_menu_lists_the_latest_issues(page: Any, site_url: str) -> None:
    menu = _open_menu(page, site_url)
    latest = menu.locator(".reader-nav-issues a").first
    assert latest.get_attribute("aria-current") == "page"
    assert "第 3 期" in latest.inner_text()


def test_the_table_of_contents_opens_and_jumps(page: Any, site_url: str) -> None:
    page.goto(site_url + ISSUE)
    page.locator(".secondary-toggle:visible").tap()
    contents = page.locator("#pst-secondary-sidebar-modal[open]")
    contents.wait_for(state="visible")
    section = contents.get_by_role("link", name="业界要闻")
    href = section.get_attribute("href")
    section.tap()
    page.wait_for_url(site_url + ISSUE + href)
