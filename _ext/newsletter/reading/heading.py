"""The heading of an issue page: the validated title, as a text node.

MyST never reads an issue's front matter: at ``source-read`` the collector
hands it :func:`~newsletter.core.frontmatter.heading_for_front_matter`'s text,
where the block has become a bare ``#`` and empty lines. MyST makes that an
empty level-1 section title at line 1, and the body keeps its line numbers.
:class:`IssueHeading` then fills the title with one ``nodes.Text`` from the
store's :class:`~newsletter.core.model.Issue`, whose title the schema has
already checked (a refused title is "第 N 期" there). So a title is never
parsed: a line break, a fence or a role in it cannot become document source,
and the page, ablog's lists and the feeds all show the same plain text.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms import SphinxTransform

from ..core.frontmatter import expected_number, fallback_title
from ..core.sources import is_issue_doc
from ..store.data import get_store

#: Before anything reads section titles: ablog's front-matter transform
#: (800) and Sphinx's title collector (``doctree-read``).
PRIORITY = 200


class IssueHeading(SphinxTransform):
    default_priority = PRIORITY

    def apply(self, **kwargs: object) -> None:
        docname = self.env.docname
        if not is_issue_doc(self.config.newsletter_issue_pattern, docname):
            return
        section = next(iter(self.document.findall(nodes.section)), None)
        if section is None or not section.children:
            return
        title = section[0]
        if not isinstance(title, nodes.title) or title.children:
            return  # no front matter: the file's own first heading stays
        issue = get_store(self.env).issue(docname)
        number = expected_number(docname)
        if issue is not None:
            text = issue.title
        else:  # the front matter is unusable, and reported
            text = fallback_title(number) if number is not None else docname
        title += nodes.Text(text)
