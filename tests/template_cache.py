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
whose every compile-time input is the same (:func:`_compiler_inputs`: the
lexer's syntax, the extensions and their options, the filters and tests by
function, autoescaping, finalize, the sandbox). A template that a test edits,
or an environment that differs, is compiled anew. Builds in a subprocess
(``sphinx-build``, as ``make html`` runs it) do not use it.
``test_template_cache.py`` builds a themed root both ways: the same files.
"""

from __future__ import annotations

from collections.abc import Callable
from types import CodeType, ModuleType
from typing import Any

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from sphinx.jinja2glue import BuiltinTemplateLoader

#: The environment's settings that the lexer reads.
_SYNTAX = (
    "block_start_string",
    "block_end_string",
    "variable_start_string",
    "variable_end_string",
    "comment_start_string",
    "comment_end_string",
    "line_statement_prefix",
    "line_comment_prefix",
    "trim_blocks",
    "lstrip_blocks",
    "newline_sequence",
    "keep_trailing_newline",
)


def _identity(function: Callable[..., Any] | None) -> str | None:
    """A function's module and name, or None for one that these do not tell
    apart (a closure a build made, a lambda, a bound method)."""
    if function is None:
        return "None"
    owner = getattr(function, "__self__", None)
    name = getattr(function, "__qualname__", "<unnamed>")
    if "<" in name or not (owner is None or isinstance(owner, ModuleType)):
        return None
    return f"{getattr(function, '__module__', None)}.{name}"


def _compiler_inputs(environment: Environment, name: str) -> str | None:
    """Everything of ``environment`` that Jinja's lexer, parser and compiler read.

    The optimizer calls filters and tests on constants while compiling, and
    the compiled call depends on what a filter is passed: so each is named
    by its function. None when a function cannot be named so (then nothing
    is shared).
    """
    functions = {
        **{f"filter {key}": f for key, f in environment.filters.items()},
        **{f"test {key}": f for key, f in environment.tests.items()},
        "finalize": environment.finalize,
    }
    named = {key: _identity(f) for key, f in functions.items()}
    if None in named.values():
        return None
    passed = {key: repr(getattr(f, "jinja_pass_arg", None)) for key, f in functions.items()}
    autoescape = environment.autoescape
    return repr(
        (
            type(environment).__qualname__,
            [getattr(environment, setting) for setting in _SYNTAX],
            sorted(environment.extensions),
            sorted(named.items()),
            sorted(passed.items()),
            environment.optimized,
            environment.is_async,
            autoescape(name) if callable(autoescape) else autoescape,
            sorted(getattr(environment, "intercepted_binops", ())),
            sorted(getattr(environment, "intercepted_unops", ())),
            # The i18n extension's parsing of {% trans %}.
            getattr(environment, "newstyle_gettext", None),
            environment.policies.get("ext.i18n.trimmed"),
        )
    )


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
        inputs = _compiler_inputs(environment, name)
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
