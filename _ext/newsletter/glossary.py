"""The glossary: stable anchors, issues' term notes, and "where used" lists.

The glossary is written with Sphinx's own ``glossary`` directive, so the
``{term}`` role works everywhere. This module adds what the archive needs on
top of it:

* Sphinx gives an all-Chinese term a serial ``term-N`` id that moves when
  entries move; every term here gets ``term-<slug of its name>`` instead;
* an issue's own explanation of a term (``term-note``) links to the entry and
  is listed under it, instead of standing alone;
* each entry lists the news items that mention it, newest first.
"""

from __future__ import annotations

from collections import defaultdict
from typing import ClassVar

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .collector import is_issue_doc
from .issuepage import chinese_date
from .mentions import matcher_for
from .model import Issue, NewsItem, Term, TermNote, slugify
from .store import NewsStore, get_store

logger = logging.getLogger(__name__)

#: How many items an entry lists before summarising the rest as a count.
USAGE_LIMIT = 20


class term_note(nodes.definition_list_item):  # noqa: N801 - docutils naming
    """An issue's note on a term; renders as a definition list item."""


class TermNoteDirective(SphinxDirective):
    """``term-note``: the issue explains a glossary term in its own words."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar = {}

    def run(self) -> list[nodes.Node]:
        term = " ".join(self.arguments[0].split())
        item = term_note(classes=["term-note"], term=term)
        self.set_source_info(item)
        ref = addnodes.pending_xref(
            "", nodes.inline(term, term), refdomain="std", reftype="term", reftarget=term
        )
        ref["refexplicit"] = True
        ref["refwarn"] = True
        # The anchor is on the term: HTML writers drop a list item's ids, and
        # the glossary links here ("第 3 期的名词解释").
        item += nodes.term("", "", ref, ids=[f"note-{slugify(term)}"])
        definition = nodes.definition()
        definition.extend(self.parse_content_to_nodes())
        item += definition
        return [nodes.definition_list("", item, classes=["term-notes"])]


def term_id(name: str) -> str:
    return "term-" + (slugify(name) or "x")


def _expansion(definition: nodes.Element | None) -> str:
    """A short gloss for hover text: the definition's first sentence."""
    if definition is None:
        return ""
    first = next(iter(definition.findall(nodes.paragraph)), None)
    if first is None:
        return ""
    sentence = first.astext().split("。")[0]
    return sentence if len(sentence) <= 80 else sentence[:79] + "…"


def _restamp(env: BuildEnvironment, document: nodes.document, term: nodes.term) -> Term:
    """Give ``term`` its stable id and point Sphinx's term registry at it."""
    name = term.astext()
    new_id = term_id(name)
    if new_id in document.ids and document.ids[new_id] is not term:
        logger.warning(
            "术语 '%s' 的锚点 %s 与另一个词条重复，请合并或改名",
            name,
            new_id,
            location=term,
            type="newsletter",
            subtype="glossary",
        )
        new_id = f"{new_id}-{env.new_serialno('newsletter-term')}"
    old_ids = list(term["ids"])
    for old in old_ids:
        document.ids.pop(old, None)
    term["ids"] = [new_id]
    document.ids[new_id] = term
    for index in term.findall(addnodes.index):
        index["entries"] = [(k, t, new_id, m, key) for k, t, _, m, key in index["entries"]]
    # The index domain collected the entries before doctree-read: without this,
    # the general index (genindex.html) links to the serial ids, which no
    # longer exist.
    entries = env.domains.index_domain.entries.get(env.docname, [])
    entries[:] = [
        (k, t, new_id if target in old_ids else target, m, key) for k, t, target, m, key in entries
    ]
    std = env.domains.standard_domain
    # Sphinx registered the serial id while parsing; re-register the stable one.
    std.objects.pop(("term", name), None)
    std._terms.pop(name.lower(), None)
    std._note_term(name, new_id, location=term)
    item = term.parent
    definition = next((c for c in item.children if isinstance(c, nodes.definition)), None)
    return Term(name=name, docname=env.docname, id=new_id, expansion=_expansion(definition))


def collect_glossary(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: stable term ids, and the document's terms and notes."""
    env = app.env
    terms = [
        _restamp(env, doctree, term)
        for glossary in doctree.findall(addnodes.glossary)
        for term in glossary.findall(nodes.term)
    ]
    notes = []
    for note in doctree.findall(term_note):
        if not is_issue_doc(app.config, env.docname):
            logger.warning(
                "term-note 只能写在期刊文件中", location=note, type="newsletter", subtype="glossary"
            )
        notes.append(
            TermNote(
                term=note["term"],
                docname=env.docname,
                id=note[0]["ids"][0],
                text=note.children[-1].astext(),
                lineno=note.line or 0,
            )
        )
    get_store(env).set_terms(env.docname, terms, notes)


# -- "where used" lists --------------------------------------------------------


def refresh_mentions(store: NewsStore) -> None:
    """Match glossary terms in the items of documents read in this build.

    Runs at the end of reading, so the results are pickled with the
    environment: a rebuild matches only new or changed documents, and all of
    them only when the glossary itself changed.
    """
    terms = store.all_terms()
    key = tuple(sorted(terms))
    if key != store.mentions_key:
        store.mentions.clear()
        store.mentions_key = key
    matcher = matcher_for(terms)
    for docname, items in store.items.items():
        if docname not in store.mentions:
            store.mentions[docname] = {
                item.id: tuple(matcher.mentions(f"{item.title}\n{item.text}")) for item in items
            }
            store.revision += 1


def item_terms(store: NewsStore, item: NewsItem) -> list[str]:
    """The glossary terms an item mentions (for ``news.json``)."""
    return list(store.mentions.get(item.docname, {}).get(item.id, ()))


def term_usage(store: NewsStore) -> dict[str, list[tuple[Issue, NewsItem]]]:
    """For each term name, the items mentioning it, newest first."""

    def compute() -> dict[str, list[tuple[Issue, NewsItem]]]:
        usage: dict[str, list[tuple[Issue, NewsItem]]] = defaultdict(list)
        for issue, item in reversed(list(store.published_items())):
            for name in item_terms(store, item):
                usage[name].append((issue, item))
        return dict(usage)

    return store.derived("term-usage", compute)  # type: ignore[return-value]


def _link(app: Sphinx, fromdoc: str, todoc: str, anchor: str, text: str) -> nodes.reference:
    uri = app.builder.get_relative_uri(fromdoc, todoc) + "#" + anchor
    return nodes.reference("", text, internal=True, refuri=uri)


def _usage_block(app: Sphinx, docname: str, names: list[str]) -> nodes.container | None:
    store = get_store(app.env)
    usage = term_usage(store)
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
        para += _link(app, docname, note.docname, note.id, f"第 {issue.number} 期的名词解释")
        para += nodes.Text(f"：{note.text}")
        block += para
    if entries:
        block += nodes.paragraph(
            "", f"出现于 {len(entries)} 条新闻：", classes=["glossary-usage-title"]
        )
        listing = nodes.bullet_list()
        for issue, item in entries[:USAGE_LIMIT]:
            para = nodes.paragraph()
            para += nodes.Text(f"第 {issue.number} 期 · {chinese_date(issue)} · ")
            para += _link(app, docname, item.docname, item.id, item.title)
            listing += nodes.list_item("", para)
        block += listing
        if len(entries) > USAGE_LIMIT:
            rest = f"以及更早的 {len(entries) - USAGE_LIMIT} 条。"
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


def outdated_by_glossary(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: pages to rewrite after a glossary or mention change.

    Issue pages link terms at write time, so a changed set of terms rewrites
    them; glossary pages list mentions, so changed mentions rewrite those.
    """
    store = get_store(env)
    refresh_mentions(store)
    outdated: set[str] = set()
    terms = tuple(
        sorted((t.name, t.docname, t.id, t.expansion) for t in store.all_terms().values())
    )
    if store.changed("glossary-terms", terms):
        outdated.update(store.issues)
        outdated.update(store.term_notes)
    usage = term_usage(store)
    mentions = tuple(
        sorted((name, tuple((i.docname, i.id) for _, i in pairs)) for name, pairs in usage.items())
    )
    notes = tuple(
        sorted((n.term, n.docname, n.text) for ns in store.term_notes.values() for n in ns)
    )
    if store.changed("glossary-usage", (mentions, notes)):
        outdated.update(store.terms)
    return sorted(outdated)
