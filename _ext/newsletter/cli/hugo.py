"""Reading a published Hugo/Markdown issue into the archive's model.

The reader walks the top-level blocks that markdown-it finds and slices the
*source lines* of each, so whatever it does not turn into an item is kept
exactly as written (nothing is re-rendered, nothing dropped). Lists become
items when each entry has a lead (a bold or linked title) and a source link;
project groups written as plain paragraphs ("Istio/Envoy 项目") become
headings whose projects the registry resolves; closing credit lines fill the
front matter when it lacks them.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

# The build reads dates and name lists this way; an import must agree exactly.
from ..core.frontmatter import parse_date, parse_list
from ..core.model import Issue, NewsItem, is_safe_link, link_scheme, slugify
from ..core.registry import Registry
from .emphasis import repair

_LINK = re.compile(r"\[(?P<text>(?:\\.|[^\]\\])*)\]\((?P<url>[^)\s]+)(?:\s+\"[^\"]*\")?\)")
_BOLD = re.compile(r"\*\*(?P<inner>.+?)\*\*")
_QUOTED_LINK = re.compile(r"《" + _LINK.pattern + r"》")
#: What may separate an item's lead (its title) from its body.
_SEPARATOR = re.compile(r"^[ \t]*(?:\*\*[ \t]*[:：][ \t]*\*\*|[:：。，,.;；、]|[-–—](?=\s))?[ \t]*")
_LIST_MARKER = re.compile(r"^(\s*)([-*+]|\d{1,9}[.)])(\s+|$)")
_HTML_HEADING = re.compile(r"^\s*<h([1-6])[^>]*>(.*?)</h\1>\s*", re.IGNORECASE | re.DOTALL)
#: A project group written as a paragraph: "Kubernetes 项目", "Istio/Envoy 项目：".
_GROUP = re.compile(r"^(?P<name>[A-Za-z][\w.+&-]*(?:[ /][\w.+&-]+){0,3})\s*项目\s*[：:]?$")
_CREDIT = re.compile(r"^\s*(?P<key>本周作者|作者|责任编辑|编辑)\s*[：:]\s*(?P<value>.+?)\s*$")
_PUBLISHER = re.compile(r"^\s*本周报由.+发布\s*[。.]?\s*$")
_VERSION = re.compile(r"\s+v?\d[\w.+-]*$", re.IGNORECASE)
_MARKUP = re.compile(r"\*\*|__|`+|\\(?=[\\`*_{}\[\]()#+\-.!])")


@dataclass(frozen=True)
class Heading:
    """A section (level 2) or group (level 3) heading; deeper levels kept."""

    level: int
    title: str


@dataclass(frozen=True)
class Passage:
    """Markdown kept as written: what is not an item stays in the body."""

    markdown: str
    #: What it is, for the import summary ("段落", "列表项", "引用", ...).
    kind: str = "段落"


@dataclass(frozen=True)
class Entry:
    """A news item and its body, as Markdown."""

    item: NewsItem
    body: str


class Credits(Passage):
    """Closing lines ("本周作者：…", "责任编辑：…", "本周报由…发布")."""

    def value(self, *keys: str) -> str:
        for line in self.markdown.splitlines():
            credit = _CREDIT.match(line)
            if credit and credit.group("key") in keys:
                return credit.group("value")
            if credit is None and "publisher" in keys:
                return line
        return ""


Block = Heading | Passage | Entry


@dataclass
class ImportedIssue:
    issue: Issue
    blocks: list[Block]
    #: Why some things were left as plain text or dropped, for the summary.
    notes: list[str] = field(default_factory=list)

    @property
    def entries(self) -> list[Entry]:
        return [b for b in self.blocks if isinstance(b, Entry)]


class SourceError(ValueError):
    """The source cannot be imported (no front matter, no title, no number)."""


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


#: Hugo's front-matter fences: YAML between ``---`` lines, TOML between ``+++``.
_FENCES = {"---": "yaml", "+++": "toml"}


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """The front matter's data, and the body with the block blanked out.

    Blanking (rather than cutting) keeps the body's line numbers equal to the
    source's, so every block can be sliced from the source lines.
    """
    lines = text.split("\n")
    kind = _FENCES.get(lines[0].strip())
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == lines[0].strip()), None)
    if kind is None or end is None:
        raise SourceError("缺少 front matter（文件应以 --- 开头的 YAML 块开始）")
    block = "\n".join(lines[1:end])
    try:
        data = yaml.safe_load(block) if kind == "yaml" else tomllib.loads(block)
    except (yaml.YAMLError, tomllib.TOMLDecodeError) as exc:
        raise SourceError(f"front matter 不是合法的 {kind.upper()}：{exc}") from None
    if not isinstance(data, dict):
        raise SourceError("front matter 应是 “字段: 值” 的映射")
    return data, "\n".join([""] * (end + 1) + lines[end + 1 :])


def plain(markdown: str) -> str:
    """The reader-visible text of inline Markdown: links, bold and escapes removed."""
    text = _LINK.sub(lambda m: m.group("text"), markdown)
    text = _MARKUP.sub("", text)
    return " ".join(text.split())


def split_lead(content: str) -> tuple[str, list[str], str] | None:
    """Split an entry into its lead (title), the lead's links, and the rest.

    The lead is a run of bold text, links and 《links》 at the start of the
    entry; a link to a second, different address ends it (that link belongs
    to the body). Returns None when the entry has no lead.
    """
    pos, parts, links = 0, [], []
    while pos < len(content):
        space = len(content[pos:]) - len(content[pos:].lstrip(" "))
        here = content[pos + space :]
        match = _LINK.match(here) or _QUOTED_LINK.match(here)
        bold = None if match else _BOLD.match(here)
        if bold is not None and not plain(bold.group("inner")).strip("：:，,。. "):
            break  # bold punctuation such as **：** separates the lead from the body
        if match is None and bold is not None:
            inner = _LINK.fullmatch(bold.group("inner").strip())
            if inner is not None:
                match = bold
                links_here = [inner.group("url")]
            else:
                links_here = [m.group("url") for m in _LINK.finditer(bold.group("inner"))]
        elif match is not None:
            links_here = [match.group("url")]
        else:
            break
        if links and any(url != links[0] for url in links_here):
            break
        found = match or bold
        assert found is not None
        parts.append(content[pos : pos + space + found.end()])
        links.extend(links_here)
        pos += space + found.end()
    if not parts:
        return None
    title = _join([plain(part) for part in parts]).strip("：:，,。. ")
    rest = content[pos:]
    rest = rest[_SEPARATOR.match(rest).end() :]  # type: ignore[union-attr]
    return title, links, rest


def _join(texts: list[str]) -> str:
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


def split_sentence_lead(content: str) -> tuple[str, str] | None:
    """An entry without bold or link lead: its first clause is the title."""
    match = re.match(r"^([^\[\]*\n]{2,80}?)[，,：:。]\s*", content)
    if match is None:
        return None
    return plain(match.group(1)), content[match.end() :]


def _source_link(title: str, markdown: str) -> str:
    """The item's source when its title is not a link: the body's links decide.

    A link whose host names a word of the title ("Snyk 年度报告" → snyk.io)
    is the source; otherwise the first http(s) link is.
    """
    words = {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z0-9-]{2,}", title)}
    urls = [m.group("url") for m in _LINK.finditer(markdown) if is_safe_link(m.group("url"))]
    named = (u for u in urls if any(w in urlsplit(u).netloc.lower() for w in words))
    return next(named, urls[0] if urls else "")


def _dedent_item(lines: list[str]) -> str | None:
    """The content of one list item with its marker and indentation removed."""
    marker = _LIST_MARKER.match(lines[0])
    if marker is None:
        return None
    width = marker.end()
    rest = []
    for line in lines[1:]:
        indent = len(line) - len(line.lstrip(" "))
        rest.append(line[min(indent, width) :])
    return "\n".join([lines[0][width:], *rest]).strip("\n")


#: Names of the block types that stay plain text, for the summary.
_KINDS = {
    "blockquote_open": "引用",
    "html_block": "HTML",
    "fence": "代码",
    "code_block": "代码",
    "table_open": "表格",
}


class Reader:
    """One source file's conversion; ``notes`` collects what it could not place."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.notes: list[str] = []
        self.blocks: list[Block] = []
        self.section = ""
        self.group = ""
        self.group_projects: tuple[str, ...] = ()

    # -- blocks ---------------------------------------------------------
    def heading(self, level: int, title: str) -> None:
        # Hugo's "## Title {#anchor}" sets an anchor; MyST would print it.
        title = repair(re.sub(r"\s*\{#[\w-]+\}\s*$", "", title.strip()))
        if level <= 2:
            self.section, self.group, self.group_projects = plain(title), "", ()
        elif level == 3:
            self.group, self.group_projects = plain(title), ()
        self.blocks.append(Heading(level, title))

    def paragraph(self, source: str) -> None:
        lines = [line.strip() for line in source.strip().splitlines()]
        group = _GROUP.match(plain(lines[0])) if len(lines) == 1 else None
        if group is not None:
            self.heading(3, plain(lines[0]).rstrip("：: "))
            self.group_projects = self.registry.resolve(group.group("name"))
        elif all(_CREDIT.match(line) or _PUBLISHER.match(line) for line in lines):
            self.blocks.append(Credits("\n".join(lines), "署名"))
        else:
            self.passage(source)

    def passage(self, source: str, kind: str = "段落") -> None:
        self.blocks.append(Passage(self.markdown(source.rstrip()), kind))

    def markdown(self, source: str) -> str:
        """Markdown the archive can build: bold repaired, site-relative links spelled out.

        A link or image without a scheme (``/blog/02/``, ``#anchor``) pointed
        into the old site; MyST would look for it among the archive's
        documents and warn.
        Its text stays and its address is written after it, so nothing is lost.
        """

        def spell_out(match: re.Match[str]) -> str:
            url, text = match.group("url"), match.group("text")
            if link_scheme(url):
                return match.group(0)
            kind = "图片" if match.group("bang") else "原站链接"
            self.notes.append(f"相对地址已改为文字（{kind}）：{url}")
            return f"{text}（{kind}：{url}）"

        return repair(re.sub(r"(?P<bang>!?)" + _LINK.pattern, spell_out, source))

    def items(self, source_lines: list[str], token_maps: list[tuple[int, int]]) -> None:
        """A list: each entry with a lead and a link becomes an item."""
        kept: list[str] = []
        for start, end in token_maps:
            lines = source_lines[start:end]
            entry = self.entry(lines)
            if entry is None:
                kept.extend(lines)
                continue
            if kept:
                self.passage("\n".join(kept), "列表项")
                kept = []
            self.blocks.append(entry)
        if kept:
            self.passage("\n".join(kept), "列表项")

    def entry(self, lines: list[str]) -> Entry | None:
        content = _dedent_item(lines)
        if content is None or not content.strip():
            return None
        lead = split_lead(content)
        if lead is not None:
            title, links, body = lead
            link = links[0] if links else _source_link(title, body)
        else:
            sentence = split_sentence_lead(content)
            if sentence is None:
                return None
            title, body = sentence
            link = _source_link(title, content)
        reason = None
        if not link:
            reason = "没有 http(s) 链接"
        elif not is_safe_link(link):
            reason = f"标题链接 {link} 不是 http(s) 地址"
        elif not body.strip():
            reason = "没有正文"
        elif not title:
            reason = "没有标题"
        if reason:
            shown = plain(content) or content.strip()
            self.notes.append(f"列表项留作正文（{reason}）：{shown[:40]}")
            return None
        item = NewsItem(
            docname="",
            id=slugify(title),
            title=title,
            link=link,
            section=self.section,
            group=self.group,
            projects=self.group_projects or self.projects_named(title),
            order=sum(isinstance(b, Entry) for b in self.blocks),
        )
        return Entry(item, self.markdown(body.strip()))

    def projects_named(self, title: str) -> tuple[str, ...]:
        """Projects a release title names ("Argo CD v3.3.9", "SPIFFE/SPIRE v1.14")."""
        name = _VERSION.sub("", title)
        candidates = [name, *name.split("/"), name.split(" ")[0]]
        for candidate in candidates:
            found = self.registry.resolve(candidate.strip())
            if found:
                return found
        return ()

    # -- the document ---------------------------------------------------
    def read(self, body: str, tokens: list[Token]) -> None:
        lines = body.split("\n")
        top = [t for t in tokens if t.level == 0 and t.map is not None and t.nesting >= 0]
        # Sections are the outermost heading level used ("#" in some layouts).
        levels = [int(t.tag[1]) for t in top if t.type == "heading_open"]
        levels += [
            int(m.group(1))
            for t in top
            if t.type == "html_block" and (m := _HTML_HEADING.match(t.content))
        ]
        shift = 2 - min(levels, default=2)
        covered: set[int] = set()
        for token in top:
            start, end = token.map  # type: ignore[misc]
            covered.update(range(start, end))
            source = "\n".join(lines[start:end])
            if token.type == "heading_open":
                inline = tokens[tokens.index(token) + 1]
                self.heading(int(token.tag[1]) + shift, inline.content)
            elif token.type == "html_block" and (html := _HTML_HEADING.match(source)):
                self.heading(int(html.group(1)) + shift, re.sub(r"<[^>]+>", "", html.group(2)))
                if source[html.end() :].strip():
                    self.passage(source[html.end() :])
            elif token.type == "paragraph_open":
                self.paragraph(source)
            elif token.type in ("bullet_list_open", "ordered_list_open"):
                index = tokens.index(token)
                maps = [
                    tuple(t.map)
                    for t in tokens[index:]
                    if t.type == "list_item_open" and t.level == 1 and t.map
                ]
                maps = [m for m in maps if start <= m[0] < end]
                self.items(lines, maps)  # type: ignore[arg-type]
            elif token.type == "hr":
                self.blocks.append(Passage(source.strip(), "分隔线"))
            else:
                self.passage(source, _KINDS.get(token.type, "其他"))
        # Lines no block claims, such as link reference definitions, are kept
        # at the top: they render nothing, wherever they are.
        loose = [line for i, line in enumerate(lines) if i not in covered and line.strip()]
        if loose:
            self.notes.append(f"{len(loose)} 行不属于任何段落（如链接引用定义），保留在正文开头")
            self.blocks.insert(0, Passage("\n".join(loose), "未归类的行"))


def _text(data: dict[str, Any], *keys: str) -> str:
    for key in keys:
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def _names(value: Any) -> tuple[str, ...]:
    return parse_list(value) or ()


def _number(data: dict[str, Any], title: str, stem: str) -> int | None:
    """The issue number: front matter, then "第 N 期" in the title, then the file name."""
    if isinstance(data.get("number"), int):
        return int(data["number"])
    for pattern, text in ((r"第\s*(\d+)\s*期", title), (r"(\d+)(?!.*\d)", stem)):
        match = re.search(pattern, text)
        if match:
            return int(match.group(1))
    return None


#: Front-matter keys the archive keeps; everything else is reported as dropped.
_MAPPED = {
    "number",
    "title",
    "date",
    "draft",
    "summary",
    "description",
    "authors",
    "editor",
    "tags",
}


def read_hugo(text: str, stem: str, registry: Registry, number: int | None = None) -> ImportedIssue:
    """Convert one published issue; raises :class:`SourceError` when impossible."""
    data, body = split_front_matter(text.lstrip("\ufeff").replace("\r\n", "\n"))
    title = _text(data, "title")
    if not title:
        raise SourceError("front matter 缺少 title")
    date = parse_date(data.get("date"))
    if date is None:
        raise SourceError(f"front matter 的 date 无法识别：{data.get('date')!r}")
    number = number or _number(data, title, stem)
    if number is None:
        raise SourceError("无法确定期号（front matter、标题和文件名中都没有），请用 --number 指定")

    reader = Reader(registry)
    reader.read(body, _parser().parse(body))

    credits = [b for b in reader.blocks if isinstance(b, Credits)]
    authors = _names(data.get("authors"))
    editor = _text(data, "editor")
    publisher = ""
    for block in credits:
        authors = authors or _names(block.value("本周作者", "作者"))
        editor = editor or block.value("责任编辑", "编辑")
        publisher = publisher or block.value("publisher")
    summary = _text(data, "summary", "description") or _summary_quote(reader)
    shown = _shown_credits(authors, editor, publisher)
    reader.blocks = [_unshown(b, shown) if isinstance(b, Credits) else b for b in reader.blocks]

    notes = reader.notes
    dropped = sorted(k for k in data if k not in _MAPPED)
    if _text(data, "summary") and "description" in data:
        dropped = sorted([*dropped, "description"])  # the summary won
    if dropped:
        notes.append("front matter 中未导入的字段：" + ", ".join(dropped))
    if not authors:
        notes.append("原文没有作者，已写入“佚名”")
    if not editor:
        notes.append("原文没有责任编辑，已写入“佚名”")
    issue = Issue(
        docname=f"issues/{number:03d}",
        number=number,
        date=date[0],
        published=date[1],
        title=title,
        summary=summary or plain(title),
        authors=authors or ("佚名",),
        editor=editor or "佚名",
        publisher=publisher,
        draft=data.get("draft") is True,
        tags=_names(data.get("tags")),
    )
    return ImportedIssue(issue, _tidy(reader.blocks), notes)


def _summary_quote(reader: Reader) -> str:
    """The "> 摘要：…" blockquote as the summary, when the front matter has none.

    The issue page prints the summary as "摘要：…" under the title, so the
    blockquote leaves the body instead of being shown twice.
    """
    for block in reader.blocks:
        if isinstance(block, Passage) and block.kind == "引用":
            text = plain(re.sub(r"(?m)^\s*>\s?", "", block.markdown)).replace("*", "")
            match = re.match(r"^\s*摘要\s*[：:]\s*(.+)$", text, re.DOTALL)
            if match:
                reader.blocks.remove(block)
                return match.group(1).strip()
    return ""


def _credit_key(line: str) -> str:
    return re.sub(r"[\s：:，,、]", "", plain(line))


def _shown_credits(authors: tuple[str, ...], editor: str, publisher: str) -> set[str]:
    """The closing lines the issue page prints from the front matter."""
    lines = [publisher, "本周作者：" + "，".join(authors) if authors else "", "责任编辑：" + editor]
    return {_credit_key(line) for line in lines if line and not line.endswith("：")}


def _unshown(block: Credits, shown: set[str]) -> Block:
    """The credit lines the page will not print again, kept as text."""
    rest = [line for line in block.markdown.splitlines() if _credit_key(line) not in shown]
    return Passage("\n".join(rest), block.kind) if rest else Passage("")


def _tidy(blocks: list[Block]) -> list[Block]:
    """Drop thematic breaks that would start or end a section (docutils rejects them)."""
    tidy: list[Block] = []
    blocks = [b for b in blocks if not (isinstance(b, Passage) and not b.markdown.strip())]
    for index, block in enumerate(blocks):
        if isinstance(block, Passage) and re.fullmatch(r"[-*_ ]{3,}", block.markdown.strip()):
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if not tidy or isinstance(tidy[-1], Heading) or following is None:
                continue
            if isinstance(following, Heading):
                continue
        tidy.append(block)
    return tidy
