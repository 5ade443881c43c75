"""Every page ready to be shared: one description per page, by its page type."""

from __future__ import annotations

import datetime as dt
import re

from bs4 import BeautifulSoup

from newsletter.core import descriptions
from newsletter.core.cjk import CJK_CLASS
from newsletter.core.model import Issue

SITE = "云原生生态周报"
#: Full-width punctuation and curly quotes, and the ideographs.
PUNCTUATION = "\u2018\u2019\u201c\u201d\u3000-\u303f\uff00-\uffef"
BAD_SPACE = re.compile(
    f"\\s[{PUNCTUATION}]|[{PUNCTUATION}]\\s|(?<=[{CJK_CLASS}])\\s(?=[{CJK_CLASS}])"
)


def test_clean_spaces_chinese_as_it_is_written() -> None:
    assert descriptions.clean("Serverless、\n容器运行时") == "Serverless、容器运行时"
    assert descriptions.clean("例如 issues/003.md 。 新的") == "例如 issues/003.md。新的"
    assert descriptions.clean("Kubernetes  与\tIstio") == "Kubernetes 与 Istio"
    assert descriptions.clean("中文\n换行") == "中文换行"


def test_shorten_keeps_whole_sentences() -> None:
    text = "第一句话。" * 30
    assert descriptions.shorten(text, limit=12) == "第一句话。第一句话。"
    assert descriptions.shorten("没有句号的很长的一段话" * 3, limit=10) == "没有句号的很长的一…"
    assert descriptions.shorten("短。") == "短。"


def issue(number: int, day: str) -> Issue:
    return Issue(f"issues/{number:03d}", number, dt.date.fromisoformat(day), f"第 {number} 期")


def test_the_rules_of_the_generated_pages() -> None:
    latest = issue(12, "2019-05-07")
    assert descriptions.topic_description("Kubernetes", 12, latest, SITE) == (
        "Kubernetes：云原生生态周报中 12 条相关新闻，最近一条 2019-05-07"
    )
    assert descriptions.topic_description("安全", 3, latest, SITE, tag=True) == (
        "标签“安全”：云原生生态周报中 3 条相关新闻，最近一条 2019-05-07"
    )
    assert descriptions.topic_description(
        "服务网格", 0, None, SITE, tag=True, whole_issues=[latest]
    ) == ("标签“服务网格”：云原生生态周报中以此为主题的 1 期，最近一期 2019-05-07")
    issues = [issue(1, "2019-04-23"), latest]
    assert descriptions.issues_description(f"{SITE} 2019 年的各期", issues) == (
        "云原生生态周报 2019 年的各期，共 2 期（第 1–12 期），最新一期为第 12 期 · 2019-05-07"
    )


def description(page: BeautifulSoup) -> str:
    (meta,) = page.find_all("meta", attrs={"name": "description"})
    return meta["content"]


def nav_texts(page: BeautifulSoup) -> list[str]:
    """The text of each navigation block: sidebars, menus, footers, lists of issues."""
    regions = page.select("nav, footer, .bd-sidebar-primary, .bd-sidebar-secondary, .issue-list")
    return [text for r in regions if (text := " ".join(r.get_text().split()))]


def test_every_page_has_one_description_that_reads_well(
    site_pages: dict[str, BeautifulSoup],
) -> None:
    assert {"index.html", "issues/003.html", "projects/kubernetes.html", "tags/安全.html",
            "blog/2019.html", "blog/author/张磊.html", "search.html", "docs/glossary.html",
            "docs/editors.html", "projects/index.html", "tags/index.html"} <= set(site_pages)  # fmt: skip
    for name, page in site_pages.items():
        text = description(page)
        assert text.strip(), name
        assert "  " not in text, name
        assert not BAD_SPACE.search(text), (name, text)
        # A description that ran on into a block of navigation would hold it whole.
        assert not [nav for nav in nav_texts(page) if nav in text], (name, text)
        og = page.find_all("meta", attrs={"property": "og:description"})
        assert [m["content"] for m in og] in ([], [text]), name


def test_each_page_type_has_its_rule(site_pages: dict[str, BeautifulSoup]) -> None:
    def of(name: str) -> str:
        return description(site_pages[name])

    assert re.fullmatch(
        r"Kubernetes：云原生生态周报中 \d+ 条相关新闻，最近一条 \d{4}-\d\d-\d\d",
        of("projects/kubernetes.html"),
    )
    assert re.fullmatch(
        r"标签“安全”：云原生生态周报中 \d+ 条相关新闻，最近一条 \S+", of("tags/安全.html")
    )
    assert re.match(r"云原生生态周报 2019 年的各期，共 \d+ 期", of("blog/2019.html"))
    assert of("blog/author/张磊.html").startswith("张磊参与撰写的云原生生态周报")
    assert of("search.html") == descriptions.search_description(SITE)
    assert of("issues/003.html").startswith("Docker Hub 遭入侵")
    # The home page: its first paragraph, without the "最新一期" list after it.
    home = of("index.html")
    assert home.startswith("《云原生生态周报》（Cloud Native Weekly）每周汇总")
    assert "Serverless、容器运行时" in home
    assert "最新一期" not in home
    glossary = site_pages["docs/glossary.html"].select_one("article p")
    assert of("docs/glossary.html") == descriptions.shorten(glossary.get_text())
