"""Publishing channels: the issue for WeChat and for e-mail, from the site's own store.

``make wechat N=3`` and ``make email N=3`` run Sphinx with the builders
registered here over the same sources and extension as the site; see
:mod:`.builder` for what they share.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from .mail import EmailBuilder
from .wechat import WeChatBuilder


def setup(app: Sphinx) -> None:
    """Register the channel builders and their settings."""
    app.add_config_value("newsletter_channel_issue", 0, "", types=[int])
    app.add_config_value("newsletter_email_from", "", "", types=[str])
    app.add_config_value("newsletter_email_unsubscribe", "", "", types=[str])
    app.add_builder(WeChatBuilder)
    app.add_builder(EmailBuilder)
