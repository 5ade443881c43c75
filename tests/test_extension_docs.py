"""The adopters' documentation lists every configuration value the extension registers, as registered."""

from __future__ import annotations

import re

from conftest import REPO, Project

from newsletter.core.settings import SETTINGS

CONFIGURATION = REPO / "docs" / "extension" / "configuration.md"
#: Set by the extension itself from its templates and catalogs, never in conf.py.
INTERNAL = {"newsletter_templates_digest", "newsletter_catalog_digest"}
_ROW = re.compile(r"^\| `(newsletter_\w+)` \|([^|]+)\|([^|]+)\|([^|]*)\|", re.MULTILINE)


def _documented() -> dict[str, tuple[str, str]]:
    """Name -> (default as written, rebuild flag) from the configuration table."""
    rows = _ROW.findall(CONFIGURATION.read_text(encoding="utf-8"))
    return {name: (default.strip(), rebuild.strip()) for name, _, default, rebuild in rows}


def test_every_registered_value_is_documented_with_its_rebuild_flag(project: Project) -> None:
    app = project.build()
    registered = {
        value.name: value.rebuild
        for value in app.config
        if value.name.startswith("newsletter_") and value.name not in INTERNAL
    }
    documented = _documented()
    assert set(documented) == set(registered)
    assert {name: flag for name, (_, flag) in documented.items()} == registered


def test_the_site_settings_defaults_are_documented_as_they_are() -> None:
    documented = _documented()
    for setting in SETTINGS:
        default = setting.default
        written = (
            f"`{default!r}`".replace("'", '"') if not isinstance(default, bool) else f"`{default}`"
        )
        assert documented[setting.name][0] == written, setting.name
