"""What a reader reads around the content: Chinese, with one date format.

The theme, ablog and Sphinx bring their own words into every page (buttons,
menus, tooltips, placeholders). These tests walk the visible text and the
labels of the page chrome of every built page and accept Latin words only
from an allowlist of product names and key names.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from bs4 import BeautifulSoup, CData, Comment, NavigableString, PageElement, Tag

#: Words that stay Latin in a Chinese page: product names and key names.
ALLOWED = {"Atom", "Ctrl", "K", "Docker", "K8s", "JavaScript"}
#: Attributes whose text a reader sees (tooltips, placeholders) or hears.
LABELS = ("title", "placeholder", "aria-label", "alt")
#: What is content, not chrome: the article (except on the search page, where
#: it is the search form) and the contents list made from its headings.
CONTENT = ("article.bd-article", "nav.page-toc", ".onlyprint")
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9'.\- ]*[A-Za-z0-9.]|[A-Za-z]")


def _walk(element: Tag, prune: Callable[[Tag], bool]) -> Iterator[PageElement]:
    """``element``'s descendants in document order, not descending into the
    tags ``prune`` accepts (they are yielded themselves). The pages are
    parsed once and shared by the tests, so none cuts them up."""
    for child in element.children:
        yield child
        if isinstance(child, Tag) and not prune(child):
            yield from _walk(child, prune)


def _text(element: Tag, drop: set[str], mark: frozenset[str] = frozenset()) -> str:
    """``element.get_text()`` as if the ``drop`` elements were removed and each
    ``mark`` element were one NUL (get_text's own strings: neither comments
    nor the text of scripts and templates)."""
    parts = []
    for node in _walk(element, lambda tag: tag.name in drop or tag.name in mark):
        if isinstance(node, Tag):
            if node.name in mark and node.name not in drop:
                parts.append("\x00")
        elif type(node) in (NavigableString, CData):
            parts.append(str(node))
    return "".join(parts)


def _chrome_strings(page: BeautifulSoup, search_page: bool) -> Iterator[str]:
    body = page.body
    selectors = CONTENT[1:] if search_page else CONTENT
    content = {id(element) for selector in selectors for element in body.select(selector)}

    def hidden(tag: Tag) -> bool:
        return tag.name in ("script", "style", "template") or id(tag) in content

    for node in _walk(body, hidden):
        if isinstance(node, Tag):
            if not hidden(node):
                yield from (node[name] for name in LABELS if node.get(name))
        elif not isinstance(node, Comment):
            yield str(node)


def _english(text: str) -> list[str]:
    return [word for word in _LATIN.findall(text) if word.strip(". ") not in ALLOWED]


@pytest.fixture(scope="module")
def pages(site_pages: dict[str, BeautifulSoup]) -> list[tuple[str, BeautifulSoup]]:
    """Every page (conftest's ``site_pages``, which the tests only read)."""
    return list(site_pages.items())


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
        for element in page.find_all(_RUNS):
            if element.find(_BLOCKS) or element.find_parent(
                ["script", "style", "pre", "code", "kbd"]
            ):
                continue
            # Spacing around inline code is written on purpose: code is a boundary.
            text = _text(element, {"script", "style", "pre"}, mark=frozenset({"code", "kbd"}))
            found += [(name, m.group()) for m in _SPACE_BETWEEN_CJK.finditer(text)]
    assert found == []


_DATE_LIKE = re.compile(
    r"\d{4} 年 \d{1,2} 月 \d{1,2} 日|\d{4}/\d{1,2}/\d{1,2}|\d{4}\.\d{1,2}\.\d{1,2}"
)


def test_one_date_format(pages: list[tuple[str, BeautifulSoup]]) -> None:
    """Dates read ``2019-05-07`` everywhere, never ``2019 年 5 月 7 日`` beside it."""
    for name, page in pages:
        assert _DATE_LIKE.findall(_text(page, {"script", "style", "pre", "code"})) == [], name
    home = dict(pages)["index.html"]
    assert home.select_one(".issue-list-meta").get_text() == "第 3 期 · 2019-05-07"
