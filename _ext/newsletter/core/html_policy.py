"""The one allow-list of HTML the archive publishes from issues, and its sanitiser.

The dialect (:mod:`.dialect`) decides what an issue may say; Sphinx's HTML5
writer turns that into a small, known set of elements and attributes. Every
sink that publishes HTML made from an issue (the issue pages, ablog's excerpts,
the Atom feeds' content, the WeChat and e-mail editions, raw HTML that reaches
a doctree) passes it through :func:`clean_html`, which keeps that set only.
This is the last line, behind the dialect and behind escaping: if a refused
construct or an unescaped value ever reached the HTML, the sanitiser drops
whatever the dialect cannot produce (``<script>``, ``<form>``, ``<svg>``,
event handlers, ``style``, ``javascript:`` and ``data:`` URLs …).

The sanitiser is nh3 (the Python binding of the maintained Rust sanitiser
ammonia), not a home-made filter: an allow-list is only as good as the HTML
parser behind it.

Editor text that a template prints (titles, names, summaries) is not HTML at
all: :func:`text_html` is the one way it becomes HTML, escaped, wherever the
template is not the archive's own autoescaped one.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import nh3
from markupsafe import Markup, escape

from .dialect import LINK_SCHEMES
from .model import link_scheme

#: The elements Sphinx's HTML5 writer (and the channels' translator) produce
#: for what the dialect allows: text blocks and headings, emphasis and code,
#: links and images, lists, quotes, tables, footnotes, definition lists
#: (``term-note``), glossary abbreviations, the news item ``<article>`` and
#: the channels' reference numbers.
ELEMENTS = frozenset(
    {
        *("p", "br", "hr", "div", "span", "section", "article", "aside"),
        *("h1", "h2", "h3", "h4", "h5", "h6"),
        *("em", "strong", "code", "pre", "sup", "abbr"),
        *("a", "img"),
        *("ul", "ol", "li", "dl", "dt", "dd", "blockquote"),
        *("table", "thead", "tbody", "tr", "th", "td"),
    }
)
#: The attributes kept, by element (``*``: on every element). ``class`` and
#: ``id`` carry the site's styling and anchors; nothing that runs (``on*``),
#: restyles (``style``) or submits anything is on the list.
ATTRIBUTES: dict[str, set[str]] = {
    "*": {"class", "id", "title", "role"},
    "a": {"href", "rel"},
    "img": {"src", "alt"},
    "ol": {"start"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
#: The URL schemes a link or an image may use: the dialect's own.
URL_SCHEMES = LINK_SCHEMES
#: Attributes whose value a browser follows as a URL.
URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "background"}
    | {"cite", "srcset", "ping", "longdesc", "codebase", "manifest", "icon", "lowsrc"}
)
#: Elements dropped with their content, not just unwrapped.
DROPPED_WITH_CONTENT = frozenset({"script", "style"})


def text_html(text: str) -> Markup:
    """Editor text as HTML that reads as the same text (``<``, ``&`` and quotes escaped).

    A :class:`~markupsafe.Markup`, so escaping twice is a no-op and an
    autoescaping template prints it as it is.
    """
    return escape(str(text))


#: Built once: nh3 otherwise converts the lists on every call.
_CLEANER = nh3.Cleaner(
    tags=set(ELEMENTS),
    clean_content_tags=set(DROPPED_WITH_CONTENT),
    attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
    url_schemes=set(URL_SCHEMES),
    # External links get their ``rel`` from safety.py; internal ones keep none.
    link_rel=None,
    strip_comments=True,
)


def clean_html(fragment: str) -> str:
    """``fragment`` with only the allowed elements, attributes and URL schemes."""
    return _CLEANER.clean(fragment)


#: What a browser removes from a URL before reading its scheme: tabs and line
#: breaks anywhere, control characters and spaces in front.
_URL_NOISE = re.compile(r"[\t\n\r]")
_URL_LEAD = re.compile(r"^[\x00-\x20]+")


class _URLCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.urls += [value for name, value in attrs if name in URL_ATTRIBUTES and value]

    handle_startendtag = handle_starttag


def unsafe_urls(fragment: str) -> list[str]:
    """The URLs in ``fragment``'s attributes whose scheme is not allowed.

    Read as a browser reads them: entities decoded (``&#106;avascript:``),
    tabs and line breaks dropped (``java<TAB>script:``).
    """
    collector = _URLCollector()
    collector.feed(fragment)
    collector.close()
    return [url for url in collector.urls if url_scheme(url) not in ("", *URL_SCHEMES)]


def url_scheme(url: str) -> str:
    """The scheme a browser reads in ``url`` (lower case; '' when there is none)."""
    return link_scheme(_URL_LEAD.sub("", _URL_NOISE.sub("", url)))
