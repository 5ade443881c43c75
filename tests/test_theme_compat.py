"""Canary for the theme shim in ``newsletter.compat.theme``.

The shim works around pydata-sphinx-theme #2451
(https://github.com/pydata/pydata-sphinx-theme/issues/2451). These tests fail
loudly when the pinned themes change, so that whoever upgrades them checks
whether the bug is fixed upstream and removes the shim.
"""

from __future__ import annotations

import re
from importlib import metadata
from importlib.resources import files
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from newsletter.compat.theme import ICONS, PINNED, SHIM_JS, TOGGLES

UPGRADED = (
    "the themes were upgraded: check pydata-sphinx-theme #2451 and remove "
    "newsletter.compat.theme (and this canary) if it is fixed, else re-pin"
)


@pytest.mark.parametrize("package", sorted(PINNED))
def test_the_themes_are_the_versions_the_shim_was_written_for(package: str) -> None:
    assert metadata.version(package) == PINNED[package], UPGRADED


def test_the_theme_still_binds_only_the_first_toggle() -> None:
    script = (
        files("pydata_sphinx_theme") / "theme/pydata_sphinx_theme/static/scripts"
    ) / "pydata-sphinx-theme.js"
    source = script.read_text(encoding="utf-8")
    for selector in TOGGLES:
        assert f'document.querySelector("{selector}")' in source, UPGRADED


def test_pages_still_render_two_of_each_toggle_and_load_the_shim(built_site: Path) -> None:
    page = BeautifulSoup((built_site / "issues/003.html").read_text("utf-8"), "html.parser")
    for selector in TOGGLES:
        assert len(page.select(selector)) == 2, UPGRADED
    inline = [script.string or "" for script in page.find_all("script", src=False)]
    assert SHIM_JS.strip() in [text.strip() for text in inline]


def test_every_icon_the_pages_use_is_drawn(built_site: Path) -> None:
    """Font Awesome is replaced by icons.css: an icon the themes start using
    after an upgrade would be blank."""
    used: set[str] = set()
    for path in built_site.rglob("*.html"):
        for classes in re.findall(r'class="([^"]*\bfa-[^"]*)"', path.read_text("utf-8")):
            used |= {c[3:] for c in classes.split() if c.startswith("fa-")}
    used -= {"solid", "lg", "fw", "rotate-270"}
    assert used and used <= set(ICONS), used - set(ICONS)
    css = (built_site / "_static/icons.css").read_text("utf-8")
    assert all(f".fa-{icon} {{" in css for icon in ICONS)
    assert len((built_site / "_static/scripts/fontawesome.js").read_bytes()) < 1_000


def test_the_book_theme_still_prints_its_page_title_unescaped() -> None:
    """``compat.theme.escape_page_title`` escapes it; drop it once the theme does."""
    import inspect

    import sphinx_book_theme

    layout = files("sphinx_book_theme") / "theme/sphinx_book_theme/layout.html"
    assert "<h1>{{ pagetitle }}</h1>" in layout.read_text(encoding="utf-8"), UPGRADED
    source = inspect.getsource(sphinx_book_theme.add_metadata_to_page)
    assert 'context["pagetitle"] = title.astext()' in source, UPGRADED


def test_the_theme_search_box_and_ablog_card_still_need_the_archive_copies() -> None:
    # templates/search-field.html and templates/ablog/postcard2.html copy the
    # upstream templates without what the W3C checker refuses (test_html_valid).
    theme = files("pydata_sphinx_theme") / "theme/pydata_sphinx_theme"
    field = (theme / "components" / "search-field.html").read_text(encoding="utf-8")
    assert 'autocorrect="off"' in field, "the theme's search box changed: update ours or drop it"
    layout = (theme / "layout.html").read_text(encoding="utf-8")
    assert '{% include "../components/search-field.html" %}' in layout, (
        "the theme's search dialog changed: update the search_dialog block in templates/layout.html"
    )
    card = (files("ablog") / "templates" / "ablog" / "postcard2.html").read_text(encoding="utf-8")
    assert card.startswith('<div class="ablog-sidebar-item ablog__postcard2">'), (
        "ablog's post card changed: check whether templates/ablog/postcard2.html is still needed"
    )
