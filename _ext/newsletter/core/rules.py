"""The archive's rules that both ``make check`` and the build report: one table.

The build (through Sphinx warnings) and the checker (through ``file:line``
lines) used to spell some messages twice, in two modules, and the two copies
drifted. A rule that both tools report is written here once, by id; each tool
asks :func:`message` for its text and :func:`severity` for its weight, so the
two cannot say different things. ``tests/test_check_equals_build.py`` holds
them to the same (file, line, message) on a table of malformed files.

Rules with ``scope="check"`` are editorial advice that only ``make check``
gives (a gap in the numbering, a link an earlier issue covered): a build has
no place for them and never reports them.

Most refusals of the dialect and the front matter are produced by one shared
function of the core (:mod:`.dialect`, :mod:`.frontmatter`,
:func:`.model.source_link_problem`), which both tools call: they are one
source already and keep their text there.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .i18n import N_, _


@dataclass(frozen=True)
class Rule:
    """One rule: its message template (``str.format`` fields) and weight.

    The template is an English message id, translated when shown
    (:mod:`.i18n`).
    """

    template: str
    severity: str = "error"
    #: "both": make check and the build report it; "check": make check's advice only.
    scope: str = "both"


#: The first and last publication dates an issue may carry. A fixed range
#: (not "today + a year") keeps the same sources building the same way on
#: any day. The weekly began in 2019; the end leaves room for any real issue
#: while refusing a slipped digit (9999, 2204).
FIRST_DATE = dt.date(2019, 1, 1)
LAST_DATE = dt.date(2099, 12, 31)

RULES: dict[str, Rule] = {
    # Reading the file.
    "encoding.not_utf8": Rule(
        N_(
            "The file is encoded in {encoding}; issue files should be UTF-8: read as {encoding}, please save it as UTF-8"
        )
    ),
    "encoding.undecodable": Rule(
        N_("This line holds invalid UTF-8 bytes, replaced with �; please check the pasted text")
    ),
    "text.line_separator": Rule(
        N_(
            "This line holds a form feed, a vertical tab or a Unicode line separator (such as U+2028), replaced with a space"
        )
    ),
    "dialect.transition": Rule(
        N_(
            "A rule may only stand between two paragraphs of one section (not inside an item, a list or a quote, not right after a heading or another rule, not at the end of the file); shown as text"
        )
    ),
    "dialect.footnote_undefined": Rule(N_("Footnote [^{label}] is not defined; shown as text")),
    "dialect.footnote_unused": Rule(
        N_("The definition of footnote [^{label}] is never referenced; shown as text")
    ),
    "dialect.footnote_duplicate": Rule(
        N_("Footnote [^{label}] is defined twice (already on line {first}); shown as text")
    ),
    # The front matter.
    "frontmatter.unclosed": Rule(N_("The front matter has no closing --- line; shown as text")),
    "frontmatter.duplicate_key": Rule(
        N_(
            "Field '{key}' appears twice in the front matter (already on line {first}); only the last one counts"
        )
    ),
    "date.range": Rule(
        N_(
            "Date {date} is outside the weekly's plausible range ({first} to {last}); please check the year"
        )
    ),
    # Numbers across issues.
    "number.duplicate": Rule(N_("Issue number {number} duplicates {other}")),
    "number.gap": Rule(
        N_(
            "Issue numbers are not consecutive: issue {last} is followed by issue {number}, missing {missing}"
        ),
        "warning",
        "check",
    ),
    # Items.
    "item.no_body": Rule(N_('News item "{title}" has no body')),
    # Links to topic pages (``{tag}`` and ``{project}`` roles).
    "topic.tag_without_page": Rule(
        N_("Tag '{name}' is not used by any news item yet and cannot be linked")
    ),
    "topic.project_without_page": Rule(
        N_("Project '{name}' has no published news yet, so no page, and cannot be linked")
    ),
    # Why an address may not be a link (a reason inside a link message).
    "link.bad_character": Rule(
        N_("the address holds a character that is not allowed ({character})")
    ),
    "link.bad_host": Rule(N_("host name {host} is not valid")),
    "link.local_address": Rule(
        N_(
            "it points to a local or private address {host} ({kind}), which neither readers nor the checker should visit"
        )
    ),
}


def message(rule_id: str, **fields: object) -> str:
    """The text of rule ``rule_id`` with its fields filled in."""
    return _(RULES[rule_id].template).format(**fields)


def severity(rule_id: str) -> str:
    """``"error"`` or ``"warning"``: how much rule ``rule_id`` weighs."""
    return RULES[rule_id].severity
