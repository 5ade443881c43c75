"""The WeChat and e-mail editions, parsed: BeautifulSoup for HTML, ``email`` for the message."""

from __future__ import annotations

import email
import re
import subprocess
from email import policy
from email.message import EmailMessage
from io import StringIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, Project, issue_source, news
from sphinx.testing.util import SphinxTestApp
from sphinx_process import sphinx_build
from test_hostile import HOSTILE
from test_hostile import _scan_html as scan_html

from newsletter.cli.document import read_issue

BASE = "https://weekly.example.com/archive/"
UNSUBSCRIBE = "https://weekly.example.com/unsubscribe?u={{id}}"
#: The smallest valid PNG: one transparent pixel.
PIXEL = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6300010000000500010d0a2db40000000049454e44ae426082"
)


def build_channel(project: Project, channel: str, number: int, **overrides: object) -> Path:
    """Build issue ``number`` with the ``channel`` builder; returns its output folder."""
    app = SphinxTestApp(
        channel,
        srcdir=project.src,
        builddir=project.builddir,
        status=StringIO(),
        warning=StringIO(),
        confoverrides={
            "project": "测试周报",
            "newsletter_channel_issue": number,
            "newsletter_email_unsubscribe": UNSUBSCRIBE,
            "newsletter_email_from": "周报 <weekly@example.com>",
            **overrides,
        },
    )
    try:
        app.build()
    finally:
        app.cleanup()
    project.warnings = app._warning.getvalue()
    return Path(app.outdir)


def source_links(path: Path) -> tuple[list[str], list[str]]:
    """Item titles and source links of an issue file, read by the checker's own reader."""
    document = read_issue(path, path.parent.parent)
    items = [source.item for source in document.items]
    return [item.title for item in items], [item.link for item in items]


def assert_no_site_styling(soup: BeautifulSoup) -> None:
    assert soup.find_all(["link", "script", "style"]) == []
    assert soup.find_all(class_=True) == []


def references(soup: BeautifulSoup) -> dict[str, int]:
    """The 参考链接 list as URL -> number; each URL once."""
    heading = soup.find("h2", string="参考链接")
    assert heading is not None
    found: dict[str, int] = {}
    for li in heading.find_next("ol").find_all("li"):
        match = re.fullmatch(r"\[(\d+)\] .*：(\S+)", li.get_text(strip=True))
        assert match, li.get_text()
        number, url = int(match.group(1)), match.group(2)
        assert url not in found, f"{url} listed twice"
        found[url] = number
    assert sorted(found.values()) == list(range(1, len(found) + 1))
    return found


def check_wechat(soup: BeautifulSoup, titles: list[str], links: list[str], page_url: str) -> None:
    """What the issue's "Done when" asks of the WeChat file."""
    assert_no_site_styling(soup)
    assert soup.find_all("a") == []  # WeChat strips links: all are references
    numbers = references(soup)
    assert set(links) <= set(numbers)
    for title, link in zip(titles, links, strict=True):
        heading = next(h for h in soup.find_all("h3") if h.get_text().startswith(title))
        assert heading.get_text() == f"{title}[{numbers[link]}]"
    text = soup.get_text()
    for number in numbers.values():
        assert f"[{number}]" in text.split("参考链接")[0]
    assert page_url in soup.find_all("p")[-1].get_text()
    assert all(tag.get("style") for tag in soup.find_all(["h1", "h2", "h3", "p"]))


@pytest.fixture
def issue(project: Project) -> Project:
    """The basic project plus an issue with a repeated link, a site link and an image."""
    project.write("_static/pixel.png", "").write_bytes(PIXEL)
    items = news(
        "重复链接的条目",
        link="https://example.com/same",
        body="正文里[再次链接](https://example.com/same)同一地址，"
        "另有[第二个地址](https://example.org/other)。\n\n![示意图](../_static/pixel.png)"
        "\n\n```python\nimport os\n```",
        projects="kubernetes",
        tags="安全",
    ) + news("第二条", link="https://example.net/two")
    project.write("issues/003.md", issue_source(3, items, date="2019-05-07"))
    return project


def test_wechat_file_has_inline_styles_and_numbered_references(issue: Project) -> None:
    out = build_channel(issue, "wechat", 3)
    soup = BeautifulSoup((out / "003.html").read_text(encoding="utf-8"), "html.parser")
    titles, links = source_links(issue.src / "issues/003.md")
    check_wechat(soup, titles, links, BASE + "issues/003.html")
    numbers = references(soup)
    # One address, one number, however often it is linked.
    assert len(numbers) == 3
    assert soup.get_text().count(f"[{numbers['https://example.com/same']}]") == 3
    (image,) = soup.find_all("img")
    assert image["src"] == BASE + "_images/pixel.png"
    issue.build()  # the site publishes the image at that address
    assert (issue.outdir / "_images/pixel.png").read_bytes() == PIXEL
    # Code keeps its colours, inlined like the rest.
    keyword = soup.find("pre").find("span", string="import")
    assert "color" in keyword["style"]
    # The project and tag line leads into the site's indexes: not in a channel.
    assert "kubernetes" not in soup.get_text().lower()


def test_copy_page_holds_the_same_article_and_a_copy_button(issue: Project) -> None:
    out = build_channel(issue, "wechat", 3)
    article = BeautifulSoup((out / "003.html").read_text(encoding="utf-8"), "html.parser")
    page = BeautifulSoup((out / "003-copy.html").read_text(encoding="utf-8"), "html.parser")
    assert page.find("button", id="copy").get_text() == "复制到剪贴板"
    copied = page.find(id="article")
    assert copied.find("h1").get_text() == article.find("h1").get_text()
    assert str(copied.find("h2")) == str(article.find("h2"))


def test_email_message_has_two_utf8_parts_with_every_title(issue: Project) -> None:
    out = build_channel(issue, "email", 3)
    message = email.message_from_bytes((out / "003.eml").read_bytes(), policy=policy.default)
    assert isinstance(message, EmailMessage)
    assert message["Subject"] == "测试周报 第 3 期 · 2019-05-07"
    assert message["List-Unsubscribe"] == f"<{UNSUBSCRIBE}>"
    assert message.get_content_type() == "multipart/alternative"
    parts = list(message.iter_parts())
    assert [p.get_content_type() for p in parts] == ["text/plain", "text/html"]
    assert [p.get_content_charset() for p in parts] == ["utf-8", "utf-8"]
    # On the wire (policy.SMTP) lines end in CRLF.
    text, html = (p.get_content().replace("\r\n", "\n") for p in parts)
    titles, links = source_links(issue.src / "issues/003.md")
    for title in titles:
        assert title in text and title in html
    # Plain text: links as numbered references, listed at the end.
    tail = text.split("参考链接", 1)[1]
    for link in links:
        assert link in tail
    soup = BeautifulSoup(html, "html.parser")
    assert_no_site_styling(soup)
    web = soup.find("a", string="在网页上阅读")
    assert web["href"] == BASE + "issues/003.html"
    assert f"在网页上阅读：{BASE}issues/003.html" in text
    # The parts are also written on their own.
    assert (out / "003.txt").read_text(encoding="utf-8") == text
    assert (out / "003.html").read_text(encoding="utf-8") == html


def test_unknown_or_draft_issue_is_refused(issue: Project) -> None:
    out = build_channel(issue, "wechat", 9)
    assert "ERROR: 没有第 9 期" in issue.warnings
    assert not list(out.glob("*.html"))
    draft = issue_source(4, news("草稿条目"), date="2019-05-14").replace(
        "editor: 乙", "editor: 乙\ndraft: true"
    )
    issue.write("issues/004.md", draft)
    out = build_channel(issue, "email", 4)
    assert "ERROR: 第 4 期是草稿（draft: true），不能发布到渠道" in issue.warnings
    assert not list(out.glob("004.*"))


def channel_build(
    channel: str, out: Path, number: int = 3, src: Path = REPO
) -> subprocess.CompletedProcess:
    """What ``make <channel> N=<number>`` runs, against the repository itself by default."""
    return sphinx_build(
        [
            *("-b", channel, "-W", "-q", "-D", f"newsletter_channel_issue={number}"),
            *("-d", str(out / "doctrees"), str(src), str(out / channel)),
        ]
    )


@pytest.mark.slow
def test_issue_3_goes_out_through_both_channels(tmp_path: Path) -> None:
    titles, links = source_links(REPO / "issues/003.md")
    assert len(titles) > 10
    result = channel_build("wechat", tmp_path)
    assert result.returncode == 0, result.stderr
    soup = BeautifulSoup((tmp_path / "wechat/003.html").read_text(encoding="utf-8"), "html.parser")
    site = "https://cloudnative-weekly.readthedocs.io/zh-cn/latest/"
    check_wechat(soup, titles, links, site + "issues/003.html")

    result = channel_build("email", tmp_path)
    assert result.returncode == 0, result.stderr
    message = email.message_from_bytes(
        (tmp_path / "email/003.eml").read_bytes(), policy=policy.default
    )
    assert message["Subject"] == "云原生生态周报 第 3 期 · 2019-05-07"
    assert message["List-Unsubscribe"]
    for part in message.iter_parts():
        content = part.get_content()
        assert all(title in content for title in titles), part.get_content_type()


def test_hostile_issue_goes_out_safe(project: Project) -> None:
    project.write("issues/009.md", HOSTILE)
    out = build_channel(project, "wechat", 9)
    problems = [p for path in sorted(out.glob("009*.html")) for p in scan_html(path)]
    soup = BeautifulSoup((out / "009.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.find(["script", "img", "b", "i"]) is None
    out = build_channel(project, "email", 9)
    message = email.message_from_bytes((out / "009.eml").read_bytes(), policy=policy.default)
    html = message.get_body(("html",)).get_content()
    problems += scan_html(out / "009.html", html)
    assert problems == []
    assert "<script>alert('item')</script>" in message.get_body(("plain",)).get_content()


def test_missing_issue_fails_in_one_line_without_traceback(
    project: Project, tmp_path: Path
) -> None:
    result = channel_build("wechat", tmp_path, number=999, src=project.src)
    assert result.returncode != 0
    assert "没有第 999 期" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
