"""Topic pages stay short over ten years: the newest items, then years folded."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import serve
from conftest import sphinx_build

from bench.synthetic import Generator, copy_site, write_issues
from newsletter.core.model import Issue, NewsItem
from newsletter.core.timeline import NEWEST, timeline

PHONE = {"width": 390, "height": 844}


def _entry(number: int, date: dt.date) -> tuple[Issue, NewsItem]:
    issue = Issue(docname=f"issues/{number:03d}", number=number, date=date, title="周报")
    return issue, NewsItem(docname=issue.docname, id=f"n{number}", title="新闻", link="")


def test_timeline_shows_the_newest_and_folds_every_year() -> None:
    start = dt.date(2019, 1, 1)
    entries = tuple(_entry(n, start + dt.timedelta(weeks=n)) for n in range(120, 0, -1))
    shown = timeline(entries)
    assert shown.newest == entries[:NEWEST]
    assert [year for year, _ in shown.years] == [2021, 2020, 2019]
    assert sum(len(group) for _, group in shown.years) == len(entries)
    assert shown.folded
    assert not timeline(entries[:3]).folded


@pytest.fixture(scope="module")
def synthetic_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic site with ten years of issues (no search index, to save time).

    A topic page's height comes from its card, its chart, the newest items and
    one line a year; what it must fold is hundreds of items over ten years.
    So 20 issues half a year apart, thirty items each (600 items, as many as
    200 weekly issues of three; about 250 of them on each page tested), give
    the same page as weekly issues would for a fraction of the build.
    """
    src = copy_site(tmp_path_factory.mktemp("synthetic") / "src", issues=False, guides=False)
    write_issues(src, range(1, 21), weeks_apart=26, generator=Generator(src, items=(30, 30)))
    out = src / "_build/html"
    result = sphinx_build(src, src / "_build", "-D", "newsletter_search_index=0")
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def synthetic_url(synthetic_site: Path) -> Iterator[str]:
    with serve(synthetic_site) as url:
        yield url


@pytest.mark.slow
@pytest.mark.parametrize("page", ["projects/kubernetes.html", "tags/安全.html"])
def test_a_topic_page_is_under_three_phone_screens(
    site_browser: Any, synthetic_url: str, page: str
) -> None:
    context = site_browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    tab = context.new_page()
    tab.goto(synthetic_url + page)
    height = tab.evaluate("document.documentElement.scrollHeight")
    assert tab.locator("li.topic-entry").count() > 200  # hundreds of items, on one page
    years = tab.locator("details.topic-year")
    assert years.count() >= 9  # the issues span ten years
    # Opening a year shows its items; the page was short because they were folded.
    years.first.locator("summary").tap()
    assert years.first.locator("li.topic-entry").first.is_visible()
    context.close()
    assert height < 3 * PHONE["height"], f"{page} is {height} px tall on a phone"


@pytest.mark.slow
def test_project_and_tag_pages_share_one_item_layout(synthetic_site: Path) -> None:
    from bs4 import BeautifulSoup

    def shape(page: str) -> list[Any]:
        soup = BeautifulSoup((synthetic_site / page).read_text("utf-8"), "html.parser")
        entry = soup.select_one("ul.topic-entries > li.topic-entry")
        return [(child.name, child.get("class")) for child in entry.find_all(recursive=False)]

    assert shape("projects/kubernetes.html") == shape("tags/安全.html")
    assert shape("projects/kubernetes.html") == [
        ("span", ["topic-entry-meta"]),
        ("a", ["reference", "internal"]),
    ]
