"""The link-health page: how much of the archive's sources is dead, by year and by site.

``docs/link-health.md`` writes its headings in Markdown and places each part
of the report with ``{link-health} <part>`` (``summary``, ``years``,
``domains``, ``dead``, ``moved``). The parts are drawn when the page is
written, from the store and the data file of ``make links``
(:mod:`..core.link_health`), never from the network; the page is rewritten through
``env-get-updated`` when what it reports changed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import ClassVar

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..core.labels import display_date
from ..core.link_charts import bar_chart
from ..core.link_health import HEALTH_FILE, LinkResult, domain_of, wayback_url
from ..core.model import Issue, NewsItem
from ..i18n import _
from ..store.data import get_store
from ..store.link_data import external_link, link_health

logger = logging.getLogger(__name__)

PARTS = ("summary", "years", "domains", "dead", "moved")
#: ``env.metadata`` key marking the pages that hold a report part.
_METADATA_KEY = "newsletter-link-report"
#: Sites shown in the per-site chart.
TOP_DOMAINS = 15


class link_health_part(nodes.General, nodes.Element):  # noqa: N801 - docutils naming
    """Where a part of the report goes; replaced when the page is written."""


class LinkHealthDirective(SphinxDirective):
    """``link-health <part>``: one part of the link-health report."""

    required_arguments = 1
    option_spec: ClassVar = {}

    def run(self) -> list[nodes.Node]:
        part = self.arguments[0].strip()
        node = link_health_part(part=part)
        self.set_source_info(node)
        if part not in PARTS:
            logger.warning(
                _("Unknown link-health part %r (available: %s)"),
                part,
                _(", ").join(PARTS),
                location=node,
                type="newsletter",
                subtype="links",
            )
            return []
        self.env.metadata[self.env.docname][_METADATA_KEY] = True
        return [node]


@dataclass(frozen=True)
class Use:
    """One item's source link and what ``make links`` found."""

    issue: Issue
    item: NewsItem
    result: LinkResult | None

    @property
    def verdict(self) -> str:
        return self.result.verdict if self.result is not None else "unchecked"


def link_uses(app: Sphinx) -> list[Use]:
    """Every published item with a source link, oldest issue first."""
    health = link_health(app)
    return [
        Use(issue, item, health.get(item.link))
        for issue, item in get_store(app.env).published_items()
        if item.link
    ]


def _paragraph(*children: nodes.Node) -> nodes.paragraph:
    return nodes.paragraph("", "", *children)


def _summary(uses: list[Use]) -> list[nodes.Node]:
    checked = [use for use in uses if use.result is not None]
    if not checked:
        text = _(
            "No results yet: run make links to check the source links (results go to {file}), then build again."
        ).format(file=HEALTH_FILE)
        return [_paragraph(nodes.Text(text))]
    verdicts = Counter(use.verdict for use in uses)
    latest = max(use.result.checked_date for use in checked if use.result is not None)
    text = _(
        "The archive has {total} news items with a source link, {checked} of them checked"
        " (last on {date}): {dead} dead, {moved} moved, {error} unreachable for now."
    ).format(
        total=len(uses),
        checked=len(checked),
        date=display_date(latest),
        dead=verdicts["dead"],
        moved=verdicts["moved"],
        error=verdicts["error"],
    )
    return [_paragraph(nodes.Text(text))]


def _years(uses: list[Use]) -> list[nodes.Node]:
    total = Counter(use.issue.date.year for use in uses)
    dead = Counter(use.issue.date.year for use in uses if use.verdict == "dead")
    if not total:
        return []
    years = range(min(total), max(total) + 1)
    rows = [(_("{year}").format(year=y), dead[y], _share(dead[y], total[y])) for y in years]
    svg = bar_chart(rows, _("Dead source links in each year's news"))
    return [nodes.raw("", svg, format="html")]


def _domains(uses: list[Use]) -> list[nodes.Node]:
    total = Counter(domain_of(use.item.link) for use in uses)
    dead = Counter(domain_of(use.item.link) for use in uses if use.verdict == "dead")
    if not dead:
        return [_paragraph(nodes.Text(_("No dead source links.")))]
    top = sorted(dead, key=lambda d: (-dead[d], d))[:TOP_DOMAINS]
    rows = [(domain, dead[domain], _share(dead[domain], total[domain])) for domain in top]
    svg = bar_chart(rows, _("Sites with the most dead source links"))
    return [nodes.raw("", svg, format="html")]


def _share(dead: int, total: int) -> str:
    return _("{dead} / {total}").format(dead=dead, total=total)


def _item_link(app: Sphinx, docname: str, use: Use) -> nodes.reference:
    uri = app.builder.get_relative_uri(docname, use.issue.docname) + "#" + use.item.id
    text = _("Issue {number} · {title}").format(number=use.issue.number, title=use.item.title)
    return nodes.reference(text, text, internal=True, refuri=uri)


def _listing(app: Sphinx, docname: str, uses: list[Use], verdict: str) -> list[nodes.Node]:
    chosen = [use for use in uses if use.verdict == verdict and use.result is not None]
    if not chosen:
        empty = _("No dead source links.") if verdict == "dead" else _("No moved source links.")
        return [_paragraph(nodes.Text(empty))]
    items = nodes.bullet_list(classes=[f"link-health-{verdict}"])
    for use in reversed(chosen):
        assert use.result is not None
        line = _paragraph(_item_link(app, docname, use), nodes.Text(_(": original link ")))
        line += external_link(use.item.link)
        if verdict == "dead":
            checked = display_date(use.result.checked_date)
            line += nodes.Text(_(" (checked {date}) · ").format(date=checked))
            line += external_link(wayback_url(use.item.link, use.issue.date), _("Web archive"))
        else:
            line += nodes.Text(" → ")
            line += external_link(use.result.final_url)
        items += nodes.list_item("", line)
    return [items]


def resolve_report(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: draw every report part of the page."""
    parts = list(doctree.findall(link_health_part))
    if not parts:
        return
    uses = link_uses(app)
    checked = any(use.result is not None for use in uses)
    for node in parts:
        part = node["part"]
        if not checked and part != "summary":
            # The summary says that make links has not run yet; empty charts
            # and lists would only suggest that every link is fine.
            drawn: list[nodes.Node] = []
        elif part == "summary":
            drawn = _summary(uses)
        elif part == "years":
            drawn = _years(uses)
        elif part == "domains":
            drawn = _domains(uses)
        else:
            drawn = _listing(app, docname, uses, part)
        node.replace_self(drawn)


def outdated_report(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: the report pages, when what they report changed."""
    shown = tuple(
        (use.issue.docname, use.issue.number, use.item.id, use.item.title, use.item.link)
        + ((use.verdict, use.result.final_url, use.result.checked) if use.result else ())
        for use in link_uses(app)
    )
    books = get_store(env).books
    if books.shown.get("link-report") == shown:
        return []
    books.shown["link-report"] = shown
    return sorted(doc for doc, meta in env.metadata.items() if meta.get(_METADATA_KEY))
