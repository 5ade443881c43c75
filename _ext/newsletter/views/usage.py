"""Under each glossary entry: the issues' notes on it and the items that mention it.

The mentions are matched once per read document (``glossary.refresh_mentions``)
and kept in the store; this view only lists them, newest first.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

from ..core.labels import issue_label
from ..core.model import Issue, NewsItem
from ..i18n import _, ngettext
from ..store.data import get_store

#: How many items an entry lists before summarising the rest as a count.
USAGE_LIMIT = 20


def _link(app: Sphinx, fromdoc: str, todoc: str, anchor: str, text: str) -> nodes.reference:
    uri = app.builder.get_relative_uri(fromdoc, todoc) + "#" + anchor
    return nodes.reference("", text, internal=True, refuri=uri)


def _usage_block(app: Sphinx, docname: str, names: list[str]) -> nodes.container | None:
    store = get_store(app.env)
    usage = store.term_usage()
    seen: dict[tuple[str, str], tuple[Issue, NewsItem]] = {}
    for name in names:
        for issue, item in usage.get(name, ()):
            seen.setdefault((item.docname, item.id), (issue, item))
    entries = sorted(seen.values(), key=lambda pair: (pair[0].date, pair[0].number), reverse=True)
    notes = [
        note
        for notes in store.term_notes.values()
        for note in notes
        if note.term in names and store.issue(note.docname) is not None
    ]
    if not entries and not notes:
        return None
    block = nodes.container(classes=["glossary-usage"])
    for note in sorted(notes, key=lambda n: store.issues[n.docname].number, reverse=True):
        issue = store.issues[note.docname]
        para = nodes.paragraph(classes=["glossary-note"])
        para += _link(
            app,
            docname,
            note.docname,
            note.id,
            _("Issue {number}'s note on the term").format(number=issue.number),
        )
        para += nodes.Text(_(": {text}").format(text=note.text))
        block += para
    if entries:
        block += nodes.paragraph(
            "",
            ngettext(
                "Used in {count} news item:", "Used in {count} news items:", len(entries)
            ).format(count=len(entries)),
            classes=["glossary-usage-title"],
        )
        listing = nodes.bullet_list()
        for issue, item in entries[:USAGE_LIMIT]:
            para = nodes.paragraph()
            para += nodes.Text(f"{issue_label(issue)} · ")
            para += _link(app, docname, item.docname, item.id, item.title)
            listing += nodes.list_item("", para)
        block += listing
        if len(entries) > USAGE_LIMIT:
            rest = _("And {count} earlier.").format(count=len(entries) - USAGE_LIMIT)
            block += nodes.paragraph(rest, rest)
    return block


def add_usage_lists(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: list under each glossary entry where it is used."""
    if docname not in get_store(app.env).terms:
        return
    for glossary in doctree.findall(addnodes.glossary):
        for entry in glossary.findall(nodes.definition_list_item):
            names = [t.astext() for t in entry.children if isinstance(t, nodes.term)]
            definition = next((c for c in entry.children if isinstance(c, nodes.definition)), None)
            block = _usage_block(app, docname, names) if definition is not None else None
            if block is not None:
                definition += block
