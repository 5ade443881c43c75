"""Compiled templates kept between builds, in the build's own cache folder.

Every ``sphinx-build`` makes a new Jinja environment and compiles each of
Sphinx's, the themes', ablog's and the extension's templates again: on the
real site a third of a build with nothing to do (only ``genindex.html`` is
written, and it compiles the whole chain of layouts), and about half a second
of every edit-and-preview build. Jinja's remedy is a bytecode cache; this one
lives under the doctree folder (``_build/doctrees/templates``), beside
Sphinx's own ``environment.pickle``, so a clean build (an empty ``_build``)
starts without it, and ``make clean`` removes it.

The cache changes what is compiled, never what a template renders. Jinja
itself reuses code only for the same template source (a checksum) and the
same Jinja and Python (its magic header). The key adds everything of the
environment that the lexer, parser and compiler read (:func:`compiler_inputs`),
and the configuration's hash: Jinja's optimizer calls filters on constants
while compiling, so a filter whose result followed a setting would otherwise
keep an old result. A filter that cannot be named by its function (a closure
a build made) turns the cache off for that template.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache
from jinja2.bccache import Bucket
from sphinx.application import Sphinx

from .. import compat

#: The cache's folder, under the doctree folder.
FOLDER = "templates"
#: The file in it that names the configuration its code was compiled under.
SALT_FILE = "configuration"

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


def compiler_inputs(environment: Environment, name: str) -> str | None:
    """Everything of ``environment`` that Jinja's lexer, parser and compiler read.

    The optimizer calls filters and tests on constants while compiling, and
    the compiled call depends on what a filter is passed: so each is named
    by its function. None when a function cannot be named so (then nothing
    may be reused).
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


class CompiledTemplates(FileSystemBytecodeCache):
    """Jinja's file cache, keyed also by the compile-time inputs and ``salt``
    (the configuration's hash), which Jinja's own key (the template's name
    and file) leaves out.

    A new salt empties the folder first: code compiled under another
    configuration is never read again, and would only pile up (editing a
    template of the site changes the configuration's hash too, through the
    templates' digest, so every template is compiled again then).
    """

    def __init__(self, directory: Path, salt: str) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        super().__init__(str(directory))
        self.salt = salt
        stamp = directory / SALT_FILE
        if not stamp.is_file() or stamp.read_text(encoding="utf-8") != salt:
            self.clear()
            stamp.write_text(salt, encoding="utf-8")

    def get_bucket(
        self, environment: Environment, name: str, filename: str | None, source: str
    ) -> Bucket:
        inputs = compiler_inputs(environment, name)
        key = (
            "" if inputs is None else self.get_cache_key(f"{name}\0{inputs}\0{self.salt}", filename)
        )
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        if key:
            self.load_bytecode(bucket)
        return bucket

    def set_bucket(self, bucket: Bucket) -> None:
        if bucket.key:
            super().set_bucket(bucket)


def keep_compiled_templates(app: Sphinx) -> None:
    """Give the builder's template environment the cache (``builder-inited``).

    A cache the environment already has (one a test process shares between
    its builds, say) is kept.
    """
    environment = compat.template_environment(app.builder)
    if environment is None or environment.bytecode_cache is not None:
        return
    environment.bytecode_cache = CompiledTemplates(
        Path(app.doctreedir) / FOLDER, compat.config_fingerprint(app.builder)
    )
