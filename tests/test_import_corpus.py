"""Importing every published issue of the shared corpus, then building the site.

Each corpus file is imported into a scratch copy of the archive (its issues,
glossary and project registry, without the guides) and built with the real
configuration and ``-W``. The three layouts of issue No. 3 all claim
number 3, so each gets its own scratch copy (the first shares one with the
English weekly). The no-loss test then compares every URL, image and
sentence of the source with the *built* page. The archive's own issues 1 to 3
are held to the same test against the published text they were converted
from (the servicemesher copies), with the review's few corrections declared.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import CORPUS, REPO
from markdown_it import MarkdownIt
from sphinx_process import sphinx_build as run_sphinx

from bench.synthetic import copy_site
from newsletter.cli import importer
from newsletter.cli.importer.credits import credit
from newsletter.cli.importer.hugo import read_hugo, split_front_matter

pytestmark = pytest.mark.slow  # builds of the whole imported corpus

LWCN = "last-week-in-cloud-native"
#: Scratch archives: which corpus folders are imported into each.
SCRATCH = {
    "current": [LWCN, "cloud-native-weekly"],
    "legacy": ["cloud-native-weekly-zh-legacy"],
    "servicemesher": ["cloud-native-weekly-servicemesher"],
}
CORPUS_FILES = sorted(str(p.relative_to(CORPUS)) for p in CORPUS.glob("*/*.md") if CORPUS.is_dir())


def scratch_archive(root: Path) -> Path:
    """A copy of the archive under ``root``: its configuration, issues, glossary
    and project registry, which decide how an imported issue is built, but not
    its guides (a third of each build, and no subject of these tests)."""
    return copy_site(root, guides=False)


#: ``make html``'s build, run inside the scratch archive, without the search
#: index: these tests read the pages, and segmenting and indexing the imported
#: text took a quarter of each build (the site build indexes the archive).
SPHINX_BUILD = (
    *("-b", "html", "-W", "--keep-going", "-q"),
    *("-D", "newsletter_search_index=0", ".", "_build/html"),
)


def sphinx_build(root: Path) -> subprocess.CompletedProcess[str]:
    return run_sphinx(SPHINX_BUILD, cwd=root)


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, dict[str, str]]]:
    """Each scratch archive, imported and built, with the target of each source."""
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    built = {}
    for name, folders in SCRATCH.items():
        root = scratch_archive(tmp_path_factory.mktemp(name))
        registry = importer.load_registry(root / importer.REGISTRY_FILE)[0]
        targets = {}
        for source in importer.sources([CORPUS / f for f in folders]):
            outcome = importer.import_file(source, root, registry, force=True)
            assert not outcome.failed, outcome.status
            targets[str(source.relative_to(CORPUS))] = outcome.target
        result = sphinx_build(root)
        assert result.returncode == 0, result.stderr
        assert "WARNING" not in result.stderr, result.stderr
        built[name] = (root, targets)
    return built


def _site_of(sites: dict[str, tuple[Path, dict[str, str]]], source: str) -> tuple[Path, str]:
    for root, targets in sites.values():
        if source in targets:
            return root, targets[source]
    raise AssertionError(f"{source} was not imported")


def _fold(text: str) -> str:
    """Letters and digits only: what a reader reads, whatever the markup."""
    return "".join(
        ch
        for ch in unicodedata.normalize("NFKC", text).lower()
        if unicodedata.category(ch)[0] in "LN"
    )


def _source_body(source: Path) -> str:
    text = source.read_text(encoding="utf-8")
    return text.split("\n---", 1)[1].split("\n", 1)[1] if text.startswith("---") else text


def _source_html(source: Path) -> BeautifulSoup:
    html = MarkdownIt("commonmark").enable("table").render(_source_body(source))
    return BeautifulSoup(html, "html.parser")


def _page(root: Path, target: str, html_dir: Path | None = None) -> BeautifulSoup:
    html_dir = html_dir or root / "_build" / "html"
    html = (html_dir / target.replace(".md", ".html")).read_text("utf-8")
    article = BeautifulSoup(html, "html.parser").select_one("article.bd-article")
    # The build's own line under each title (网页存档, link health) is not imported text.
    for line in article.select(".news-item-source"):
        line.decompose()
    return article


def _missing_links(source: Path, page: BeautifulSoup, dropped: frozenset[str] = frozenset()):
    """The source's link and image addresses the page lacks.

    An image the source shows from another host, whose file is beside the
    source (a page bundle), is on the page as the archive's own copy.
    """
    original = _source_html(source)
    urls = {a["href"] for a in original.find_all("a", href=True)}
    assert urls
    shown = {img["src"] for img in page.find_all("img", src=True)}
    names = {PurePosixPath(urlsplit(src).path).name for src in shown}

    def on_page(src: str) -> bool:
        name = PurePosixPath(urlsplit(src).path).name
        copied = (source.parent / name).is_file() and any(n.endswith(name) for n in names)
        return src in shown or copied

    images = {img["src"] for img in original.find_all("img", src=True)}
    hrefs = {a["href"] for a in page.find_all("a", href=True)}
    # An address the source shows as text (a link written wrongly) is on the
    # page as text, or as the link the importer repaired it into.
    written = set(_TEXT_URL.findall(original.get_text(" ")))
    shown_text = page.get_text(" ")
    return (
        (urls | {url for url in written if url not in shown_text}) - hrefs - dropped,
        {src for src in images if not on_page(src)} - dropped,
    )


#: An address written as text, up to a space, a bracket or Chinese punctuation.
_TEXT_URL = re.compile(r"https?://[^\s()（）\[\]，。]+")


def _missing_sentences(source: Path, page: BeautifulSoup, corrections: dict[str, str]) -> list:
    # Addresses written as text are checked with the links (_missing_links).
    text = _TEXT_URL.sub(" ", _source_html(source).get_text("\n"))
    for wrong, right in corrections.items():
        text = text.replace(wrong, right)
    sentences = [_fold(s) for s in re.split(r"[。！？!?\n]|\.\s", text)]
    folded = _fold(_TEXT_URL.sub(" ", page.get_text()))
    sentences = [s for s in sentences if s]
    assert len(sentences) >= 10
    return [s for s in sentences if s not in folded]


@pytest.mark.parametrize("source", CORPUS_FILES)
def test_every_url_and_image_is_on_the_built_page(sites, source: str) -> None:
    root, target = _site_of(sites, source)
    assert _missing_links(CORPUS / source, _page(root, target)) == (set(), set())


@pytest.mark.parametrize("source", CORPUS_FILES)
def test_every_sentence_is_on_the_built_page(sites, source: str) -> None:
    root, target = _site_of(sites, source)
    assert _missing_sentences(CORPUS / source, _page(root, target), {}) == []


#: The archive's own issues and the published text each was converted from.
ARCHIVE = {
    "issues/001.md": "cloud-native-weekly-servicemesher/cloud-native-weekly-01.md",
    "issues/002.md": "cloud-native-weekly-servicemesher/cloud-native-weekly-02.md",
    "issues/003.md": "cloud-native-weekly-servicemesher/cloud-native-weekly-03.md",
}
#: Typos the review corrected: the source's sentence survives in its corrected form.
CORRECTIONS = {
    "issues/001.md": {"netwokr": "network"},
    "issues/002.md": {},
    "issues/003.md": {"Serviceless": "Serverless", "kubeCND": "kubeCDN", "的的": "的"},
}
#: Addresses the review left out, each for a reason a reader would accept.
DROPPED = {
    "issues/003.md": frozenset(
        # An image on Alibaba's intranet host: no reader can load it.
        {"https://ata2-img.cn-hangzhou.oss-pub.aliyun-inc.com/daa9da42e6294c624b3252544b2fa7e0.jpg"}
    ),
}


@pytest.mark.parametrize("target", sorted(ARCHIVE))
def test_the_archive_keeps_every_url_and_image_of_its_source(built_site: Path, target: str) -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    page = _page(REPO, target, built_site)
    missing = _missing_links(CORPUS / ARCHIVE[target], page, DROPPED.get(target, frozenset()))
    assert missing == (set(), set())


@pytest.mark.parametrize("target", sorted(ARCHIVE))
def test_the_archive_keeps_every_sentence_of_its_source(built_site: Path, target: str) -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    page = _page(REPO, target, built_site)
    assert _missing_sentences(CORPUS / ARCHIVE[target], page, CORRECTIONS[target]) == []


@pytest.mark.parametrize("source", CORPUS_FILES)
def test_no_markup_leaks_and_items_are_found(sites, source: str) -> None:
    root, target = _site_of(sites, source)
    page = _page(root, target)
    text = page.get_text()
    assert "**" not in text
    assert "\\]" not in text and "](" not in text and "[**" not in text
    items = page.select("article.news-item")
    assert len(items) >= 10
    for item in items:
        link = item.select_one(".news-item-title a.reference")
        assert link is not None and link["href"].startswith(("http://", "https://"))


def test_project_groups_become_item_projects(sites) -> None:
    root, target = _site_of(sites, "cloud-native-weekly/cloud-native-weekly-03.md")
    text = (root / target).read_text(encoding="utf-8")
    istio_group = text.split("### Istio/Envoy 项目", 1)[1].split("###", 1)[0]
    # Each item is about the group's projects it names: Envoy's three are Envoy's.
    assert re.findall(r":projects: (.*)", istio_group) == ["istio, envoy"] + ["envoy"] * 3
    assert "### Kubernetes 项目" in text and ":projects: containerd" in text


def test_dates_and_credits_of_the_three_layouts(sites) -> None:
    for source in (
        "cloud-native-weekly/cloud-native-weekly-03.md",
        "cloud-native-weekly-zh-legacy/cloud-native-weekly-03.md",
        "cloud-native-weekly-servicemesher/cloud-native-weekly-03.md",
    ):
        root, target = _site_of(sites, source)
        text = (root / target).read_text(encoding="utf-8")
        assert "date: 2019-05-07T15:12:53+08:00\n" in text
        assert "editor: 木环\n" in text
        if "legacy" in source or "servicemesher" in source:
            # No authors in their front matter: taken from the closing lines.
            assert "authors: [张磊, 临石, 浔鸣, 天千, 至简, 傅伟, 汤志敏, 王夕宁]\n" in text


def test_a_second_import_changes_nothing(sites) -> None:
    root, targets = sites["current"]
    registry = importer.load_registry(root / importer.REGISTRY_FILE)[0]
    before = {t: (root / t).read_bytes() for t in targets.values()}
    for source in targets:
        outcome = importer.import_file(CORPUS / source, root, registry)
        assert outcome.status == "unchanged"
    assert {t: (root / t).read_bytes() for t in targets.values()} == before


def _list_entries(source: Path) -> list[tuple[int, int]]:
    """The source lines (first, past the end; 1-based) of every top-level list entry."""
    _, body = split_front_matter(source.read_text(encoding="utf-8").replace("\r\n", "\n"))
    tokens = MarkdownIt("commonmark").enable("table").parse(body)
    return [
        (t.map[0] + 1, t.map[1] + 1) for t in tokens if t.type == "list_item_open" and t.level == 1
    ]


@pytest.mark.parametrize("source", CORPUS_FILES)
def test_every_list_entry_is_counted_as_a_reader_would(corpus: Path, source: str) -> None:
    """Each top-level entry is one item, the lead of its own items, or named as not converted.

    Structure, not text: the counts of the summary must add up to the entries a
    reader sees in the source, titles must tell the items apart, and credits
    the source states must reach the front matter.
    """
    path = corpus / source
    registry = importer.load_registry(REPO / importer.REGISTRY_FILE)[0]
    imported = read_hugo(path.read_text(encoding="utf-8"), path.stem, registry)
    lines = [e.line for e in imported.entries]
    unconverted = {line for line, _ in imported.unconverted}
    accounted = 0
    for first, end in _list_entries(path):
        inside = [line for line in lines if first <= line < end]
        assert inside or first in unconverted, f"line {first}: neither an item nor named"
        assert not (inside and first in unconverted), f"line {first}: counted twice"
        # One item for the entry itself, or one per sub-bullet it introduced.
        assert inside == [first] or first not in inside, f"line {first}: {inside}"
        accounted += len(inside)
    assert accounted == len(lines) >= 10
    titles = [e.item.title for e in imported.entries]
    assert len(set(titles)) == len(titles), "two items share a title"
    stated = {
        found[0]
        for line in path.read_text(encoding="utf-8").splitlines()
        if (found := credit(line))
    }
    if "authors" in stated:
        assert imported.issue.authors != ("佚名",)
    if "editor" in stated:
        assert imported.issue.editor != "佚名"
