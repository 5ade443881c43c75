"""``make check`` equals the build: the same (file, line, message) on malformed files.

A table of malformed issue files (encodings, line endings, YAML, dates,
numbers, headings, links in every place) is written into one fixture archive,
each case in its own file, so one Sphinx build serves the whole table. For
every file the set of build warnings must equal the set of ``make check``
errors, and must hold what the case is about: a case that both tools let
through in silence fails. ``make check``'s warnings are advice only it gives
(a gap in the numbering), never a refusal the build would make.

Every editor's command that reads the archive (``make check``, ``make new``)
then runs on it as a process: a message, never a traceback.
"""

from __future__ import annotations

import codecs
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOTS, Project, issue_source, located, news

from newsletter.cli import check
from newsletter.core.rules import RULES


@dataclass(frozen=True)
class Case:
    """A malformed file: its bytes (given its number) and what must be said about it."""

    make: Callable[[int], bytes]
    #: Fragments that must each be in one message of both tools (empty: nothing may be said).
    expect: tuple[str, ...]


def text(number: int, items: str = "", date: str = "2024-01-01", **front: str) -> str:
    """A valid issue, with ``front`` replacing or adding front-matter lines."""
    source = issue_source(number, items or news("条目", link=f"https://example.com/{number}"))
    source = source.replace("date: 2024-01-01", f"date: {date}", 1)
    for key, value in front.items():
        head, rest = source.split("\n---\n", 1)
        lines = [line for line in head.split("\n") if not line.startswith(f"{key}:")]
        source = "\n".join([*lines, f"{key}: {value}" if value else key]) + "\n---\n" + rest
    return source


def utf8(make: Callable[[int], str]) -> Callable[[int], bytes]:
    return lambda number: make(number).encode("utf-8")


def bare_front(block: str) -> Callable[[int], bytes]:
    """An issue whose front matter is exactly ``block``, then a section and an item."""
    body = f"\n## 业界要闻\n\n{news('条目', link='https://example.com/bare')}"
    return utf8(lambda number: f"---\n{block}\n---\n{body}")


def link_item(link: str) -> Callable[[int], bytes]:
    return utf8(lambda number: text(number, news("来源", link=link)))


def body(markdown: str) -> Callable[[int], bytes]:
    item = news("正文", link="https://example.com/body", body=markdown)
    return utf8(lambda number: text(number, item))


def encoded(codec: str, bom: bytes = b"") -> Callable[[int], bytes]:
    return lambda number: bom + text(number).encode(codec)


def line_endings(ending: str, mixed: bool = False) -> Callable[[int], bytes]:
    """Lines ended by ``ending`` (every other line only when ``mixed``), with late refusals."""

    def make(number: int) -> bytes:
        items = news("一", link="https://example.com/le1", body="第一行\n第二行 [x](ftp://e.com/)")
        items += ":::{news} 未结束\n:link: https://example.com/le2\n\n正文\n"
        lines = text(number, items).split("\n")
        if not mixed:
            return ending.join(lines).encode()
        joined = "".join(
            line + (ending if index % 2 else "\n") for index, line in enumerate(lines[:-1])
        )
        return (joined + lines[-1]).encode()

    return make


LOOPBACK_SPELLINGS = (
    "http://127.0.0.1/",
    "http://127.1/",
    "http://2130706433/",
    "http://0x7f000001/",
    "http://0177.0.0.1/",
    "http://[::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:7f00:1]/",
    "http://[64:ff9b::7f00:1]/",
    "http://[2002:7f00:1::]/",
    "http://localhost./",
    "http://LOCALHOST/",
    "http://app.localhost/",
    "http://0.0.0.0/",
    "http://0/",
)
PRIVATE = (
    "http://10.0.0.1/",
    "http://192.168.1.1:8080/admin",
    "http://172.16.0.1/",
    "http://169.254.169.254/latest/meta-data/",
    "http://[fe80::1]/",
    "http://[fc00::1]/",
    "http://100.64.0.1/",
    "http://224.0.0.1/",
    "http://printer.local/",
)

CASES: dict[str, Case] = {
    # Encodings.
    "utf16-le-bom": Case(encoded("utf-16-le", codecs.BOM_UTF16_LE), ("UTF-16 编码",)),
    "utf16-be-bom": Case(encoded("utf-16-be", codecs.BOM_UTF16_BE), ("UTF-16 编码",)),
    "utf16-le-no-bom": Case(encoded("utf-16-le"), ("UTF-16LE 编码",)),
    "utf32-bom": Case(encoded("utf-32"), ("UTF-32 编码",)),
    "utf8-bom": Case(encoded("utf-8-sig"), ()),
    "latin1-bytes": Case(
        lambda n: (
            text(n, news("拉丁", link="https://example.com/l", body="CAFE"))
            .encode()
            .replace(b"CAFE", "café".encode("latin-1"))
        ),
        ("无效的 UTF-8 字节",),
    ),
    # Line endings: the late refusals must be at the same lines in both tools.
    "cr": Case(line_endings("\r"), ("不支持的协议 ftp:", "没有结束的 ::: 行")),
    "crlf": Case(line_endings("\r\n"), ("不支持的协议 ftp:", "没有结束的 ::: 行")),
    "mixed-endings": Case(line_endings("\r", mixed=True), ("不支持的协议 ftp:", "没有结束")),
    # Characters str.splitlines() takes for line ends, and markdown-it does not.
    "line-separators": Case(
        body("一\f二\x0b三\x1c四\x85五\u2028六\u2029七\n\n[x](ftp://e.com/)"),
        ("不支持的协议 ftp:",),
    ),
    # YAML.
    "yaml-broken": Case(
        bare_front("number: 1\ndate: [2024-01-01\ntitle: 坏"), ("不是合法的 YAML",)
    ),
    "yaml-tabs": Case(bare_front("number: 1\n\tdate: 2024-01-01"), ("不是合法的 YAML",)),
    "yaml-duplicate-key": Case(
        utf8(lambda n: text(n).replace("editor: 乙\n", "editor: 乙\ntitle: 第二个标题\n")),
        ("字段 'title' 重复",),
    ),
    "yaml-list": Case(bare_front("- number: 1\n- date: 2024-01-01"), ("映射",)),
    "yaml-scalar": Case(bare_front("just text"), ("映射",)),
    "yaml-empty": Case(bare_front(""), ("映射",)),
    "yaml-unclosed": Case(utf8(lambda n: "---\nnumber: 1\n\n## 业界要闻\n"), ("没有结束的 ---",)),
    "no-front-matter": Case(utf8(lambda n: "## 业界要闻\n\n正文。\n"), ("缺少 front matter",)),
    # Dates.
    "date-invalid": Case(utf8(lambda n: text(n, date="2024-13-45")), ("日期 'date' 应为",)),
    "date-word": Case(utf8(lambda n: text(n, date="下周二")), ("日期 'date' 应为",)),
    "date-9999": Case(utf8(lambda n: text(n, date="9999-12-31")), ("不在周报的合理范围内",)),
    "date-too-early": Case(utf8(lambda n: text(n, date="2018-12-31")), ("不在周报的合理范围内",)),
    "date-too-late": Case(utf8(lambda n: text(n, date="2100-01-01")), ("不在周报的合理范围内",)),
    "datetime-offset": Case(utf8(lambda n: text(n, date="2019-05-07T01:00:00+08:00")), ()),
    "datetime-offset-late": Case(
        utf8(lambda n: text(n, date="2100-01-01T00:30:00+08:00")), ("不在周报的合理范围内",)
    ),
    # Numbers.
    "number-mismatch": Case(utf8(lambda n: text(n + 500)), ("与文件名",)),
    "number-zero": Case(
        utf8(lambda n: text(n).replace(f"number: {n}\n", "number: 0\n")), ("正整数",)
    ),
    "number-negative": Case(
        utf8(lambda n: text(n).replace(f"number: {n}\n", "number: -3\n")), ("正整数",)
    ),
    "number-word": Case(
        utf8(lambda n: text(n).replace(f"number: {n}\n", "number: 三\n")), ("正整数",)
    ),
    "number-bool": Case(
        utf8(lambda n: text(n).replace(f"number: {n}\n", "number: true\n")), ("正整数",)
    ),
    # Headings MyST warns about, which the checker repeats.
    "heading-skip": Case(
        utf8(lambda n: text(n).replace("## 业界要闻", "#### 业界要闻")),
        ("header level",),
    ),
    # Transitions where docutils refuses them, footnotes it would complain about.
    "hr-in-item": Case(body("一\n\n---\n\n二"), ("分隔线",)),
    "hr-in-list": Case(body("- ---\n  一"), ("分隔线",)),
    "hr-after-heading": Case(
        utf8(lambda n: text(n).replace("## 业界要闻\n", "## 业界要闻\n\n***\n")), ("分隔线",)
    ),
    "hr-at-end": Case(utf8(lambda n: text(n) + "\n___\n"), ("分隔线",)),
    "hr-adjacent": Case(utf8(lambda n: text(n) + "\n---\n\n- - -\n\n尾。\n"), ("分隔线",)),
    "hr-fine": Case(utf8(lambda n: text(n) + "\n段落。\n\n---\n\n尾。\n"), ()),
    "footnote-undefined": Case(body("一\n二[^1] 三[^注]"), ("没有定义",)),
    "footnote-unused": Case(body("一\n\n[^2]: 没人引用"), ("没有被引用",)),
    "footnote-duplicate": Case(body("一[^a]\n\n[^a]: 甲\n[^a]: 乙"), ("重复定义",)),
    "footnote-fine": Case(body("一[^a]\n\n[^a]: 甲"), ()),
    # Roles naming topics.
    "role-unknown-project": Case(
        body("见\n{project}`nope` 与 {project}`代理 <nope2>`"), ("未知项目",)
    ),
    "role-tag-without-page": Case(body("见 {tag}`无人用过的标签`"), ("还没有任何新闻使用",)),
    # The fixture has no glossary: every term is undefined, in both tools' words.
    "term-without-glossary": Case(
        utf8(lambda n: text(n) + "\n见 {term}`KEP`。\n\n:::{term-note} CRD\n说明。\n:::\n"),
        ("未在 docs/glossary.md 中定义",),
    ),
    "role-known-topics": Case(body("{project}`kubernetes` 与 {tag}`测试 <安全>`"), ()),
    # Links in every place: the source link, the body, images, autolinks.
    "link-missing": Case(utf8(lambda n: text(n, news("无链接", link=None))), ("缺少来源链接",)),
    "link-ftp": Case(link_item("ftp://example.com/x"), ("不支持的协议 ftp:",)),
    "link-javascript": Case(link_item("javascript:alert(1)"), ("不支持的协议 javascript:",)),
    "link-file": Case(link_item("file:///etc/passwd"), ("不支持的协议 file:",)),
    "link-data": Case(link_item("data:text/html,hi"), ("不支持的协议 data:",)),
    "link-space": Case(link_item("https://example.com/a b"), ("不允许的字符（空格）",)),
    "link-ideographic-space": Case(
        link_item("https://example.com/a\u3000b"), ("不允许的字符（全角空格）",)
    ),
    "link-quote": Case(link_item('https://example.com/"x"'), ('不允许的字符（"）',)),
    "link-bad-port": Case(link_item("https://example.com:99999/"), ("端口不合法",)),
    "link-bad-ipv4": Case(link_item("http://1.2.3.999/"), ("不合法",)),
    "link-credentials": Case(link_item("https://github.com@evil.example/"), ("会掩盖真正的主机",)),
    "body-ftp": Case(body("见 [文件](ftp://example.com/f)。"), ("不支持的协议 ftp:",)),
    "body-javascript": Case(
        body("点 [这里](javascript:alert(1))。"), ("不支持的协议 javascript:",)
    ),
    "body-file": Case(body("读 [它](file:///etc/passwd)。"), ("不支持的协议 file:",)),
    "body-data": Case(body("看 [它](data:text/html,<b>x</b>)。"), ("不支持的协议 data:",)),
    "body-vbscript": Case(body("点 [它](VBScript:msgbox)。"), ("不支持的协议 vbscript:",)),
    "body-autolink": Case(body("见 <javascript:alert(1)>。"), ("不支持的协议 javascript:",)),
    "body-reference": Case(
        body("见 [它][r]。\n\n[r]: javascript:alert(1)"), ("不支持的协议 javascript:",)
    ),
    "body-missing-page": Case(
        body("见 [另一期](999.md) 与 [说明](../docs/nope.md)。"), ("页面不存在",)
    ),
    "body-existing-page": Case(body("见 [首页](../index.md)。"), ()),
    "body-image-loopback": Case(body("![图](http://127.1/x.png)"), ("回环地址",)),
    "body-link-private": Case(body("见 [路由器](http://192.168.0.1/)。"), ("内网地址",)),
}
for _index, _link in enumerate(LOOPBACK_SPELLINGS):
    CASES[f"loopback-{_index}"] = Case(link_item(_link), ("指向本机或内网地址",))
for _index, _link in enumerate(PRIVATE):
    CASES[f"private-{_index}"] = Case(link_item(_link), ("指向本机或内网地址",))

#: Each case's file: issue numbers from 10 on, in table order.
FILES = {name: f"issues/{number:03d}.md" for number, name in enumerate(CASES, 10)}
#: Two files that claim one number (each otherwise valid).
DUPLICATES = ("issues/200.md", "issues/201.md")


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every case in one archive, built once; beside it, a copy for the tools to run on."""
    src = tmp_path_factory.mktemp("differential") / "src"
    shutil.copytree(ROOTS / "test-basic", src)
    for old in (src / "issues").iterdir():
        old.unlink()
    for number, name in enumerate(CASES, 10):
        (src / FILES[name]).write_bytes(CASES[name].make(number))
    for path in DUPLICATES:
        item = news("重号", link=f"https://example.com/{path}", tags="安全")
        (src / path).write_text(text(200, item), encoding="utf-8")
    return src


@pytest.fixture(scope="module")
def both(archive: Path) -> tuple[set, set, list]:
    """(build warnings, checker errors, checker warnings), each as (file, line, message)."""
    tools = archive.parent / "tools"
    shutil.copytree(archive, tools)  # the checker reads what the build never touched
    project = Project(archive)
    project.build()
    built = located(project.warnings.splitlines())
    messages = check.check_archive(tools)
    errors = located(str(m) for m in messages if m.problem.severity == "error")
    advice = [m for m in messages if m.problem.severity != "error"]
    return built, errors, advice


def _for(found: set, path: str) -> set:
    return {entry for entry in found if entry[0] == path}


@pytest.mark.parametrize("name", list(CASES))
def test_both_tools_say_the_same_about_each_malformed_file(name: str, both: tuple) -> None:
    built, checked, _ = both
    path = FILES[name]
    assert _for(built, path) == _for(checked, path)
    said = [message for _, _, message in _for(checked, path)]
    if not CASES[name].expect:
        assert said == []
    for fragment in CASES[name].expect:
        assert any(fragment in message for message in said), (fragment, said)


def test_a_duplicate_number_is_one_message_at_the_number_line(both: tuple) -> None:
    built, checked, _ = both
    expected = {
        ("issues/201.md", 2, "期号 200 与 issues/200.md 重复"),
        ("issues/201.md", 2, "期号 200 与文件名 201 不一致"),
    }
    assert _for(built, DUPLICATES[1]) == _for(checked, DUPLICATES[1]) == expected
    assert _for(built, DUPLICATES[0]) == _for(checked, DUPLICATES[0]) == set()


def test_nothing_else_differs_and_the_checker_only_adds_advice(both: tuple) -> None:
    built, checked, advice = both
    assert built == checked
    advice_rules = [rule for rule in RULES.values() if rule.scope == "check"]
    gaps = [m for m in advice if m.problem.message.startswith("期号不连续")]
    assert advice_rules and all(m.problem.severity == "warning" for m in advice)
    assert gaps  # the numbering has holes: advice, not a refusal the build would make


def _run(cwd: Path, tool: str, *args: str) -> subprocess.CompletedProcess:
    """An editor's command, as ``make`` runs it, in the archive ``cwd``."""
    return subprocess.run(
        [sys.executable, "-m", f"newsletter.cli.{tool}", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin"},
        check=False,
    )


def test_no_editor_command_shows_a_traceback(archive: Path, tmp_path: Path) -> None:
    copy = tmp_path / "archive"
    shutil.copytree(archive, copy, ignore=shutil.ignore_patterns("_build"))
    for extra in ((), ("--no-drafts",)):
        checked = _run(copy, "check", *extra)
        assert (checked.returncode, checked.stderr) == (1, "")
        assert checked.stdout.splitlines()[-1].endswith("个警告")
    created = _run(copy, "new")
    assert "Traceback" not in created.stderr, created.stderr
    assert created.returncode in (0, 1)
    # make import, fed every malformed file as a post to convert.
    posts = tmp_path / "posts"
    shutil.copytree(copy / "issues", posts)
    imported = _run(copy, "importer", str(posts))
    assert "Traceback" not in imported.stderr + imported.stdout, imported.stderr
    assert f"共 {len(list(posts.iterdir()))} 个文件" in imported.stdout
