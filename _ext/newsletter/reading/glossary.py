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

from typing import ClassVar

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..compat import register_term
from ..core.dialect import TermNoteSpec
from ..core.mentions import matcher_for
from ..core.model import Term, TermNote, slugify
from ..core.sources import is_issue_doc
from ..core.terms import missing_term_message
from ..i18n import _
from ..store.data import get_store
from .nodes import term_note

logger = logging.getLogger(__name__)


class TermNoteDirective(SphinxDirective):
    """``term-note``: the issue explains a glossary term in its own words."""

    required_arguments = TermNoteSpec.required_arguments
    final_argument_whitespace = TermNoteSpec.final_argument_whitespace
    has_content = TermNoteSpec.has_content
    option_spec: ClassVar = TermNoteSpec.option_spec

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
            _("Term '%s': its anchor %s duplicates another entry's; merge or rename them"),
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
    # Sphinx registered the serial id while parsing; re-register the stable one,
    # in the term registry and in the general index (genindex.html).
    register_term(env, name, new_id, term, old_ids)
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
        if not is_issue_doc(app.config.newsletter_issue_pattern, env.docname):
            logger.warning(
                _("A term-note may only be written in an issue file"),
                location=note,
                type="newsletter",
                subtype="glossary",
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


def refresh_mentions(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: match glossary terms in the items of documents read in this build.

    Runs at the end of reading, so the results are pickled with the
    environment: a rebuild matches only new or changed documents, and all of
    them only when the glossary itself changed.
    """
    store = get_store(env)
    terms = store.all_terms()
    key = tuple(sorted(terms))
    if key != store.books.mentions_key:
        store.mentions.clear()
        store.books.mentions_key = key
    matcher = matcher_for(terms)
    for docname, items in store.items.items():
        if docname not in store.mentions:
            store.mentions[docname] = {
                item.id: tuple(matcher.mentions(f"{item.title}\n{item.text}")) for item in items
            }
            store.books.revision += 1
    return []


def outdated_by_glossary(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: pages to rewrite after a glossary or mention change.

    Issue pages link terms at write time, so a changed set of terms rewrites
    them; glossary pages list mentions, so changed mentions rewrite those.
    """
    store = get_store(env)
    outdated: set[str] = set()
    terms = tuple(
        sorted((t.name, t.docname, t.id, t.expansion) for t in store.all_terms().values())
    )
    shown = store.books.shown
    if shown.get("glossary-terms") != terms:
        shown["glossary-terms"] = terms
        outdated.update(store.issues)
        outdated.update(store.term_notes)
    usage = store.term_usage()
    mentions = tuple(
        sorted((name, tuple((i.docname, i.id) for _, i in pairs)) for name, pairs in usage.items())
    )
    notes = tuple(
        sorted((n.term, n.docname, n.text) for ns in store.term_notes.values() for n in ns)
    )
    if shown.get("glossary-usage") != (mentions, notes):
        shown["glossary-usage"] = (mentions, notes)
        outdated.update(store.terms)
    return sorted(outdated)


def warn_missing_term(app: Sphinx, domain: object, node: nodes.Element) -> bool | None:
    """``warn-missing-reference``: a missing term, in the words ``make check`` uses."""
    if node.get("reftype") != "term":
        return None
    logger.warning(
        missing_term_message(node["reftarget"]), location=node, type="ref", subtype="term"
    )
    return True
