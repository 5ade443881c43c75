"""Compiled templates kept between builds change no page: the test process's
shared cache (``template_cache.py``) and the extension's cache on disk."""

from __future__ import annotations

import shutil
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import ROOTS, Project
from incremental import ROOT, build, tree
from jinja2 import Environment, pass_context
from template_cache import CACHE, SharedTemplateCode

from newsletter.store import template_code

NO_SEARCH = ("-D", "newsletter_search_index=0")


def _build(root: Path, dest: Path) -> dict[str, bytes]:
    shutil.copytree(root, dest)
    site = Project(dest)
    site.build()
    return {
        path.relative_to(site.outdir).as_posix(): path.read_bytes()
        for path in sorted(site.outdir.rglob("*"))
        if path.is_file()
    }


def test_a_build_from_shared_templates_writes_what_a_compiling_build_writes(
    tmp_path: Path,
) -> None:
    """The themed English root (ablog, the book theme, templates of its own)."""
    CACHE.clear()
    compiled = _build(ROOTS / "test-english", tmp_path / "a" / "src")
    assert len(CACHE) > 10  # the build's templates, now shared
    shared = _build(ROOTS / "test-english", tmp_path / "b" / "src")
    assert [name for name in compiled if compiled[name] != shared.get(name)] == []
    assert shared.keys() == compiled.keys()


def _key(environment: Environment, source: str = "{{ x|f }}") -> str:
    return SharedTemplateCode().get_bucket(environment, "page.html", "/t/page.html", source).key


def _plain(value: object) -> str:
    return str(value)


@pass_context
def _with_context(context: object, value: object) -> str:
    return str(value)


def test_code_is_shared_only_between_environments_that_compile_alike() -> None:
    plain, passed = Environment(), Environment()
    plain.filters["f"], passed.filters["f"] = _plain, _with_context
    assert _key(plain) != _key(passed)  # a filter passed the context is called otherwise
    again = Environment()
    again.filters["f"] = _plain
    assert _key(plain) == _key(again)
    translated = Environment(extensions=["jinja2.ext.i18n"])
    translated.filters["f"] = _plain
    assert _key(translated) != _key(plain)  # {% trans %} parses only with the extension
    # A filter made by a build (a closure) is not named by its function: nothing is shared.
    made = Environment()
    made.filters["f"] = lambda value: str(value)
    assert _key(made) == ""


# -- the extension's cache on disk, as ``make html`` keeps it ------------------


def _cache(out: Path) -> dict[str, int]:
    """The cache's files under ``out``'s doctree folder, with their times
    (a copy keeps them; a file written again has a new one)."""
    folder = out / "doctrees" / template_code.FOLDER
    return {p.name: p.stat().st_mtime_ns for p in sorted(folder.glob("*.cache"))}


def test_a_build_reuses_the_templates_the_last_one_compiled_and_writes_the_same(
    tmp_path: Path,
) -> None:
    """``sphinx-build`` keeps compiled templates under its doctree folder; a
    build that reads them writes what a build that compiles writes.

    Editing a site template then changes the configuration's hash (the
    templates' digest is part of it): every template is compiled again, and
    the code compiled before is removed, not piled up.
    """
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    cold = tmp_path / "cold"
    build(src, cold, *NO_SEARCH)
    kept = _cache(cold)
    assert len(kept) > 10  # Sphinx's, the themes', ablog's and the extension's
    warm = tmp_path / "warm"
    shutil.copytree(cold / "doctrees", warm / "doctrees")
    build(src, warm, "-E", *NO_SEARCH)  # every page written again, from the kept code
    assert tree(warm / "html") == tree(cold / "html")
    assert _cache(warm) == kept  # nothing compiled anew, so nothing written

    footer = src / "_templates" / "reader-footer.html"
    footer.write_text(footer.read_text("utf-8").replace("页脚模板 0", "页脚模板 1"), "utf-8")
    build(src, warm, *NO_SEARCH)
    page = BeautifulSoup((warm / "html" / "index.html").read_text("utf-8"), "html.parser")
    assert page.select_one(".site-template").get_text() == "页脚模板 1"
    recompiled = _cache(warm)
    assert len(recompiled) == len(kept)  # compiled again under the new configuration
    assert set(recompiled).isdisjoint(kept)  # and the old code is gone, not piled up


def test_a_template_whose_source_changed_is_not_read_from_the_cache(tmp_path: Path) -> None:
    environment = Environment()
    cache = template_code.CompiledTemplates(tmp_path, salt="")
    bucket = cache.get_bucket(environment, "t.html", "/t/t.html", "{{ 1 }}")
    bucket.code = environment.compile("{{ 1 }}")
    cache.set_bucket(bucket)
    again = template_code.CompiledTemplates(tmp_path, salt="")
    assert again.get_bucket(environment, "t.html", "/t/t.html", "{{ 1 }}").code is not None
    assert again.get_bucket(environment, "t.html", "/t/t.html", "{{ 2 }}").code is None
    other = template_code.CompiledTemplates(tmp_path, salt="another configuration")
    assert other.get_bucket(environment, "t.html", "/t/t.html", "{{ 1 }}").code is None
    assert list(tmp_path.glob("*.cache")) == []  # emptied for the new configuration


def test_a_setting_filters_read_while_compiling_is_part_of_the_key(tmp_path: Path) -> None:
    environment = Environment()
    environment.filters["f"] = _plain
    one = template_code.CompiledTemplates(tmp_path / "a", salt="config 1")
    two = template_code.CompiledTemplates(tmp_path / "b", salt="config 2")
    source = "{{ 'x'|f }}"
    key = one.get_bucket(environment, "page.html", "/t/page.html", source).key
    assert key and key != two.get_bucket(environment, "page.html", "/t/page.html", source).key


def test_a_template_with_an_unnamed_filter_is_never_kept(tmp_path: Path) -> None:
    environment = Environment()
    environment.filters["f"] = lambda value: str(value)
    cache = template_code.CompiledTemplates(tmp_path, salt="")
    bucket = cache.get_bucket(environment, "t.html", None, "{{ 'x'|f }}")
    assert bucket.key == ""  # the lambda's result cannot be told from another's
    bucket.code = environment.compile("{{ 'x'|f }}")
    cache.set_bucket(bucket)
    assert list(tmp_path.glob("*.cache")) == []


def test_a_cache_the_environment_has_is_kept(tmp_path: Path) -> None:
    """An in-process build keeps the test process's shared cache: no folder."""
    site = Project(shutil.copytree(ROOTS / "test-basic", tmp_path / "src"))
    site.build()
    assert (site.builddir / "doctrees" / "environment.pickle").is_file()
    assert not (site.builddir / "doctrees" / template_code.FOLDER).exists()
