"""While Sphinx reads, what survives a full collection is frozen, and only then.

The garbage collector is the process's, shared with whatever runs the
build (pytest here, ``sphinx-autobuild`` elsewhere), so these tests prove
that the freeze holds exactly from the first document read to the finished
environment, that a failed build leaves the collector as it found it, and
that a process that froze objects of its own is left alone.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import Project

from newsletter.reading import collector, glossary, heap


@pytest.fixture(autouse=True)
def _collector_as_usual() -> Iterator[None]:
    assert gc.get_freeze_count() == 0
    yield
    gc.unfreeze()


def _probe(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[int]]:
    """Freeze counts seen while reading (after a full collection) and once read."""
    seen: dict[str, list[int]] = {"reading": [], "read": []}
    collect_items, refresh_mentions = collector.collect_items, glossary.refresh_mentions

    def while_reading(app: Any, doctree: Any) -> None:
        gc.collect()
        seen["reading"].append(gc.get_freeze_count())
        collect_items(app, doctree)

    def once_read(app: Any, env: Any) -> Any:
        seen["read"].append(gc.get_freeze_count())
        return refresh_mentions(app, env)

    monkeypatch.setattr(collector, "collect_items", while_reading)
    monkeypatch.setattr(glossary, "refresh_mentions", once_read)
    return seen


def test_survivors_are_frozen_while_reading_and_only_then(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = _probe(monkeypatch)
    project.build()
    assert project.warning_lines() == []
    assert seen["reading"] and all(count > 0 for count in seen["reading"])
    # Unfrozen before the finished environment's handlers run, and after the build.
    assert seen["read"] == [0]
    assert gc.get_freeze_count() == 0
    assert heap._freeze_survivors not in gc.callbacks
    # The site is built as ever.
    assert project.html("issues/001.html").select("article.news-item")


def test_a_build_that_fails_while_reading_leaves_the_collector_as_it_was(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(app: Any, doctree: Any) -> None:
        gc.collect()
        raise RuntimeError("the build broke while reading")

    monkeypatch.setattr(collector, "collect_items", broken)
    with pytest.raises(Exception, match="the build broke while reading"):
        project.build()
    assert gc.get_freeze_count() == 0
    assert heap._freeze_survivors not in gc.callbacks


def test_a_process_that_froze_objects_of_its_own_is_left_alone(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    held = [object() for _ in range(10)] + [[] for _ in range(10)]
    gc.freeze()
    frozen = gc.get_freeze_count()
    seen = _probe(monkeypatch)
    project.build()
    assert project.warning_lines() == []
    # Nothing more was frozen, and the process's own freeze still holds.
    assert seen["reading"] and all(count <= frozen for count in seen["reading"])
    assert 0 < gc.get_freeze_count() <= frozen
    assert held
