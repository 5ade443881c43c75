"""The HTML of an issue outside the site: plain elements a mail or WeChat editor keeps.

Sphinx's HTML5 translator renders the issue's doctree, so the channels need
no second parser. Only the archive's own nodes change shape: a news item is a
``<section>`` and its title an ``<h3>``, without the site's permalinks.
"""

from __future__ import annotations

from sphinx.writers.html5 import HTML5Translator

from ...reading.nodes import news_item, news_title


class ChannelTranslator(HTML5Translator):
    """HTML5 output for the channel builders."""

    def visit_news_item(self, node: news_item) -> None:
        self.body.append(self.starttag(node, "section"))

    def depart_news_item(self, node: news_item) -> None:
        self.body.append("</section>\n")

    def visit_news_title(self, node: news_title) -> None:
        self.body.append(self.starttag(node, "h3", ""))

    def depart_news_title(self, node: news_title) -> None:
        self.body.append("</h3>\n")
