"""``newsletter_channels``: which outputs a site publishes beside its pages.

Each test builds a small fixture with some channels left out and reads what
was written: no file of a channel that is off, no page linking to it (parsed
with BeautifulSoup), a builder of an edition that is off refusing in one
line, and an incremental build after a channel is turned off equal to a
clean build with the same setting.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOTS, Project
from incremental import Site, build, comparable, differences, folders, tree
from test_channels import build_channel

from newsletter.core.channels import CHANNELS

#: What each channel writes, as paths under the output folder.
FILES = {
    "news.json": ["news.json"],
    "sitemap": ["sitemap.xml", "robots.txt"],
    "search": ["search.html", "_static/hosted-search.js", "_static/archive-search/page.js"],
    "feeds": ["feeds/issues.xml"],
}


@pytest.fixture
def english(tmp_path: Path) -> Project:
    """The English fixture: the book theme, ablog, the readers' sidebar and footer."""
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-english", src)
    return Project(src)


def _plain(text: str) -> list[str]:
    """Lines of a build's messages without their colours."""
    return re.sub(r"\x1b\[[0-9;]*m", "", text).splitlines()


def _pages(project: Project) -> dict[str, BeautifulSoup]:
    out = project.outdir
    return {
        path.relative_to(out).as_posix(): project.html(path.relative_to(out).as_posix())
        for path in sorted(out.rglob("*.html"))
        if "_static" not in path.parts
    }


def test_the_default_is_every_channel_and_writes_what_an_explicit_list_writes(
    tmp_path: Path,
) -> None:
    trees = []
    for name, overrides in (("default", {}), ("explicit", {"newsletter_channels": [*CHANNELS]})):
        src = tmp_path / name
        shutil.copytree(ROOTS / "test-english", src)
        project = Project(src)
        app = project.build(confoverrides=overrides)
        assert app.config.newsletter_channels == list(CHANNELS)
        trees.append(tree(project.outdir))
    default, explicit = trees
    assert differences(explicit, default) == ""
    for files in FILES.values():
        assert set(files) <= set(default)
    assert list(CHANNELS) == ["feeds", "news.json", "search", "sitemap", "wechat", "email"]


def test_without_feeds_no_feed_is_written_and_no_page_links_to_one(english: Project) -> None:
    english.build(confoverrides={"newsletter_channels": ["search"]})
    assert not (english.outdir / "feeds").exists()
    for files in (FILES["news.json"], FILES["sitemap"]):
        assert not any((english.outdir / name).exists() for name in files)
    pages = _pages(english)
    assert {"index.html", "issues/001.html", "tags/index.html", "projects/kubernetes.html"} <= set(
        pages
    )
    for name, soup in pages.items():
        assert soup.select('link[type="application/atom+xml"]') == [], name
        assert soup.select(".subscribe-link, .reader-footer-subscribe") == [], name
        assert not [a for a in soup.find_all("a", href=True) if ".xml" in a["href"]], name
    # Search stays: its page and the sidebar's link.
    nav = pages["index.html"].select(".reader-nav-links a")
    assert "Search" in [a.get_text(strip=True) for a in nav]
    assert [line for line in english.warning_lines() if "newsletter_channels" in line] == []


def test_without_search_there_is_no_search_page_box_link_or_script(english: Project) -> None:
    english.build(confoverrides={"newsletter_channels": ["feeds"]})
    out = english.outdir
    assert not any((out / name).exists() for name in FILES["search"])
    assert not (out / "_static" / "archive-search").exists()
    pages = _pages(english)
    assert "search.html" not in pages
    for name, soup in pages.items():
        assert soup.select(".search-button__button, #pst-search-dialog, .bd-search") == [], name
        assert soup.select("[data-pagefind-body]") == [], name
        assert soup.select('meta[name="readthedocs-addons-api-version"]') == [], name
        scripts = [s["src"] for s in soup.find_all("script", src=True)]
        assert not [s for s in scripts if "hosted-search" in s or "archive-search" in s], name
        assert not [a for a in soup.find_all("a", href=True) if "search.html" in a["href"]], name
    # The feeds stay, and the pages still link to them.
    assert (out / "feeds" / "issues.xml").is_file()
    assert pages["index.html"].select(".reader-nav-links .subscribe-link")


def test_the_search_index_needs_the_channel_and_the_switch(english: Project) -> None:
    """``newsletter_search_index`` keeps working: it skips the index, not the search page."""
    english.build(confoverrides={"newsletter_search_index": False})
    assert (english.outdir / "search.html").is_file()
    assert not (english.outdir / "pagefind").exists()
    index = english.html("index.html")
    nav = index.select(".reader-nav-links a")
    assert "Search" in [a.get_text(strip=True) for a in nav]
    # The theme's button and dialog, which a site without search loses.
    assert index.select(".search-button__button") and index.select("#pst-search-dialog")


def _set_channels(project: Project, channels: list[str] | str) -> str:
    """Write ``newsletter_channels`` at the end of the site's conf.py; its ``path:line``."""
    conf = project.src / "conf.py"
    lines = conf.read_text(encoding="utf-8").splitlines()
    conf.write_text("\n".join([*lines, f"newsletter_channels = {channels!r}", ""]), "utf-8")
    return f"{conf}:{len(lines) + 1}"


@pytest.mark.parametrize("channel", ["wechat", "email"])
def test_an_edition_that_is_off_is_refused_in_one_located_line(
    project: Project, channel: str
) -> None:
    where = _set_channels(project, [name for name in CHANNELS if name != channel])
    out = build_channel(project, channel, 1)
    errors = [line for line in _plain(project.warnings) if "ERROR" in line]
    assert errors == [
        f"{where}: ERROR: {channel} 渠道已关闭：conf.py 的 newsletter_channels 中没有它"
        " [newsletter.channel]"
    ]
    assert "Traceback" not in project.warnings
    assert [path for path in out.rglob("*") if path.is_file()] == []
    # The other edition is still published.
    other = "email" if channel == "wechat" else "wechat"
    assert list(build_channel(project, other, 1).glob("001.*"))


def test_an_unknown_channel_is_a_warning_naming_every_channel(project: Project) -> None:
    where = _set_channels(project, ["feeds", "feed", "rss"])
    project.build()
    (warning,) = [line for line in project.warning_lines() if "newsletter_channels" in line]
    assert warning.startswith(f"{where}: WARNING: newsletter_channels")
    assert "'feed'" in warning and "'rss'" in warning
    assert all(f"'{name}'" in warning for name in CHANNELS)
    # The known name still counts; the unknown ones turn nothing on.
    assert (project.outdir / "feeds" / "issues.xml").is_file()
    assert not (project.outdir / "news.json").exists()


def test_a_lone_name_where_a_list_belongs_is_that_one_channel(project: Project) -> None:
    """``newsletter_channels = "feeds"`` means the feeds, not the letters f, e, e, d, s."""
    _set_channels(project, "feeds")
    project.build()
    # Sphinx's own type warning names the value; no unknown-channel warning follows.
    assert [
        line for line in project.warning_lines() if "WARNING: newsletter_channels" in line
    ] == []
    assert (project.outdir / "feeds" / "issues.xml").is_file()
    assert not (project.outdir / "news.json").exists()
    assert not (project.outdir / "sitemap.xml").exists()


def test_turning_channels_off_then_on_equals_a_clean_build(tmp_path: Path) -> None:
    """An incremental build removes exactly what the channels turned off had written."""
    site = Site.fresh(tmp_path / "src")
    out, clean = tmp_path / "incremental", tmp_path / "clean"
    every = ("-D", "newsletter_search_index=0")
    build(site.src, out, *every)
    assert all((out / "html" / name).exists() for files in FILES.values() for name in files)
    # The first build is a clean build of every channel: kept for the last step.
    shutil.copytree(out / "html", tmp_path / "every")
    for options in (
        (*every, "-D", "newsletter_channels=wechat,email"),
        (*every, "-D", "newsletter_channels=search,email"),
        every,
    ):
        build(site.src, out, *options)
        if options == every:
            reference = tmp_path / "every"
        else:
            shutil.rmtree(clean, ignore_errors=True)
            build(site.src, clean, *options)
            reference = clean / "html"
        found = differences(comparable(tree(out / "html")), comparable(tree(reference)))
        assert found == "", (options, found)
        assert folders(out / "html") == folders(reference)


@pytest.mark.search
def test_turning_search_off_removes_its_index(tmp_path: Path) -> None:
    """The Pagefind index, the vocabulary and the search page go; a clean build has none."""
    site = Site.fresh(tmp_path / "src")
    out, clean = tmp_path / "incremental", tmp_path / "clean"
    build(site.src, out)
    assert (out / "html" / "pagefind").is_dir()
    build(site.src, out, "-D", "newsletter_channels=feeds")
    build(site.src, clean, "-D", "newsletter_channels=feeds")
    assert differences(tree(out / "html"), tree(clean / "html")) == ""
    assert folders(out / "html") == folders(clean / "html")
    assert not (out / "html" / "pagefind").exists()
