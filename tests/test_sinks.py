"""Editor text is only ever text, at every sink, and published HTML keeps to one allow-list.

One issue fills every front-matter field and every item option with hostile
values in many spellings (raw tags, entities, numeric references, Markdown
escapes, double encoding, quotes that break attributes, ``</title>``,
``javascript:``, Jinja). The real site (theme, ablog, sphinxext-opengraph,
feeds, ``news.json``) is built from it without ``-W`` (so the refused values
reach the templates: the sinks must hold on their own) and with ``-W``, and
the WeChat and e-mail editions are built too. Every ``.html``, ``.xml`` and
``.json`` file written is parsed, and no element or attribute in it may come
from those values.
"""

from __future__ import annotations

import email
import json
import re
import shutil
from email import policy
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup, Comment
from conftest import Project, site_with_more_issues, sphinx_build
from test_channels import build_channel

from newsletter.core.html_policy import (
    ATTRIBUTES,
    ELEMENTS,
    URL_SCHEMES,
    clean_html,
    unsafe_urls,
)

#: The marker of text that must stay text: it may only ever be the text of
#: an element the site itself puts text in.
MARK = "ZQX"
#: Hostile spellings: each would be a live element, attribute or script if
#: a sink printed it unescaped, or un-escaped it (``striptags``).
SPELLINGS = (
    "<img src=x onerror=alert(1)>",
    "&lt;img src=x onerror=alert(2)&gt;",
    "&#60;script&#62;alert(3)&#60;/script&#62;",
    f"\\<b onclick=alert(4)\\>{MARK}\\</b\\>",
    "&amp;lt;i onclick=alert(5)&amp;gt;",
    '" onmouseover="alert(6)',
    "' onfocus='alert(7)",
    "</title><script>alert(8)</script>",
    f"<u>{MARK}</u>",
    f"&lt;u&gt;{MARK}&lt;/u&gt;",
    f"&#x3C;u&#x3E;{MARK}&#x3C;/u&#x3E;",
    f"\\<u\\>{MARK}\\</u\\>",
    "javascript:alert(9)",
    "{{ 7*7 }}",
    "<svg onload=alert(10)>",
)
HOSTILE = " ".join(SPELLINGS)

#: Elements the site itself fills with text (headings, links, list items,
#: the topic pages' folded years …).
CARRIERS = frozenset(
    {"title", "h1", "h2", "h3", "h4", "h5", "h6", "p", "a", "span", "li", "em", "strong"}
    | {"code", "blockquote", "td", "th", "dt", "dd", "div", "abbr", "article", "section"}
    | {"summary"}
)
#: Attributes whose value a browser follows as a URL.
URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcset"}
)


def _yaml(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)  # JSON is YAML, quotes and all


def hostile_issue() -> str:
    front = {
        "number": 4,
        "date": "2020-01-29",
        "title": f"T {HOSTILE}",
        "summary": f"S {HOSTILE}",
        "authors": list(SPELLINGS),
        "editor": f"E {HOSTILE}",
        "publisher": f"P {HOSTILE}",
        "image": '_static/covers/weekly.png" onerror="alert(11)',
        "draft": False,
        "tags": list(SPELLINGS),
    }
    lines = ["---", *(f"{key}: {_yaml(value)}" for key, value in front.items()), "---"]
    return "\n".join(
        [
            *lines,
            "",
            "## 业界要闻",
            "",
            f":::{{news}} N {HOSTILE}",
            ":link: javascript:alert(12)",
            ":projects: kubernetes, <img src=x onerror=alert(13)>",
            f":tags: {', '.join(SPELLINGS)}",
            ':id: x"><img src=x onerror=alert(14)>',
            "",
            f"正文 {HOSTILE} [x](javascript:alert(15))",
            "",
            '<a href="javascript:alert(16)" onclick="alert(17)">raw</a>',
            ":::",
            "",
            f":::{{news}} M {HOSTILE}",
            ':link: https://example.com/a" onmouseover="alert(18)',
            ":noglossary: <b onclick=alert(19)>",
            "",
            "正文二。",
            ":::",
            "",
        ]
    )


#: A second issue whose only hostile field is ``draft`` (a flag cannot hold
#: text and still publish the first issue).
DRAFT_ISSUE = """\
---
number: 5
date: 2020-02-05
title: 第五期
summary: 摘要。
authors: [甲]
editor: 乙
draft: "<b onclick=alert(20)>"
---

## 业界要闻

:::{news} 一条
:link: https://example.com/5

正文。
:::
"""


def _line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.split("\n"), 1) if needle in line)


# -- what the output may not hold ---------------------------------------------


def _browser_scheme(url: str) -> str:
    cleaned = re.sub(r"[\t\n\r]", "", url).lstrip("\x00 \x0c")
    match = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", cleaned)
    return match.group(1).lower() if match else ""


def html_problems(markup: str, where: str) -> list[str]:
    """Everything in ``markup`` that came alive from a hostile value."""
    soup = BeautifulSoup(markup, "html.parser")
    problems = []
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if name.lower().startswith("on"):
                problems.append(f"{where}: <{element.name} {name}={text[:40]!r}>")
            if name.lower() in URL_ATTRIBUTES and _browser_scheme(text) not in (
                "",
                *URL_SCHEMES,
            ):
                problems.append(f"{where}: <{element.name} {name}={text[:40]!r}>")
        if element.name in ("script", "style") and re.search(
            rf"alert\(|{MARK}", element.get_text()
        ):
            problems.append(f"{where}: <{element.name}> {element.get_text()[:60]!r}")
    for string in soup.find_all(string=re.compile(MARK)):
        parent = string.parent.name if string.parent is not None else ""
        if isinstance(string, Comment) or parent not in CARRIERS | {"[document]"}:
            problems.append(f"{where}: {MARK} inside <{parent}>")
    return problems


def xml_problems(path: Path, where: str) -> list[str]:
    """Atom text stays text; HTML content and every link are checked as HTML."""
    problems = []
    for element in ElementTree.parse(path).iter():
        name = element.tag.rsplit("}", 1)[-1]
        kind = element.get("type", "text")
        if name in ("title", "subtitle", "summary", "rights") and kind != "text":
            problems.append(f"{where}: <{name} type={kind}>")
        if kind in ("html", "xhtml") and element.text:
            problems += html_problems(element.text, f"{where} <{name}>")
        if name == "script":
            problems.append(f"{where}: <script>")
        urls = [(a, v) for a, v in element.attrib.items() if a in ("href", "src", "uri")]
        if name == "loc":  # the sitemap's addresses
            urls.append(("text", element.text or ""))
        for attribute, value in urls:
            if _browser_scheme(value) not in ("", *URL_SCHEMES):
                problems.append(f"{where}: {name}[{attribute}]={value[:40]!r}")
    return problems


def output_problems(root: Path) -> tuple[list[str], int]:
    """Problems in every HTML, XML and JSON file under ``root``, and how many were read."""
    problems, read = [], 0
    for path in sorted(root.rglob("*")):
        where = str(path.relative_to(root))
        if path.suffix == ".html":
            problems += html_problems(path.read_text(encoding="utf-8"), where)
        elif path.suffix == ".xml":
            problems += xml_problems(path, where)
        elif path.suffix == ".json":
            json.loads(path.read_text(encoding="utf-8"))  # data, never markup
        else:
            continue
        read += 1
    return problems, read


# -- the site, built from the hostile issue -------------------------------------


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The real site with the hostile issue, built without ``-W``."""
    site = site_with_more_issues(tmp_path_factory.mktemp("sinks") / "site", 0)
    site.write("issues/004.md", hostile_issue())
    site.write("issues/005.md", DRAFT_ISSUE)
    site.build()
    return site


def _warned_lines(warnings: str, path: str) -> set[int]:
    return {int(n) for n in re.findall(rf"{re.escape(path)}:(\d+): (?:WARNING|ERROR)", warnings)}


def _refused_lines() -> set[int]:
    """Lines whose values the dialect and the build refuse, with a message each."""
    text = hostile_issue()
    return {
        _line_of(text, "title: "),
        _line_of(text, ":link: javascript:"),
        _line_of(text, ":projects:"),
        _line_of(text, '<a href="javascript:alert(16)"'),
    }


def test_the_refused_values_are_located_warnings(hostile_site: Project) -> None:
    warnings = hostile_site.warning_lines()
    assert warnings, "the hostile issue must be refused somewhere"
    assert all("/issues/004.md:" in w or "/issues/005.md:" in w for w in warnings), warnings
    assert _refused_lines() <= _warned_lines(hostile_site.warnings, "issues/004.md")
    assert "Traceback" not in hostile_site.warnings


def test_no_page_feed_or_data_file_holds_a_live_hostile_value(hostile_site: Project) -> None:
    out = hostile_site.outdir
    for page in ("issues/004.html", "blog/author.html", "blog/2020.html", "tags/index.html"):
        assert (out / page).is_file(), page
    assert list((out / "blog" / "author").glob("*.html"))
    assert (out / "feeds").is_dir() and (out / "news.json").is_file()
    problems, read = output_problems(out)
    assert read > 30
    assert problems == []


def test_titles_and_meta_values_are_the_editors_text(hostile_site: Project) -> None:
    news = hostile_site.news()
    (record,) = [issue for issue in news["issues"] if issue["number"] == 4]
    title, summary = record["title"], record["summary"]
    # The schema refuses a hostile title and summary at the source (issue 26):
    # the page then shows the fallback title, and no summary.
    assert title == "第 4 期" and summary == ""
    page = hostile_site.html("issues/004.html")

    def meta(**attrs: str) -> list[str]:
        return [tag["content"] for tag in page.find_all("meta", attrs=attrs)]

    assert meta(property="og:title") == [title]
    assert meta(name="twitter:title") == [title]
    # With no summary, the description is the page's own text, as an attribute value.
    assert meta(property="og:description") == meta(name="description")
    assert set(meta(property="article:author")) <= set(SPELLINGS)
    assert set(meta(property="article:tag")) <= set(SPELLINGS)
    # The tab: number and lead story, as text.
    tab = page.title.get_text()
    lead = tab.split(" — ")[0].removeprefix("第 4 期：").rstrip("…")
    assert tab.startswith("第 4 期") and lead in page.get_text()
    # The theme's print-only heading shows the page's heading, as text.
    heading = page.select_one("article.bd-article h1")
    heading_text = heading.get_text().removesuffix("#").rstrip("¶")
    assert page.select_one("#jb-print-docs-body h1").get_text() == heading_text
    # Item titles on the page are the titles news.json holds.
    shown = [h.get_text().rstrip("¶") for h in page.select("article.news-item .news-item-title")]
    assert shown == [item["title"] for item in news["items"] if item["issue"] == 4]


def test_ablog_lists_show_titles_and_names_as_text(hostile_site: Project) -> None:
    title = next(i["title"] for i in hostile_site.news()["issues"] if i["number"] == 4)
    posts = (
        "h2.ablog-post-title a[href$='issues/004.html'], .ablog__catalog_post a[href$='004.html']"
    )
    for page in ("blog/2020.html", "blog/archive.html", "blog/author.html"):
        links = hostile_site.html(page).select(posts)
        assert links and {a.get_text(strip=True) for a in links} == {title.strip()}, page
    authors = hostile_site.html("blog/author.html").select(".ablog__catalog_header h2 a")
    names = {a.get_text(strip=True) for a in authors}
    # The schema refuses names with tags or entities (issue 26); the spellings
    # it lets through as plain text are shown as text, with no element.
    assert names & {spelling.strip() for spelling in SPELLINGS}
    assert [a for a in authors if a.find(True)] == []
    # Each author's own page is titled with the name, as text (ablog gives
    # names that slugify alike one page).
    for path in (hostile_site.outdir / "blog" / "author").glob("*.html"):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        heading = page.title.get_text().split(" — ")[0]
        assert heading.removeprefix("作者：").strip() in names
        assert page.find("meta", property="og:title")["content"] == heading


def test_issue_pages_keep_only_the_allow_list(hostile_site: Project) -> None:
    article = hostile_site.html("issues/004.html").select_one("article.bd-article")
    # The search view wraps the allow-listed body in one marker of its own.
    (wrapper,) = article.select("[data-pagefind-body]")
    del wrapper["data-pagefind-body"]
    for element in article.find_all(True):
        assert element.name in ELEMENTS, element.name
        allowed = ATTRIBUTES["*"] | ATTRIBUTES.get(element.name, set())
        assert set(element.attrs) <= allowed, (element.name, element.attrs)


def test_the_channel_editions_keep_only_the_allow_list(hostile_site: Project) -> None:
    document = {"html", "head", "meta", "title", "body"}
    out = build_channel(hostile_site, "wechat", 4)
    article = BeautifulSoup((out / "004.html").read_text(encoding="utf-8"), "html.parser")
    assert article.title.get_text() == next(
        i["title"] for i in hostile_site.news()["issues"] if i["number"] == 4
    )
    assert {e.name for e in article.find_all(True)} <= ELEMENTS | document
    problems = [
        p
        for path in sorted(out.glob("004*.html"))
        for p in html_problems(path.read_text(encoding="utf-8"), path.name)
    ]
    out = build_channel(hostile_site, "email", 4)
    message = email.message_from_bytes((out / "004.eml").read_bytes(), policy=policy.default)
    html = message.get_body(("html",)).get_content()
    problems += html_problems(html, "004.eml")
    problems += html_problems((out / "004.html").read_text(encoding="utf-8"), "email 004.html")
    body = BeautifulSoup(html, "html.parser")
    assert {e.name for e in body.find_all(True)} <= ELEMENTS | document
    assert problems == []


def test_a_warnings_as_errors_build_writes_nothing_live(
    hostile_site: Project, tmp_path: Path
) -> None:
    """``-W`` fails on the refused values; what that run wrote is inert all the same."""
    source = tmp_path / "src"
    shutil.copytree(hostile_site.src, source, ignore=shutil.ignore_patterns("_build"))
    result = sphinx_build(source, tmp_path / "out", "-E")
    assert result.returncode != 0
    assert _refused_lines() <= _warned_lines(result.stderr, "issues/004.md")
    assert "Traceback" not in result.stderr
    problems, read = output_problems(tmp_path / "out" / "html")
    assert read > 30
    assert problems == []


# -- the allow-list itself ------------------------------------------------------

#: Constructs the dialect refuses, each as raw HTML would carry it.
REFUSED = (
    "<script>alert(1)</script>",
    "<style>body{display:none}</style>",
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<base href="https://evil.example/">',
    '<iframe src="https://evil.example/" srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="https://evil.example/x.swf"></object><embed src="x.swf">',
    '<form action="https://evil.example/"><input name="q"><button formaction="x">go</button>'
    "<textarea></textarea><select><option>1</option></select></form>",
    "<svg onload=alert(1)><a xlink:href='javascript:alert(1)'><text>t</text></a></svg>",
    "<math><mi>x</mi></math>",
    "<details open ontoggle=alert(1)><summary>s</summary></details>",
    '<p onclick="alert(1)" style="position:fixed" data-x="1">p</p>',
    '<a href="javascript:alert(1)">j</a><a href="JaVaScRiPt:alert(1)">J</a>',
    '<a href="java&#x09;script:alert(1)">tab</a><a href="&#106;avascript:alert(1)">ent</a>',
    '<a href=" vbscript:msgbox(1)">v</a><img src="data:image/svg+xml,<svg onload=alert(1)>">',
    '<img src=x onerror=alert(1)><video poster="javascript:1"><source src="x"></video>',
    "<marquee>m</marquee><template><img src=x onerror=alert(1)></template>",
)


@pytest.mark.parametrize("fragment", REFUSED)
def test_the_allow_list_drops_every_refused_construct(fragment: str) -> None:
    cleaned = clean_html(fragment)
    soup = BeautifulSoup(cleaned, "html.parser")
    for element in soup.find_all(True):
        assert element.name in ELEMENTS, cleaned
        assert set(element.attrs) <= ATTRIBUTES["*"] | ATTRIBUTES.get(element.name, set())
    assert html_problems(cleaned, "fragment") == []
    assert unsafe_urls(cleaned) == []
    assert "alert" not in soup.get_text()  # script and style go with their content


def test_the_allow_list_keeps_what_the_dialect_produces() -> None:
    fragment = (
        '<section id="s"><h2>标题</h2><article class="news-item" id="a">'
        '<h3 class="news-item-title"><a class="reference external" href="https://e.com/"'
        ' rel="noopener noreferrer">t</a></h3><p class="news-item-meta"><span class="x">p</span>'
        '</p><p><em>e</em><strong>s</strong><code class="literal">c</code><br>'
        '<a href="mailto:a@e.com">m</a><a href="../docs/x.html#y" title="t">l</a>'
        '<abbr title="Kubernetes">K8s</abbr><a class="footnote-reference" href="#f" role="doc-noteref">'
        '<span class="fn-bracket">[</span>1</a><sup>[1]</sup></p><ul class="simple"><li>u</li></ul>'
        '<ol start="3"><li>o</li></ol><blockquote><p>q</p></blockquote>'
        '<table class="table"><thead><tr class="row-odd"><th class="head">h</th></tr></thead>'
        '<tbody><tr><td class="text-left" colspan="2">d</td></tr></tbody></table>'
        '<div class="highlight"><pre><span class="k">def</span></pre></div><hr class="docutils">'
        '<img alt="i" src="https://e.com/x.png"><dl class="glossary"><dt id="term-k">k</dt>'
        '<dd><p>d</p></dd></dl><aside class="footnote" id="f" role="doc-footnote"><p>n</p></aside>'
        "</article></section>"
    )

    def shape(markup: str) -> list[tuple[str, dict]]:
        soup = BeautifulSoup(markup, "html.parser")
        return [(e.name, e.attrs) for e in soup.find_all(True)]

    assert shape(clean_html(fragment)) == shape(fragment)


def test_raw_html_on_any_page_is_read_for_refused_schemes(project: Project) -> None:
    """The maintainers' pages are trusted, but not with a script link (entities and all)."""
    project.write(
        "docs/raw.md",
        '# 原始 HTML\n\n<p class="keep">保留</p>\n\n<a href="jav&#x61;script:alert(1)">链接</a>\n',
    )
    project.write("index.md", "# 测试归档\n\n```{toctree}\ndocs/raw\n```\n")
    project.build()
    warnings = [w for w in project.warning_lines() if "docs/raw.md" in w]
    assert len(warnings) == 1 and "docs/raw.md:5:" in warnings[0], warnings
    page = project.html("docs/raw.html")
    assert page.select_one("p.keep").get_text() == "保留"  # safe raw HTML stays
    assert html_problems(str(page), "raw.html") == []
    assert "链接" in page.select_one("article.bd-article, div.body, body").get_text()


SLIPPED = (
    '<img src=x onerror=alert(1)><a href="javascript:alert(2)">slipped</a><script>alert(3)</script>'
)
INJECTOR = f"""
from docutils import nodes


def inject(app, doctree, docname):
    if docname.startswith("issues/"):
        doctree += nodes.raw("", {SLIPPED!r}, format="html")


def setup(app):
    app.connect("doctree-resolved", inject)
"""


def _add_extension(project: Project, name: str, source: str) -> None:
    """Load the module ``source`` into ``project`` as the extension ``name``."""
    project.write(f"{name}.py", source)
    conf = project.src / "conf.py"
    conf.write_text(
        "import sys, os\nsys.path.insert(0, os.path.dirname(__file__))\n"
        + conf.read_text(encoding="utf-8").replace('"newsletter"]', f'"newsletter", "{name}"]'),
        encoding="utf-8",
    )


def test_raw_html_that_slips_past_the_dialect_is_allow_listed(project: Project) -> None:
    """Defence in depth: a raw node added after every check still meets the allow-list."""
    _add_extension(project, "inject", INJECTOR)
    project.build()
    page = project.html("issues/001.html")
    assert page.find("a", string="slipped") is not None  # the node did reach the page
    assert html_problems(str(page), "001.html") == []
    out = build_channel(project, "wechat", 1)
    edition = (out / "001.html").read_text(encoding="utf-8")
    assert "slipped" in edition
    assert html_problems(edition, "wechat 001.html") == []


def test_feed_content_meets_the_allow_list_even_with_a_hostile_address() -> None:
    """The feed's HTML is escaped text first; the allow-list is behind it."""
    import datetime as dt

    from newsletter.core.feed_content import issue_content_html
    from newsletter.core.model import Issue, NewsItem

    issue = Issue("issues/004", 4, dt.date(2020, 1, 29), HOSTILE, summary=HOSTILE)
    item = NewsItem("issues/004", "a", HOSTILE, "https://e.com/", section=HOSTILE, text=HOSTILE)
    content = issue_content_html(issue, [item], lambda _: "javascript:alert(1)")
    assert html_problems(content, "content") == []
    soup = BeautifulSoup(content, "html.parser")
    assert {e.name for e in soup.find_all(True)} <= ELEMENTS
    assert soup.find("h3").get_text() == HOSTILE  # the text, whole


def test_the_site_shows_only_ablog_templates_that_escape() -> None:
    """ablog's other templates print post titles unescaped: a sidebar must not use them."""
    import runpy

    from conftest import REPO

    overridden = {f"ablog/{p.name}" for p in (REPO / "_ext/newsletter/templates/ablog").iterdir()}
    # The yearly archive lists years and counts only, never editor text.
    safe = overridden | {"ablog/archives.html"}
    config = runpy.run_path(str(REPO / "conf.py"))
    used = {name for names in config["html_sidebars"].values() for name in names}
    assert {name for name in used if name.startswith("ablog/")} <= safe


CAPTURE = """
def capture(app, pagename, templatename, context, doctree):
    app.captured_bodies[pagename] = str(context.get("body", ""))


def setup(app):
    app.captured_bodies = {}
    app.connect("html-page-context", capture, priority=1)
"""

#: An issue using every construct of the dialect.
EVERYTHING = """\
---
number: 3
date: 2024-01-03
title: 全部写法
summary: 摘要。
authors: [甲]
editor: 乙
---

## 业界要闻

### Envoy 项目

:::{news} 一条 *新闻* `code`
:link: https://example.com/a
:projects: kubernetes, envoy
:tags: 安全, 版本发布
:id: first-item

段落，*强调*，**加粗**，`代码`，[链接](https://example.com/b)，<https://example.com/auto>，
[邮件](mailto:a@example.com)，[锚点](#first-item)，[页面](001.md)，{project}`envoy`，
{tag}`安全`，脚注[^1]。第二行\\
硬换行。

- 列表
  - 嵌套
3. 有序

> 引用

| 表头 | 二 |
| :--- | --: |
| 格 | 格 |

```python
def f(x):
    return x  # comment
```

    缩进代码

![图](https://example.com/x.png)

% comment

[^1]: 脚注内容。
:::

:::{term-note} Kubernetes
说明文字。
:::
"""


def test_the_allow_list_changes_nothing_the_dialect_produces(project: Project) -> None:
    """Every construct of the dialect, as Sphinx writes it, passes the allow-list untouched."""
    project.write("issues/003.md", EVERYTHING)
    project.write("glossary.md", "# 术语表\n\n:::{glossary}\nKubernetes\n  容器编排。\n:::\n")
    project.write("index.md", "# 测试归档\n\n```{toctree}\nglossary\n```\n")
    _add_extension(project, "capture", CAPTURE)
    app = project.build()
    assert project.warning_lines() == []
    written = app.captured_bodies["issues/003"]  # as Sphinx wrote it, before the allow-list

    def shape(markup: str) -> tuple[list, list]:
        soup = BeautifulSoup(markup, "html.parser")
        return [(e.name, e.attrs) for e in soup.find_all(True)], soup.find_all(string=True)

    elements, _ = shape(written)
    for name in ("table", "aside", "ol", "ul", "blockquote", "pre", "img", "dl", "code", "br"):
        assert any(element == name for element, _ in elements), name
    assert shape(clean_html(written)) == shape(written)
