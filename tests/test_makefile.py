"""The Makefile passes the editors' variables on to the tools (``make -n``)."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from conftest import MAKE, REPO

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def dry_run(*args: str) -> list[str]:
    """The commands ``make`` would run (spaces folded), without running them."""
    result = subprocess.run(
        ["make", "-n", "-C", str(REPO), *args], capture_output=True, text=True, check=True
    )
    return [" ".join(line.split()) for line in result.stdout.splitlines()]


@pytest.mark.parametrize(
    ("args", "command"),
    [
        (("new",), "/newsletter-new"),
        (("new", "DATE=2019-05-14", "NUMBER=4"), "newsletter-new --date '2019-05-14' --number '4'"),
        (("check",), "/newsletter-check"),
        (("check", "LINKS=1"), "/newsletter-check --links"),
        (("check", "NO_DRAFTS=1"), "/newsletter-check --no-drafts"),
        (("import", "SRC=a.md", "FORCE=1"), "/newsletter-import --force -- 'a.md'"),
        (("import", "SRC=dir", "NUMBER=7"), "/newsletter-import --number '7' -- 'dir'"),
        (("links",), "/newsletter-links"),
        (("links", "FORCE=1"), "/newsletter-links --force"),
        (("wechat", "N=3"), "-D newsletter_channel_issue='3' . _build/channels/wechat"),
        (("email", "N=3"), "-D newsletter_channel_issue='3' . _build/channels/email"),
        (("livehtml", "PORT=8001"), "--host 127.0.0.1 --port 8001 \\"),
    ],
)
def test_variables_reach_the_tools(args: tuple[str, ...], command: str) -> None:
    assert any(line.endswith(command) for line in dry_run(*args))


@pytest.mark.parametrize("channel", ["wechat", "email"])
def test_channel_without_issue_number_explains_itself(channel: str) -> None:
    result = subprocess.run([*MAKE, channel], capture_output=True, text=True)
    assert result.returncode != 0
    assert f"用法：make {channel} N=<期号>" in result.stdout


def test_import_without_source_explains_itself() -> None:
    result = subprocess.run([*MAKE, "import"], capture_output=True, text=True)
    assert result.returncode != 0
    assert "用法：make import SRC=<文件或目录> [FORCE=1] [NUMBER=N]" in result.stdout
