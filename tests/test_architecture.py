"""The house plan, held against the code: floors, side-by-side views, one compat room."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from newsletter import compat
from newsletter.priorities import AFTER_ABLOG, AFTER_SOURCE_SUFFIXES, BEFORE_OPENGRAPH, GATE

PACKAGE = Path(__file__).parent.parent / "_ext" / "newsletter"


def _module(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


#: The packages that are each one room: the core, the tools, the Sphinx layer's rooms.
ROOMS = tuple(
    f"newsletter.{name}" for name in ("core", "cli", "reading", "store", "blog", "compat")
)
#: Modules that may lie loose beside the rooms: the wiring, and what every room shares.
LOOSE = {"__init__.py", "priorities.py", "siteurl.py", "version.py"}


def _room(module: str) -> str:
    """A package of the core, the tools, the Sphinx layer or one view package is one room."""
    for room in ROOMS:
        if module == room or module.startswith(room + "."):
            return room
    parts = module.split(".")
    package = PACKAGE.joinpath(*parts[1:3])
    if parts[:2] == ["newsletter", "views"] and len(parts) > 2 and package.is_dir():
        return ".".join(parts[:3])  # a view in several modules is one view
    return module


@cache
def _imports() -> dict[str, set[str]]:
    """Every module of the package and the package modules it imports."""
    graph: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        module = _module(path)
        package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                target = f"{base}.{node.module}" if node.module else base
                names = [f"{target}.{a.name}" for a in node.names]
                found |= {n for n in names if _exists(n)} or {target}
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("newsletter"):
                found.add(node.module)
        graph[module] = {m for m in found if m != module}
    return graph


def _exists(module: str) -> bool:
    relative = module.split(".")[1:]
    base = PACKAGE.joinpath(*relative)
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def _room_graph() -> dict[str, set[str]]:
    rooms: dict[str, set[str]] = {}
    for module, targets in _imports().items():
        rooms.setdefault(_room(module), set()).update(
            _room(t) for t in targets if _room(t) != _room(module)
        )
    return rooms


def _planned_floor(room: str) -> int:
    """The floor the plan gives a room (README: the house)."""
    if room == "newsletter":
        return 5  # the wiring: the package's setup, which calls each room's
    if room == "newsletter.views":
        return 4  # the views' own wiring
    if room.startswith("newsletter.views."):
        return 3
    if room in ("newsletter.core", "newsletter.priorities", "newsletter.version"):
        return 1
    return 2  # the Sphinx layer's rooms, the loose site address, and the tools over the core


def test_every_import_goes_down_the_plan() -> None:
    """Rooms import only rooms of lower floors, or, in the Sphinx layer, rooms of their own."""
    wrong = {
        (room, target)
        for room, targets in _room_graph().items()
        for target in targets
        if _planned_floor(target) > _planned_floor(room)
        or (_planned_floor(target) == _planned_floor(room) != 2)
    }
    assert wrong == set()


def test_the_rooms_import_each_other_in_no_circle() -> None:
    rooms = _room_graph()

    def reaches(start: str) -> set[str]:
        seen: set[str] = set()
        todo = list(rooms.get(start, ()))
        while todo:
            room = todo.pop()
            if room not in seen:
                seen.add(room)
                todo.extend(rooms.get(room, ()))
        return seen

    assert [room for room in rooms if room in reaches(room)] == []


def test_only_a_handful_of_modules_lie_loose() -> None:
    assert {path.name for path in PACKAGE.glob("*.py")} == LOOSE


def test_every_sphinx_room_registers_itself() -> None:
    """One registration style: each room of the Sphinx layer has its own ``setup``."""
    for name in ("reading", "store", "blog", "i18n", "views", "views.search", "views.channels"):
        tree = ast.parse((PACKAGE.joinpath(*name.split(".")) / "__init__.py").read_text("utf-8"))
        functions = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
        assert "setup" in functions, name


def test_no_view_imports_another_view() -> None:
    views = {m for m in _imports() if m.startswith("newsletter.views.")}
    for module in views:
        own = _room(module)
        others = {_room(t) for t in _imports()[module] if t in views and _room(t) != own}
        assert others == set(), f"{module} imports the views {others}"


def test_the_core_and_the_tools_import_nothing_above_them() -> None:
    for module, targets in _imports().items():
        if _room(module) in ("newsletter.core", "newsletter.cli"):
            above = {t for t in targets if _room(t) not in ("newsletter.core", "newsletter.cli")}
            assert above == set(), f"{module} imports {above}"


def test_the_dialects_policy_never_reaches_its_rewriting() -> None:
    """What an issue may say (core/dialect.py) is decided apart from how refused text is rewritten.

    The rewriting (core/dialect_rewrite.py) reads the policy's refusals; the
    policy, and everything it imports, never imports the rewriting.
    """
    graph = _imports()
    seen: set[str] = set()
    todo = ["newsletter.core.dialect"]
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo.extend(graph.get(module, ()))
    assert "newsletter.core.dialect_rewrite" in graph
    assert "newsletter.core.dialect" in graph["newsletter.core.dialect_rewrite"]
    assert "newsletter.core.dialect_rewrite" not in seen


def test_the_core_and_the_editors_tools_load_no_sphinx() -> None:
    code = (
        "import sys\n"
        "import newsletter.cli.check, newsletter.cli.importer, newsletter.cli.new\n"
        "import newsletter.core.dialect, newsletter.core.dialect_rewrite\n"
        "import newsletter.core.sources, newsletter.core.labels\n"
        "print(sorted(m for m in sys.modules if m == 'sphinx' or m.startswith('sphinx.')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={},
    )
    assert result.stdout.strip() == "[]"


#: Private names of upstreams, allowed only in compat/ (and core/myst.py for MyST).
PRIVATE = re.compile(
    r"\._terms\b|_note_term|\bbuild_info\b|\.listeners\b|\bBlog\._dict|parallel_read_safe\s*="
    r"|\.ablog_posts\b|generate_archive_pages|parse_directive_text|create_md_parser"
)


def test_upstream_internals_are_reached_only_from_the_compat_room() -> None:
    allowed = {*(PACKAGE / "compat").glob("*.py"), PACKAGE / "core" / "myst.py"}
    offenders = [
        f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}"
        for path in PACKAGE.rglob("*.py")
        if path not in allowed
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if PRIVATE.search(line) and not line.lstrip().startswith("#")
    ]
    assert offenders == []


def test_every_upstream_internal_is_in_place() -> None:
    assert compat.upstream_problems() == []


@pytest.fixture(scope="module")
def wired(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    src = tmp_path_factory.mktemp("wired")
    (src / "conf.py").write_text(
        "extensions = ['myst_parser', 'ablog', 'sphinxext.opengraph', 'newsletter']\n"
        "myst_enable_extensions = ['colon_fence', 'deflist', 'fieldlist']\n"
        "html_search_language = 'en'\n"
        "newsletter_site_url = 'https://weekly.example.com/'\n",
        encoding="utf-8",
    )
    (src / "index.md").write_text("# 首页\n", encoding="utf-8")
    app = SphinxTestApp("html", srcdir=src)
    yield app
    app.cleanup()


def _order(app: SphinxTestApp, event: str) -> list[str]:
    return [f"{h.__module__}.{h.__qualname__}" for _, h in compat.listeners(app, event)]


def test_the_dialect_reads_an_issue_before_anyone_else(wired: SphinxTestApp) -> None:
    order = _order(wired, "source-read")
    assert order[0] == "newsletter.reading.guard.apply_dialect"
    assert (
        dict(
            (h, p)
            for p, h in (
                (p, f"{h.__module__}.{h.__qualname__}")
                for p, h in compat.listeners(wired, "source-read")
            )
        )["newsletter.reading.guard.apply_dialect"]
        == GATE
    )


def test_listeners_run_in_the_order_the_archive_needs(wired: SphinxTestApp) -> None:
    config = _order(wired, "config-inited")
    assert config.index("sphinx.registry.merge_source_suffix") < config.index(
        "newsletter.reading.guard.exclude_refused_and_drafts"
    )
    page = compat.listeners(wired, "html-page-context")
    by_name = {f"{h.__module__}.{h.__qualname__}": p for p, h in page}
    opengraph = [p for name, p in by_name.items() if name.startswith("sphinxext.opengraph")]
    ablog = [p for name, p in by_name.items() if name.startswith("ablog")]
    assert by_name["newsletter.views.social.add_social_meta"] == BEFORE_OPENGRAPH < min(opengraph)
    assert by_name["newsletter.views.feeds.link_issue_feed"] == AFTER_ABLOG > max(ablog)
    assert AFTER_SOURCE_SUFFIXES > 800


def test_the_importer_reads_markdown_through_one_parser() -> None:
    """Only cli/importer/inline.py builds a markdown-it-py parser or wraps its rules.

    Every module of the importer then reads links, bold and code spans the
    same way, with the source positions that keep messages at their lines.
    """
    builders = set()
    for path in (PACKAGE / "cli" / "importer").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("markdown_it"):
                names = {alias.name for alias in node.names}
                internal = node.module in ("markdown_it.rules_inline", "markdown_it.helpers")
                if internal or "MarkdownIt" in names:
                    builders.add(path.name)
    assert builders == {"inline.py"}
