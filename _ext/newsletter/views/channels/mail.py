"""``-b email``: the issue as a MIME message any mail service can send.

``NNN.eml`` is multipart/alternative: a plain-text part (links as numbered
references, :mod:`.references`) and an HTML part with inline styles and live
links, both UTF-8. The subject names the issue and its date, "在网页上阅读"
leads to its canonical address, and ``List-Unsubscribe`` comes from
``newsletter_email_unsubscribe`` in ``conf.py``. The two parts are also
written on their own (``NNN.html``, ``NNN.txt``) for services that take the
parts rather than a message.
"""

from __future__ import annotations

from email import policy
from email.message import EmailMessage
from email.utils import format_datetime

from markupsafe import Markup
from sphinx.util import logging

from ...core.model import Issue, issue_time
from ...i18n import _
from .builder import ChannelBuilder, RenderedIssue
from .inline import inline_styles
from .plaintext import doctree_text
from .references import number_links
from .rendering import render_template

logger = logging.getLogger(__name__)


def subject_of(project: str, issue: Issue) -> str:
    """``云原生生态周报 第 3 期 · 2019-05-07``."""
    return _("{project} issue {number} · {date}").format(
        project=project, number=issue.number, date=issue.date.isoformat()
    )


class EmailBuilder(ChannelBuilder):
    name = "email"
    epilog = _("The e-mail edition is in %(outdir)s")

    def publish(self, rendered: RenderedIssue) -> None:
        issue, config = rendered.issue, self.config
        unsubscribe = config.newsletter_email_unsubscribe.strip()
        if not unsubscribe:
            logger.warning(
                _(
                    "conf.py sets no newsletter_email_unsubscribe: the e-mail will have no List-Unsubscribe header and no unsubscribe link"
                ),
                type="newsletter",
                subtype="email",
            )
        context = {
            "subject": subject_of(config.project, issue),
            "project": config.project,
            "url": rendered.url,
            "unsubscribe": unsubscribe,
        }
        html = inline_styles(
            render_template(
                "email.html", config.language, body=Markup(self.render(rendered.doctree)), **context
            ),
            self.code_css(),
        )
        # As the message carries it: MIME text parts end with a newline.
        html = html.rstrip("\n") + "\n"
        plain = rendered.doctree.deepcopy()
        references = number_links(plain)
        text = render_template(
            "email.txt", config.language, text=doctree_text(plain), references=references, **context
        )

        message = EmailMessage(policy=policy.SMTP)
        message["Subject"] = context["subject"]
        if config.newsletter_email_from:
            message["From"] = config.newsletter_email_from
        message["Date"] = format_datetime(issue_time(issue))
        if unsubscribe:
            message["List-Unsubscribe"] = f"<{unsubscribe}>"
        message.set_content(text, charset="utf-8")
        message.add_alternative(html, subtype="html", charset="utf-8")

        self.out_path(issue, ".eml").write_bytes(message.as_bytes())
        self.out_path(issue, ".html").write_text(html, encoding="utf-8")
        self.out_path(issue, ".txt").write_text(text, encoding="utf-8")
