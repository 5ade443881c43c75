"""The channels a site publishes through, beside its pages: their names, all on by default.

A weekly's pages are the archive itself; everything else the extension
writes is a way to reach readers or tools that a site may not want: Atom
feeds, ``news.json``, the site search, the sitemap, and the WeChat and
e-mail editions. ``newsletter_channels`` in conf.py names the ones a site
wants; the default is every channel, which keeps the Cloud Native Weekly
archive as it is. A channel left out writes no file (an incremental build
removes what an earlier one wrote) and no page links to it.

Social cards and page descriptions are not channels: they are part of every
page's head, as sphinxext-opengraph is, and a site that wants none leaves
that extension out.
"""

from __future__ import annotations

from collections.abc import Iterable

from .i18n import _

#: Atom feeds: the issues, and each project's and each tag's news items.
FEEDS = "feeds"
#: ``news.json`` at the site root: every published item as data.
NEWS_JSON = "news.json"
#: The site search: its page, the search box and links, and the Pagefind index.
SEARCH = "search"
#: ``sitemap.xml`` and the ``robots.txt`` that names it.
SITEMAP = "sitemap"
#: The WeChat edition of an issue (``-b wechat``, ``make wechat N=3``).
WECHAT = "wechat"
#: The e-mail edition of an issue (``-b email``, ``make email N=3``).
EMAIL = "email"

#: Every channel, in the order the documentation lists them: the default.
CHANNELS = (FEEDS, NEWS_JSON, SEARCH, SITEMAP, WECHAT, EMAIL)


def _names(chosen: object) -> Iterable[object]:
    """conf.py's value as names: a lone string (``"feeds"``) is one name, not letters."""
    if isinstance(chosen, str):
        return (chosen,)
    return chosen if isinstance(chosen, (list, tuple, set, frozenset)) else ()


def publishes(chosen: object, channel: str) -> bool:
    """Whether ``newsletter_channels`` (``chosen``) names ``channel``: the one test
    every view, template context and builder asks."""
    return channel in _names(chosen)


def unknown_channels(chosen: object) -> list[str]:
    """The names conf.py gives that are no channel, each once, as written."""
    found: list[str] = []
    for name in _names(chosen):
        written = name if isinstance(name, str) else repr(name)
        if name not in CHANNELS and written not in found:
            found.append(written)
    return found


def unknown_channels_message(setting: str, unknown: list[str]) -> str:
    """The warning for channel names conf.py gives that the extension does not know."""
    return _("{setting}: unknown channel {names}; the channels are {known}").format(
        setting=setting,
        names=_(", ").join(repr(name) for name in unknown),
        known=_(", ").join(repr(name) for name in CHANNELS),
    )
