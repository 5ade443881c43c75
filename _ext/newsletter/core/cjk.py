"""Chinese text rules shared by the transforms and views: pure, no Sphinx.

A line break in Markdown is a space in HTML. Between two Chinese characters
(or Chinese punctuation) a space is wrong: Chinese is written without spaces,
so "Serverless、\\n容器运行时" must read "Serverless、容器运行时". Breaks next to
Latin letters or digits stay spaces ("Kubernetes 与 Istio").
"""

from __future__ import annotations

import re

#: Curly quotes (Chinese text quotes with “” and ‘’), CJK punctuation,
#: Extension A, Unified Ideographs, Compatibility Ideographs, and full-width
#: forms (，：（）).
CJK_CLASS = (
    "\u2018\u2019\u201c\u201d\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
)
_CJK = re.compile(f"[{CJK_CLASS}]")
#: A line break (with any indentation around it) between two CJK characters.
_BREAK_BETWEEN_CJK = re.compile(f"(?<=[{CJK_CLASS}])[ \\t]*\\n[ \\t]*(?=[{CJK_CLASS}])")


def is_cjk(char: str) -> bool:
    """Whether ``char`` (one character, or empty) is Chinese text or punctuation."""
    return bool(char) and bool(_CJK.fullmatch(char))


def join_breaks(text: str) -> str:
    """``text`` without the line breaks that sit between two CJK characters."""
    return _BREAK_BETWEEN_CJK.sub("", text)


def join_words(left: str, right: str) -> str:
    """Two pieces of running text, with a space only where the script needs one."""
    left, right = left.rstrip(), right.lstrip()
    if not left or not right:
        return left + right
    separator = "" if is_cjk(left[-1]) and is_cjk(right[0]) else " "
    return left + separator + right
