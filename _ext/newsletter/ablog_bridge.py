"""Hand ablog the issue metadata in a form it can digest.

ablog reads a post's date and tags from the docinfo that MyST builds from the
front matter, and trips on two things the archive needs:

* a date with a UTC offset crashes it ("can't compare offset-naive and
  offset-aware datetimes");
* MyST JSON-encodes a YAML list, so Chinese tags reach ablog as ``\\uXXXX``
  escapes. More to the point, ablog would build a second set of tag pages
  (``blog/tag/…``) beside the archive's own ``tags/…``: readers must meet one
  page per tag, so the tags are withheld from ablog and shown by the
  archive's tag pages instead;
* ablog reads ``image`` as the index of an image in the post and crashes on
  the archive's cover image path.

This transform rewrites the date from the already validated
:class:`~newsletter.model.Issue`, and removes the tags and the image, before
ablog's own transform reads them.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms import SphinxTransform

from .collector import ISSUE_KEY
from .model import Issue

#: ablog's ``CheckFrontMatter`` runs at 800; this must run just before it.
PRIORITY = 790


class AblogFrontMatter(SphinxTransform):
    default_priority = PRIORITY

    def apply(self, **kwargs: object) -> None:
        issue: Issue | None = self.env.temp_data.get(ISSUE_KEY)
        if issue is None:
            return
        # With a non-English ``language`` docutils keeps ``date`` as a plain
        # field, with English it becomes a ``date`` node: handle both.
        local = issue.published[:19] if issue.published else issue.date.isoformat()
        replacements = {"date": local}
        for docinfo in self.document.findall(nodes.docinfo):
            for date in docinfo.findall(nodes.date):
                date.children = [nodes.Text(local)]
            for fld in list(docinfo.findall(nodes.field)):
                name = fld[0].astext()
                if name in replacements:
                    text = replacements[name]
                    fld[1].children = [nodes.paragraph(text, text)]
                elif name in ("image", "tags"):
                    fld.parent.remove(fld)
