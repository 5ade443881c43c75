"""Hand ablog the issue metadata in a form it can digest, and make it parallel-safe.

ablog reads a post's title, date and author from the page's docinfo, which
MyST would build from the front matter. MyST never sees an issue's front
matter (the values are data, see :mod:`..reading.heading`), so
:class:`AblogFrontMatter` builds that docinfo itself, just before ablog's own
transform reads it, from the already validated
:class:`~newsletter.core.model.Issue` and from nothing else:

* the title (as on the page), the ``author`` ablog expects (the front matter
  says ``authors``), and the date without its UTC offset, which would crash
  ablog ("can't compare offset-naive and offset-aware datetimes");
* no tags: ablog would build a second set of tag pages (``blog/tag/…``)
  beside the archive's own ``tags/…``, and readers must meet one page per tag;
* no image: ablog reads ``image`` as the index of an image in the post.

A draft gets an empty date, which is how ablog files a post under drafts. Once
ablog has made its post node, :class:`AblogExcerpt` gives it the issue summary
as its excerpt, so ablog's archive pages show the summary rather than the
first paragraph of the first news item.

ablog declares itself unsafe for parallel reading because it keeps its posts
in the environment (by docname) and never merges them. It does purge them,
and the labels it adds live in the standard domain, which Sphinx merges. So
merging those posts is all that is missing: :func:`merge_posts` does
it, and :func:`declare_parallel_safe` then states the truth.

ablog also keeps a process-wide ``Blog`` object that, once filled, is never
refilled: a second build in the same process (sphinx-autobuild, tests) would
list the posts of the first. :func:`reset_blog` empties it per build, and
names its collections of posts and drafts in Chinese (ablog names them in
English, outside its message catalog).

ablog fills that ``Blog`` lazily, from its posts pickled in the environment,
the first time a page being written asks for it; a build that writes no
document never asks, and pages written at its end (``genindex.html``) showed
an empty blog. :func:`rebuild_blog` fills it once reading is over, on every
build, with the posts of the store's issues only (the metadata ablog reads
is the store's, see :class:`AblogFrontMatter`), in the order of their
names, so that it is the same blog whichever documents were read again. A
page named after an author is cut to a length that fits a file name
(:func:`~newsletter.core.filenames.fit_name`); one whose name ablog slugs
to nothing (punctuation only) is named by a digest of the name, not
``blog/author/.html``.
"""

from __future__ import annotations

from typing import Any

from ablog.blog import Blog
from ablog.post import PostNode
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform

from ..compat import (
    ABLOG_POSTS,
    ablog_post_reader,
    ablog_posts,
    declare_ablog_parallel_safe,
    forget_ablog_blogs,
    read_posts_without_document_copy,
    rename_ablog_collection,
    replace_listener,
)
from ..core.filenames import fit_name, name_digest
from ..core.labels import issue_tab_title
from ..core.model import Issue
from ..i18n import N_, _
from ..store.data import get_store
from .excerpts import forget_excerpts

#: ablog's ``CheckFrontMatter`` runs at 800; this must run just before it.
PRIORITY = 790
#: ... and this just after it, once the post node exists.
EXCERPT_PRIORITY = 810


class AblogFrontMatter(SphinxTransform):
    default_priority = PRIORITY

    def apply(self, **kwargs: object) -> None:
        issue: Issue | None = get_store(self.env).issue(self.env.docname)
        if issue is None:
            return
        local = "" if issue.draft else (issue.published[:19] or issue.date.isoformat())
        docinfo = nodes.docinfo()
        docinfo += _field("title", issue.title)
        docinfo += _field("date", local)
        docinfo += _field("author", ", ".join(issue.authors))
        self.document.insert(0, docinfo)


class AblogExcerpt(SphinxTransform):
    default_priority = EXCERPT_PRIORITY

    def apply(self, **kwargs: object) -> None:
        issue: Issue | None = get_store(self.env).issue(self.env.docname)
        if issue is None or not issue.summary:
            return
        for post in self.document.findall(PostNode):
            # Inline: ablog renders an excerpt inside a paragraph of its own,
            # and a paragraph in a paragraph is invalid HTML.
            post += nodes.inline(issue.summary, issue.summary)
            # The excerpt is for ablog's lists only; the page shows the
            # summary in its own header (see ``issuepage.py``).
            post["exclude"] = True


def _field(name: str, text: str) -> nodes.field:
    return nodes.field(
        "", nodes.field_name(name, name), nodes.field_body(text, nodes.paragraph(text, text))
    )


def merge_posts(
    app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment
) -> None:
    """``env-merge-info``: take over the posts a parallel reader found."""
    theirs: dict[str, Any] = getattr(other, ABLOG_POSTS, {})
    mine = ablog_posts(env)
    for docname in docnames:
        if docname in theirs:
            mine[docname] = theirs[docname]


def slim_posts(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``, after ablog: title each post by its lead story, and
    detach its excerpt from the document.

    ablog would also keep a deep copy of every post's whole document in the
    environment, only for full-text feeds (``blog_feed_fulltext``), which
    the archive does not produce; :func:`skip_post_copies` has it keep an
    empty section instead. That copy made up four fifths of the pickled
    environment, and Sphinx pickles the environment once per chunk of a
    parallel read: at 500 issues a ``-j`` build spent minutes and gigabytes on
    it. Excerpts (the issue summary) are kept, detached from the document:
    a node still pointing at its parent pickles the whole document with it.
    """
    issue = get_store(app.env).issue(app.env.docname)
    for post in ablog_posts(app.env).get(app.env.docname, ()):
        if issue is not None:
            # The archive by year lists posts by title, and every issue has
            # the same one: "第 3 期：Docker Hub 遭入侵…" tells them apart.
            post["title"] = issue_tab_title(issue)
        post["excerpt"] = [node.deepcopy() for node in post.get("excerpt", ())]


def skip_post_copies(app: Sphinx) -> None:
    """``builder-inited``: ablog files posts without copying their documents,
    unless the site asks for ablog's full-text feeds, the copy's one reader."""
    if "ablog" in app.extensions and not app.config.blog_feed_fulltext:
        replace_listener(app, "doctree-read", ablog_post_reader(), read_posts_without_document_copy)


def declare_parallel_safe(app: Sphinx, config: Config) -> None:
    """``config-inited``: ablog is parallel-safe once :func:`merge_posts` runs."""
    if "ablog" in app.extensions:
        declare_ablog_parallel_safe(app)


#: ablog's collection labels and the names the archive shows for them.
COLLECTION_NAMES = {"post": N_("All issues"), "draft": N_("Drafts")}
#: ablog's reference targets whose English names show as link tooltips.
REFERENCE_NAMES = {
    "blog-archives": N_("All issues"),
    "blog-posts": N_("All issues"),
    "blog-drafts": N_("Drafts"),
}


def reset_blog(app: Sphinx) -> None:
    """``builder-inited``: forget the ``Blog`` of an earlier build in this process."""
    if "ablog" not in app.extensions:
        return
    forget_ablog_blogs()
    blog = Blog(app)
    collections = blog.blog
    for label, name in COLLECTION_NAMES.items():
        collections[label].name = _(name)
    for target, name in REFERENCE_NAMES.items():
        docname, _title = blog.references[target]
        blog.references[target] = (docname, _(name))


def rebuild_blog(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: ablog's ``Blog`` and catalogues, made from the store.

    Runs on every build, once every document is read (and a parallel read
    merged), so every page of this build, written or generated, sees the
    same blog whether or not a document changed.
    """
    if "ablog" not in app.extensions:
        return []
    reset_blog(app)
    forget_excerpts()
    blog = Blog(app)
    store = get_store(env)
    for docname, posts in sorted(ablog_posts(env).items()):
        if store.issue(docname) is None:
            continue
        for info in posts:
            blog.register(docname, info)
    for catalog in blog.catalogs.values():
        for collection in catalog.collections.values():
            folder, _slash, name = collection.docname.rpartition("/")
            fitted = fit_name(name) if name else name_digest(str(collection.name))
            if fitted != name:
                rename_ablog_collection(blog, collection, f"{folder}/{fitted}")
    return []
