"""Incremental equals clean: the site is a function of its sources, not of its history.

After any sequence of edits (add, change, rename or delete an issue; change
the registry, the glossary, a template of the site's own (edit it, remove
it, bring it back), a configuration value), an incremental build in the same output folder must give, file for
file and byte for byte, what a clean build of the same sources gives in a
fresh one. The property test draws such sequences at random (a few rounds of
edits, each followed by an incremental build), then builds clean and walks
both trees. Nothing is left out of the comparison: ``.buildinfo`` holds the
configuration's hash, the same for the same sources; doctrees are not under
the output folder. With the search index (a smaller test: Chinese search
builds are slower), Pagefind's filters are compared by content, since
Pagefind writes them in an order that changes from run to run
(:func:`incremental.comparable`).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from incremental import Site, build, comparable, differences, folders, tree

from newsletter.core.filenames import MAX_NAME_BYTES, fit_name, name_digest

#: Every test here runs several ``sphinx-build`` processes of the themed root
#: (two to three seconds of CPU each): left out of ``make test-fast``.
pytestmark = pytest.mark.slow

NO_SEARCH = ("-D", "newsletter_search_index=0")


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One source path for every build: Sphinx records where its sources are."""
    return tmp_path_factory.mktemp("incremental")


@pytest.fixture(scope="module")
def pristine(workdir: Path) -> Path:
    """The fixture built once, to start each example from."""
    Site.fresh(workdir / "src")
    build(workdir / "src", workdir / "pristine", *NO_SEARCH)
    return workdir / "pristine"


@pytest.fixture(scope="module")
def pristine_search(workdir: Path) -> Path:
    """The fixture built once with its search index."""
    Site.fresh(workdir / "src")
    build(workdir / "src", workdir / "pristine-search")
    return workdir / "pristine-search"


def _start(workdir: Path, pristine: Path) -> tuple[Site, Path]:
    site = Site.fresh(workdir / "src")
    out = workdir / "incremental"
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(pristine, out)
    return site, out


def _assert_same_as_clean(site: Site, out: Path, workdir: Path, *options: str) -> None:
    clean = workdir / "clean"
    shutil.rmtree(clean, ignore_errors=True)
    build(site.src, clean, *options)
    found = differences(comparable(tree(out / "html")), comparable(tree(clean / "html")))
    assert found == "", found
    assert folders(out / "html") == folders(clean / "html")


# -- the property ------------------------------------------------------------

_k = st.integers(0, 8)
EDITS = st.one_of(
    st.tuples(st.just("add"), st.integers(0, 2), st.integers(0, 3)),
    st.tuples(st.just("change"), _k, st.integers(0, 7), _k),
    st.tuples(st.just("rename"), _k),
    st.tuples(st.just("delete"), _k),
    st.tuples(st.just("registry"), _k),
    st.tuples(st.just("glossary"), _k),
    st.tuples(st.just("template"), _k),
    st.tuples(st.just("configure"), _k),
)
#: Rounds of edits, each followed by an incremental build.
ROUNDS = st.lists(st.lists(EDITS, min_size=1, max_size=3), min_size=1, max_size=2)


@settings(
    max_examples=5,
    deadline=None,
    # Each example takes several builds: a failure is reported as drawn,
    # not shrunk (shrinking would take minutes).
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rounds=ROUNDS)
def test_any_edits_then_an_incremental_build_equal_a_clean_build(
    workdir: Path, pristine: Path, rounds: list[list[tuple]]
) -> None:
    site, out = _start(workdir, pristine)
    for edits in rounds:
        for edit in edits:
            site.apply(edit)
        build(site.src, out, *NO_SEARCH)
    _assert_same_as_clean(site, out, workdir, *NO_SEARCH)


@pytest.mark.search
@settings(
    max_examples=2,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(edits=st.lists(EDITS, min_size=2, max_size=4))
def test_the_search_index_of_an_incremental_build_equals_a_clean_one(
    workdir: Path, pristine_search: Path, edits: list[tuple]
) -> None:
    site, out = _start(workdir, pristine_search)
    for edit in edits:
        site.apply(edit)
    build(site.src, out)
    _assert_same_as_clean(site, out, workdir)
    index = tree(out / "html" / "pagefind")
    assert "parts.json" in index
    # No file of the index is empty (Pagefind's own writer could leave one so).
    assert [name for name, data in index.items() if not data] == []


@pytest.mark.search
def test_turning_the_search_index_off_removes_it(workdir: Path, pristine_search: Path) -> None:
    site, out = _start(workdir, pristine_search)
    assert (out / "html" / "pagefind").is_dir()
    build(site.src, out, *NO_SEARCH)
    _assert_same_as_clean(site, out, workdir, *NO_SEARCH)


# -- the cases that the property found, or that the issue reported -----------


def _page(out: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((out / "html" / name).read_text(encoding="utf-8"), "html.parser")


def test_a_rebuild_with_nothing_changed_changes_nothing(workdir: Path, pristine: Path) -> None:
    """Nothing changes, and outputs skipped as up to date are written again
    when they are gone from the output folder."""
    site, out = _start(workdir, pristine)
    before = tree(out / "html")
    for output in ("feeds/issues.xml", "sitemap.xml", "news.json"):
        (out / "html" / output).unlink()
    build(site.src, out, *NO_SEARCH)
    assert differences(tree(out / "html"), before) == ""
    # genindex.html is written by every build: it still has ablog's list
    # of years and the link to all issues.
    index = _page(out, "genindex.html")
    years = [a.get_text(strip=True) for a in index.select(".ablog__archives li a")]
    assert years == ["2024 (2)", "2023 (1)"]
    links = index.select(".reader-nav-links a")
    assert "全部期刊" in [a.get_text(strip=True) for a in links]


def test_a_deleted_or_renamed_issue_leaves_nothing_behind(workdir: Path, pristine: Path) -> None:
    site, out = _start(workdir, pristine)
    site.delete(0)  # issue 1, the only one of 2023
    site.rename(0)  # issue 2 becomes issue 4
    build(site.src, out, *NO_SEARCH)
    html = out / "html"
    for gone in ("issues/001.html", "issues/002.html", "blog/2023.html"):
        assert not (html / gone).exists(), gone
    for gone in ("_sources/issues/001.md.txt", "_sources/issues/002.md.txt"):
        assert not (html / gone).exists(), gone
    assert (html / "issues/004.html").is_file()
    _assert_same_as_clean(site, out, workdir, *NO_SEARCH)


def test_only_recorded_files_under_the_output_folder_are_deleted(
    workdir: Path, pristine: Path
) -> None:
    site, out = _start(workdir, pristine)
    html = out / "html"
    # A file the build did not write, and a ledger naming files outside
    # the output folder and a name too long for any file system.
    (html / "issues" / "notes.txt").write_text("kept", encoding="utf-8")
    outside = workdir / "outside.txt"
    outside.write_text("kept", encoding="utf-8")
    ledger = out / "doctrees" / "newsletter-documents.json"
    ledger.write_text(
        '{"issues/009": ["../../outside.txt", "%s", "/etc/hostname"]}' % ("长" * 200),
        encoding="utf-8",
    )
    build(site.src, out, *NO_SEARCH)
    assert (html / "issues" / "notes.txt").read_text(encoding="utf-8") == "kept"
    assert outside.read_text(encoding="utf-8") == "kept"


def test_a_name_too_long_for_a_file_is_shortened_and_leaves_no_trace(
    workdir: Path, pristine: Path
) -> None:
    site, out = _start(workdir, pristine)
    latin, chinese, marks = "a" * 300, "长" * 100, "？！"
    issue = site.issue(0)
    text = issue.read_text(encoding="utf-8")
    authors = f"authors: [{latin}, {chinese}, {marks}]"
    issue.write_text(text.replace("authors: [甲, 乙]", authors), "utf-8")
    build(site.src, out, *NO_SEARCH)
    pages = {p.stem for p in (out / "html" / "blog" / "author").glob("*.html")}
    # A name with no letter is named by its digest (ablog would write ".html").
    assert {fit_name(latin), fit_name(chinese), name_digest(marks)} <= pages
    assert all(len(name.encode()) <= MAX_NAME_BYTES for name in pages)
    # The page still shows the name in full.
    author = _page(out, f"blog/author/{fit_name(chinese)}.html")
    assert author.title.get_text().startswith(f"作者：{chinese} — ")
    # Deleting the issue mends everything: no later build remembers the name.
    issue.unlink()
    build(site.src, out, *NO_SEARCH)
    build(site.src, out, *NO_SEARCH)
    _assert_same_as_clean(site, out, workdir, *NO_SEARCH)
