"""Canaries: one per upstream internal the archive reaches (see compat/).

Each fails with a message naming the upstream and what moved, so that an
upgrade of Sphinx, ablog or MyST-Parser says where to look.
"""

from __future__ import annotations

import inspect
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ablog
import pytest
from ablog.blog import Blog
from docutils import nodes
from sphinx.domains.std import StandardDomain
from sphinx.events import EventListener

from newsletter import compat
from newsletter.core import myst


def test_sphinx_keeps_its_glossary_term_registry() -> None:
    assert isinstance(inspect.getattr_static(StandardDomain, "_terms"), property), (
        "Sphinx StandardDomain._terms is no longer a property: update compat.register_term"
    )
    params = list(inspect.signature(StandardDomain._note_term).parameters)
    assert params[:3] == ["self", "term", "labelid"], (
        f"Sphinx StandardDomain._note_term now takes {params}: update compat.register_term"
    )


def test_sphinx_event_listeners_carry_priority_and_handler() -> None:
    assert {"handler", "priority"} <= set(EventListener._fields), (
        f"Sphinx EventListener fields are now {EventListener._fields}: update compat.replace_listener"
    )


@pytest.fixture
def html_builder(tmp_path: Path) -> Iterator[Any]:
    """The HTML builder of a one-page project, as Sphinx sets it up."""
    from sphinx.testing.util import SphinxTestApp

    (tmp_path / "conf.py").write_text("", encoding="utf-8")
    (tmp_path / "index.rst").write_text("T\n=\n", encoding="utf-8")
    app = SphinxTestApp("html", srcdir=tmp_path)
    try:
        yield app.builder
    finally:
        app.cleanup()


def test_sphinx_builders_hash_their_configuration(html_builder: Any) -> None:
    fingerprint = compat.config_fingerprint(html_builder)
    assert fingerprint != "html" and "|" in fingerprint, (
        "Sphinx's HTML builder has no build_info any more: update compat.config_fingerprint"
    )


def test_sphinx_renders_pages_with_a_jinja_environment(html_builder: Any) -> None:
    from jinja2 import Environment

    assert isinstance(compat.template_environment(html_builder), Environment), (
        "Sphinx's template loader has no Jinja environment any more: "
        "update compat.template_environment (compiled templates are no longer kept)"
    )


def test_ablog_keeps_its_blog_registry_and_posts() -> None:
    assert isinstance(getattr(Blog, "_dict", None), dict), (
        "ablog Blog._dict is gone: update compat.forget_ablog_blogs"
    )
    source = Path(ablog.__file__).parent
    uses = [p.name for p in source.glob("*.py") if compat.ABLOG_POSTS in p.read_text("utf-8")]
    assert uses, f"ablog no longer keeps its posts in env.{compat.ABLOG_POSTS}"
    generator = compat.ablog_archive_generator()
    assert list(inspect.signature(generator).parameters) == ["app"], (
        "ablog's generate_archive_pages changed its signature: update views/ablog_pages.py"
    )


def test_ablog_names_a_collection_page_after_its_path() -> None:
    from types import SimpleNamespace

    from ablog.blog import Collection

    blog = SimpleNamespace(references={})
    catalog = SimpleNamespace(blog=blog, xref="author", path="blog/author")
    collection = Collection(catalog, "甲")
    assert collection.docname == "blog/author/甲"
    compat.rename_ablog_collection(blog, collection, "blog/author/short")
    assert collection.docname == "blog/author/short", (
        "ablog Collection.docname no longer reads _path: update compat.rename_ablog_collection"
    )
    assert blog.references[collection.xref] == ("blog/author/short", "甲")


def test_ablog_ships_a_chinese_catalogue() -> None:
    assert compat.ablog_catalog("zh_CN", "sphinx").is_file(), (
        "ablog no longer ships locales/zh_CN/LC_MESSAGES/sphinx.po: update catalogs.py"
    )


def test_myst_parses_directives_the_way_the_core_expects() -> None:
    tokens = myst.markdown_parser().parse(":::{news} 标题\n:link: https://e.com\n\n正文\n:::\n")
    assert [(t.type, t.info) for t in tokens] == [("colon_fence", "{news} 标题")], (
        "MyST's colon fence token changed: update core/dialect.py"
    )
    from newsletter.core.dialect import NewsSpec

    parsed = myst.parse_directive(NewsSpec, "标题", tokens[0].content, 1)
    assert (parsed.arguments, parsed.options, parsed.body) == (
        ["标题"],
        {"link": "https://e.com"},
        ["正文"],
    ), "MyST's directive parser changed its result: update core/myst.py"
    with pytest.raises(myst.DirectiveError):
        myst.parse_directive(NewsSpec, "", "", 1)


def test_the_extension_refuses_to_load_when_an_internal_moved(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delattr(Blog, "_dict")
    with pytest.raises(compat.UpstreamChangedError, match=r"Blog\._dict"):
        compat.check_upstreams(None)  # type: ignore[arg-type]


#: The archive's autoescaped copies of ablog's templates, and what they add.
ABLOG_COPIES = Path(compat.__file__).parent.parent / "templates" / "ablog"
_ESCAPING = (
    ("{%- autoescape true %}\n", ""),
    ("{%- endautoescape %}\n", ""),
    ("{% autoescape true %}", ""),
    ("{% endautoescape %}", ""),
    (
        "newsletter_post_excerpt(post, collection.docname)|safe",
        "post.to_html(collection.docname)",
    ),
)


# postcard2.html is the archive's own, valid card (tests/test_theme_compat.py
# watches ablog's).
@pytest.mark.parametrize("name", ["catalog.html", "collection.html"])
def test_the_autoescaped_ablog_templates_are_ablogs_own_plus_escaping(name: str) -> None:
    """When ablog changes a template the archive overrides, copy it again."""
    ours = (ABLOG_COPIES / name).read_text(encoding="utf-8")
    assert ours.startswith("{#- ablog's ablog/" + name)
    body = ours.split("-#}\n", 1)[1]
    for added, original in _ESCAPING:
        body = body.replace(added, original)
    upstream = Path(ablog.__file__).parent / "templates" / "ablog" / name
    assert body == upstream.read_text(encoding="utf-8")


def test_opengraph_still_prints_fields_unescaped() -> None:
    """``compat.opengraph_field`` escapes because sphinxext-opengraph does not."""
    from sphinxext.opengraph import make_tag

    assert make_tag("og:title", "a<b&c") == '<meta property="og:title" content="a<b&c" />'
    assert compat.opengraph_field('a<b&"c') == "a&lt;b&amp;&#34;c"


def _python(code: str) -> str:
    """What a fresh interpreter prints running ``code``, the extension installed."""
    import subprocess
    import sys

    env = {"PATH": ""}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def test_opengraph_still_prints_its_matplotlib_notice_on_import() -> None:
    import importlib.util

    from newsletter.compat import opengraph

    if importlib.util.find_spec("matplotlib") is not None:
        pytest.skip("matplotlib is installed: sphinxext-opengraph prints nothing")
    assert _python("import sphinxext.opengraph").splitlines() == [opengraph.MATPLOTLIB_NOTICE], (
        "sphinxext-opengraph no longer prints its matplotlib notice: remove compat/opengraph.py"
    )
    assert _python("from newsletter.compat import opengraph; opengraph.import_quietly()") == ""


def test_ablog_copies_a_post_document_only_through_its_deepcopy(tmp_path: Path) -> None:
    """ablog's post filing keeps ``doctree.deepcopy()``; the archive answers that
    call with an empty section (compat.read_posts_without_document_copy) and
    every other field of each post stays ablog's own."""
    from conftest import ROOTS, Project

    posts = {}
    for fulltext in (False, True):
        src = tmp_path / f"fulltext-{fulltext}" / "src"
        shutil.copytree(ROOTS / "test-english", src)
        app = Project(src).build(confoverrides={"blog_feed_fulltext": fulltext})
        posts[fulltext] = compat.ablog_posts(app.env)
    assert posts[False].keys() == posts[True].keys() and posts[False]
    for docname, filed in posts[False].items():
        (slim,) = filed
        (full,) = posts[True][docname]
        assert isinstance(slim["doctree"], nodes.section) and not slim["doctree"].children
        assert isinstance(full["doctree"], nodes.document) and full["doctree"].children, (
            "ablog no longer copies a post's document with doctree.deepcopy(): "
            "update compat.read_posts_without_document_copy"
        )
        same = {key: value for key, value in slim.items() if key not in ("doctree", "excerpt")}
        assert same == {k: v for k, v in full.items() if k not in ("doctree", "excerpt")}
        assert [n.astext() for n in slim["excerpt"]] == [n.astext() for n in full["excerpt"]]
