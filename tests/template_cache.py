"""Compiled templates shared by the in-process builds of one test process.

Every Sphinx build makes a new Jinja environment and compiles each of
Sphinx's, the themes' and the extension's templates again: measured on
``roots/test-basic`` and ``roots/test-english``, that is 36 to 43 % of a
build's CPU time, repeated by each of the suite's hundred-odd builds.
Jinja's own remedy is a bytecode cache (:class:`jinja2.BytecodeCache`);
:func:`install` gives every build's environment one that lives in memory
for the test process.

The cache changes what is compiled, never what a template renders: code is
reused only for the same template name, file and source, in an environment
whose every compile-time input is the same (the extension's
:func:`~newsletter.store.template_code.compiler_inputs`, which also keys the
cache a real build keeps on disk). A template that a test edits, or an
environment that differs, is compiled anew. Builds in a subprocess
(``sphinx-build``, as ``make html`` runs it) use the extension's own cache
under their doctree folder instead.
``test_template_cache.py`` builds a themed root both ways: the same files.
"""

from __future__ import annotations

from types import CodeType
from typing import Any

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from sphinx.jinja2glue import BuiltinTemplateLoader

from newsletter.store.template_code import compiler_inputs


class SharedTemplateCode(BytecodeCache):
    """Compiled templates in memory, by template and compile-time inputs."""

    def __init__(self) -> None:
        self._code: dict[tuple[str, str], CodeType] = {}

    def clear(self) -> None:
        self._code.clear()

    def __len__(self) -> int:
        return len(self._code)

    def get_bucket(
        self, environment: Environment, name: str, filename: str | None, source: str
    ) -> Bucket:
        inputs = compiler_inputs(environment, name)
        key = "" if inputs is None else self.get_cache_key(f"{name}\0{inputs}", filename)
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        bucket.code = self._code.get((bucket.key, bucket.checksum)) if bucket.key else None

    def dump_bytecode(self, bucket: Bucket) -> None:
        if bucket.key and bucket.code is not None:
            self._code[(bucket.key, bucket.checksum)] = bucket.code


#: The one cache of this test process (:func:`install`).
CACHE = SharedTemplateCode()


def install() -> None:
    """Give every later build's template environment :data:`CACHE`."""
    init = BuiltinTemplateLoader.init
    if getattr(init, "shares_template_code", False):
        return

    def init_with_cache(self: BuiltinTemplateLoader, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        self.environment.bytecode_cache = CACHE

    init_with_cache.shares_template_code = True  # type: ignore[attr-defined]
    BuiltinTemplateLoader.init = init_with_cache  # type: ignore[method-assign]
