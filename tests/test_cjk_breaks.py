"""Line breaks between Chinese characters in the source are not spaces on the page."""

from __future__ import annotations

from conftest import Project, issue_source, news, parse_atom

from newsletter.core.cjk import join_words

BODY = """\
云原生的关键领域：**无服务器**
（Serverless）、
容器运行时和服务网格。
这里的 **“第一假设”。** 推荐阅读
Kubernetes 与
Istio 的文章，按 `文件:行号`
输出。"""


def _item_paragraph(project: Project) -> str:
    page = project.html("issues/009.html")
    (paragraph,) = [p for p in page.select("article.news-item > p") if "关键领域" in p.get_text()]
    return paragraph.get_text()


def test_breaks_between_chinese_characters_are_dropped_everywhere(project: Project) -> None:
    item = news("换行测试", body=BODY, projects="envoy")
    project.write("issues/009.md", issue_source(9, item, date="2024-02-01"))
    project.build()
    assert project.warning_lines() == []
    expected = (
        "云原生的关键领域：无服务器（Serverless）、容器运行时和服务网格。这里的“第一假设”。推荐阅读\n"
        "Kubernetes 与\nIstio 的文章，按 文件:行号\n输出。"
    )
    assert _item_paragraph(project) == expected
    # The item's text, as feeds and search records carry it, is joined too.
    feed = parse_atom(project.outdir / "feeds/projects/envoy.xml")
    (entry,) = [e for e in feed.entries if e.title == "换行测试"]
    assert (
        "无服务器（Serverless）、容器运行时和服务网格。这里的“第一假设”。推荐阅读" in entry.summary
    )


def test_join_words_spaces_only_between_scripts() -> None:
    assert join_words("云原生", "的新闻数") == "云原生的新闻数"
    assert join_words("Envoy", "的新闻数") == "Envoy 的新闻数"
    assert join_words("作者： ", "张磊") == "作者：张磊"
    assert join_words("", "张磊") == "张磊"
