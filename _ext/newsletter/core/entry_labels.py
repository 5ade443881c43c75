"""Labels the weekly writes before an entry's title: ``[重要安全增强]``, ``技术博文：``.

A label says what kind of news an entry is, not what it is about, so it
belongs in the item's tags: five items all titled "技术博文" are five items
nobody can tell apart in a feed or a search result. The importer moves
leading labels into tags, and the checker warns about a title that is only
a label. Pure (no Sphinx), shared by both tools.
"""

from __future__ import annotations

import re

from .i18n import _

#: ``[重要安全增强]``, ``**[安全]**`` or ``【活动】：`` — brackets that are not a link's text.
_BRACKETED = re.compile(
    r"^[ \t]*(?:\[(?P<square>[^\[\]()\n\\]{2,16})\](?![(\[:])"
    r"|\*\*\[(?P<bold>[^\[\]()\n\\*]{2,16})\]\*\*"
    r"|【(?P<lenticular>[^【】\n]{2,16})】)[ \t]*(?:：[ \t]*)?"
)
#: ``技术博文：[…](…)`` or ``**推荐：**《[…](…)》`` — a short word and a colon before a link.
_COLON = re.compile(
    r"^[ \t]*(?:\*\*)?(?P<word>[^\s\[\]()（）《》:：*`#!]{2,8})(?:\*\*)?[ \t]*[:：][ \t]*"
    r"(?:\*\*[ \t]*)?(?=《?\[|\*\*\[)"
)
#: Words that name a kind of entry; a title made only of one of them is a label.
LABEL_WORDS = frozenset(
    {
        "技术博文",
        "博文",
        "文章",
        "推荐",
        "推荐阅读",
        "阅读推荐",
        "开源项目",
        "项目推荐",
        "新闻",
        "活动",
        "会议",
        "视频",
        "直播",
        "公告",
        "发布",
        "更新",
        "安全",
        "重要",
    }
)


def split_labels(content: str) -> tuple[tuple[str, ...], str]:
    """The leading labels of an entry and the entry without them."""
    labels: list[str] = []
    while True:
        match = _BRACKETED.match(content) or _COLON.match(content)
        if match is None:
            return tuple(labels), content
        label = next(v for v in match.groupdict().values() if v)
        labels.append(label.strip())
        content = content[match.end() :]


def is_label_only(title: str) -> bool:
    """True when ``title`` names the kind of an entry, not the entry."""
    text = title.strip().rstrip("：:").strip()
    if not text:
        return False
    labels, rest = split_labels(text)
    return (bool(labels) and not rest.strip()) or text in LABEL_WORDS


def label_title_problem(title: str) -> str | None:
    """The checker's message for a title that is only a label; None otherwise."""
    if not is_label_only(title):
        return None
    return _(
        'The news item\'s title "{title}" is only a label; write the title a reader would use (the label may go in :tags:)'
    ).format(title=title)
