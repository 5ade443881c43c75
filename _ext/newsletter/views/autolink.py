"""Linking the first mention of each glossary term inside a news item.

Editors do not mark terms: at write time, when every glossary entry is
known, the first mention of each term in an item becomes a link to its entry,
with the expansion on hover (``<abbr title>``). An item opts out with
``:noglossary:``. Text inside links, code and the item's title is left alone.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from ..core.mentions import matcher_for
from ..core.model import Term
from ..core.sources import is_issue_doc
from ..reading.nodes import news_item, news_title
from ..store.data import get_store

#: Nodes whose text must never become a glossary link.
_SKIP = (nodes.reference, nodes.literal, nodes.literal_block, nodes.abbreviation, news_title)


def _linkable_texts(item: news_item) -> list[nodes.Text]:
    texts = []
    for text in item.findall(nodes.Text):
        parent = text.parent
        while parent is not None and parent is not item:
            if isinstance(parent, _SKIP):
                break
            parent = parent.parent
        else:
            texts.append(text)
    return texts


def _term_link(app: Sphinx, docname: str, term: Term, text: str) -> nodes.reference:
    uri = app.builder.get_relative_uri(docname, term.docname) + "#" + term.id
    abbr = nodes.abbreviation(text, text, explanation=term.expansion or term.name)
    return nodes.reference("", "", abbr, internal=True, refuri=uri, classes=["glossary-term"])


def link_terms(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: link first mentions in the items of an issue."""
    if not is_issue_doc(app.config.newsletter_issue_pattern, docname):
        return
    terms = get_store(app.env).all_terms()
    if not terms:
        return
    matcher = matcher_for(terms)
    for item in doctree.findall(news_item):
        if item.get("noglossary"):
            continue
        linked: set[str] = set()
        for text in _linkable_texts(item):
            value, pieces, cursor = str(text), [], 0
            for start, end, name in matcher.finditer(value):
                if name in linked:
                    continue
                linked.add(name)
                pieces += [
                    nodes.Text(value[cursor:start]),
                    _term_link(app, docname, terms[name], value[start:end]),
                ]
                cursor = end
            if pieces:
                pieces.append(nodes.Text(value[cursor:]))
                text.parent.replace(
                    text, [p for p in pieces if not (isinstance(p, nodes.Text) and not str(p))]
                )
