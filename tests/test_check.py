"""The checker: each rule's exact message and location, and a clean archive."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import REPO, ROOTS, issue_source, news

from newsletter.cli import check
from newsletter.cli.http_client import Answer

GLOSSARY = """\
# 术语表

:::{glossary}
KEP
  Kubernetes Enhancement Proposal。

Federation
集群联邦
  多集群管理。
:::
"""


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """An archive with the test registry, a glossary and no issues yet."""
    root = tmp_path / "archive"
    (root / "issues").mkdir(parents=True)
    shutil.copytree(ROOTS / "test-basic" / "docs", root / "docs")
    (root / "docs" / "glossary.md").write_text(GLOSSARY, encoding="utf-8")
    return root


def write(root: Path, number: int, items: str, **kwargs: str) -> None:
    path = root / "issues" / f"{number:03d}.md"
    path.write_text(issue_source(number, items, **kwargs), encoding="utf-8")


def lines(root: Path, **kwargs: bool) -> list[str]:
    return sorted(str(m) for m in check.check_archive(root, **kwargs))


# The item template of conftest starts its fence on line 12 of the issue.
ITEM_LINE = 12


def test_the_real_archive_is_clean() -> None:
    messages = check.check_archive(REPO)
    assert [str(m) for m in messages] == []


def test_a_clean_issue_has_no_message(archive: Path) -> None:
    write(archive, 1, news("标题", projects="kubernetes", tags="安全"))
    assert lines(archive) == []


def test_missing_link(archive: Path) -> None:
    write(archive, 1, news("无链接", link=None))
    assert lines(archive) == [f"issues/001.md:{ITEM_LINE}: 错误：新闻条目缺少来源链接 :link:"]


@pytest.mark.parametrize(
    ("link", "reason"),
    [
        ("ftp://example.com/x", "不支持的协议 ftp:"),
        ("/blog/x", "不是完整的 http(s) 地址"),
        # An http(s) scheme without a host is incomplete, as the build says.
        ("https://", "不是完整的 http(s) 地址"),
    ],
)
def test_link_that_is_not_a_full_http_address(archive: Path, link: str, reason: str) -> None:
    write(archive, 1, news("坏链接", link=link))
    assert lines(archive) == [
        f"issues/001.md:{ITEM_LINE + 1}: 错误：来源链接 '{link}' 无效（{reason}），只接受 http(s) 地址"
    ]


def test_empty_title(archive: Path) -> None:
    write(archive, 1, news("", body="正文。").replace(":::{news} ", ":::{news}"))
    assert lines(archive) == [
        # MyST's own message, the one the build prints for the same line.
        f"issues/001.md:{ITEM_LINE}: 错误：Directive 'news': 1 argument(s) required, 0 supplied"
    ]


def test_empty_body(archive: Path) -> None:
    write(archive, 1, news("空正文", body=""))
    assert lines(archive) == [f"issues/001.md:{ITEM_LINE}: 错误：新闻条目“空正文”没有正文"]


def test_unknown_project_with_a_close_match(archive: Path) -> None:
    write(archive, 1, news("项目", projects="kubernetes, Istoi"))
    assert lines(archive) == [
        f"issues/001.md:{ITEM_LINE + 2}: 错误：未知项目 'Istoi'（不在 docs/projects.yaml 中），"
        "是否应为 istio？"
    ]


def test_project_group_aliases_are_known(archive: Path) -> None:
    write(archive, 1, news("分组", projects="Istio/Envoy 项目, K8s"))
    assert lines(archive) == []


def test_tag_close_to_a_tag_of_another_issue(archive: Path) -> None:
    write(archive, 1, news("一", tags="可观测性"))
    write(archive, 2, news("二", link="https://example.com/b", tags="可观察性"), date="2024-01-08")
    assert lines(archive) == [
        f"issues/002.md:{ITEM_LINE + 2}: 警告：未知标签 '可观察性'（之前各期都没有用过），"
        "是否应为 '可观测性'？"
    ]


def test_tag_spelled_differently_from_a_known_tag(archive: Path) -> None:
    write(archive, 1, news("一", tags="CI/CD"))
    write(archive, 2, news("二", link="https://example.com/b", tags="ci-cd"), date="2024-01-08")
    assert lines(archive) == [
        f"issues/002.md:{ITEM_LINE + 2}: 警告：标签 'ci-cd' 与已有标签 'CI/CD' 写法不同，"
        "请统一为 'CI/CD'"
    ]


def test_a_new_tag_unlike_any_other_is_accepted(archive: Path) -> None:
    write(archive, 1, news("一", tags="安全"))
    write(archive, 2, news("二", link="https://example.com/b", tags="白皮书"), date="2024-01-08")
    assert lines(archive) == []


def test_term_missing_from_the_glossary(archive: Path) -> None:
    body = "提到 {term}`KEP` 和 {term}`联邦 <集群联邦>`，\n以及 {term}`CRD`。"
    write(archive, 1, news("术语", body=body))
    # The body starts two lines after the fence and its link option; a role is
    # placed at the first line of its paragraph, as the build places it.
    assert lines(archive) == [
        f"issues/001.md:{ITEM_LINE + 3}: 错误：术语 'crd' 未在 docs/glossary.md 中定义"
    ]


def test_term_outside_items_and_without_a_glossary(archive: Path) -> None:
    (archive / "docs" / "glossary.md").unlink()
    write(archive, 1, news("术语") + "\n见 {term}`KEP`。\n")
    assert lines(archive) == [
        f"issues/001.md:{ITEM_LINE + 6}: 错误：术语 'kep' 未在 docs/glossary.md 中定义"
    ]


def test_link_already_covered_in_an_earlier_issue(archive: Path) -> None:
    write(archive, 1, news("一", link="https://example.com/story"))
    write(archive, 2, news("二", link="https://EXAMPLE.com/story/"), date="2024-01-08")
    assert lines(archive) == [
        f"issues/002.md:{ITEM_LINE + 1}: 警告：来源链接已在第 1 期报道：https://EXAMPLE.com/story/"
    ]


def test_a_file_not_named_by_its_number_is_refused(archive: Path) -> None:
    write(archive, 1, news("一"))
    text = issue_source(1, news("二", link="https://example.com/b"))
    (archive / "issues" / "001-bis.md").write_text(text, encoding="utf-8")
    assert lines(archive) == [
        "issues/001-bis.md:1: 错误：issues/001-bis.md 不是期刊文件："
        "期刊应为 issues/ 下以期号命名的 .md 文件（例如 004.md）",
    ]


def test_gap_in_numbers_is_a_warning(archive: Path) -> None:
    write(archive, 1, news("一"))
    write(archive, 4, news("四", link="https://example.com/b"))
    assert lines(archive) == [
        "issues/004.md:2: 警告：期号不连续：第 1 期之后是第 4 期，缺少第 2–3 期"
    ]


def test_a_draft_is_checked_and_named(archive: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = issue_source(1, news("一", link="")).replace("editor: 乙\n", "editor: 乙\ndraft: true\n")
    (archive / "issues" / "001.md").write_text(text, encoding="utf-8")
    assert set(lines(archive)) == {
        "issues/001.md:1: 提示：本期是草稿（draft: true）：已检查，但不会发布",
        f"issues/001.md:{ITEM_LINE + 2}: 错误：新闻条目缺少来源链接 :link:",
    }
    # The information line is no warning: the count names the one error only.
    assert check.main(["--root", str(archive)]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == "共 1 个错误，0 个警告"


def test_no_drafts_skips_a_draft_and_says_so(archive: Path) -> None:
    text = issue_source(1, news("一", link="")).replace("editor: 乙\n", "editor: 乙\ndraft: true\n")
    (archive / "issues" / "001.md").write_text(text, encoding="utf-8")
    assert check.main(["--root", str(archive), "--no-drafts"]) == 0
    assert lines(archive, drafts=False) == [
        "issues/001.md:1: 提示：本期是草稿（draft: true），按 --no-drafts 未检查"
    ]


def test_a_draft_takes_part_in_the_archive_wide_rules(archive: Path) -> None:
    write(archive, 1, news("一", link="https://example.com/story"))
    text = issue_source(2, news("二", link="https://example.com/story"))
    (archive / "issues" / "002.md").write_text(
        text.replace("editor: 乙\n", "editor: 乙\ndraft: true\n"), encoding="utf-8"
    )
    assert set(lines(archive)) == {
        "issues/002.md:1: 提示：本期是草稿（draft: true）：已检查，但不会发布",
        f"issues/002.md:{ITEM_LINE + 2}: 警告：来源链接已在第 1 期报道：https://example.com/story",
    }


def test_front_matter_problems_have_their_lines(archive: Path) -> None:
    text = issue_source(1, news("一")).replace("date: 2024-01-01", "date: 下周二")
    (archive / "issues" / "001.md").write_text(text, encoding="utf-8")
    assert lines(archive) == [
        "issues/001.md:3: 错误：日期 'date' 应为 YYYY-MM-DD 或 ISO 8601 时间，而不是 '下周二'"
    ]


def test_unreadable_front_matter_is_a_message_not_a_traceback(archive: Path) -> None:
    (archive / "issues" / "001.md").write_text("---\nnumber: [1\n---\n", encoding="utf-8")
    (message,) = lines(archive)
    assert message.startswith("issues/001.md:2: 错误：front matter 不是合法的 YAML")


def test_exit_status_and_output(archive: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(archive, 1, news("无链接", link=None))
    assert check.main(["--root", str(archive)]) == 1
    out = capsys.readouterr().out
    assert out.splitlines() == [
        f"issues/001.md:{ITEM_LINE}: 错误：新闻条目缺少来源链接 :link:",
        "共 1 个错误，0 个警告",
    ]
    write(archive, 1, news("一"))
    assert check.main(["--root", str(archive)]) == 0


def test_missing_issues_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check.main(["--root", str(tmp_path)]) == 2
    assert "找不到 issues/ 目录" in capsys.readouterr().err


def test_links_mode_reports_unreachable_links_without_the_network(
    archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(archive, 1, news("一", link="https://example.com/gone") + news("二"))
    answers = {
        "https://example.com/gone": Answer("https://example.com/gone", 404),
        "https://example.com/a": Answer("https://example.com/a", 200),
    }

    async def get_all(urls: list[str], **kwargs: object) -> dict[str, Answer]:
        return {url: answers[url] for url in urls}

    monkeypatch.setattr(check, "get_all", get_all)
    assert lines(archive) == []
    assert lines(archive, links=True) == [
        f"issues/001.md:{ITEM_LINE + 1}: 警告：来源链接无法访问（HTTP 404）：https://example.com/gone"
    ]


def test_backtick_fences_are_read_like_colon_fences(archive: Path) -> None:
    (archive / "docs" / "glossary.md").write_text(
        "```{glossary}\nKEP\n  提案。\n```\n", encoding="utf-8"
    )
    item = "```{news} 反引号\n:link: mailto:a@example.com\n\n{term}`kep` 与 {term}`CRD`。\n```\n"
    write(archive, 1, item)
    assert lines(archive) == [
        f"issues/001.md:{ITEM_LINE + 1}: 错误：来源链接 'mailto:a@example.com' 无效"
        "（不支持的协议 mailto:），只接受 http(s) 地址",
        f"issues/001.md:{ITEM_LINE + 3}: 错误：术语 'crd' 未在 docs/glossary.md 中定义",
    ]


def test_yaml_option_blocks_are_read_too(archive: Path) -> None:
    item = (
        ":::{news} YAML 选项\n---\nlink: https://example.com/y\nprojects: Istoi\n---\n正文。\n:::\n"
    )
    write(archive, 1, item)
    assert lines(archive) == [
        f"issues/001.md:{ITEM_LINE + 3}: 错误：未知项目 'Istoi'（不在 docs/projects.yaml 中），"
        "是否应为 istio？"
    ]
