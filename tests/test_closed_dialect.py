"""An issue file is content, never code: the whole build, attacked at once.

Canary files sit outside the source tree and a canary server listens on
loopback. One issue tries every construct that could run code, read a file,
fetch a URL, redirect a reader or publish a draft; beside it sit a symlinked
issue, a reStructuredText "issue" and a draft. The build (without ``-W``, so
it runs to the end) must leave no trace of any of them in any output file,
the server must see no request, and each construct must produce one located
error, the same one ``make check`` prints.
"""

from __future__ import annotations

import contextlib
import gzip
import http.server
import re
import threading
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import Project, issue_source, located_messages, news

from newsletter.cli import check, importer

#: These tests read the site search index, which fixture builds skip otherwise.
pytestmark = pytest.mark.search

CANARY = "CANARY-4b1d0c"
DRAFT_CANARY = "DRAFT-ONLY-9e2f"


class _Canary(http.server.BaseHTTPRequestHandler):
    seen: list[str] = []  # noqa: RUF012 - shared with the test on purpose

    def do_GET(self) -> None:
        type(self).seen.append(self.path)
        body = f"a,b\n{CANARY},1\n".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        return


@pytest.fixture
def canary_url() -> Iterator[str]:
    _Canary.seen = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Canary)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


#: Each construct, marked by a word on its first line, and what the error says.
CONSTRUCTS = {
    "include": ("```{include} ../../outside/secret.txt\n```", "指令 {include}"),
    "literalinclude": (
        ":::{literalinclude} ../../outside/secret.txt\n:::",
        "指令 {literalinclude}",
    ),
    "csv-file": (
        "```{csv-table} csvfile\n:file: ../../outside/secret.csv\n```",
        "指令 {csv-table}",
    ),
    "csv-url": ("```{csv-table} csvurl\n:url: {url}/table.csv\n```", "指令 {csv-table}"),
    "raw-url": ("```{raw} html\n:url: {url}/raw.html\n```", "指令 {raw}"),
    "eval-rst": (
        "```{eval-rst}\n.. meta::\n   :http-equiv=refresh: 0; url=https://evil.example/\n```",
        "指令 {eval-rst}",
    ),
    "image-directive": ("```{image} ../../outside/secret.png\n```", "指令 {image}"),
    "figure": (":::{figure} ../../outside/secret.png\n:::", "指令 {figure}"),
    "download": ("下载 {download}`../../outside/secret.txt` 吧。", "角色 {download}"),
    "md-image": ("图片 ![secret](../../outside/secret.png) 。", "本地图片只能放在"),
    "md-link": ("链接 [secret](../../outside/secret.txt) 。", "站内链接只能指向"),
    "path-link": ("路径 <path:../../outside/secret.txt> 。", "不支持的协议 path:"),
    "ref-link": (
        "引用 [secret][sec] 。\n\n[sec]: path:../../outside/secret.txt",
        "不支持的协议 path:",
    ),
    "raw-meta": (
        '<meta http-equiv="refresh" content="0; url=https://evil.example/">',
        "原始 HTML",
    ),
    "raw-script": ("<script>document.title='pwned'</script>", "原始 HTML"),
    "target": ("(stolen-label)=", "MyST 标签"),
    "credentials": ("登录 [GitHub](https://github.com@evil.example/) 。", "会掩盖真正的主机"),
    "mixed-script": ("主机 [GitHub](https://gіthub.com/) 。", "混用了拉丁字母"),
    "bidi": ("方向\u202e控制字符。", "方向控制字符"),
}

FRONT_MATTER = {
    "myst": (
        "myst:\n  enable_extensions: [substitution]\n  substitutions:\n"
        '    leak: "{{ env.app.srcdir }}"',
        "不允许的字段 'myst'",
    ),
    "html_meta": (
        'html_meta:\n  "http-equiv=refresh": "0; url=https://evil.example/"',
        "不允许的字段 'html_meta'",
    ),
    "substitutions": ('substitutions:\n  leak: "{{ 7 * 7 }}"', "不允许的字段 'substitutions'"),
    "redirect": ("redirect: https://evil.example/", "不允许的字段 'redirect'"),
    "image": ("image: ../outside/secret.png", "封面图片"),
}


def _hostile_issue(url: str) -> tuple[str, dict[str, tuple[int, str]]]:
    """The hostile issue, and the line and message expected for each construct."""
    blocks = [text.replace("{url}", url) for text, _ in CONSTRUCTS.values()]
    body = "\n\n".join(blocks) + "\n\n替换 {{ leak }} 与 {{ 7 * 7 }} 只是文字。"
    source = issue_source(3, news("一条正常的新闻") + "\n" + body)
    extra = "\n".join(text for text, _ in FRONT_MATTER.values())
    source = source.replace("editor: 乙\n", f"editor: 乙\n{extra}\n", 1)
    lines = source.split("\n")
    expected = {}
    for name, (text, message) in {**FRONT_MATTER, **CONSTRUCTS}.items():
        first = text.replace("{url}", url).split("\n")[0]
        expected[name] = (
            lines.index(first) + 1 if first in lines else _find(lines, first),
            message,
        )
    return source, expected


def _find(lines: list[str], needle: str) -> int:
    return next(i for i, line in enumerate(lines, 1) if needle in line)


@pytest.fixture
def hostile(project: Project, canary_url: str, tmp_path: Path) -> tuple[Project, dict]:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(f"{CANARY}\n", encoding="utf-8")
    (outside / "secret.csv").write_text(f"a,b\n{CANARY},1\n", encoding="utf-8")
    # A "PNG" whose bytes carry the canary: copied anywhere, it would be found.
    (outside / "secret.png").write_bytes(b"\x89PNG\r\n\x1a\n" + CANARY.encode() * 4)
    (outside / "evil.md").write_text(issue_source(5, news(CANARY)), encoding="utf-8")
    source, expected = _hostile_issue(canary_url)
    project.write("issues/003.md", source)
    (project.src / "issues" / "005.md").symlink_to(outside / "evil.md")
    project.write("issues/006.rst", f"Title\n=====\n\n.. include:: {outside / 'secret.txt'}\n")
    draft = issue_source(4, news(DRAFT_CANARY, body=f"{DRAFT_CANARY} 正文。"))
    project.write("issues/004.md", draft.replace("editor: 乙\n", "editor: 乙\ndraft: true\n"))
    return project, expected


def _texts(outdir: Path) -> Iterator[tuple[Path, bytes]]:
    """Every output file's bytes, and the decompressed bytes of compressed ones."""
    for path in outdir.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        yield path, data
        if data[:2] == b"\x1f\x8b":
            yield path, gzip.decompress(data)
        elif data[:1] == b"\x78":
            with contextlib.suppress(zlib.error):
                yield path, zlib.decompress(data)


def test_hostile_issue_reads_runs_and_fetches_nothing(hostile: tuple[Project, dict]) -> None:
    project, expected = hostile
    project.build()
    leaks = [
        str(path.relative_to(project.builddir))
        for path, data in _texts(project.builddir)
        if CANARY.encode() in data or DRAFT_CANARY.encode() in data
    ]
    assert leaks == []
    assert _Canary.seen == []
    assert not (project.outdir / "issues" / "004.html").exists()  # the draft
    assert not (project.outdir / "issues" / "005.html").exists()  # the symlink
    assert not (project.outdir / "issues" / "006.html").exists()  # the .rst file
    assert not list(project.outdir.glob("_sources/issues/00[456]*"))
    for page in project.outdir.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        refresh = soup.find("meta", attrs={"http-equiv": re.compile("refresh", re.I)})
        assert refresh is None, page
        assert "pwned" not in str(soup.find_all("script"))
    page = project.html("issues/003.html")
    text = page.get_text()
    assert "{{ leak }}" in text and "{{ 7 * 7 }}" in text  # substitutions never ran
    assert "{include}" in text and ":file:" in text  # refused markup stays as text
    warnings = project.warning_lines()
    for name, (line, message) in expected.items():
        located = [w for w in warnings if f"issues/003.md:{line}:" in w and message in w]
        assert len(located) == 1, (name, line, message, warnings)
    for name in ("005.md", "006.rst"):
        assert any(f"issues/{name}:1:" in w for w in warnings), warnings


def test_the_checker_reports_what_the_build_reports(hostile: tuple[Project, dict]) -> None:
    project, expected = hostile
    project.write(
        "issues/002.md",
        issue_source(
            2,
            news("未知选项", url="https://example.com/u")
            + news("没有链接", link=None)
            + news("坏项目", link="https://example.com/p", projects="Kubernets")
            + news("同名一", link="https://example.com/d1", id="dup")
            + news("同名二", link="https://example.com/d2", id="dup")
            + news("坏锚点", link="https://example.com/d3", id="坏 锚点!")
            + ":::{news} 选项块\n:link https://example.com/x\n\n正文。\n:::\n"
            + ":::{news} 未闭合\n:link: https://example.com/z\n\n正文。\n",
        ),
    )
    project.build()
    built = located_messages(project.warnings.splitlines())
    checked = located_messages(
        str(m) for m in check.check_archive(project.src) if m.problem.severity == "error"
    )
    assert built == checked
    assert len(checked) >= len(expected) + 8
    assert {(path, line) for path, line, _ in checked} >= {
        ("issues/003.md", line) for line, _ in expected.values()
    }


HOSTILE_POST = """\
---
title: "云原生周报第 7 期"
date: 2020-01-07
author: "编辑部"
---

# 业界要闻

* [**标题一**](https://example.com/one)：正文一，下载 {download}`../../outside/secret.txt` 即可。
* [**标题二**](https://example.com/two)：正文二。

```{include} ../../outside/secret.txt
```

:::{literalinclude} ../../outside/secret.txt
:::

本周作者：甲
责任编辑：乙
"""


def test_an_imported_post_keeps_myst_syntax_as_text(
    hostile: tuple[Project, dict], tmp_path: Path
) -> None:
    project, _ = hostile
    for name in ("003.md", "004.md", "005.md", "006.rst"):
        (project.src / "issues" / name).unlink()
    source = tmp_path / "weekly-07.md"
    source.write_text(HOSTILE_POST, encoding="utf-8")
    registry = importer.load_registry(project.src / importer.REGISTRY_FILE)[0]
    outcome = importer.import_file(source, project.src, registry)
    assert outcome.status == "written"
    report = "\n".join(importer.summary(outcome))
    assert report.count("已转义") == 3, report
    assert "{download}" in report and "{include}" in report and "{literalinclude}" in report
    assert [str(m) for m in check.check_archive(project.src) if m.problem.severity == "error"] == []
    project.build()
    assert [w for w in project.warning_lines() if "007.md" in w] == []
    leaks = [p for p, data in _texts(project.builddir) if CANARY.encode() in data]
    assert leaks == []
    text = project.html("issues/007.html").get_text()
    assert "{download}" in text and "{include}" in text and "{literalinclude}" in text
