"""Links as numbered references, the way Chinese newsletters print them.

WeChat's editor strips every external link, so a link becomes its text
followed by ``[n]``, and the addresses are listed under 参考链接 at the end;
the plain-text part of an e-mail reads the same way. One address keeps one
number however often it is linked. Links into the site's own decorations
(glossary terms, tag pages) are marked ``internal`` by the views that add
them; they are reduced to their text, since their target adds nothing to a
copy read outside the site.
"""

from __future__ import annotations

from dataclasses import dataclass

from docutils import nodes

from ...core.model import is_safe_link


@dataclass(frozen=True)
class Reference:
    """One entry of the 参考链接 list."""

    number: int
    url: str
    #: The text of the first link to ``url``.
    text: str


def number_links(doctree: nodes.Element) -> list[Reference]:
    """Replace every link in ``doctree`` by its text and ``[n]``; return the list.

    Works in place: call it on a copy of a doctree that is also rendered
    otherwise.
    """
    numbers: dict[str, Reference] = {}
    for ref in list(doctree.findall(nodes.reference)):
        url = ref.get("refuri", "")
        children = [child.deepcopy() for child in ref.children]
        if ref.get("internal") or not is_safe_link(url):
            ref.replace_self(children or [nodes.Text(ref.astext())])
            continue
        entry = numbers.setdefault(url, Reference(len(numbers) + 1, url, ref.astext()))
        mark = nodes.superscript(f"[{entry.number}]", f"[{entry.number}]", classes=["ref-number"])
        ref.replace_self([*children, mark])
    return list(numbers.values())
