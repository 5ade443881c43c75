"""Reading documents into the store: the Sphinx layer's first room.

The gate (:mod:`.guard`, :mod:`.encoding`) holds an issue to its closed
dialect before MyST reads it; the ``news`` directive, the roles and the
glossary's notes build the archive's nodes (:mod:`.nodes`); the collector
puts the issue and its items into the store; transforms keep links safe and
Chinese line breaks joined; the garbage collector does not walk again what
was read before (:mod:`.heap`). Nothing here writes output.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from ..priorities import AFTER_SOURCE_SUFFIXES, GATE, READING_DONE
from . import (
    cjk_breaks,
    collector,
    directive,
    encoding,
    glossary,
    guard,
    heading,
    heap,
    nodes,
    safety,
    topics,
)


def setup(app: Sphinx) -> None:
    """Register the archive's nodes, directives, roles and reading handlers."""
    app.add_config_value("newsletter_issue_pattern", "issues/*", "env", types=[str])
    # Drafts are built only for an editor's preview (make livehtml DRAFTS=1).
    app.add_config_value("newsletter_drafts", False, "env", types=[bool, int])

    app.add_node(nodes.news_item, html=(nodes.visit_news_item_html, nodes.depart_news_item_html))
    app.add_node(nodes.news_title, html=(nodes.visit_news_title_html, nodes.depart_news_title_html))
    app.add_node(nodes.issue_list)
    app.add_node(nodes.term_note)
    app.add_directive("news", directive.NewsDirective)
    app.add_directive("term-note", glossary.TermNoteDirective)
    app.add_role("project", topics.ProjectRole())
    app.add_role("tag", topics.TagRole())
    app.add_role("archive-index", topics.ArchiveIndexRole())
    app.add_transform(heading.IssueHeading)
    app.add_transform(safety.SafeMarkup)
    app.add_transform(cjk_breaks.JoinChineseLineBreaks)

    app.connect("config-inited", guard.exclude_refused_and_drafts, priority=AFTER_SOURCE_SUFFIXES)
    app.connect("config-inited", guard.leave_front_matter_to_the_archive)
    app.connect("env-before-read-docs", encoding.use_lenient_codec)
    app.connect("env-before-read-docs", heap.freeze_while_reading)
    app.connect("env-updated", heap.unfreeze, priority=READING_DONE)
    app.connect("build-finished", heap.unfreeze)
    app.connect("source-read", guard.apply_dialect, priority=GATE)
    app.connect("source-read", encoding.report_undecodable)
    app.connect("source-read", collector.read_issue_front_matter)
    app.connect("doctree-read", collector.collect_items)
    app.connect("doctree-read", glossary.collect_glossary)
    app.connect("env-check-consistency", collector.check_issue_numbers)
    app.connect("env-updated", glossary.refresh_mentions)
    app.connect("env-get-updated", glossary.outdated_by_glossary)
    app.connect("warn-missing-reference", glossary.warn_missing_term)
