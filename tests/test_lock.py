"""Every installed package is pinned: the lock files agree with the requirements
they are compiled from (``make lock``) and with each other."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import REPO

#: Each lock and the requirements file it is compiled from.
LOCKS = {
    "requirements.lock": "requirements.txt",
    "tests/requirements.lock": "tests/requirements.txt",
    "requirements-livehtml.lock": "requirements-livehtml.txt",
    "requirements-uv.lock": "requirements-uv.txt",
}
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)", re.MULTILINE)


def _name(name: str) -> str:
    """A distribution name as PEP 503 normalises it."""
    return re.sub(r"[-_.]+", "-", name).lower()


_INCLUDE = re.compile(r"^-r\s+(\S+)", re.MULTILINE)


def _pins(path: Path) -> dict[str, set[str]]:
    """Name -> the versions pinned in a requirements or lock file (one per
    environment marker in a universal lock), with those of the requirements
    files it includes (``-r``): a lock must hold those too."""
    text = path.read_text(encoding="utf-8")
    pins: dict[str, set[str]] = {}
    for included in _INCLUDE.findall(text):
        for name, versions in _pins(path.parent / included).items():
            pins.setdefault(name, set()).update(versions)
    for name, version in _PIN.findall(text):
        pins.setdefault(_name(name), set()).add(version)
    return pins


@pytest.mark.parametrize(("lock", "source"), LOCKS.items())
def test_a_lock_holds_every_direct_pin_and_hashes_every_package(lock: str, source: str) -> None:
    locked = _pins(REPO / lock)
    for name, versions in _pins(REPO / source).items():
        assert locked.get(name) == versions, f"{lock}: {name} is not {versions} ({source})"
    text = (REPO / lock).read_text(encoding="utf-8")
    entries = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2])
    assert all("--hash=sha256:" in entry for entry in entries if _PIN.match(entry))


def test_every_lock_pins_the_sites_packages_as_the_sites_lock_does() -> None:
    site = _pins(REPO / "requirements.lock")
    for lock in LOCKS:
        for name, versions in _pins(REPO / lock).items():
            assert site.get(name, versions) == versions, f"{lock}: {name}"
