"""Site search wired into the Sphinx build: index, vocabulary and search page.

``make html`` and Read the Docs run nothing but ``sphinx-build``, so the
search index is written from here, in parts that are rewritten only when
what they hold changed (:mod:`.parts`, :mod:`.bundles`). The years are made
from the store, so Pagefind indexes them beside Sphinx's writing, from
``write-started`` on (:func:`start_index`), serial or ``-j``; the rest of the site is read
from its pages and indexed once they are written, at ``build-finished``. The
parts hold one record per news item, issue page and glossary
entry, and the documentation pages (their body only). The archive
vocabulary and thesaurus go next to it for the browser's query segmenter
(:mod:`.vocabulary`, :mod:`.thesaurus`). The ``search`` page
is rendered from this extension's template, with facets; Sphinx's own
``searchindex.js``, which no page loads, is not built.

Search is a channel (``search`` in ``newsletter_channels``): a site that
leaves it out has no search page, no search box or link to one, no index
and none of the search page's scripts; an incremental build removes what an
earlier one wrote. ``newsletter_search_index`` is a switch of its own, for
builds that keep the search page but skip the index (the live preview).

A build that cannot segment Chinese warns (so ``-W`` fails) instead of
shipping an index that finds no Chinese word.
"""

from __future__ import annotations

import importlib.util
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from ...core.channels import SEARCH, publishes
from ...i18n import _
from ...priorities import LATE
from ...store.channel_outputs import record_outputs, remove_outputs
from ...store.data import get_store
from ...store.freshness import is_fresh, mark_fresh
from ...store.projects import get_registry
from .bundles import MANIFEST, PartsWriter
from .index import OUTPUT_DIRNAME, IndexSettings, SearchIndexError, pagefind_language
from .parts import site_part, text_outside_items, year_parts
from .records import SearchRecord, term_records
from .thesaurus import glossary_groups, registry_groups, thesaurus
from .vocabulary import (
    FILENAME,
    WORDS_DIRNAME,
    Vocabulary,
    build_vocabulary,
    chinese_words,
    registry_names,
    write_vocabulary,
)

logger = logging.getLogger(__name__)

#: The package root, where the templates and static files are.
HERE = Path(__file__).parent.parent.parent
SEARCH_PAGE = "search"
SEARCH_TEMPLATE = "archive-search.html"
#: The search page's scripts and styles, copied under ``_static`` when the
#: site publishes search.
STATIC = Path(__file__).parent / "static"


def search_on(config: Config) -> bool:
    """Whether the site publishes search (the channel ``search``)."""
    return publishes(config.newsletter_channels, SEARCH)


def index_on(config: Config) -> bool:
    """Whether this build writes the index: search is published and the index not skipped."""
    return search_on(config) and bool(config.newsletter_search_index)


def setup(app: Sphinx) -> None:
    """Register the search settings, the search page and the index handlers."""
    # The live preview turns the index off: it would re-index a year on
    # every save.
    app.add_config_value("newsletter_search_index", True, "html", types=[bool])
    # Page names (fnmatch patterns) kept out of the index: listings that only
    # repeat what the items and issues already hold.
    app.add_config_value(
        "newsletter_search_exclude",
        ["search", "genindex", "py-modindex", "404", "blog", "blog/*", "tags/*", "projects/*"],
        "html",
        types=[list],
    )
    app.add_config_value(
        "newsletter_search_exclude_selectors",
        [".headerlink", ".issue-list", "nav"],
        "html",
        types=[list],
    )

    app.connect("config-inited", add_static_and_templates)
    app.connect("builder-inited", require_chinese_segmenter)
    app.connect("builder-inited", turn_off_sphinx_index)
    app.connect("doctree-read", collect_words, priority=LATE)
    app.connect("html-collect-pages", collect_search_page)
    app.connect("html-page-context", prepare_page)
    app.connect("write-started", start_index_beside_writing)
    app.connect("build-finished", write_search_data)


def add_static_and_templates(app: Sphinx, config: Config) -> None:
    """``config-inited``: the search page's template and scripts."""
    # New lists, not append(): when conf.py does not set them, these are
    # Sphinx's shared default lists, and growing them would change the
    # configuration of every later build in the same process.
    config.templates_path = [*config.templates_path, str(HERE / "templates")]
    search = [str(STATIC)] if search_on(config) else []
    config.html_static_path = [*config.html_static_path, str(HERE / "static"), *search]


def require_chinese_segmenter(app: Sphinx) -> None:
    """``builder-inited``: without jieba (``rjieba``) no Chinese word is found."""
    language = app.config.html_search_language or app.config.language or ""
    if importlib.util.find_spec("rjieba") is None and language.startswith("zh"):
        logger.warning(
            _(
                "jieba is not installed: Chinese search has no word segmentation and the index will hold no Chinese word"
            ),
            type="newsletter",
            subtype="search",
        )


def turn_off_sphinx_index(app: Sphinx) -> None:
    """``builder-inited``: no ``searchindex.js``; the archive's page is the search page.

    No page loads Sphinx's own index, yet building it cut the whole site
    with jieba on every build. Pagefind is the one search system; the words
    its query segmenter needs are cut per document (:func:`collect_words`).
    """
    if getattr(app.builder, "search", False):
        app.builder.search = False


def collect_search_page(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """``html-collect-pages``: the search page, which Sphinx no longer writes."""
    html = app.builder.format == "html" and not getattr(app.builder, "search", True)
    if html and search_on(app.config):
        yield SEARCH_PAGE, {}, SEARCH_TEMPLATE


def prepare_page(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> str | None:
    """``html-page-context``: mark what the index reads; swap the search page.

    The body of every searchable page is wrapped in ``data-pagefind-body``:
    Pagefind then indexes that element alone (no sidebars, no navigation) and
    drops every page without one, whatever the theme or whoever made the page.
    ``search.html`` is rendered from the archive's template. Without the
    channel ``search`` nothing is marked.
    """
    if not search_on(app.config):
        return None
    if pagename == SEARCH_PAGE:
        return SEARCH_TEMPLATE
    excluded = any(fnmatch(pagename, pattern) for pattern in app.config.newsletter_search_exclude)
    if context.get("body") and not excluded:
        context["body"] = f"<div data-pagefind-body>{context['body']}</div>"
    return None


def collect_words(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``, after the page is complete: cut its Chinese words,
    and keep an issue's own text for its page's search record.

    Done once per document as it is read (in parallel with ``-j``), so a
    rebuild after an edit cuts only that document instead of the archive.
    """
    if app.builder.format == "html" and index_on(app.config):
        store = get_store(app.env)
        store.words[app.env.docname] = frozenset(chinese_words([doctree.astext()]))
        if store.issue(app.env.docname) is not None:
            store.page_text[app.env.docname] = text_outside_items(doctree)


#: Beside the doctrees: the digest each part of the index was written from.
PARTS_LEDGER = "newsletter-search-parts.json"


@dataclass(frozen=True)
class IndexWork:
    """A build's index under way: its vocabulary, and the parts being written."""

    vocabulary: Vocabulary
    terms: list[SearchRecord]
    writer: PartsWriter


#: Per build: the index under way.
_work: WeakKeyDictionary[Sphinx, IndexWork] = WeakKeyDictionary()


def start_index_beside_writing(app: Sphinx, builder: Any) -> None:
    """``write-started``: index the years while Sphinx writes the pages.

    With ``-j`` too: the parts are written by processes forked here, and
    the build runs no thread for them, so Sphinx's own forks that follow
    are safe (:class:`.bundles.PartsWriter`).
    """
    start_index(app)


def start_index(app: Sphinx) -> None:
    """Build the vocabulary and hand the years to Pagefind, once per build.

    Everything here comes from the store and the environment, which are
    complete once reading is done; the records are made in this thread, and
    the Pagefind processes only receive them.
    """
    if app in _work or app.builder.format != "html" or not index_on(app.config):
        return
    outdir = Path(app.outdir)
    # When no page was re-read and the configuration is the same, the index
    # on disk is still current. Asked again at each call: a build that ends
    # up writing every page (``-a``) rewrites the index too.
    if is_fresh(app, "search") and (outdir / OUTPUT_DIRNAME / MANIFEST).is_file():
        return
    store = get_store(app.env)
    registry = registry_names(get_registry(app.env))
    terms = term_records(app)
    vocabulary = build_vocabulary(store, registry, (term.title for term in terms))
    # Every record's text is in some document, whose words were cut when it
    # was read; only the project descriptions shown on generated pages are not.
    descriptions = [p.description for p in get_registry(app.env).projects.values()]
    vocabulary.words = set().union(*store.words.values()) | chinese_words(descriptions)
    glossaries = [app.env.get_doctree(docname) for docname in sorted(store.terms)]
    groups = [group for doctree in glossaries for group in glossary_groups(doctree)]
    vocabulary.synonyms = thesaurus([*groups, *registry_groups(registry)])
    settings = IndexSettings(
        language=pagefind_language(app.config.language or "en"),
        exclude_selectors=tuple(app.config.newsletter_search_exclude_selectors),
    )
    writer = PartsWriter(settings, outdir / OUTPUT_DIRNAME, Path(app.doctreedir) / PARTS_LEDGER)
    writer.add(year_parts(app, vocabulary))
    _work[app] = IndexWork(vocabulary, terms, writer)


def write_search_data(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: the vocabulary and the rest of the Pagefind index.

    A failed build starts no other part and waits for those under way, so
    that no Pagefind process outlives it.
    """
    if app.builder.format != "html":
        return
    if exception is not None:
        work = _work.pop(app, None)
        if work is not None:
            work.writer.cancel()
        return
    record_search_page(app)
    if not index_on(app.config):
        remove_search_data(app)
        return
    start_index(app)
    work = _work.pop(app, None)
    if work is None:
        return
    write_vocabulary(work.vocabulary, Path(app.outdir))
    site = site_part(app, work.terms)
    try:
        work.writer.add([site])
        report = work.writer.finish()
    except SearchIndexError as error:
        logger.warning(str(error), type="newsletter", subtype="search")
        return
    logger.info(
        _("Search index: %d records, %d parts, rewrote %s"),
        report.records,
        len(work.writer.parts),
        _(", ").join(report.written) or _("none"),
    )
    mark_fresh(app, "search")


def record_search_page(app: Sphinx) -> None:
    """The search page and its scripts as the channel's outputs, or removed without it."""
    if not search_on(app.config):
        remove_outputs(app, SEARCH)
        return
    outdir = Path(app.outdir)
    page = Path(app.builder.get_outfilename(SEARCH_PAGE)).relative_to(outdir).as_posix()
    scripts = [
        f"_static/{path.relative_to(STATIC).as_posix()}"
        for path in STATIC.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    ]
    record_outputs(app, SEARCH, [page, *scripts])


def remove_search_data(app: Sphinx) -> None:
    """The index an earlier build wrote, once the index is turned off.

    A clean build without the index has none; the parts' ledger beside the
    doctrees proves that these outputs are this extension's.
    """
    ledger = Path(app.doctreedir) / PARTS_LEDGER
    if not ledger.is_file():
        return
    outdir = Path(app.outdir)
    shutil.rmtree(outdir / OUTPUT_DIRNAME, ignore_errors=True)
    shutil.rmtree(outdir / WORDS_DIRNAME, ignore_errors=True)
    (outdir / FILENAME).unlink(missing_ok=True)
    ledger.unlink()
