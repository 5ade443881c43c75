"""Writing an issue of the model as the archive's MyST file.

The output is what an editor would have typed: front matter, ``##`` sections,
``###`` groups and ``:::{news}`` items, so imported and hand-written issues
look alike and the same checker reads both.
"""

from __future__ import annotations

import re

import yaml

from ...core.model import Issue
from .hugo import Block, Entry, Heading


def front_matter(issue: Issue) -> str:
    """The YAML block; the date is written as published (offset kept)."""
    fields: dict[str, object] = {
        "number": issue.number,
        "title": issue.title,
        "summary": issue.summary,
        "authors": list(issue.authors),
        "editor": issue.editor,
    }
    if issue.publisher:
        fields["publisher"] = issue.publisher
    if issue.image:
        fields["image"] = issue.image
    if issue.draft:
        fields["draft"] = True
    if issue.tags:
        fields["tags"] = list(issue.tags)
    dumped = yaml.safe_dump(
        fields, allow_unicode=True, sort_keys=False, default_flow_style=None, width=10_000
    )
    date = issue.published or issue.date.isoformat()
    number, rest = dumped.split("\n", 1)
    return f"---\n{number}\ndate: {date}\n{rest}---"


def _fence(body: str) -> str:
    """A colon fence longer than any the body itself contains."""
    runs = [len(m.group(0)) for m in re.finditer(r"(?m)^\s*(:{3,})", body)]
    return ":" * max([3, *(n + 1 for n in runs)])


def news_directive(entry: Entry) -> str:
    item = entry.item
    fence = _fence(entry.body)
    lines = [f"{fence}{{news}} {item.title}", f":link: {item.link}"]
    if item.projects:
        lines.append(f":projects: {', '.join(item.projects)}")
    if item.tags:
        lines.append(f":tags: {', '.join(item.tags)}")
    return "\n".join([*lines, "", entry.body, fence])


def write_issue(issue: Issue, blocks: list[Block]) -> str:
    """The MyST text of ``issue`` with ``blocks`` as its body."""
    parts = [front_matter(issue)]
    level = 1  # the title, from the front matter
    for block in blocks:
        if isinstance(block, Heading):
            # Never skip a level: MyST warns on "H1 to H3".
            level = min(block.level, level + 1)
            parts.append(f"{'#' * level} {block.title}")
        elif isinstance(block, Entry):
            parts.append(news_directive(block))
        else:
            parts.append(block.markdown)
    return "\n\n".join(parts) + "\n"
