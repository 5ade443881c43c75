"""Inline styles: what WeChat's editor and mail clients keep of a stylesheet.

Both strip ``<style>``, ``<link>`` and ``<script>`` and ignore classes, so the
channel's stylesheet is moved into ``style`` attributes by css-inline (a
maintained inliner: selectors and specificity are its business, not ours),
then every class attribute is removed. What the article may contain was
decided before, by the allow-list the builder applies to the rendered issue
(:mod:`newsletter.core.html_policy`); the inliner drops the stylesheet's own
``<style>`` and ``<link>`` elements.
"""

from __future__ import annotations

from pathlib import Path

import css_inline
from bs4 import BeautifulSoup

STYLESHEET = Path(__file__).with_name("channel.css")


def inline_styles(html: str, extra_css: str = "") -> str:
    """``html`` with the channel stylesheet (and ``extra_css``) in style attributes."""
    inliner = css_inline.CSSInliner(
        extra_css=STYLESHEET.read_text(encoding="utf-8") + extra_css,
        inline_style_tags=False,
        keep_style_tags=False,
        keep_link_tags=False,
        load_remote_stylesheets=False,
    )
    soup = BeautifulSoup(inliner.inline(html), "html.parser")
    for element in soup.find_all(class_=True):
        del element["class"]
    return str(soup)
