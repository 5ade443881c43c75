"""The archive's rules that both ``make check`` and the build report: one table.

The build (through Sphinx warnings) and the checker (through ``file:line``
lines) used to spell some messages twice, in two modules, and the two copies
drifted. A rule that both tools report is written here once, by id; each tool
asks :func:`message` for its text and :func:`severity` for its weight, so the
two cannot say different things. ``tests/test_check_equals_build.py`` holds
them to the same (file, line, message) on a table of malformed files.

Rules with ``scope="check"`` are editorial advice that only ``make check``
gives (a gap in the numbering, a link an earlier issue covered): a build has
no place for them and never reports them.

Most refusals of the dialect and the front matter are produced by one shared
function of the core (:mod:`.dialect`, :mod:`.frontmatter`,
:func:`.model.source_link_problem`), which both tools call: they are one
source already and keep their text there.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    """One rule: its message template (``str.format`` fields) and weight."""

    template: str
    severity: str = "error"
    #: "both": make check and the build report it; "check": make check's advice only.
    scope: str = "both"


#: The first and last publication dates an issue may carry. A fixed range
#: (not "today + a year") keeps the same sources building the same way on
#: any day. The weekly began in 2019; the end leaves room for any real issue
#: while refusing a slipped digit (9999, 2204).
FIRST_DATE = dt.date(2019, 1, 1)
LAST_DATE = dt.date(2099, 12, 31)

RULES: dict[str, Rule] = {
    # Reading the file.
    "encoding.not_utf8": Rule(
        "文件是 {encoding} 编码，期刊文件应为 UTF-8：已按 {encoding} 读取，请另存为 UTF-8"
    ),
    "encoding.undecodable": Rule("此行含有无效的 UTF-8 字节，已替换为 �；请检查复制粘贴的内容"),
    "text.line_separator": Rule(
        "此行含有分页符、垂直制表符或 Unicode 分行符（如 U+2028），已换成空格"
    ),
    "dialect.transition": Rule(
        "分隔线只能写在同一节的两段正文之间（不能在条目、列表或引用中，"
        "不能紧跟标题或另一条分隔线，也不能在文件末尾），已作为文字显示"
    ),
    "dialect.footnote_undefined": Rule("脚注 [^{label}] 没有定义，已作为文字显示"),
    "dialect.footnote_unused": Rule("脚注 [^{label}] 的定义没有被引用，已作为文字显示"),
    "dialect.footnote_duplicate": Rule(
        "脚注 [^{label}] 重复定义（第 {first} 行已有），已作为文字显示"
    ),
    # The front matter.
    "frontmatter.unclosed": Rule("front matter 没有结束的 --- 行，已作为文字显示"),
    "frontmatter.duplicate_key": Rule(
        "front matter 中字段 '{key}' 重复（第 {first} 行已有），只有最后一个生效"
    ),
    "date.range": Rule("日期 {date} 不在周报的合理范围内（{first} 至 {last}），请检查年份"),
    # Numbers across issues.
    "number.duplicate": Rule("期号 {number} 与 {other} 重复"),
    "number.gap": Rule(
        "期号不连续：第 {last} 期之后是第 {number} 期，缺少{missing}", "warning", "check"
    ),
    # Items.
    "item.no_body": Rule("新闻条目“{title}”没有正文"),
    # Links to topic pages (``{tag}`` and ``{project}`` roles).
    "topic.tag_without_page": Rule("标签 '{name}' 还没有任何新闻使用，无法链接"),
    "topic.project_without_page": Rule("项目 '{name}' 还没有已发布的新闻，没有页面，无法链接"),
    # Why an address may not be a link (a reason inside a link message).
    "link.bad_character": Rule("地址中含有不允许的字符（{character}）"),
    "link.bad_host": Rule("主机名 {host} 不合法"),
    "link.local_address": Rule("指向本机或内网地址 {host}（{kind}），读者和检查工具都不应访问"),
}


def message(rule_id: str, **fields: object) -> str:
    """The text of rule ``rule_id`` with its fields filled in."""
    return RULES[rule_id].template.format(**fields)


def severity(rule_id: str) -> str:
    """``"error"`` or ``"warning"``: how much rule ``rule_id`` weighs."""
    return RULES[rule_id].severity
