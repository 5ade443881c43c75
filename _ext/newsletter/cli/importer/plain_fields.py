"""A published post's front-matter values made into the schema's plain single lines.

The archive's schema (:mod:`newsletter.core.frontmatter`) takes text fields
as single-line plain text and refuses the rest. A post published elsewhere
may carry a title over several lines, emphasis or an entity in its summary,
an author's name in a link: the importer must not write those as they are,
nor drop them silently. :func:`plain_line` tries, in order, the value with
its whitespace (line breaks included) collapsed to single spaces, then the
text a reader of the post saw (MyST's own inline parser, markup removed,
entities decoded); a value that is still not plain text is dropped. Every
change is said in the import summary, per field.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...core.i18n import _
from ...core.myst import markdown_parser
from ...core.plaintext import markup_in

#: Inline tokens whose content is text a reader sees.
_VISIBLE = frozenset({"text", "text_special", "code_inline"})


@dataclass(frozen=True)
class Rewrite:
    """One front-matter value the importer changed: what, why and into what."""

    field: str
    reason: str
    #: The value written; empty when the value was dropped.
    value: str

    def describe(self) -> str:
        if self.value:
            message = _(
                "Front matter field {field} is not one line of plain text ({reason});"
                ' changed to "{value}"'
            )
        else:
            message = _(
                "Front matter field {field} is not one line of plain text ({reason}); left out"
            )
        return message.format(field=self.field, reason=self.reason, value=self.value)


def _visible_text(line: str) -> str:
    tokens = markdown_parser().parseInline(line)[0].children or []
    return "".join(token.content for token in tokens if token.type in _VISIBLE)


def plain_line(value: str) -> tuple[str, str]:
    """``value`` as one line of plain text (empty if impossible), and why it changed."""
    value = value.strip()
    reason = markup_in(value)
    if reason is None:
        return value, ""
    collapsed = " ".join(value.split())
    for candidate in (collapsed, " ".join(_visible_text(collapsed).split())):
        if candidate and markup_in(candidate) is None:
            return candidate, reason
    return "", reason


def plain_field(name: str, value: str, rewrites: list[Rewrite], fallback: str = "") -> str:
    """:func:`plain_line` for the field ``name``, noting a change in ``rewrites``.

    ``fallback`` is written instead of a value that cannot be made plain.
    """
    line, reason = plain_line(value)
    if reason:
        line = line or fallback
        rewrites.append(Rewrite(name, reason, line))
    return line


def plain_names(name: str, values: tuple[str, ...], rewrites: list[Rewrite]) -> tuple[str, ...]:
    """Each item of a list field as a plain line; items that cannot be are dropped."""
    kept = (
        plain_field(_("{field} item {number}").format(field=name, number=n), v, rewrites)
        for n, v in enumerate(values, 1)
    )
    return tuple(line for line in kept if line)
