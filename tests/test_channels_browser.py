"""The WeChat copy page in headless Chromium: one click puts the article on the clipboard."""

from __future__ import annotations

from typing import Any

import pytest
from browser import PageErrors, serve
from bs4 import BeautifulSoup
from conftest import Project, issue_source, news
from test_channels import build_channel

pytestmark = pytest.mark.slow  # Chromium

_CLIPBOARD_JS = """
async () => {
  const [item] = await navigator.clipboard.read();
  const html = await (await item.getType("text/html")).text();
  const text = await (await item.getType("text/plain")).text();
  return { html, text };
}
"""


def test_copy_button_puts_the_styled_article_on_the_clipboard(
    project: Project, site_browser: Any
) -> None:
    items = news(
        "复制测试条目", link="https://example.com/copy", body="正文[链接](https://example.org/x)。"
    )
    project.write("issues/003.md", issue_source(3, items, date="2019-05-07"))
    out = build_channel(project, "wechat", 3)
    errors = PageErrors()
    with serve(out) as base:
        context = site_browser.new_context()
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base.rstrip("/"))
        page = errors.watch(context.new_page())
        page.goto(f"{base}003-copy.html")
        page.click("#copy")
        page.wait_for_selector("#copy-status[data-state]")
        assert page.get_attribute("#copy-status", "data-state") == "copied"
        copied = page.evaluate(_CLIPBOARD_JS)
        context.close()
    assert errors.errors == []
    soup = BeautifulSoup(copied["html"], "html.parser")
    heading = soup.find("h3")
    assert heading.get_text() == "复制测试条目[1]" and "font-size" in heading["style"]
    assert soup.find(["style", "script", "link"]) is None
    assert "https://example.org/x" in copied["text"] and "参考链接" in copied["text"]
