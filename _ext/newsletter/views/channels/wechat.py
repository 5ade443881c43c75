"""``-b wechat``: the issue as WeChat's editor keeps it, plus a page to copy it from.

WeChat strips external links, stylesheets and scripts from what is pasted, so
the article carries its styles inline and lists its links under 参考链接
(:mod:`.references`). ``NNN.html`` is the article; ``NNN-copy.html`` shows it
with a button that puts it on the clipboard as HTML, so the editor pastes it
in one step.
"""

from __future__ import annotations

from bs4 import BeautifulSoup
from markupsafe import Markup

from ...i18n import _
from .builder import ChannelBuilder, RenderedIssue
from .inline import inline_styles
from .references import number_links
from .rendering import render_template


class WeChatBuilder(ChannelBuilder):
    name = "wechat"
    epilog = _("The WeChat edition is in %(outdir)s")

    def publish(self, rendered: RenderedIssue) -> None:
        doctree = rendered.doctree.deepcopy()
        references = number_links(doctree)
        page = render_template(
            "wechat.html",
            self.config.language,
            title=rendered.issue.title,
            body=Markup(self.render(doctree)),
            references=references,
            url=rendered.url,
        )
        article = inline_styles(page, self.code_css())
        self.out_path(rendered.issue, ".html").write_text(article, encoding="utf-8")
        body = BeautifulSoup(article, "html.parser").body
        copy_page = render_template(
            "wechat-copy.html",
            self.config.language,
            number=rendered.issue.number,
            article=Markup(body.decode_contents() if body is not None else article),
        )
        self.out_path(rendered.issue, "-copy.html").write_text(copy_page, encoding="utf-8")
