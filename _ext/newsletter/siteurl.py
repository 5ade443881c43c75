"""The one canonical address of the site, and absolute URLs under it.

Feeds, social cards and ablog all need absolute links, and they must agree:
a feed entry, its ``og:url`` and the sitemap point at the same page. So the
base URL is decided once, here, and copied into the settings of the
settings that want it (``html_baseurl``, ``ogp_site_url``, ``blog_baseurl``).

Read the Docs serves every version under its own path and says which in
``READTHEDOCS_CANONICAL_URL``; that wins over the configured value so that a
feed built for ``/zh_CN/latest/`` never links to another version. Without any
base URL sphinxext-opengraph silently writes relative ``og:url`` values, which
social sites reject: this module makes that a configuration error instead.
"""

from __future__ import annotations

import os

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

from .core.model import is_safe_link

#: Set by Read the Docs for every build: the URL of the version being built.
ENV_VARIABLE = "READTHEDOCS_CANONICAL_URL"
#: Settings that must hold the same base URL: Sphinx's own (for the
#: ``rel="canonical"`` link of every page), OpenGraph's and ablog's.
DERIVED_SETTINGS = ("html_baseurl", "ogp_site_url", "blog_baseurl")


def resolve_base_url(configured: str, environ: dict[str, str] | os._Environ[str]) -> str:
    """The base URL, ending in ``/``; raises :class:`ConfigError` when unusable."""
    candidate = (environ.get(ENV_VARIABLE) or configured or "").strip()
    source = ENV_VARIABLE if environ.get(ENV_VARIABLE) else "newsletter_site_url"
    if not candidate:
        raise ConfigError(
            "newsletter_site_url is not set: feeds and social cards need the absolute "
            f"address of the site (or {ENV_VARIABLE}, which Read the Docs sets)"
        )
    if not is_safe_link(candidate):
        raise ConfigError(f"{source} must be an absolute http(s) URL, not {candidate!r}")
    return candidate if candidate.endswith("/") else candidate + "/"


def apply_site_url(app: Sphinx, config: Config) -> None:
    """``config-inited``: settle the base URL and hand it to Sphinx, ablog and OpenGraph."""
    base = resolve_base_url(config.newsletter_site_url, os.environ)
    config.newsletter_site_url = base
    for name in DERIVED_SETTINGS:
        if name in config:
            setattr(config, name, base)


def absolute_url(config: Config, target_uri: str) -> str:
    """The absolute address of a built file, from its path under the output root."""
    return config.newsletter_site_url + target_uri
