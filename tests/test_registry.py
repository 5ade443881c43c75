"""The project registry: aliases, groups, ambiguity, and unknown names."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import REPO, Project, issue_source, news

from newsletter.core.registry import build_registry, load_registry, lookup_key


@pytest.fixture(scope="module")
def registry():
    registry, problems = load_registry(REPO / "docs/projects.yaml")
    assert problems == []
    return registry


@pytest.mark.parametrize(
    ("name", "ids"),
    [
        ("kubernetes", ("kubernetes",)),
        ("Kubernetes", ("kubernetes",)),
        ("K8s", ("kubernetes",)),
        ("Kubernetes 项目", ("kubernetes",)),
        ("containerd", ("containerd",)),
        ("Containerd 项目", ("containerd",)),
        ("Istio/Envoy", ("istio", "envoy")),
        ("Istio/Envoy 项目", ("istio", "envoy")),
        ("Knative 项目", ("knative",)),
        ("kata-containers", ("kata-containers",)),
        ("Kata Containers", ("kata-containers",)),
        ("no-such-project", ()),
    ],
)
def test_names_resolve_to_ids(registry, name: str, ids: tuple[str, ...]) -> None:
    assert registry.resolve(name) == ids


def test_unknown_name_gets_a_close_match(registry) -> None:
    assert registry.suggest("kubernets") == "kubernetes"
    assert registry.unknown_message("kubernets").endswith("是否应为 kubernetes？")
    assert registry.suggest("zzzzzz") is None


def test_every_project_has_links(registry) -> None:
    for project in registry.projects.values():
        assert project.homepage.startswith("https://"), project.id
        assert project.repository.startswith("https://"), project.id


def test_alias_claimed_by_two_projects_is_an_error() -> None:
    data = {
        "projects": {
            "istio": {"name": "Istio", "aliases": ["mesh"]},
            "linkerd": {"name": "Linkerd", "aliases": ["Mesh"]},
        }
    }
    registry, problems = build_registry(data, {"linkerd": 7})
    assert [(p.line, p.message) for p in problems] == [
        (7, "名称 'Mesh' 同时指向 istio 和 linkerd，请只保留一处")
    ]
    # The first claim stands; resolution does not depend on a later one.
    assert registry.resolve("mesh") == ("istio",)


@pytest.mark.parametrize(
    ("groups", "message"),
    [
        ({"Self": ["self"]}, "分组 'Self' 只指向它自己"),
        ({"Broken": ["nope"]}, "分组 'Broken' 引用了未知项目 nope"),
        ({"Empty": []}, "分组 'Empty' 应列出项目 id"),
        ({"Istio": ["istio", "self"]}, "名称 'Istio' 同时指向 istio 和 分组 Istio，请只保留一处"),
    ],
)
def test_bad_groups_are_errors(groups: dict, message: str) -> None:
    data = {"projects": {"istio": {"name": "Istio"}, "self": {"name": "Self"}}, "groups": groups}
    _, problems = build_registry(data)
    assert [p.message for p in problems] == [message]


def test_bad_ids_and_links_are_errors() -> None:
    data = {"projects": {"Bad Id": {"name": "X"}, "ok": {"name": "Ok", "homepage": "javascript:x"}}}
    _, problems = build_registry(data)
    assert [p.message for p in problems] == [
        "项目 id 'Bad Id' 应为小写 slug，例如 'bad-id'",
        "项目 'ok' 的 homepage 应为 http(s) 地址",
    ]


def test_registry_problems_carry_file_lines(tmp_path: Path) -> None:
    path = tmp_path / "projects.yaml"
    path.write_text("projects:\n  a:\n    name: A\n  b:\n    aliases: [x]\n", encoding="utf-8")
    _, problems = load_registry(path)
    assert [(p.line, p.message) for p in problems] == [(4, "项目 'b' 缺少 name")]


def test_lookup_key_folds_spellings() -> None:
    assert lookup_key("Cert_Manager") == lookup_key("cert-manager") == lookup_key("CERT manager")


def test_item_projects_become_registry_ids(project: Project) -> None:
    project.write("issues/003.md", issue_source(3, news("别名", projects="K8s, Istio/Envoy 项目")))
    project.build()
    (record,) = [r for r in project.news()["items"] if r["issue"] == 3]
    assert record["projects"] == ["kubernetes", "istio", "envoy"]
    assert project.warning_lines() == []


def test_unknown_project_is_a_warning_with_location_and_hint(project: Project) -> None:
    source = issue_source(3, news("拼错了", projects="kubernets"))
    project.write("issues/003.md", source)
    project.build()
    (warning,) = project.warning_lines()
    # At the option's own line, as make check reports it.
    line = next(i for i, text in enumerate(source.splitlines(), 1) if ":projects:" in text)
    assert re.search(rf"issues/003\.md:{line}: WARNING: 未知项目 'kubernets'", warning), warning
    assert "是否应为 kubernetes？" in warning


def test_editing_the_registry_rereads_issues(project: Project) -> None:
    project.write("issues/003.md", issue_source(3, news("新项目", projects="newproj")))
    project.build()
    assert len(project.warning_lines()) == 1
    registry = (project.src / "docs/projects.yaml").read_text(encoding="utf-8")
    project.write(
        "docs/projects.yaml",
        registry.replace("projects:\n", "projects:\n  newproj:\n    name: NewProj\n", 1),
    )
    project.build()
    assert project.warning_lines() == []
    (record,) = [r for r in project.news()["items"] if r["issue"] == 3]
    assert record["projects"] == ["newproj"]
