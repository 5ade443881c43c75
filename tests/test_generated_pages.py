"""Generated pages (tags, projects, ablog's archives) are never stale.

They are rendered with the builder's templates, which a site can override,
and rewritten whenever what they are rendered with changes: their data, a
template, ``-E`` (a fresh environment) or ``-a`` (write everything).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Project, small_archive

pytestmark = pytest.mark.slow  # every test builds a themed archive three times


def _generated(project: Project) -> dict[str, int]:
    out = project.outdir
    pages = [*out.glob("tags/*.html"), *out.glob("projects/*.html"), *out.glob("blog/**/*.html")]
    return {str(p.relative_to(out)): p.stat().st_mtime_ns for p in pages}


def _override(project: Project, template: str, marker: str) -> None:
    """A site template that overrides the extension's, marked so a test can see it."""
    base = Path(__file__).parent.parent / "_ext" / "newsletter" / "templates" / template
    text = base.read_text(encoding="utf-8").replace(
        "<section", f'<p class="{marker}"></p><section', 1
    )
    project.write(f"_templates/{template}", text)


@pytest.fixture
def site(tmp_path: Path) -> Project:
    """ablog's pages, tag and project pages, and a ``_templates`` folder of its own."""
    return small_archive(tmp_path / "site")


def test_a_site_template_overrides_the_extensions_and_edits_show_at_once(site: Project) -> None:
    site.build()
    assert site.warning_lines() == []
    assert site.html("tags/index.html").select_one(".override-one") is None
    # A new template: the next plain build shows it.
    _override(site, "newsletter/tags_index.html", "override-one")
    site.build()
    assert site.html("tags/index.html").select_one(".override-one") is not None
    # An edited template: the next plain build shows the edit.
    _override(site, "newsletter/tags_index.html", "override-two")
    site.build()
    page = site.html("tags/index.html")
    assert page.select_one(".override-two") is not None
    assert page.select_one(".override-one") is None


@pytest.mark.parametrize("how", [{"freshenv": True}, {"force_all": True}], ids=["-E", "-a"])
def test_a_full_rebuild_rewrites_every_generated_page(site: Project, how: dict) -> None:
    site.build()
    first = _generated(site)
    assert any(name.startswith("tags/") for name in first)
    assert any(name.startswith("blog/") for name in first)
    site.build()
    assert _generated(site) == first  # a plain rebuild leaves them alone
    site.build(**how)
    again = _generated(site)
    assert again.keys() == first.keys()
    assert [name for name in first if again[name] == first[name]] == []
