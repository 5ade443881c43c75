"""The test builds' shared compiled templates (``template_cache.py``) change no page."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOTS, Project
from jinja2 import Environment, pass_context
from template_cache import CACHE, SharedTemplateCode


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
