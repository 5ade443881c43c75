"""What an entry is called and where it points: its lead, a link mid-sentence, its first clause.

An entry's title is what a reader would call the news by. The lead (bold
text and links at its start, as the parser reads them) names it; failing
that, the first usable link of its first sentence; failing that, its first
clause. Its link is the lead's, else the body link whose host the title
names, else the body's first http(s) link. Links, bold and code are
markdown-it-py's (:mod:`.inline`), so link syntax in code is never a source.

Pure: no Sphinx, no files.
"""

from __future__ import annotations

import re

from ...core.link_health import domain_of
from ...core.model import is_safe_link
from .inline import Refs, Span, links_in, plain, spans

#: What may separate an item's lead (its title) from its body.
_SEPARATOR = re.compile(r"^[ \t]*(?:\*\*[ \t]*[:：][ \t]*\*\*|[:：。，,.;；、]|[-–—](?=\s))?[ \t]*")
#: Link texts that name no news: "#12345", "这里", "原文", a person ("@Huang-Wei"),
#: or a pointer to an article ("TechCrunch 上的这篇文章").
_UNUSABLE_TEXT = re.compile(
    r"[#\d\s.,:：/-]*|这里|此处|原文|链接|详情|全文|here|link|@[\w.-]+"
    r"|.{0,20}(?:这篇|此篇|该篇|这个)(?:文章|博文|博客|报道|帖子)",
    re.I,
)
#: A Chinese ideograph: a lead link followed by one at once runs on into its sentence.
_HAN_START = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
#: Words before a link that make it a reference, not the subject ("详见[计划](…)").
_REFERENCE_CUE = re.compile(r"(?:详见|参见|见|参考|更多|来源|出自|via|see)[：:\s]*$", re.I)
#: Where the first clause of an entry ends, when it has to serve as the title.
_CLAUSE_END = re.compile(r"[，,：:。！？!?（(；;\n]")
#: Where a sentence ends, in the text between spans.
_SENTENCE_END = re.compile(r"[。！？!?\n]")


def split_lead(content: str, refs: Refs = None) -> tuple[str, list[str], str] | None:
    """Split an entry into its lead (title), the lead's links, and the rest.

    The lead is a run of bold text, links and 《links》 at the start of the
    entry; a link to a second, different address ends it (that link belongs
    to the body). Returns None when the entry has no lead.
    """
    pos, parts, links = 0, list[str](), list[str]()
    for span in spans(content, refs):
        gap, end, text = content[pos : span.start], span.end, words(span.text)
        if gap.strip(" ") == "《" and span.kind == "link" and content[end : end + 1] == "》":
            end, text = end + 1, f"《{text}》"
        elif gap.strip(" "):
            break
        if span.kind == "strong" and not text.strip("：:，,。. "):
            break  # bold punctuation such as **：** separates the lead from the body
        if span.kind not in ("strong", "link"):
            break
        here = [link.href for link in links_in([span])]
        if links and (not here or any(url != links[0] for url in here)):
            break  # plain bold after a link, or a second address, starts the body
        parts.append(text)
        links.extend(here)
        pos = end
    if not parts:
        return None
    title = join_title(parts).strip("：:，,。. ")
    rest = content[pos:]
    rest = rest[_SEPARATOR.match(rest).end() :]  # type: ignore[union-attr]
    return title, links, rest


def words(text: str) -> str:
    return " ".join(text.split())


def words_beside_links(found: list[Span]) -> bool:
    """Whether a lead says more than its links' text: bold words around them, say."""
    beside = []
    for span in (span for span in found if span.kind != "link"):
        text = span.text
        for link in links_in([span]):
            text = text.replace(link.text, "", 1)
        beside.append(text)
    return bool(re.search(r"\w", "".join(beside)))


def join_title(texts: list[str]) -> str:
    """Join the pieces of a title, with a space where a Latin word meets the next piece.

    ``[**Non-root**](u)[**用户运行**](u)`` reads "Non-root 用户运行", while
    two Chinese pieces join without a space.
    """
    joined = ""
    for text in texts:
        if joined and ((joined[-1].isascii() and joined[-1].isalnum()) or text[:1].isascii()):
            joined += " "
        joined += text
    return " ".join(joined.split())


def usable_title(text: str) -> bool:
    """Link text a reader would call the news by (not "#12345" or "这里")."""
    return len(text) >= 2 and not _UNUSABLE_TEXT.fullmatch(text)


def mid_sentence_link(content: str, refs: Refs = None) -> tuple[str, str] | None:
    """The text and address of the first usable link in the entry's first sentence.

    "本周我们向您推荐[Foo 项目](…)。" is about Foo 项目: the link names it; in
    "1.15 进入发布节奏，详见[计划](…)" the link is a reference, not the subject.
    The sentence ends at a stop in the text between spans, never inside an address.
    """
    pos = 0
    for span in spans(content, refs):
        if _SENTENCE_END.search(content[pos : span.start]):
            break
        pos = span.end
        for link in links_in([span]):
            if _REFERENCE_CUE.search(content[: link.start]):
                continue
            text = words(link.text).strip("：:，,。. ")
            if usable_title(text) and is_safe_link(link.href):
                return text, link.href
    return None


def first_clause(content: str) -> str:
    """The entry's words up to its first clause break, as a stand-in title.

    An English sentence's full stop ("… PodAffinity. (#76243)") is no part of it.
    """
    return _CLAUSE_END.split(plain(content), maxsplit=1)[0].strip().rstrip(".").strip()


def balanced(title: str) -> str:
    """A title whose opening bracket was the link's own.

    "[RuntimeClass scheduling\\] native …](u)" is a link around the text
    "[RuntimeClass scheduling] native …": its "[" opened the link as well.
    """
    close = title.find("]")
    if close != -1 and "[" not in title[:close]:
        return "[" + title
    return title


def source_link(title: str, markdown: str, refs: Refs = None) -> str:
    """The item's source when its title is not a link: the body's links decide.

    A link whose host names a word of the title ("Snyk 年度报告" → snyk.io)
    is the source; otherwise the first http(s) link is.
    """
    title_words = {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z0-9-]{2,}", title)}
    urls = [link.href for link in links_in(spans(markdown, refs)) if is_safe_link(link.href)]
    named = (u for u in urls if any(w in domain_of(u) for w in title_words))
    return next(named, urls[0] if urls else "")


def running_sentence(
    content: str, title: str, links: list[str], body: str, refs: Refs = None
) -> tuple[str, str, str] | None:
    """A lead link that runs on into its sentence: the sentence is the title.

    In "[CNCF 官方宣布](…)为中国开发者提供免费的云原生技术公开课。这些课程…"
    the link is the sentence's subject, not the news's name: the title is
    the whole first sentence, and the body goes on after it.
    """
    lead = content[: len(content) - len(body)]
    found = spans(lead, refs)
    # A bold lead is a headline, even with no stop after it ("[**Java 8 …**](…)长久以来").
    bold = any(span.kind == "strong" for top in found for span in top.walk())
    ends_on_link = bool(found) and found[-1].kind == "link" and found[-1].end == len(lead)
    if not links or bold or not ends_on_link or not _HAN_START.match(body):
        return None
    end = re.search(r"[。！？!?]", body)
    if end is None or plain(body[: end.start()]) != body[: end.start()].strip():
        return None
    sentence = join_title([title, body[: end.start()]])
    if len(sentence) > 60:
        return None
    return sentence, links[0], body[end.end() :].lstrip()
