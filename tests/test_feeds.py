"""Atom feeds of issues, projects and tags, parsed with a real feed parser."""

from __future__ import annotations

import feedparser
import pytest
from conftest import Project, issue_source, news, parse_atom
from sphinx.errors import ConfigError

from newsletter.core.model import tag_slug
from newsletter.views.feeds import feed_path

BASE = "https://weekly.example.com/archive/"
RTD_URL = "https://example.org/zh_CN/latest/"


def _feed(project: Project, path: str) -> feedparser.FeedParserDict:
    return parse_atom(project.outdir / path)


def _all_links(parsed: feedparser.FeedParserDict) -> list[str]:
    links = [parsed.feed.id] + [link.href for link in parsed.feed.links]
    for entry in parsed.entries:
        links.append(entry.id)
        links += [link.href for link in entry.links if link.rel == "alternate"]
    return links


def test_feed_paths_are_the_published_layout() -> None:
    assert feed_path("issues", "") == "feeds/issues.xml"
    assert feed_path("projects", "envoy") == "feeds/projects/envoy.xml"
    assert feed_path("tags", tag_slug("CI/CD")) == "feeds/tags/ci-cd.xml"
    with pytest.raises(ValueError, match="unknown feed kind"):
        feed_path("authors", "x")


def test_issue_feed_lists_issues_newest_first_with_summaries(basic_site: Project) -> None:
    parsed = _feed(basic_site, "feeds/issues.xml")
    assert parsed.feed.id == BASE + "feeds/issues.xml"
    # Entries are named by number and lead story: every issue has the same title.
    assert [e.title for e in parsed.entries] == ["第 2 期：第二期的摘要", "第 1 期：第一期的摘要"]
    newest = parsed.entries[0]
    assert newest.link == BASE + "issues/002.html"
    assert newest.summary == "第二期的摘要。"
    # The offset written in the front matter is kept.
    assert newest.published == "2024-01-09T08:30:00+08:00"
    assert [a.name for a in parsed.entries[1].authors] == ["甲", "乙"]
    assert [t.term for t in parsed.entries[1].tags] == ["测试"]


def test_project_feed_lists_its_news_items(basic_site: Project) -> None:
    parsed = _feed(basic_site, feed_path("projects", "envoy"))
    (entry,) = parsed.entries
    assert entry.title == "Envoy 引入新协议"
    assert entry.link == BASE + "issues/001.html#envoy-protocol"
    assert [link.href for link in entry.links if link.rel == "related"] == [
        "https://example.com/envoy"
    ]
    assert entry.summary == "Envoy 的正文。"
    assert parsed.feed.title.startswith("Envoy")
    assert parsed.feed.links[0].href == BASE + "feeds/projects/envoy.xml"
    project_feeds = {p.name for p in (basic_site.outdir / "feeds/projects").iterdir()}
    assert project_feeds == {"envoy.xml", "istio.xml", "kubernetes.xml", "kubecdn.xml"}


def test_tag_feed_folds_spellings_and_keeps_page_order(project: Project) -> None:
    items = news("甲条目", tags="CI/CD, ci-cd") + news("乙条目", tags="ci-cd")
    project.write("issues/003.md", issue_source(3, items, date="2024-02-01"))
    project.build()
    parsed = _feed(project, feed_path("tags", "ci-cd"))
    assert [e.title for e in parsed.entries] == ["甲条目", "乙条目"]
    assert "CI/CD" in parsed.feed.title


def test_every_link_uses_the_read_the_docs_url_when_set(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READTHEDOCS_CANONICAL_URL", RTD_URL)
    project.build()
    feeds = sorted((project.outdir / "feeds").rglob("*.xml"))
    assert len(feeds) > 5
    for path in feeds:
        links = _all_links(_feed(project, path.relative_to(project.outdir).as_posix()))
        assert links and all(link.startswith(RTD_URL) for link in links), path


def test_feeds_are_rewritten_only_when_they_change(project: Project) -> None:
    project.build()
    issues, envoy = (
        project.outdir / feed_path(k, s) for k, s in [("issues", ""), ("projects", "envoy")]
    )
    stamps = issues.stat().st_mtime_ns, envoy.stat().st_mtime_ns
    project.write("issues/003.md", issue_source(3, news("新条目", projects="kubernetes")))
    project.build()
    assert envoy.stat().st_mtime_ns == stamps[1]
    assert issues.stat().st_mtime_ns != stamps[0]
    assert len(_feed(project, "feeds/issues.xml").entries) == 3


def test_feeds_of_vanished_tags_are_removed(project: Project) -> None:
    project.write("issues/003.md", issue_source(3, news("临时条目", tags="临时")))
    project.build()
    assert (project.outdir / feed_path("tags", "临时")).is_file()
    project.remove("issues/003.md")
    project.build()
    assert not (project.outdir / feed_path("tags", "临时")).exists()


def test_drafts_are_not_in_any_feed(project: Project) -> None:
    draft = issue_source(3, news("草稿条目", tags="草稿标签")).replace(
        "editor: 乙\n", "editor: 乙\ndraft: true\n"
    )
    project.write("issues/003.md", draft)
    project.build()
    assert len(_feed(project, "feeds/issues.xml").entries) == 2
    assert not (project.outdir / feed_path("tags", "草稿标签")).exists()


@pytest.mark.parametrize(
    ("setting", "message"),
    [("", "newsletter_site_url is not set"), ("/relative/", "absolute http")],
)
def test_a_missing_or_relative_site_url_fails_the_build(
    project: Project, setting: str, message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("READTHEDOCS_CANONICAL_URL", raising=False)
    conf = project.src / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace(BASE, setting), encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        project.build()


def test_feeds_hold_the_configured_number_of_newest_entries(project: Project) -> None:
    conf = project.src / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + "newsletter_feed_length = 1\n")
    project.build()
    assert [e.title for e in _feed(project, "feeds/issues.xml").entries] == [
        "第 2 期：第二期的摘要"
    ]


def test_a_new_feed_length_rewrites_the_feeds_on_the_next_build(project: Project) -> None:
    """The length is not part of Sphinx's configuration hash (it rebuilds no
    page), so the feeds' own freshness key must hold it."""
    project.build()
    assert len(_feed(project, "feeds/issues.xml").entries) == 2
    conf = project.src / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + "newsletter_feed_length = 1\n")
    project.build()
    assert [e.title for e in _feed(project, "feeds/issues.xml").entries] == [
        "第 2 期：第二期的摘要"
    ]
