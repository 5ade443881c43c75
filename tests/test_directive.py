"""The ``news`` directive: rendering, options, sections and anchors."""

from __future__ import annotations

from conftest import Project, issue_source, news


def test_items_render_as_articles_with_title_links(basic_site: Project) -> None:
    page = basic_site.html("issues/001.html")
    items = page.select("article.news-item")
    assert [a.select_one(".news-item-title").get_text(strip=True).rstrip("¶") for a in items] == [
        "Kubernetes 发布新版本",
        "反引号围栏写法",
        "Envoy 引入新协议",
    ]
    title_link = items[0].select_one(".news-item-title a.reference")
    assert title_link["href"] == "https://example.com/k8s-release"
    # The body is parsed as Markdown, links and emphasis included.
    assert items[0].select_one("strong").get_text() == "重要"
    assert items[0].find("a", href="https://example.com/notes") is not None
    # Each item has a permalink to its own anchor.
    permalink = items[0].select_one("a.headerlink")
    assert permalink["href"] == "#" + items[0]["id"]
    assert basic_site.warning_lines() == []


def test_options_reach_news_json(basic_site: Project) -> None:
    records = {r["title"]: r for r in basic_site.news()["items"]}
    k8s = records["Kubernetes 发布新版本"]
    assert k8s["projects"] == ["kubernetes"]
    # Chinese commas separate tags as well as ASCII ones.
    assert k8s["tags"] == ["版本发布", "安全"]
    assert k8s["link"] == "https://example.com/k8s-release"
    assert k8s["issue"] == 1 and k8s["date"] == "2024-01-02"
    assert k8s["url"] == f"issues/001.html#{k8s['id']}"
    assert records["Envoy 引入新协议"]["projects"] == ["envoy", "istio"]


def test_backtick_and_colon_fences_are_equivalent(basic_site: Project) -> None:
    page = basic_site.html("issues/001.html")
    colon, backtick = page.select("article.news-item")[:2]
    assert colon.name == backtick.name == "article"
    assert backtick.select_one(".news-item-title a")["href"] == "https://example.com/backtick"
    assert backtick.find("p", string="用反引号围栏书写的条目。") is not None


def test_section_and_group_come_from_headings(basic_site: Project) -> None:
    sections = {r["title"]: (r["section"], r["group"]) for r in basic_site.news()["items"]}
    assert sections == {
        "Kubernetes 发布新版本": ("业界要闻", ""),
        "反引号围栏写法": ("业界要闻", ""),
        "Envoy 引入新协议": ("上游重要进展", "Envoy 项目"),
        "本周推荐一个项目": ("开源项目推荐", ""),
    }


def test_explicit_id_is_used_as_anchor(basic_site: Project) -> None:
    page = basic_site.html("issues/001.html")
    assert page.find("article", id="envoy-protocol") is not None


def test_anchor_does_not_move_when_items_are_added(project: Project) -> None:
    project.build()
    before = {r["title"]: r["id"] for r in project.news()["items"]}
    source = (project.src / "issues/001.md").read_text(encoding="utf-8")
    source = source.replace("## 业界要闻\n", "## 业界要闻\n\n" + news("新插入的第一条新闻"))
    project.write("issues/001.md", source)
    project.build()
    after = {r["title"]: r["id"] for r in project.news()["items"]}
    assert "新插入的第一条新闻" in after
    assert {title: after[title] for title in before} == before
    # Anchors keep Chinese text readable instead of becoming serial ids.
    assert after["Kubernetes 发布新版本"] == "kubernetes-发布新版本"


def test_items_with_the_same_title_get_distinct_anchors(project: Project) -> None:
    project.write("issues/003.md", issue_source(3, news("同名新闻") + news("同名新闻")))
    project.build()
    ids = [a["id"] for a in project.html("issues/003.html").select("article.news-item")]
    assert ids == ["同名新闻", "同名新闻-2"]
    assert project.warning_lines() == []


def test_duplicate_explicit_id_is_reported(project: Project) -> None:
    project.write("issues/003.md", issue_source(3, news("甲", id="same") + news("乙", id="same")))
    project.build()
    (warning,) = project.warning_lines()
    assert "issues/003.md:" in warning and "'same'" in warning and "重复" in warning
    # Both items are still rendered, with distinct anchors.
    assert len(project.html("issues/003.html").select("article.news-item")) == 2


def test_item_outside_an_issue_is_reported_and_not_collected(project: Project) -> None:
    project.write("about.md", "# 关于\n\n" + news("不属于任何一期"))
    project.write("index.md", "# 测试归档\n\n```{toctree}\nabout\n```\n")
    project.build()
    (warning,) = project.warning_lines()
    assert "about.md:" in warning and "只能写在期刊文件" in warning
    assert "不属于任何一期" not in [r["title"] for r in project.news()["items"]]


def test_item_without_body_is_reported(project: Project) -> None:
    project.write(
        "issues/003.md", issue_source(3, ":::{news} 没有正文\n:link: https://e.com/x\n:::\n")
    )
    project.build()
    (warning,) = project.warning_lines()
    assert "issues/003.md:" in warning and "没有正文" in warning
