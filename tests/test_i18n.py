"""The extension's messages: English ids, a Chinese catalog, an English weekly.

Every string the extension shows is an English message id translated through
the ``newsletter`` catalog (``_ext/newsletter/locale``). The archive sets
``language = "zh_CN"`` and reads today's Chinese from the catalog; a weekly
that sets ``language = "en"`` gets an English interface throughout: the
fixture ``roots/test-english`` (theme, ablog and all) is built in English and
in Chinese, and the English build holds no Han character at all.
"""

from __future__ import annotations

import ast
import email
import io
import json
import re
import shutil
from email import policy
from io import StringIO
from pathlib import Path

import pytest
import yaml
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from conftest import ROOTS, Project, located, parse_atom
from sphinx import locale
from sphinx.testing.util import SphinxTestApp

from newsletter import compat
from newsletter.cli import check, importer
from newsletter.cli.site_language import activate_site_language, site_language
from newsletter.core import i18n

PACKAGE = i18n.LOCALE_DIR.parent
PO = i18n.LOCALE_DIR / "zh_CN" / "LC_MESSAGES" / "newsletter.po"
MO = PO.with_suffix(".mo")
#: Han ideographs, CJK punctuation and full-width forms.
HAN = re.compile("[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")


def _extracted() -> set[tuple[str | None, str]]:
    """(context, id) of every message in the code and templates, as ``make catalogs`` finds them."""
    with (i18n.LOCALE_DIR / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    # The Makefile's -k nl_ -k nl_n:1,2: the templates' translators.
    keywords = {**DEFAULT_KEYWORDS, "nl_": None, "nl_n": (1, 2)}
    return {
        (context, message)
        for _file, _line, message, _comments, context in extract_from_dir(
            PACKAGE, method_map, options_map, keywords
        )
    }


def _catalog():  # type: ignore[no-untyped-def]
    with PO.open("rb") as po:
        return read_po(po)


def test_every_message_has_a_chinese_translation_and_no_other() -> None:
    catalog = _catalog()
    translated = {(m.context, m.id): m for m in catalog if m.id}
    assert set(translated) == _extracted()
    # A message with a count has one form per plural form (Chinese: one).
    forms = [m.string if isinstance(m.string, tuple) else (m.string,) for m in translated.values()]
    assert [
        m.id
        for m, found in zip(translated.values(), forms, strict=True)
        if not all(found) or m.fuzzy
    ] == []
    assert catalog.plural_forms == "nplurals=1; plural=0;"
    assert {len(found) for found in forms} == {1}


def test_the_compiled_catalog_is_the_po_file_compiled() -> None:
    compiled = io.BytesIO()
    write_mo(compiled, _catalog())
    assert MO.read_bytes() == compiled.getvalue(), "run `make catalogs`"


#: Han text that is data, not a message: what an issue's text is read with.
DATA_LITERALS = {
    # Labels the weekly writes before a title, and their brackets.
    "core/entry_labels.py": "all",
    # The separators of a list and of clauses, in Chinese punctuation.
    "core/frontmatter.py": {"[,，、]"},
    "core/labels.py": {"[；;。！？!?]", "；;。！？!? "},
    "core/descriptions.py": {"[。！？；]"},
    # "项目" after a project's name is folded away when names are compared.
    "core/registry.py": {"(项目|project)$"},
    # Where a glossary definition's first sentence ends.
    "reading/glossary.py": {"。"},
    "views/search/thesaurus.py": {"[。；;：:（(]", "，", "。"},
    # The separator inside search records, and the text that proves Pagefind
    # segments Chinese.
    "views/search/records.py": {"｜"},
    "views/search/index.py": {"容器安全问题形势空前严峻"},
    # ablog's and the theme's own messages, translated (a catalog itself).
    "blog/catalogs.py": "all",
    # This archive's own title and sections: the defaults of its settings.
    "core/settings.py": {
        "云原生生态周报（Cloud Native Weekly）第 {number} 期",
        *("业界要闻", "上游重要进展", "开源项目推荐", "本周阅读推荐"),
    },
    # The skeleton of this archive's next issue (its sections and sample item).
    "cli/new.py": "all",
    # A directive option's list separators, Chinese commas among them.
    "core/dialect.py": {"[,，、]"},
    # What the importer recognises in Chinese sources: credit lines, house
    # style (keywords, "名词解释：" lines, Chinese punctuation) and titles.
    "cli/importer/credits.py": "all",
    "cli/importer/house_style.py": "all",
    "cli/importer/titles.py": "all",
    "cli/importer/hugo.py": {
        # Project groups ("Kubernetes 项目"), "第 N 期" in a title, "> 摘要：…",
        # and the colons a group heading ends with.
        r"^(?P<name>[A-Za-z][\w.+&-]*(?:[ /][\w.+&-]+){0,3})\s*项目\s*[：:]?$",
        r"第\s*(\d+)\s*期",
        r"^\s*摘要\s*[：:]\s*(.+)$",
        "：: ",
        # This archive's section of term explanations.
        "名词解释",
    },
}


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def test_no_han_character_outside_the_catalogs() -> None:
    """Python literals (docstrings and comments aside), templates and scripts are English."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE).as_posix()
        allowed = DATA_LITERALS.get(name, set())
        if allowed == "all":
            continue
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source)
        docstrings = _docstrings(tree)
        found += [
            f"{name}:{node.lineno}: {node.value!r}"
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            # A literal written with Han holds Han: the value is tested first, since
            # get_source_segment splits the whole file on every call (Python 3.11).
            and HAN.search(node.value)
            and HAN.search(ast.get_source_segment(source, node) or "")  # written, not escaped
            and id(node) not in docstrings
            and node.value not in allowed
        ]
    for path in sorted(PACKAGE.rglob("templates/**/*")):
        if path.suffix in (".html", ".txt"):
            text = re.sub(r"\{#.*?#\}", "", path.read_text(encoding="utf-8"), flags=re.S)
            found += [f"{path.relative_to(PACKAGE)}: {m.group()}" for m in HAN.finditer(text)]
    for path in sorted(PACKAGE.rglob("static/**/*.js")):
        text = re.sub(r"/\*.*?\*/|//[^\n]*", "", path.read_text(encoding="utf-8"), flags=re.S)
        text = text.replace('PART_SEPARATOR = "｜"', "")  # the records' separator (data)
        found += [f"{path.relative_to(PACKAGE)}: {m.group()}" for m in HAN.finditer(text)]
    assert found == []


def test_sphinx_keeps_its_translators_by_namespace_and_catalog() -> None:
    """Canary for compat.forget_message_catalog."""
    assert isinstance(locale.translators, dict)
    locale.init([i18n.LOCALE_DIR], "zh_CN", i18n.DOMAIN)
    assert ("general", i18n.DOMAIN) in locale.translators, (
        "sphinx.locale.translators changed its keys: update compat.forget_message_catalog"
    )
    compat.forget_message_catalog(i18n.DOMAIN)
    assert ("general", i18n.DOMAIN) not in locale.translators


def test_the_tools_read_the_sites_language_from_conf_py(tmp_path: Path) -> None:
    assert site_language(ROOTS / "test-basic") == "zh_CN"
    assert site_language(ROOTS / "test-english") == "en"
    assert site_language(tmp_path) is None  # not a site
    (tmp_path / "conf.py").write_text("project = 'x'\n", encoding="utf-8")
    assert site_language(tmp_path) == "en"  # Sphinx's default


def test_make_import_speaks_the_sites_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "site"
    shutil.copytree(ROOTS / "test-english", site)
    source = tmp_path / "weekly-7.md"
    source.write_text(
        "---\ntitle: Weekly 7\ndate: 2024-03-05\nauthors: [Ada]\neditor: Grace\n---\n\n"
        "## News\n\n- [A release](https://example.com/release): what changed.\n",
        encoding="utf-8",
    )
    bad = tmp_path / "bad.md"
    bad.write_text("no front matter\n", encoding="utf-8")
    assert importer.main([str(source), str(bad), "--root", str(site)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{source} → issues/007.md (written): 1 news item, 1 section, 0 passages kept in the body",
        "  section News: 1 item",
        f"{bad}:1: error: The front matter is missing"
        " (the file should start with a YAML block opened by ---)",
        "2 files, 1 imported, 1 failed",
    ]


def test_make_import_writes_the_sites_word_for_an_anonymous_author(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No author or editor in the source: the catalog's word in the site's language."""
    for root, word in (("test-english", "Anonymous"), ("test-basic", "佚名")):
        site = tmp_path / root
        shutil.copytree(ROOTS / root, site)
        source = tmp_path / "weekly-8.md"
        source.write_text(
            "---\ntitle: Weekly 8\ndate: 2024-03-12\n---\n\n"
            "## News\n\n- [A release](https://example.com/release): what changed.\n"
            "- [Another](https://example.com/other): and this.\n",
            encoding="utf-8",
        )
        assert importer.main([str(source), "--root", str(site), "--number", "8"]) == 0
        front = (site / "issues" / "008.md").read_text(encoding="utf-8").split("---")[1]
        data = yaml.safe_load(front)
        assert (data["authors"], data["editor"]) == ([word], word)
        out = capsys.readouterr().out
        assert word in out.split("\n", 2)[2]  # the notes, after the summary
        if word == "Anonymous":
            assert "(written): 2 news items, 1 section, 0 passages kept in the body" in out


# -- one weekly, two interfaces ----------------------------------------------


def _build(src: Path, language: str) -> tuple[Project, Path]:
    """The fixture in ``language``: its HTML, and its WeChat and e-mail editions of issue 1."""
    project = Project(src)
    project.build(confoverrides={"language": language})
    channels = src / "_build" / "channels"
    for channel in ("wechat", "email"):
        app = SphinxTestApp(
            channel,
            srcdir=src,
            builddir=channels,
            status=StringIO(),
            warning=StringIO(),
            confoverrides={"language": language, "newsletter_channel_issue": 1},
        )
        try:
            app.build()
        finally:
            app.cleanup()
    return project, channels


@pytest.fixture(scope="module")
def english(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, Path]:
    src = tmp_path_factory.mktemp("english") / "src"
    shutil.copytree(ROOTS / "test-english", src)
    return _build(src, "en")


@pytest.fixture(scope="module")
def chinese(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, Path]:
    src = tmp_path_factory.mktemp("chinese") / "src"
    shutil.copytree(ROOTS / "test-english", src)
    return _build(src, "zh_CN")


#: Pages of every kind the extension writes or shapes.
PAGES = (
    "index.html",
    "issues/001.html",
    "issues/002.html",
    "projects/index.html",
    "projects/kubernetes.html",
    "tags/index.html",
    "tags/security.html",
    "docs/glossary.html",
    "search.html",
    "blog.html",
)


def _han_in(soup: BeautifulSoup) -> list[str]:
    """Han characters in a page's text and in its attributes' values."""
    found = HAN.findall(soup.get_text())
    for tag in soup.find_all(True):
        for value in tag.attrs.values():
            found += HAN.findall(" ".join(value) if isinstance(value, list) else value)
    return found


def test_an_english_weekly_shows_no_chinese_anywhere(english: tuple[Project, Path]) -> None:
    project, channels = english
    html = project.outdir
    pages = sorted(p for p in html.rglob("*.html") if "_static" not in p.parts)
    assert {p.relative_to(html).as_posix() for p in pages} >= set(PAGES)
    assert {
        p.relative_to(html).as_posix(): _han_in(project.html(str(p.relative_to(html))))
        for p in pages
    } == {p.relative_to(html).as_posix(): [] for p in pages}
    search = project.html("search.html").select_one(".archive-search")
    messages = json.loads(search["data-messages"])
    assert messages["loading"] == "Loading the search index…"
    for feed in sorted((html / "feeds").rglob("*.xml")):
        parsed = parse_atom(feed)
        titles = [parsed.feed.title, parsed.feed.get("subtitle", "")]
        titles += [entry.title for entry in parsed.entries]
        assert [t for t in titles if HAN.search(t)] == [], feed.name
    for edition in (channels / "wechat").glob("*.html"):
        soup = BeautifulSoup(edition.read_text(encoding="utf-8"), "html.parser")
        assert _han_in(soup) == [], edition.name
    message = email.message_from_bytes(
        (channels / "email" / "001.eml").read_bytes(), policy=policy.default
    )
    assert message["Subject"] == "Example Weekly issue 1 · 2024-01-02"
    for part in message.iter_parts():
        assert HAN.findall(part.get_content()) == [], part.get_content_type()


def _counts(project: Project) -> dict[str, str]:
    """The counts pages show: the tag index, a project card, a tag's line, a description."""
    card = ".project-card > p:last-of-type, #tag-release > p"
    tags = project.html("tags/index.html")
    return {
        "tags": " | ".join(span.get_text() for span in tags.select(".topic-count")),
        "index": tags.select_one("#tags p").get_text().split(" ", 2)[1],
        "envoy": project.html("projects/envoy.html").select_one(card).get_text(),
        "kubernetes": project.html("projects/kubernetes.html").select_one(card).get_text(),
        "release": project.html("tags/release.html").select_one(card).get_text(),
        "description": project.html("projects/envoy.html").select_one('meta[name="description"]')[
            "content"
        ],
    }


def test_an_english_weekly_counts_one_item_and_two_items(english: tuple[Project, Path]) -> None:
    counts = _counts(english[0])
    assert counts["tags"] == "3 news items | 1 news item | 1 news item"
    assert counts["index"] == "tags."
    assert counts["envoy"].startswith("1 news item. ")
    assert counts["kubernetes"].startswith("2 news items. ")
    assert counts["release"].startswith("1 news item, 1 issue. ")
    assert counts["description"].startswith("Envoy: 1 related news item in Example Weekly")


def test_the_same_counts_in_chinese_have_one_form(chinese: tuple[Project, Path]) -> None:
    counts = _counts(chinese[0])
    assert counts["tags"] == "3 条新闻 | 1 条新闻 | 1 条新闻"
    assert counts["envoy"].startswith("共 1 条新闻。")
    assert counts["kubernetes"].startswith("共 2 条新闻。")
    assert counts["release"].startswith("共 1 条新闻、1 期周报。")


def test_an_english_weekly_names_its_pages_in_english(english: tuple[Project, Path]) -> None:
    project, _channels = english
    issue = project.html("issues/001.html")
    assert issue.select_one(".issue-meta").get_text() == "Issue 1 · 2024-01-02"
    assert issue.select_one(".issue-authors").get_text() == "This week's authors: Ada, Grace"
    nav = [a.get_text() for a in issue.select(".reader-nav-links a")]
    assert nav[:2] == ["Home", "All issues"]
    tag = project.html("tags/security.html")
    assert tag.select_one("#tag-security h1").get_text() == "Tag: security"


def test_an_english_weekly_warns_in_english_as_its_checker_does(
    english: tuple[Project, Path], tmp_path: Path
) -> None:
    project, _channels = english
    built = located(project.warnings.splitlines())
    assert [m for _f, _l, m in built if HAN.search(m)] == []
    assert ("issues/002.md", 20, 'News item "An item with no body" has no body') in built
    tools = tmp_path / "tools"
    shutil.copytree(ROOTS / "test-english", tools)
    activate_site_language(tools)
    said = check.check_archive(tools)
    errors = located(str(m) for m in said if m.problem.severity == "error")
    assert errors  # the unknown project, the missing body, the missing editor...
    assert errors <= built  # ...each said by the build in the same English words


def test_the_same_weekly_in_chinese_shows_todays_chinese(chinese: tuple[Project, Path]) -> None:
    project, channels = chinese
    issue = project.html("issues/001.html")
    assert issue.select_one(".issue-meta").get_text() == "第 1 期 · 2024-01-02"
    assert issue.select_one(".issue-authors").get_text() == "本周作者：Ada，Grace"
    nav = [a.get_text() for a in issue.select(".reader-nav-links a")]
    assert nav[:2] == ["首页", "全部期刊"]
    assert (
        project.html("tags/security.html").select_one("#tag-security h1").get_text()
        == "标签：security"
    )
    search = project.html("search.html").select_one(".archive-search")
    assert search.select_one("h1").get_text() == "搜索归档"
    assert json.loads(search["data-messages"])["loading"] == "正在加载搜索索引……"
    assert parse_atom(project.outdir / "feeds" / "issues.xml").feed.subtitle == (
        "Example Weekly：每期全文"
    )
    built = located(project.warnings.splitlines())
    assert ("issues/002.md", 20, "新闻条目“An item with no body”没有正文") in built
    message = email.message_from_bytes(
        (channels / "email" / "001.eml").read_bytes(), policy=policy.default
    )
    assert message["Subject"] == "Example Weekly 第 1 期 · 2024-01-02"


def test_an_edited_translation_reaches_every_page_on_the_next_build(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Documents keep the words they were read with: a new catalog re-reads them."""
    catalogs = tmp_path / "locale"
    shutil.copytree(i18n.LOCALE_DIR, catalogs)
    monkeypatch.setattr(i18n, "LOCALE_DIR", catalogs)
    project.build()
    assert project.html("issues/001.html").select_one(".issue-meta").get_text() == (
        "第 1 期 · 2024-01-02"
    )
    catalog = _catalog()
    catalog["Issue {number} · {date}"].string = "{date} 第 {number} 期"
    with (catalogs / "zh_CN" / "LC_MESSAGES" / "newsletter.mo").open("wb") as mo:
        write_mo(mo, catalog)
    project.build()
    assert project.html("issues/001.html").select_one(".issue-meta").get_text() == (
        "2024-01-02 第 1 期"
    )
