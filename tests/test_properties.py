"""Property-based tests: random input never crashes the build or the parsers."""

from __future__ import annotations

import shutil

import pytest
from conftest import ROOTS, Project, issue_source
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsletter.core.frontmatter import parse_issue

pytestmark = pytest.mark.slow  # property tests: many random builds

# Text without line breaks, and without the fence characters that would end
# the directive early (that changes the number of items, not safety).
line_text = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc"), blacklist_characters=":`\u2028\u2029\x85"
    ),
    max_size=40,
).map(str.strip)
links = st.one_of(
    st.just("https://example.com/x"),
    st.just("javascript:alert(1)"),
    st.just(""),
    st.from_regex(r"https?://[a-z]{1,8}\.[a-z]{2,3}/[a-z0-9/?=&%]{0,20}", fullmatch=True),
    line_text,
)
item = st.fixed_dictionaries(
    {
        "title": line_text.filter(bool),
        "link": links,
        "projects": line_text,
        "tags": line_text,
        "id": st.one_of(st.none(), line_text),
        "body": st.lists(line_text, max_size=4).map("\n\n".join),
    }
)


def _directive(entry: dict[str, str | None]) -> str:
    lines = [f":::{{news}} {entry['title']}"]
    for key in ("link", "projects", "tags", "id"):
        value = entry[key]
        if value:
            lines.append(f":{key}: {value}")
    return "\n".join([*lines, "", entry["body"] or "", ":::", ""])


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(entries=st.lists(item, min_size=1, max_size=5))
def test_random_items_never_crash_the_build(tmp_path_factory, entries) -> None:
    src = tmp_path_factory.mktemp("prop") / "src"
    shutil.copytree(ROOTS / "test-basic", src)
    project = Project(src)
    project.write("issues/003.md", issue_source(3, "\n".join(_directive(e) for e in entries)))
    project.build()
    articles = project.html("issues/003.html").select("article.news-item")
    assert len(articles) == len(entries)
    assert all(a.get("id") for a in articles)
    for article in articles:
        for a in article.find_all("a", href=True):
            assert not a["href"].lower().startswith(("javascript:", "data:"))
    records = [r for r in project.news()["items"] if r["issue"] == 3]
    assert len(records) == len(entries)
    assert all(r["link"] == "" or r["link"].startswith(("http://", "https://")) for r in records)


@settings(max_examples=300, deadline=None)
@given(
    st.text(max_size=300)
    | st.lists(st.tuples(line_text, line_text), max_size=8).map(
        lambda pairs: "---\n" + "\n".join(f"{k}: {v}" for k, v in pairs) + "\n---\n"
    )
)
def test_front_matter_parser_never_raises(text: str) -> None:
    issue, problems = parse_issue(text, "issues/003")
    assert issue is not None or problems
    assert all(p.line >= 1 for p in problems)
