"""What a reader reads around the content: Chinese, with one date format.

The theme, ablog and Sphinx bring their own words into every page (buttons,
menus, tooltips, placeholders). These tests walk the visible text and the
labels of the page chrome of every built page and accept Latin words only
from an allowlist of product names and key names.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Comment

#: Words that stay Latin in a Chinese page: product names and key names.
ALLOWED = {"Atom", "Ctrl", "K", "Docker", "K8s", "JavaScript"}
#: Attributes whose text a reader sees (tooltips, placeholders) or hears.
LABELS = ("title", "placeholder", "aria-label", "alt")
#: What is content, not chrome: the article (except on the search page, where
#: it is the search form) and the contents list made from its headings.
CONTENT = ("article.bd-article", "nav.page-toc", ".onlyprint")
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9'.\- ]*[A-Za-z0-9.]|[A-Za-z]")


def _pages(site: Path) -> Iterator[Path]:
    for path in sorted(site.rglob("*.html")):
        if not {"_static", "pagefind", "_sources"} & set(path.relative_to(site).parts):
            yield path


def _chrome_strings(page: BeautifulSoup, search_page: bool) -> Iterator[str]:
    body = page.body
    for hidden in body(["script", "style", "template"]):
        hidden.decompose()
    for selector in CONTENT[1:] if search_page else CONTENT:
        for element in body.select(selector):
            element.decompose()
    for element in body.find_all(True):
        for attribute in LABELS:
            if element.get(attribute):
                yield element[attribute]
    for text in body.find_all(string=True):
        if not isinstance(text, Comment):
            yield str(text)


def _english(text: str) -> list[str]:
    return [word for word in _LATIN.findall(text) if word.strip(". ") not in ALLOWED]


@pytest.fixture
def pages(built_site: Path) -> list[tuple[str, BeautifulSoup]]:
    """Every page, parsed afresh for each test (the tests cut them up)."""
    return [
        (str(path.relative_to(built_site)), BeautifulSoup(path.read_text("utf-8"), "html.parser"))
        for path in _pages(built_site)
    ]


def test_every_page_type_is_walked(pages: list[tuple[str, BeautifulSoup]]) -> None:
    names = {name for name, _ in pages}
    for kind in ("index.html", "issues/003.html", "projects/index.html", "projects/envoy.html",
                 "tags/index.html", "tags/安全.html", "blog/archive.html", "blog/2019.html",
                 "search.html", "docs/glossary.html", "404.html", "genindex.html"):  # fmt: skip
        assert kind in names


def test_no_english_in_the_page_chrome(pages: list[tuple[str, BeautifulSoup]]) -> None:
    found = {
        (name, word)
        for name, page in pages
        for text in _chrome_strings(page, name == "search.html")
        for word in _english(text)
    }
    assert sorted(found) == []


def test_no_copyright_boilerplate(pages: list[tuple[str, BeautifulSoup]]) -> None:
    for name, page in pages:
        assert "Copyright" not in page.get_text(), name


CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_SPACE_BETWEEN_CJK = re.compile(f"[{CJK}][ \\t\\n]+[{CJK}]")
#: Elements whose text runs inline: a space in it is a space on screen.
_RUNS = ("p", "li", "dt", "dd", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "title", "a")
_BLOCKS = ("p", "ul", "ol", "dl", "div", "table", "section", "nav", "blockquote")


def test_no_space_between_two_chinese_characters(pages: list[tuple[str, BeautifulSoup]]) -> None:
    found = []
    for name, page in pages:
        for element in page(["script", "style", "pre"]):
            element.decompose()
        # Spacing around inline code is written on purpose: code is a boundary.
        for element in page(["code", "kbd"]):
            element.replace_with("\x00")
        for element in page.find_all(_RUNS):
            if element.find(_BLOCKS):
                continue
            found += [(name, m.group()) for m in _SPACE_BETWEEN_CJK.finditer(element.get_text())]
    assert found == []


_DATE_LIKE = re.compile(
    r"\d{4} 年 \d{1,2} 月 \d{1,2} 日|\d{4}/\d{1,2}/\d{1,2}|\d{4}\.\d{1,2}\.\d{1,2}"
)


def test_one_date_format(pages: list[tuple[str, BeautifulSoup]]) -> None:
    """Dates read ``2019-05-07`` everywhere, never ``2019 年 5 月 7 日`` beside it."""
    for name, page in pages:
        for element in page(["script", "style", "pre", "code"]):
            element.decompose()
        assert _DATE_LIKE.findall(page.get_text()) == [], name
    home = dict(pages)["index.html"]
    assert home.select_one(".issue-list-meta").get_text() == "第 3 期 · 2019-05-07"
