"""``sitemap.xml`` and ``robots.txt``: how search engines find every issue.

Issue pages are orphans (reached through lists, not the toctree), which is
exactly what a sitemap is for. It lists every page Sphinx read except draft
issues and the 404 page, and the generated pages readers land on (projects,
tags, the lists of issues: :func:`..store.taxonomy.generated_reader_pages`), each
with an absolute URL under the one base URL, and issues with the date they
were published. ``robots.txt`` names the sitemap; Read the Docs serves it
from the default version's root. Both are written only when their content
changes. A site that leaves ``sitemap`` out of ``newsletter_channels`` has
neither (an earlier build's are removed).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from sphinx.application import Sphinx

from ..core.channels import SITEMAP as CHANNEL
from ..core.channels import publishes
from ..core.urls import NOT_FOUND_PAGE
from ..siteurl import absolute_url
from ..store.channel_outputs import record_outputs, remove_outputs
from ..store.data import get_store
from ..store.freshness import is_fresh, mark_fresh
from ..store.output import write_if_changed
from ..store.taxonomy import generated_reader_pages

SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def render_sitemap(app: Sphinx) -> str:
    store = get_store(app.env)
    root = ET.Element("urlset", xmlns=NAMESPACE)
    for docname in sorted(app.env.found_docs):
        issue = store.issue(docname)
        if docname == NOT_FOUND_PAGE or (issue is not None and issue.draft):
            continue
        url = ET.SubElement(root, "url")
        ET.SubElement(url, "loc").text = absolute_url(
            app.config, app.builder.get_target_uri(docname)
        )
        if issue is not None:
            ET.SubElement(url, "lastmod").text = issue.date.isoformat()
    for pagename, lastmod in sorted(generated_reader_pages(app), key=lambda page: page[0]):
        url = ET.SubElement(root, "url")
        ET.SubElement(url, "loc").text = absolute_url(
            app.config, app.builder.get_target_uri(pagename)
        )
        if lastmod is not None:
            ET.SubElement(url, "lastmod").text = lastmod.isoformat()
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def write_sitemap(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: write the sitemap and robots.txt of HTML builds."""
    if exception is not None or app.builder.format != "html":
        return
    if not publishes(app.config.newsletter_channels, CHANNEL):
        remove_outputs(app, CHANNEL)
        return
    record_outputs(app, CHANNEL, [SITEMAP, ROBOTS])
    outdir = Path(app.outdir)
    # Besides the store and the configuration, the sitemap lists every page.
    pages = "\n".join(sorted(app.env.found_docs))
    if is_fresh(app, SITEMAP, inputs=pages, files=[SITEMAP, ROBOTS]):
        return
    write_if_changed(outdir / SITEMAP, render_sitemap(app))
    sitemap_url = absolute_url(app.config, SITEMAP)
    write_if_changed(outdir / ROBOTS, f"User-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n")
    mark_fresh(app, SITEMAP, inputs=pages)
