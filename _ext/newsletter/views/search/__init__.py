"""Site search wired into the Sphinx build: index, vocabulary and search page.

``make html`` and Read the Docs run nothing but ``sphinx-build``, so the
search index is written on ``build-finished`` from here: Pagefind indexes the
pages (their body only) and one record per news item and glossary entry
(:mod:`.search_records`); the archive vocabulary goes next to it for the
browser's query segmenter (:mod:`.search_vocabulary`). The ``search`` page is
rendered from this extension's template, with facets, instead of Sphinx's.

A build that cannot segment Chinese warns (so ``-W`` fails) instead of
shipping an index that finds no Chinese word.
"""

from __future__ import annotations

import importlib.util
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

import sphinx
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.search.zh import SearchChinese
from sphinx.util import logging

from ...freshness import is_fresh, mark_fresh
from ...projects import get_registry
from ...store import get_store
from .index import (
    OUTPUT_DIRNAME,
    IndexedPage,
    IndexSettings,
    SearchIndexError,
    pagefind_language,
    write_index,
)
from .records import news_records, term_records
from .vocabulary import (
    JIEBA_LOG_LEVEL,
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
_STEMMER_JS = Path(sphinx.package_dir, "search", "minified-js")


class ChineseSearch(SearchChinese):
    """Sphinx's Chinese search language with a ``language_data.js`` that loads,
    and without reloading jieba's default dictionary on every build.

    Sphinx 9.0 ends the zh ``language_data.js`` with ``window.Stemmer =
    ChineseStemmer;``, a name its stemmer code never defines (upstream bug
    14229): every page that loads it throws a ReferenceError. The zh indexer
    stems Latin words with the English stemmer, so the browser gets exactly
    that stemmer, under the name ``searchtools.js`` looks for.
    """

    js_stemmer_rawcode = ""

    def __init__(self, options: dict[str, str]) -> None:
        # Without a ``dict`` option Sphinx loads jieba's own default dictionary
        # again as a *user* dictionary: 350,000 words re-added on every build
        # (seconds), although jieba already has them. An explicit dictionary
        # is still honoured.
        super().__init__({"dict": "", **options})

    js_stemmer_code = "\n".join(
        [
            (_STEMMER_JS / "base-stemmer.js").read_text(encoding="utf-8"),
            (_STEMMER_JS / "english-stemmer.js").read_text(encoding="utf-8"),
            "window.Stemmer = EnglishStemmer;",
        ]
    )


def add_config_values(app: Sphinx) -> None:
    """Which pages are searched, and which elements of their body are not content."""
    # Pagefind cannot update an index in place: every build that re-reads a
    # page re-indexes the whole site. The live preview turns it off.
    app.add_config_value("newsletter_search_index", True, "html", types=[bool])
    # Page names (fnmatch patterns) kept out of the index: listings that only
    # repeat what the items and issues already hold.
    app.add_config_value(
        "newsletter_search_exclude",
        ["search", "genindex", "py-modindex", "404", "blog", "blog/*"],
        "html",
        types=[list],
    )
    app.add_config_value(
        "newsletter_search_exclude_selectors",
        [".headerlink", ".issue-list", "nav"],
        "html",
        types=[list],
    )


def add_static_and_templates(app: Sphinx, config: Config) -> None:
    """``config-inited``: the search page's template and scripts."""
    # New lists, not append(): when conf.py does not set them, these are
    # Sphinx's shared default lists, and growing them would change the
    # configuration of every later build in the same process.
    config.templates_path = [*config.templates_path, str(HERE / "templates")]
    config.html_static_path = [*config.html_static_path, str(HERE / "static")]


def require_chinese_segmenter(app: Sphinx) -> None:
    """``builder-inited``: without jieba Sphinx silently indexes no Chinese word."""
    language = app.config.html_search_language or app.config.language or ""
    if importlib.util.find_spec("jieba") is None:
        if language.startswith("zh"):
            logger.warning(
                "未安装 jieba：中文搜索没有分词，索引中不会有任何中文词",
                type="newsletter",
                subtype="search",
            )
        return
    import jieba

    jieba.setLogLevel(JIEBA_LOG_LEVEL)


def prepare_page(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> str | None:
    """``html-page-context``: mark what the index reads; swap the search page.

    The body of every searchable page is wrapped in ``data-pagefind-body``:
    Pagefind then indexes that element alone (no sidebars, no navigation) and
    drops every page without one, whatever the theme or whoever made the page.
    ``search.html`` is rendered from the archive's template.
    """
    if pagename == SEARCH_PAGE:
        return SEARCH_TEMPLATE
    excluded = any(fnmatch(pagename, pattern) for pattern in app.config.newsletter_search_exclude)
    if context.get("body") and not excluded:
        context["body"] = f"<div data-pagefind-body>{context['body']}</div>"
    return None


def _html_pages(outdir: Path) -> list[IndexedPage]:
    """Every HTML page of the site; Pagefind keeps those with a marked body."""
    return [
        IndexedPage(url=path.relative_to(outdir).as_posix(), html=path.read_text(encoding="utf-8"))
        for path in sorted(outdir.rglob("*.html"))
        if not path.relative_to(outdir).as_posix().startswith(("_", ".", OUTPUT_DIRNAME))
    ]


def collect_words(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``, after the page is complete: cut its Chinese words.

    Done once per document as it is read (in parallel with ``-j``), so a
    rebuild after an edit cuts only that document instead of the archive.
    """
    if app.builder.format == "html" and app.config.newsletter_search_index:
        get_store(app.env).words[app.env.docname] = frozenset(chinese_words([doctree.astext()]))


def write_search_data(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: the vocabulary and the Pagefind index."""
    if exception is not None or app.builder.format != "html":
        return
    if not app.config.newsletter_search_index:
        return
    outdir = Path(app.outdir)
    # Pagefind cannot update an index in place; when no page was re-read and
    # the configuration is the same, the index on disk is still current.
    if is_fresh(app, "search") and (outdir / "pagefind/pagefind.js").is_file():
        return
    terms = term_records(app)
    vocabulary = build_vocabulary(
        get_store(app.env),
        registry_names(get_registry(app.env)),
        (term.title for term in terms),
    )
    records = news_records(app, vocabulary) + terms
    # Every record's text is in some document, whose words were cut when it
    # was read; only the project descriptions shown on generated pages are not.
    store = get_store(app.env)
    descriptions = [p.description for p in get_registry(app.env).projects.values()]
    vocabulary.words = set().union(*store.words.values()) | chinese_words(descriptions)
    write_vocabulary(vocabulary, outdir)
    settings = IndexSettings(
        language=pagefind_language(app.config.language or "en"),
        exclude_selectors=tuple(app.config.newsletter_search_exclude_selectors),
    )
    try:
        count = write_index(settings, _html_pages(outdir), records, outdir)
    except SearchIndexError as error:
        logger.warning(str(error), type="newsletter", subtype="search")
        return
    logger.info("搜索索引：%d 条记录", count)
    mark_fresh(app, "search")
