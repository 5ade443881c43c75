"""A site is configured from its conf.py alone, and the build and the tools read the same values."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from conftest import Project, issue_source, located, news

from newsletter.cli import check, importer, links, new
from newsletter.cli.site_config import load_settings
from newsletter.core.link_health import load_health
from newsletter.core.settings import DEFAULTS, SETTINGS, SettingError

TODAY = dt.date(2024, 3, 1)

#: An English weekly's settings, every value away from its default.
ENGLISH = """
newsletter_issue_title = "Last Week in Cloud Native, No. {number}"
newsletter_sections = ["Releases", "News", "Reading"]
newsletter_cadence_days = 14
newsletter_projects_file = "data/registry.yaml"
newsletter_glossary_file = "data/terms.md"
"""


def _configure(project: Project, text: str = ENGLISH) -> None:
    conf = project.src / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + text, encoding="utf-8")


def _move_registry(project: Project) -> None:
    (project.src / "data").mkdir()
    shutil.move(project.src / "docs/projects.yaml", project.src / "data/registry.yaml")


def test_the_build_registers_every_setting_with_the_archives_default(project: Project) -> None:
    app = project.build()
    assert {s.name: app.config[s.name] for s in SETTINGS} == {s.name: s.default for s in SETTINGS}
    assert load_settings(project.src) == DEFAULTS


def test_the_tools_read_the_values_the_build_reads(project: Project) -> None:
    _configure(project)
    _move_registry(project)
    app = project.build()
    settings = load_settings(project.src)
    assert settings.sections == tuple(app.config.newsletter_sections)
    assert settings.issue_title == app.config.newsletter_issue_title
    assert settings.cadence == dt.timedelta(days=app.config.newsletter_cadence_days)
    assert settings.projects_file == app.config.newsletter_projects_file == "data/registry.yaml"
    assert settings.glossary_file == "data/terms.md"
    assert settings.link_health_file == app.config.newsletter_link_health_file


def test_make_new_uses_the_sites_title_sections_and_cadence(project: Project) -> None:
    _configure(project)
    _move_registry(project)
    assert new.main(["--root", str(project.src)], today=TODAY) == 0
    created = project.src / "issues" / "003.md"
    text = created.read_text(encoding="utf-8")
    # Issue 2 is dated 2024-01-09 in the fixture: two weeks later, not one.
    assert "number: 3\ndate: 2024-01-23\n" in text
    project.build(confoverrides={"newsletter_drafts": 1})
    assert project.warning_lines() == []
    page = project.html("issues/003.html")
    assert [h.get_text().rstrip("¶") for h in page.find_all("h2")][:3] == [
        "Releases",
        "News",
        "Reading",
    ]
    assert page.find("h1").get_text().rstrip("¶") == "Last Week in Cloud Native, No. 3"


def test_check_and_build_find_the_registry_where_conf_py_says(project: Project) -> None:
    _configure(project)
    _move_registry(project)
    item = news("An unknown project", projects="kubernetes, nope")
    project.write("issues/003.md", issue_source(3, item, date="2024-02-01"))
    project.build()
    built = located(project.warnings.splitlines())
    checked = located(str(m) for m in check.check_archive(project.src))
    unknown = {entry for entry in built if "nope" in entry[2]}
    assert len(unknown) == 1
    assert unknown <= checked
    # Kubernetes is known: the registry was read from data/registry.yaml.
    assert not {entry for entry in checked if "'kubernetes'" in entry[2]}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("newsletter_sections = []", "newsletter_sections"),
        ("newsletter_sections = 'Releases'", "newsletter_sections"),
        ("newsletter_cadence_days = 0", "newsletter_cadence_days"),
        ("newsletter_cadence_days = '7'", "newsletter_cadence_days"),
    ],
)
def test_a_bad_value_is_one_message_naming_conf_py(
    project: Project, capsys: pytest.CaptureFixture[str], text: str, name: str
) -> None:
    _configure(project, "\n" + text + "\n")
    with pytest.raises(SettingError, match=f"^conf.py: 错误：{name} 应为"):
        load_settings(project.src)
    assert check.main(["--root", str(project.src)]) == 2
    assert new.main(["--root", str(project.src)], today=TODAY) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and all(line.startswith(f"conf.py: 错误：{name} 应为") for line in err)


def test_a_conf_py_that_fails_is_a_message_not_a_traceback(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    _configure(project, "\nraise RuntimeError('boom')\n")
    assert check.main(["--root", str(project.src)]) == 2
    assert capsys.readouterr().err.strip() == "conf.py: 错误：无法执行（RuntimeError: boom）"


def test_a_folder_without_conf_py_keeps_the_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path) == DEFAULTS


def test_make_links_records_where_conf_py_says(tmp_path: Path) -> None:
    root = tmp_path / "site"
    (root / "issues").mkdir(parents=True)
    (root / "conf.py").write_text('newsletter_link_health_file = "data/health.json"\n')
    # A loopback link is refused as written: nothing is asked of the network.
    item = news("Loopback", link="http://127.0.0.1/status")
    (root / "issues" / "001.md").write_text(issue_source(1, item), encoding="utf-8")
    verdicts = links.run(root, links.Politeness(), dt.date(2026, 12, 4))
    assert sum(verdicts.values()) == 0
    assert load_health(root / "data" / "health.json") == {}
    assert not (root / "docs").exists()


SOURCE = """---
title: "Week 11, Mar 9-15, 2026"
date: "2026-03-09"
---

## Notable Releases

### Networking & Edge
- **[CoreDNS v1.14.2](https://github.com/coredns/coredns/releases/tag/v1.14.2)** - A release.
"""


@pytest.mark.parametrize(("setting", "tags"), [("True", ["Networking & Edge"]), ("False", [])])
def test_make_import_makes_sub_section_headings_tags_when_conf_py_asks(
    project: Project, tmp_path: Path, setting: str, tags: list[str]
) -> None:
    _configure(project, f"\nnewsletter_import_group_tags = {setting}\n")
    source = tmp_path / "2026-week-11.md"
    source.write_text(SOURCE, encoding="utf-8")
    assert importer.main(["--root", str(project.src), "--number", "11", str(source)]) == 0
    written = (project.src / "issues" / "011.md").read_text(encoding="utf-8")
    found = [
        line.removeprefix(":tags: ") for line in written.splitlines() if line.startswith(":tags:")
    ]
    assert found == ([", ".join(tags)] if tags else [])
