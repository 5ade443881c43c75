"""Chinese headings for ablog: its message catalog, compiled at build time.

ablog's wheel ships ``.po`` files but no compiled ``.mo`` files, so its
sidebar headings and archive titles stay English on a Chinese site. Its
zh_CN catalog also lost several translations to "obsolete" entries when the
messages were re-extracted. This module compiles that catalog with Babel
(installed with Sphinx), recovers the obsolete translations, applies the few
wordings this archive prefers, and registers the result. The ``.mo`` file is
written under the doctree directory: never into the source tree, and
rewritten only when it changes.
"""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from sphinx.application import Sphinx

from ..compat import ablog_catalog

#: ablog registers its messages in the "sphinx" catalog, like Sphinx itself.
CATALOG = "sphinx"
#: Where the compiled catalogs go, under the doctree directory.
LOCALE_DIR = "newsletter-locales"
#: Wordings for a newsletter rather than a blog (ablog says "posts").
PREFERRED = {
    "zh_CN": {
        "Recent Posts": "最近几期",
        "Archives": "按年归档",
        "All posts": "全部期刊",
        "All Posts": "全部期刊",
        "All": "全部",
        "Posted in": "发布于",
        "Posts tagged": "标签：",
        "Posts by": "作者：",
        "Drafts": "草稿",
    }
}


def completed_catalog(po_text: str, preferred: dict[str, str]) -> Catalog:
    """The catalog of ``po_text``, with obsolete and preferred translations filled in."""
    catalog = read_po(io.StringIO(po_text))
    recovered = {m.id: m.string for m in catalog.obsolete.values() if m.string}
    for message in catalog:
        if not message.id or isinstance(message.id, tuple):
            continue
        text = preferred.get(message.id) or (
            message.string if message.string and not message.fuzzy else recovered.get(message.id)
        )
        if text:
            message.string = text
            message.flags.discard("fuzzy")
    return catalog


def compile_ablog_catalog(app: Sphinx) -> None:
    """``builder-inited``: compile ablog's catalog for the site language and register it."""
    language = app.config.language
    if "ablog" not in app.extensions or not language:
        return
    po = ablog_catalog(language, CATALOG)
    if not po.is_file():
        return
    catalog = completed_catalog(po.read_text(encoding="utf-8"), PREFERRED.get(language, {}))
    install_catalog(app, language, catalog, LOCALE_DIR)


def install_catalog(app: Sphinx, language: str, catalog: Catalog, folder: str) -> None:
    """Compile ``catalog`` under the doctree directory's ``folder`` and register it.

    Registered catalogs are fallbacks of those registered before them, so a
    later one fills in only the messages the earlier ones leave untranslated.
    """
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    locale_dir = Path(app.doctreedir) / folder
    target = locale_dir / language / "LC_MESSAGES" / f"{CATALOG}.mo"
    if not target.is_file() or target.read_bytes() != buffer.getvalue():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(buffer.getvalue())
    app.add_message_catalog(CATALOG, str(locale_dir))


#: Theme messages that the themes' own catalogs leave untranslated.
THEME_MESSAGES = {
    "zh_CN": {
        "Color mode": "颜色模式",
        "System Settings": "跟随系统",
    }
}
#: Where the fallback catalog is compiled, under the doctree directory.
THEME_LOCALE_DIR = "newsletter-theme-locales"


def add_theme_messages(app: Sphinx) -> None:
    """``builder-inited``: register the missing theme messages as a fallback catalog."""
    language = app.config.language
    messages = THEME_MESSAGES.get(language or "")
    if not messages:
        return
    catalog = Catalog(locale=language)
    for message, translation in messages.items():
        catalog.add(message, translation)
    install_catalog(app, language, catalog, THEME_LOCALE_DIR)
