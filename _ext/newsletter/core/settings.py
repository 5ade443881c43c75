"""A site's own settings, from its conf.py: one table for the build and the editors' tools.

Any weekly can use the extension, so what was written for one Chinese weekly
(the sections of a new issue, its title, the cadence, where the registry and
the glossary live) is a value of the site's ``conf.py``. Each value is named
here once, with the default that keeps the Cloud Native Weekly archive as it
is, the types Sphinx checks and what a change rebuilds: the extension's
``setup`` registers exactly these with ``app.add_config_value``, and the
editors' tools read the same names from the same ``conf.py``
(:mod:`newsletter.cli.site_config`), so ``make check`` and the build agree
for any site. The series' own name is Sphinx's ``project``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from . import channels, link_health, registry, terms
from .i18n import _


@dataclass(frozen=True)
class Setting:
    """One configuration value: its conf.py name, default, types and rebuild flag."""

    name: str
    default: object
    #: What a change rebuilds, in Sphinx's terms: "env" re-reads every
    #: document, "html" writes every page again, "" rebuilds nothing (the
    #: value is read by the editors' tools).
    rebuild: str
    types: tuple[type, ...]


ISSUE_TITLE = Setting(
    "newsletter_issue_title", "云原生生态周报（Cloud Native Weekly）第 {number} 期", "", (str,)
)
SECTIONS = Setting(
    "newsletter_sections", ["业界要闻", "上游重要进展", "开源项目推荐", "本周阅读推荐"], "", (list,)
)
CADENCE_DAYS = Setting("newsletter_cadence_days", 7, "", (int,))
PROJECTS_FILE = Setting("newsletter_projects_file", registry.REGISTRY_FILE, "env", (str,))
GLOSSARY_FILE = Setting("newsletter_glossary_file", terms.GLOSSARY_FILE, "", (str,))
GROUP_TAGS = Setting("newsletter_import_group_tags", False, "", (bool,))
LINK_HEALTH_FILE = Setting("newsletter_link_health_file", link_health.HEALTH_FILE, "", (str,))
#: Which outputs beside the pages a site publishes (:mod:`.channels`); pages
#: link only to those, so a change writes every page again.
CHANNELS = Setting("newsletter_channels", list(channels.CHANNELS), "html", (list, tuple))

#: Every value, in the order the adopters' documentation lists them.
SETTINGS = (
    *(ISSUE_TITLE, SECTIONS, CADENCE_DAYS, PROJECTS_FILE, GLOSSARY_FILE),
    *(GROUP_TAGS, LINK_HEALTH_FILE, CHANNELS),
)


class SettingError(ValueError):
    """A value of conf.py that is not of its setting's type (the message names it)."""


@dataclass(frozen=True)
class SiteSettings:
    """The settings of one site, as the editors' tools use them."""

    #: The title of a new issue; ``{number}`` is its number.
    issue_title: str
    #: The sections of a new issue, in order.
    sections: tuple[str, ...]
    #: Days between two issues: the date ``make new`` proposes.
    cadence: dt.timedelta
    #: The project registry and the glossary, relative to the site's root.
    projects_file: str
    glossary_file: str
    #: ``make import`` makes each item's sub-section heading one of its tags.
    group_tags: bool
    #: Where ``make links`` records link health and the build reads it.
    link_health_file: str

    @classmethod
    def from_values(cls, values: Mapping[str, object]) -> SiteSettings:
        """The settings from conf.py's names; a name left out keeps its default."""

        def value(setting: Setting) -> object:
            found = values.get(setting.name, setting.default)
            # A bool is an int to isinstance, never a number of days.
            if not isinstance(found, setting.types) or (
                isinstance(found, bool) and bool not in setting.types
            ):
                wanted = _(", ").join(t.__name__ for t in setting.types)
                raise SettingError(
                    _("{name} should be {wanted}, not {value}").format(
                        name=setting.name, wanted=wanted, value=repr(found)
                    )
                )
            return found

        sections = value(SECTIONS)
        assert isinstance(sections, list)
        if not sections or not all(isinstance(s, str) and s.strip() for s in sections):
            raise SettingError(
                _("{name} should be a non-empty list of section names, not {value}").format(
                    name=SECTIONS.name, value=repr(sections)
                )
            )
        days = value(CADENCE_DAYS)
        assert isinstance(days, int)
        if days < 1:
            raise SettingError(
                _("{name} should be a positive integer, not {value}").format(
                    name=CADENCE_DAYS.name, value=repr(days)
                )
            )
        return cls(
            issue_title=str(value(ISSUE_TITLE)),
            sections=tuple(sections),
            cadence=dt.timedelta(days=days),
            projects_file=str(value(PROJECTS_FILE)),
            glossary_file=str(value(GLOSSARY_FILE)),
            group_tags=bool(value(GROUP_TAGS)),
            link_health_file=str(value(LINK_HEALTH_FILE)),
        )


#: The Cloud Native Weekly archive's own settings: every default.
DEFAULTS = SiteSettings.from_values({})


def conf_location(confdir: str | Path | None, name: str) -> str | None:
    """Where the site's conf.py sets ``name``: ``path:line``, for a located message.

    None when conf.py does not assign it at the start of a line (a value
    given with ``-D``, or built some other way): the message then names
    conf.py in its words alone.
    """
    if confdir is None:
        return None
    conf = Path(confdir) / "conf.py"
    try:
        lines = conf.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    assignment = re.compile(rf"{re.escape(name)}\s*(:[^=]*)?=")
    for number, line in enumerate(lines, start=1):
        if assignment.match(line):
            return f"{conf}:{number}"
    return None
