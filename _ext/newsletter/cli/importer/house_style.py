"""The archive's house style, as the review of issues 1 to 3 applied it by hand.

Each rule here is something the editor fixed in every imported issue, never a
choice about one story, so the importer applies it and the next review has
less to do:

* a space between Chinese and Latin letters or digits ("Envoy正通过ORCA" →
  "Envoy 正通过 ORCA") and none between two Chinese characters ("容器 和"), by autocorrect, the maintained formatter for exactly
  this, which leaves Markdown's links, code and URLs alone; a link whose text
  starts or ends with a Latin word is spaced like that word;
* one phrase split into several links to the same address becomes one link
  ("[同一个](u)[ containerd-shim ](u)[来管理](u)");
* bold that closes just before a bold link and opens again just after it is
  one bold run ("**…重视**[**容器镜像安全**](u)**，并将…**");
* the published issue's own keywords become the archive's topic tags
  ("cloud native" → 云原生, "service mesh" → 服务网格);
* a front-matter summary that only says which issue this is ("这是 Cloud
  Native 周报第 3 期。") is no summary: the issue's "> 摘要：" quote is;
* a closing "名词解释：KEP - …" line is the issue's own term explanation, a
  ``term-note`` under a "名词解释" heading, as hand-written issues have it.

Pure: no Sphinx, no files.
"""

from __future__ import annotations

import re

import autocorrect_py

from .inline import Span, links_in, spans

#: Chinese ideographs: a Latin word next to one of them is set off by a space.
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_CHAR = re.compile(rf"[{_HAN}]")
_SPACE_IN_CHINESE = re.compile(rf"(?<=[{_HAN}])[ \t]+(?=[{_HAN}])")

#: The published keywords and tags the archive's vocabulary knows, folded.
KEYWORD_TAGS = {
    "cloudnative": "云原生",
    "云原生": "云原生",
    "servicemesh": "服务网格",
    "服务网格": "服务网格",
    "serverless": "Serverless",
    "无服务器": "Serverless",
}
#: "这是 Cloud Native 周报第 3 期。", "这是 Cloud Native 周报第一期。"
_NUMBER_ONLY = re.compile(
    r"^\s*这是.{0,40}?(?:周报|weekly).{0,4}?第\s*[\d一二三四五六七八九十百]+\s*期\s*[。.!！]?\s*$",
    re.I,
)
#: "名词解释：KEP - Kubernetes Enhancement Proposal， 即 …"
_TERM_LINE = re.compile(
    r"^\s*名词解释\s*[：:]\s*(?P<term>[^\s：:，,。-][^：:，,。]{0,30}?)\s+[-–—]\s+(?P<text>.+?)\s*$"
)


def spaced(markdown: str) -> str:
    """``markdown`` with a space wherever Chinese meets a Latin word or a number,
    and none inside Chinese text."""
    if not markdown.strip():
        return markdown
    text = autocorrect_py.format_for(markdown, "markdown")
    return _spaced_links(_SPACE_IN_CHINESE.sub("", text))


def _spaced_links(markdown: str) -> str:
    """A space between Chinese and a link whose text starts or ends with a Latin word."""
    out, pos = [], 0
    for link in links_in(spans(markdown)):
        text = link.text.strip()
        before = markdown[link.start - 1 : link.start]
        after = markdown[link.end : link.end + 1]
        out.append(markdown[pos : link.start])
        if _HAN_CHAR.fullmatch(before) and text[:1].isascii() and text[:1].isalnum():
            out.append(" ")
        out.append(markdown[link.start : link.end])
        if _HAN_CHAR.fullmatch(after) and text[-1:].isascii() and text[-1:].isalnum():
            out.append(" ")
        pos = link.end
    return "".join([*out, markdown[pos:]])


def spaced_line(text: str) -> str:
    """One line of plain text (a title) spaced like the body."""
    return autocorrect_py.format(text) if text.strip() else text


def join_split_links(markdown: str) -> str:
    """One link for a phrase the source split into links to one address.

    Links in a row (nothing between them, one address) are what the parser
    says they are, so an address with parentheses or a link inside bold counts.
    """
    runs: list[list[Span]] = []
    for link in links_in(spans(markdown)):
        last = runs[-1][-1] if runs else None
        if last and last.end == link.start and last.href == link.href and link.form != "autolink":
            runs[-1].append(link)
        elif link.form != "autolink":
            runs.append([link])
    out, pos = [], 0
    for run in (run for run in runs if len(run) > 1):
        text = ""
        for piece in (markdown[link.label[0] : link.label[1]].strip() for link in run):
            if text and (text[-1].isascii() or piece[:1].isascii()):
                text += " "
            text += piece
        # The address as the last link wrote it: "(url)" or "(url "title")".
        target = markdown[run[-1].label[1] + 1 : run[-1].end]
        out += [markdown[pos : run[0].start], f"[{text}]{target}"]
        pos = run[-1].end
    return one_bold_run("".join([*out, markdown[pos:]]))


_BOLD_LINK_BETWEEN = re.compile(
    r"\*\*\[\*\*(?P<text>(?:(?!\*\*)[^\]])+)\*\*\]\((?P<url>[^)\s]+)\)\*\*"
)


def one_bold_run(markdown: str) -> str:
    """``**a**[**b**](u)**c**`` as ``**a[b](u)c**``: the same bold, without the seams.

    Only where the ``**`` before the link closes a bold run (an odd count of
    markers before it on the line): there the reader sees one bold phrase.
    """

    def join(match: re.Match[str]) -> str:
        line_start = markdown.rfind("\n", 0, match.start()) + 1
        if markdown.count("**", line_start, match.start()) % 2 == 0:
            return match.group(0)
        return f"[{match.group('text')}]({match.group('url')})"

    return _BOLD_LINK_BETWEEN.sub(join, markdown)


def fold(word: str) -> str:
    return re.sub(r"[\s_-]+", "", word).lower()


def topic_tags(*published: tuple[str, ...]) -> tuple[str, ...]:
    """The archive's tags for the published tags and keywords it knows, in order."""
    found = (KEYWORD_TAGS.get(fold(word)) for words in published for word in words)
    return tuple(dict.fromkeys(tag for tag in found if tag))


def says_only_the_number(summary: str) -> bool:
    """True for a summary that only names the issue ("这是 Cloud Native 周报第 3 期。")."""
    return bool(_NUMBER_ONLY.match(summary))


def term_note(paragraph: str) -> tuple[str, str] | None:
    """``(term, explanation)`` of a "名词解释：TERM - explanation" line; None otherwise."""
    lines = [line for line in paragraph.strip().splitlines() if line.strip()]
    match = _TERM_LINE.match(lines[0]) if len(lines) == 1 else None
    if match is None:
        return None
    text = match.group("text").strip()
    return match.group("term").strip(), text if text[-1:] in "。.!！?？" else text + "。"
