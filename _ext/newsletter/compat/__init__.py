"""Every reach into an upstream's internals, in one room.

The archive leans on a few things Sphinx, ablog and Pagefind do not promise
to keep. Each is wrapped here, and nowhere else in the extension names a
private upstream attribute (a test greps for them). ``tests/test_compat.py``
holds one canary per reach, and :func:`check_upstreams` repeats the cheap ones
when the extension loads, so an upgrade that moves one fails the build at
once with a message that says what moved, instead of a wrong site later.

MyST's parser, which the pure core needs, is reached from
:mod:`newsletter.core.myst` in the same spirit (the core imports no Sphinx).

=====================================  ===========================================
Upstream internal                      Why the archive needs it
=====================================  ===========================================
Sphinx ``StandardDomain._terms`` and   re-register a glossary term under its stable
``_note_term`` (marked for removal),   ``term-<slug>`` anchor (:mod:`..reading.glossary`)
``IndexDomain.entries``
Sphinx ``Builder.build_info``          the configuration's hash, part of every
                                       freshness key (:mod:`..store.freshness`)
Sphinx ``BuiltinTemplateLoader``'s   give it a bytecode cache that outlives the
``environment``                        build (:mod:`..store.template_code`)
Sphinx ``EventManager.listeners``      put the archive's filter in front of ablog's
                                       archive page generator
ablog ``Blog._dict``                   forget the process-wide blog between builds
ablog ``Collection._path``             shorten a page name made from editor text
ablog ``env.ablog_posts``              merge posts after a parallel read; title
                                       each post by its lead story (``title``)
ablog's ``parallel_read_safe`` flag    declare ablog parallel-safe once merged
ablog ``post.generate_archive_pages``  ablog's archive pages, filtered
ablog ``post.process_posts`` copies a  skip that copy, which only full-text feeds
post's whole document                  read
ablog ``locales/`` folder              compile ablog's Chinese catalogue
ablog ``Blog.posts`` and ``archive``   the sitemap lists ablog's archive pages
the theme (:mod:`.theme`)              pydata-sphinx-theme #2451 shim, icons,
                                       Chinese for the theme's own words, the
                                       book theme's unescaped ``pagetitle``
sphinxext-opengraph ``make_tag``       ``og:`` fields are printed unescaped
sphinxext-opengraph's import-time      a clean build prints only findings
notice (:mod:`.opengraph`)
what Sphinx's HTML5 translator reads   the WeChat and e-mail builders render an
off its builder                        issue with Sphinx's own translator
Sphinx ``locale.translators``          a message catalog registered again (a
                                       second build in one process) replaces,
                                       not merges, the first (:mod:`..i18n`)
=====================================  ===========================================
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from docutils import nodes
from jinja2 import Environment
from sphinx.application import Sphinx
from sphinx.domains.std import StandardDomain
from sphinx.environment import BuildEnvironment
from sphinx.errors import ExtensionError

from ..core.html_policy import text_html
from ..core.i18n import _

#: The environment attribute where ablog keeps its posts, by docname.
ABLOG_POSTS = "ablog_posts"


class UpstreamChangedError(ExtensionError):
    """An upstream internal the archive relies on has moved."""


# -- Sphinx -----------------------------------------------------------------


def register_term(
    env: BuildEnvironment, name: str, node_id: str, location: nodes.Node, old_ids: list[str]
) -> None:
    """Point Sphinx's glossary term ``name`` at ``node_id`` in the current document.

    Sphinx registered the term under the serial id it made while parsing, in
    the standard domain and in the index domain's entries (which
    ``genindex.html`` links to); there is no public API to move either, so
    both registries are edited.
    """
    std: StandardDomain = env.domains.standard_domain
    std.objects.pop(("term", name), None)
    std._terms.pop(name.lower(), None)
    std._note_term(name, node_id, location=location)
    entries = env.domains.index_domain.entries.get(env.docname, [])
    entries[:] = [
        (k, t, node_id if target in old_ids else target, m, key) for k, t, target, m, key in entries
    ]


def config_fingerprint(builder: Any) -> str:
    """The builder's hash of the configuration and tags (its name without one)."""
    info = getattr(builder, "build_info", None)
    return f"{info.config_hash}|{info.tags_hash}" if info is not None else builder.name


def template_environment(builder: Any) -> Environment | None:
    """The Jinja environment the builder renders pages with (None for a
    builder without Sphinx's own template loader)."""
    environment = getattr(getattr(builder, "templates", None), "environment", None)
    return environment if isinstance(environment, Environment) else None


def replace_listener(
    app: Sphinx, event: str, old: Callable[..., Any], new: Callable[..., Any]
) -> bool:
    """Put ``new`` in place of the listener ``old`` of ``event``, at its priority."""
    listeners = app.events.listeners[event]
    for listener in list(listeners):
        if listener.handler is old:
            listeners.remove(listener)
            app.connect(event, new, priority=listener.priority)
            return True
    return False


def listeners(app: Sphinx, event: str) -> list[tuple[int, Callable[..., Any]]]:
    """The handlers of ``event`` in the order Sphinx calls them, with priorities."""
    found = [(listener.priority, listener.handler) for listener in app.events.listeners[event]]
    return sorted(found, key=lambda pair: pair[0])


def equip_for_html_translator(builder: Any, imgpath: str) -> None:
    """Give a non-HTML builder what Sphinx's HTML5 translator reads off its builder.

    The translator is not documented to work under other builders; these are
    the attributes it uses (``tests/test_channels.py`` renders an issue with
    it, which fails when a new one is needed).
    """
    from docutils import frontend
    from sphinx.highlighting import PygmentsBridge
    from sphinx.writers.html import HTMLWriter

    builder.add_permalinks = False
    builder.download_support = False
    builder.math_renderer_name = None
    builder.highlighter = PygmentsBridge("html", "sphinx")
    builder.secnumbers = {}
    builder.fignumbers = {}
    builder.current_docname = ""
    builder.dlpath = ""
    builder.imgpath = imgpath
    builder.docsettings = frontend.get_default_settings(HTMLWriter)
    for name, value in builder.env.settings.items():
        setattr(builder.docsettings, name, value)


# -- ablog ------------------------------------------------------------------


def declare_ablog_parallel_safe(app: Sphinx) -> None:
    """State that ablog is parallel-read safe (the archive merges its posts)."""
    app.extensions["ablog"].parallel_read_safe = True


def ablog_posts(env: BuildEnvironment) -> dict[str, Any]:
    """ablog's posts by docname, created when missing."""
    return env.__dict__.setdefault(ABLOG_POSTS, {})


def forget_ablog_blogs() -> None:
    """Empty ablog's process-wide registry of ``Blog`` objects."""
    from ablog.blog import Blog

    Blog._dict.clear()


def rename_ablog_collection(blog: Any, collection: Any, docname: str) -> None:
    """Give one of ablog's collections (an author's issues, say) the page ``docname``.

    ablog names the page after the collection's name, with no limit on its
    length; it keeps the name in ``Collection._path`` and links to it
    through ``Blog.references``.
    """
    collection._path = docname
    blog.references[collection.xref] = (docname, collection.name)


def ablog_post_reader() -> Callable[[Sphinx, nodes.document], None]:
    """ablog's ``doctree-read`` handler that files a document's posts."""
    from ablog.post import process_posts

    return process_posts


def read_posts_without_document_copy(app: Sphinx, doctree: nodes.document) -> None:
    """ablog's :func:`ablog_post_reader`, without its deep copy of the whole document.

    For a document that is one post, ablog keeps ``doctree.deepcopy()`` as
    the post's ``doctree``, read only by its full-text feeds
    (``blog_feed_fulltext``, which the archive leaves off and whose feeds it
    does not write). Copying every issue's document cost about 2 % of a full
    build. The copy is made by calling the document's ``deepcopy``, so for
    the length of the call the document answers with an empty section.
    ``tests/test_compat.py`` holds that ablog still copies the document
    this way, and that the posts it files are otherwise the same.
    """
    doctree.deepcopy = nodes.section  # type: ignore[method-assign]
    try:
        ablog_post_reader()(app, doctree)
    finally:
        del doctree.deepcopy


def ablog_archive_generator() -> Callable[[Sphinx], Any]:
    """ablog's ``html-collect-pages`` handler that renders its archive pages."""
    from ablog.post import generate_archive_pages

    return generate_archive_pages


def forget_message_catalog(catalog: str) -> None:
    """Drop Sphinx's loaded translations of ``catalog`` before it is registered again.

    ``Sphinx.add_message_catalog`` merges a catalog into the one already
    loaded in the process (``sphinx.locale.translators``, keyed by namespace
    and catalog), so an English build after a Chinese one in the same process
    would keep the Chinese messages.
    """
    from sphinx import locale

    locale.translators.pop(("general", catalog), None)


def ablog_catalog(language: str, domain: str) -> Path:
    """Where ablog ships the ``.po`` catalogue of ``language``."""
    import ablog

    return Path(ablog.__file__).parent / "locales" / language / "LC_MESSAGES" / f"{domain}.po"


# -- sphinxext-opengraph ----------------------------------------------------


def opengraph_field(text: str) -> str:
    """``text`` as the value of a page's ``og:`` field, for sphinxext-opengraph.

    sphinxext-opengraph prints a field's value into a ``content`` attribute
    replacing only ``"`` (its ``make_tag``): an ``&`` or ``<`` an editor wrote
    would reach the page as markup, and ``&lt;`` would be read as ``<``. The
    value is escaped here, so the attribute holds exactly the editor's text.
    """
    return str(text_html(text))


# -- the canaries, at load time ---------------------------------------------


def upstream_problems() -> list[str]:
    """What moved among the internals above (empty when all are in place)."""
    problems = []
    for name in ("_terms", "_note_term"):
        if not hasattr(StandardDomain, name):
            problems.append(f"Sphinx StandardDomain.{name} is gone (glossary anchors)")
    from sphinx.events import EventListener

    if not {"priority", "handler"} <= set(EventListener._fields):
        problems.append("Sphinx EventListener no longer has priority and handler")
    try:
        from ablog.blog import Blog, Collection
        from ablog.post import generate_archive_pages  # noqa: F401
    except ImportError as error:
        problems.append(f"ablog moved: {error}")
    else:
        if not isinstance(getattr(Blog, "_dict", None), dict):
            problems.append("ablog Blog._dict is gone (per-build reset)")
        getter = getattr(getattr(Collection, "docname", None), "fget", None)
        if "_path" not in getattr(getattr(getter, "__code__", None), "co_names", ()):
            problems.append("ablog Collection._path is gone (shortened page names)")
    return problems


def check_upstreams(app: Sphinx) -> None:
    """Fail loudly, naming what moved, when an upstream internal is gone."""
    problems = upstream_problems()
    if problems:
        raise UpstreamChangedError(
            _("{problems} (see _ext/newsletter/compat/)").format(problems=_("; ").join(problems))
        )


def ablog_archive_pagenames(app: Sphinx) -> list[tuple[str, Any]]:
    """ablog's list of every issue and its pages by year, each with its newest post date."""
    if "ablog" not in app.extensions:
        return []
    from ablog.blog import Blog

    blog = Blog(app)
    pages: list[tuple[str, Any]] = [(blog.posts.docname, None), (blog.archive.docname, None)]
    for year in blog.archive:
        if year:
            pages.append((year.docname, max((post.date.date() for post in year), default=None)))
    return pages
