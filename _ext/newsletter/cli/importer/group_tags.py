"""Sub-section headings as tags, for a weekly that files its items by topic.

Last Week in Cloud Native lists its releases under "### Networking & Edge",
"### Observability & Tracing" and so on: the heading is the item's topic, the
very thing the archive's tags are for. A site that wants those topics as tags
says so in conf.py (``newsletter_import_group_tags = True``); the importer
then adds each item's group to its tags after reading the post, so the
reading of Markdown itself stays as it is. The Cloud Native Weekly archive
keeps it off: its groups name projects ("Istio/Envoy 项目"), not topics.
"""

from __future__ import annotations

from dataclasses import replace

from .hugo import Entry, ImportedIssue


def tag_groups(imported: ImportedIssue) -> ImportedIssue:
    """The issue with each item's group, when it has one, among its tags."""
    blocks = [
        replace(block, item=replace(block.item, tags=(*block.item.tags, block.item.group)))
        if isinstance(block, Entry) and block.item.group and block.item.group not in block.item.tags
        else block
        for block in imported.blocks
    ]
    return replace(imported, blocks=blocks)
