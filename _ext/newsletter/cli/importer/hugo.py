"""Reading a published Hugo/Markdown issue into the archive's model.

The reader walks the top-level blocks that markdown-it-py finds and slices
the *source lines* of each (``token.map``), so whatever it does not turn into
an item is kept exactly as written (nothing is re-rendered, nothing dropped)
and every message keeps its line. Inside a block, links (autolinks and
reference links resolved), bold and code spans are the parser's tokens with
their places in the source (:mod:`.inline`): what the parser calls code is
never read as a link. Only what CommonMark cannot see is read around it: bold
it leaves literal next to Chinese punctuation (:mod:`.emphasis`, repaired
before the lead is read), links broken by hand (:mod:`.brokenlinks`), a raw
``<h2>`` heading, a link text's own escaped ``[`` (:func:`balanced`). Lists become
items: the title is the entry's lead (bold or linked text), else the text
of its first usable link, else its first clause; leading labels
("[重要安全增强]", "技术博文：") become tags; a lead sentence whose sub-bullets
each carry a link stays as context before the items they become. An entry
that becomes no item is named, with its line, in ``unconverted``. Project
groups ("Istio/Envoy 项目", as a paragraph or a heading) become headings whose
projects the registry resolves; other projects are inferred from strong
evidence only (:mod:`.inference`). Credit lines, wherever they stand, fill
the front matter when it lacks them; images beside the source (a Hugo page
bundle) are planned for copying into ``_static/images``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any

import yaml
from markdown_it.token import Token

from ...core.entry_labels import split_labels

# The build reads dates and name lists this way; an import must agree exactly.
from ...core.frontmatter import fallback_title, load_yaml, parse_date, parse_list
from ...core.i18n import N_, _, ngettext, pgettext
from ...core.model import Issue, NewsItem, is_safe_link, link_scheme, slugify
from ...core.registry import Registry
from .brokenlinks import repair_links
from .credits import credit, is_credits, names, printed
from .emphasis import repair
from .house_style import (
    join_split_links,
    says_only_the_number,
    spaced,
    spaced_line,
    term_note,
    topic_tags,
)
from .inference import infer_projects, projects_named
from .inline import Refs, Span, blocks, links_in, parser, plain, spans
from .plain_fields import Rewrite, plain_field, plain_names
from .titles import (
    balanced,
    first_clause,
    join_title,
    mid_sentence_link,
    running_sentence,
    source_link,
    split_lead,
    usable_title,
    words,
    words_beside_links,
)

_LIST_MARKER = re.compile(r"^(\s*)([-*+]|\d{1,9}[.)])(\s+|$)")
_HTML_HEADING = re.compile(r"^\s*<h([1-6])[^>]*>(.*?)</h\1>\s*", re.IGNORECASE | re.DOTALL)
#: A project group written as a paragraph: "Kubernetes 项目", "Istio/Envoy 项目：".
_GROUP = re.compile(r"^(?P<name>[A-Za-z][\w.+&-]*(?:[ /][\w.+&-]+){0,3})\s*项目\s*[：:]?$")
#: The heading of an issue's own term explanations (``term-note``).
TERM_SECTION = "名词解释"


def anonymous() -> str:
    """Who an issue is by when its source names no one: the site's word ("佚名" in Chinese)."""
    return pgettext("author", "Anonymous")


#: The archive's folder for images copied from page bundles.
IMAGE_FOLDER = "_static/images"
_IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg"})


@dataclass(frozen=True)
class Heading:
    """A section (level 2) or group (level 3) heading; deeper levels kept."""

    level: int
    title: str


@dataclass(frozen=True)
class Passage:
    """Markdown kept as written: what is not an item stays in the body."""

    markdown: str
    #: What it is, for the import summary: a message id ("paragraph", "quote", ...).
    kind: str = N_("paragraph")


@dataclass(frozen=True)
class Entry:
    """A news item and its body, as Markdown."""

    item: NewsItem
    body: str
    #: The source line the entry starts on, for the summary and the checks.
    line: int = 0
    #: Why each project was inferred (empty when the group named them).
    inferred: tuple[str, ...] = ()


class Credits(Passage):
    """Credit lines ("本周作者：…", "> 编辑：…", "本周报由…发布"), top or bottom."""

    def value(self, role: str) -> str:
        for line in self.markdown.splitlines():
            found = credit(line)
            if found and found[0] == role:
                return found[1]
        return ""


Block = Heading | Passage | Entry


@dataclass
class ImportedIssue:
    issue: Issue
    blocks: list[Block]
    #: Why some things were left as plain text or dropped, for the summary.
    notes: list[str] = field(default_factory=list)
    #: List entries of the source that became no item: (line, reason).
    unconverted: list[tuple[int, str]] = field(default_factory=list)
    #: Images beside the source to copy: (file, name in ``_static/images``).
    images: list[tuple[Path, str]] = field(default_factory=list)
    #: Front-matter values that were not plain single lines, and what became of them.
    rewrites: list[Rewrite] = field(default_factory=list)

    @property
    def entries(self) -> list[Entry]:
        return [b for b in self.blocks if isinstance(b, Entry)]


class SourceError(ValueError):
    """The source cannot be imported (no front matter, no title, no number).

    ``line`` is the source line to look at (the field's, where there is one).
    """

    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.line = line


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
        raise SourceError(
            _("The front matter is missing (the file should start with a YAML block opened by ---)")
        )
    block = "\n".join(lines[1:end])
    try:
        # The build's own loader: dates stay text, so that a date such as
        # 2019-13-45 is reported at its line instead of crashing YAML.
        data = load_yaml(block)[1] if kind == "yaml" else tomllib.loads(block)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        raise SourceError(
            _("The front matter is not valid {format}: {error}").format(format="YAML", error=exc),
            line,
        ) from None
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"at line (\d+)", str(exc))
        raise SourceError(
            _("The front matter is not valid {format}: {error}").format(format="TOML", error=exc),
            int(found.group(1)) + 1 if found else 1,
        ) from None
    except (ValueError, RecursionError) as exc:
        # PyYAML raises a bare ValueError for a date like 2024-13-45.
        raise SourceError(
            _("The front matter is not valid {format}: {error}").format(
                format=kind.upper(), error=exc
            ),
            1,
        ) from None
    if not isinstance(data, dict):
        raise SourceError(_('The front matter should be a mapping of "field: value"'), 2)
    return data, "\n".join([""] * (end + 1) + lines[end + 1 :])


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


#: The kind of a thematic break (``------``), kept as written.
_RULE = N_("thematic break")
#: Names of the block types that stay plain text, for the summary.
_KINDS = {
    "blockquote_open": N_("quote"),
    "html_block": N_("HTML"),
    "fence": N_("code"),
    "code_block": N_("code"),
    "table_open": N_("table"),
}


class Reader:
    """One source file's conversion; ``notes`` collects what it could not place."""

    def __init__(
        self,
        registry: Registry,
        infer: bool = True,
        bundle: Path | None = None,
        image_prefix: str = "",
    ) -> None:
        self.registry = registry
        self.infer = infer
        #: The folder of the source, where a page bundle keeps its images.
        self.bundle = bundle
        self.image_prefix = image_prefix
        self.notes: list[str] = []
        self.unconverted: list[tuple[int, str]] = []
        self.images: list[tuple[Path, str]] = []
        self.blocks: list[Block] = []
        self.section = ""
        self.group = ""
        self.group_projects: tuple[str, ...] = ()
        #: The document's link reference definitions, for its reference links.
        self.refs: Refs = None

    # -- blocks ---------------------------------------------------------
    def heading(self, level: int, title: str) -> None:
        # Hugo's "## Title {#anchor}" sets an anchor; MyST would print it.
        title = spaced_line(repair(re.sub(r"\s*\{#[\w-]+\}\s*$", "", title.strip())))
        if level <= 2:
            self.section, self.group, self.group_projects = plain(title), "", ()
        elif level == 3:
            group = _GROUP.match(plain(title).rstrip("：: "))
            projects = self.registry.resolve(group.group("name")) if group else ()
            self.group, self.group_projects = plain(title), projects
        self.blocks.append(Heading(level, title))

    def paragraph(self, source: str) -> None:
        lines = [line.strip() for line in source.strip().splitlines()]
        group = _GROUP.match(plain(lines[0])) if len(lines) == 1 else None
        if group is not None:
            self.heading(3, plain(lines[0]).rstrip("：: "))
        elif is_credits(lines):
            self.blocks.append(Credits("\n".join(lines), N_("credits")))
        elif (note := term_note(source)) is not None:
            self.term_note(*note)
        else:
            self.passage(source)

    def term_note(self, term: str, text: str) -> None:
        """ "名词解释：KEP - …": the issue's own explanation, under its own heading."""
        if self.section != TERM_SECTION:
            self.heading(2, TERM_SECTION)
        fence = "```"
        self.blocks.append(
            Passage(
                f"{fence}{{term-note}} {term}\n{spaced_line(text)}\n{fence}",
                N_("term explanations"),
            )
        )

    def quote(self, source: str) -> None:
        """A blockquote: credit lines ("> 本周作者：…") are credits, the rest is kept."""
        if is_credits(source.strip().splitlines()):
            self.blocks.append(Credits(source.strip(), N_("credits")))
        else:
            self.passage(source, N_("quote"))

    def passage(self, source: str, kind: str = N_("paragraph")) -> None:
        self.blocks.append(Passage(self.markdown(source.rstrip()), kind))

    def markdown(self, source: str) -> str:
        """Markdown the archive can build: bold repaired, site-relative links spelled out.

        A link or image without a scheme (``/blog/02/``, ``#anchor``) pointed
        into the old site; MyST would look for it among the archive's
        documents and warn.
        Its text stays and its address is written after it, so nothing is lost.
        An image beside the source (a page bundle) is copied and shown instead.
        """

        text = repair(self.rewritten(source, spans(source, self.refs), 0, len(source)))
        return spaced(join_split_links(text))

    def rewritten(self, source: str, found: list[Span], start: int, end: int) -> str:
        """``source[start:end]`` with the links and images among ``found`` rewritten."""
        out, pos = [], start
        for span in found:
            out += [source[pos : span.start], self.rewrite(source, span)]
            pos = span.end
        return "".join([*out, source[pos:end]])

    def rewrite(self, source: str, span: Span) -> str:
        """One span as the archive writes it.

        A link whose address has a scheme stays as written, except that a
        reference link is written inline (its definition stays where it was,
        so the entry's body reads alone). A page-bundle image is served from
        the archive; any other address without a scheme is spelled out.
        """
        if span.kind in ("strong", "em"):
            return self.rewritten(source, list(span.inner), span.start, span.end)
        if span.kind not in ("link", "image"):
            return source[span.start : span.end]
        text = self.rewritten(source, list(span.inner), *span.label)
        url, bang = span.href, "!" if span.kind == "image" else ""
        if link_scheme(url):
            # The published page may show a page-bundle image from another
            # host: the archive serves the copy beside the source instead.
            name = PurePosixPath(url.split("?")[0].split("#")[0]).name
            copied = self.bundled_image(name) if bang and name else ""
            if copied:
                self.notes.append(
                    _(
                        "The image is the file of the same name beside the source: {url} → {copy}"
                    ).format(url=url, copy=copied)
                )
                return f"![{text}]({copied})"
            if span.form == "reference":
                return f"{bang}[{text}]({url})"
            return source[span.start : span.end]
        copied = self.bundled_image(url) if bang else ""
        if copied:
            return f"![{text}]({copied})"
        kind = _("image") if bang else _("original site link")
        self.notes.append(
            _("A relative address was turned into text ({kind}): {url}").format(kind=kind, url=url)
        )
        return _("{text} ({kind}: {url})").format(text=text, kind=kind, url=url)

    def bundled_image(self, url: str) -> str:
        """The archive path of an image file beside the source, planned for copying.

        Only a plain relative name inside the source's own folder counts: an
        import never reads files elsewhere on the editor's machine.
        """
        relative = PurePosixPath(url.split("#")[0].split("?")[0])
        if self.bundle is None or relative.is_absolute() or ".." in relative.parts:
            return ""
        if relative.suffix.lower() not in _IMAGE_SUFFIXES:
            return ""
        path = self.bundle.joinpath(*relative.parts)
        inside = path.resolve().is_relative_to(self.bundle.resolve())
        if not inside or path.is_symlink() or not path.is_file():
            return ""
        name = self.image_prefix + "-".join(relative.parts)
        if (path, name) not in self.images:
            self.images.append((path, name))
        return f"/{IMAGE_FOLDER}/{name}"

    def items(self, source_lines: list[str], token_maps: list[tuple[int, int]]) -> None:
        """A list: each entry becomes an item, or is named in ``unconverted``."""
        kept: list[str] = []
        for start, end in token_maps:
            lines = source_lines[start:end]
            blocks, reason = self.entry(lines, start + 1)
            if not blocks:
                kept.extend(lines)
                self.unconverted.append((start + 1, reason))
                continue
            if kept:
                self.passage("\n".join(kept), N_("list items"))
                kept = []
            self.blocks.extend(blocks)
        if kept:
            self.passage("\n".join(kept), N_("list items"))

    def entry(self, lines: list[str], line: int) -> tuple[list[Block], str]:
        """The blocks one list entry becomes, or none and the reason."""
        content = _dedent_item(lines)
        if content is None or not content.strip():
            return [], _("an empty list item")
        announcements = self.announcements(content, line)
        if announcements:
            return announcements, ""
        labels, content = split_labels(content)
        # Bold that CommonMark would leave literal is repaired first, so the
        # parser sees the lead the author meant ("**重要，**…").
        content = repair(content)
        title, link, body = self.title_of(content, line)
        reason = ""
        if not link:
            reason = _("no http(s) link")
        elif not is_safe_link(link):
            reason = _("the title's link {link} is not an http(s) address").format(link=link)
        elif not body.strip():
            reason = _("no body")
        elif not title:
            reason = _("no title")
        if reason:
            shown = plain(content) or content.strip()
            return [], _("{reason}: {text}").format(reason=reason, text=shown[:40])
        title = spaced_line(balanced(title))
        projects, why = self.group_projects, ()
        if len(projects) > 1:
            # "Istio/Envoy 项目": an item about Envoy alone is not Istio's news.
            named = projects_named(self.registry, f"{title}\n{plain(body)}")
            projects = tuple(p for p in projects if p in named) or projects
        if not projects and self.infer:
            inference = infer_projects(self.registry, title, link)
            projects, why = inference.projects, inference.reasons
        item = NewsItem(
            docname="",
            id=slugify(title),
            title=title,
            link=link,
            section=self.section,
            group=self.group,
            projects=projects,
            tags=labels,
            order=sum(isinstance(b, Entry) for b in self.blocks),
        )
        return [Entry(item, self.markdown(body.strip()), line, why)], ""

    def title_of(self, content: str, line: int) -> tuple[str, str, str]:
        """Title, source link and body of an entry whose labels are gone.

        The lead (bold or linked text at the start) is the title; failing
        that, the first usable link of the first sentence names the item and
        the sentence stays whole in the body; failing that, the first clause
        stands in, with a note, and also stays in the body, so the entry's
        first sentence still reads as written.
        """
        lead = split_lead(content, self.refs)
        if lead is not None and usable_title(lead[0]):
            title, links, body = lead
            running = running_sentence(content, title, links, body, self.refs)
            if running is not None:
                return running
            if links:
                # "**本周推荐** [**kubeCDN**](…) **项目**": the link names the item;
                # the words around it stay in the body, where they were.
                lead_spans = spans(content[: len(content) - len(body)], self.refs)
                named = join_title([words(link.text) for link in links_in(lead_spans)])
                if words_beside_links(lead_spans) and usable_title(named):
                    return named, links[0], content
            return title, links[0] if links else source_link(title, body, self.refs), body
        named = mid_sentence_link(content, self.refs)
        if named is not None:
            return named[0], named[1], content
        title = first_clause(content)[:80]
        link = source_link(title, content, self.refs)
        if title and link:
            self.notes.append(
                _(
                    "Line {line} has no link text to be the title;"
                    " the title is its first clause: {title}"
                ).format(line=line, title=title)
            )
        return title, link, content

    def announcements(self, content: str, line: int) -> list[Block]:
        """A lead sentence whose sub-bullets each carry their own link.

        "Y 正式发布了：" followed by one bullet per product is several news:
        each bullet becomes an item and the lead stays as a short paragraph
        before them. Any other shape is one entry with a list in its body.
        """
        if "\n" not in content:
            return []  # one line holds no list
        tokens = parser().parse(content)
        top = [t for t in tokens if t.level == 0 and t.nesting >= 0 and t.map]
        if len(top) != 2 or top[0].type != "paragraph_open":
            return []
        if top[1].type not in ("bullet_list_open", "ordered_list_open"):
            return []
        content_lines = content.split("\n")
        lead = "\n".join(content_lines[top[0].map[0] : top[0].map[1]])  # type: ignore[index]
        if links_in(spans(lead, self.refs)):
            return []
        maps = [t.map for t in tokens if t.type == "list_item_open" and t.level == 1 and t.map]
        subs: list[Block] = []
        notes = len(self.notes)
        for start, end in maps:
            sub_lines = content_lines[start:end]
            blocks, _reason = (
                self.entry(sub_lines, line + start)
                if links_in(spans("\n".join(sub_lines), self.refs))
                else ([], "")
            )
            if len(blocks) != 1 or not isinstance(blocks[0], Entry):
                del self.notes[notes:]  # the entry is read whole instead: no notes twice
                return []
            entry = blocks[0]
            order = entry.item.order + len(subs)  # siblings not yet among the blocks
            subs.append(replace(entry, item=replace(entry.item, order=order)))
        self.notes.append(
            ngettext(
                "The lead on line {line} was split into the {count} news item after it;"
                " the lead stays before it",
                "The lead on line {line} was split into the {count} news items after it;"
                " the lead stays before them",
                len(subs),
            ).format(line=line, count=len(subs))
        )
        return [Passage(self.markdown(lead.strip()), N_("lead")), *subs]

    # -- the document ---------------------------------------------------
    def read(self, body: str, tokens: list[Token]) -> None:
        lines = body.split("\n")
        top = [t for t in tokens if t.level == 0 and t.map is not None and t.nesting >= 0]
        # Where each token is in the stream (tokens compare by value: index() would be slow).
        place = {id(t): i for i, t in enumerate(tokens)}
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
                inline = tokens[place[id(token)] + 1]
                self.heading(int(token.tag[1]) + shift, inline.content)
            elif token.type == "html_block" and (html := _HTML_HEADING.match(source)):
                self.heading(int(html.group(1)) + shift, re.sub(r"<[^>]+>", "", html.group(2)))
                if source[html.end() :].strip():
                    self.passage(source[html.end() :])
            elif token.type == "paragraph_open":
                self.paragraph(source)
            elif token.type == "blockquote_open":
                self.quote(source)
            elif token.type in ("bullet_list_open", "ordered_list_open"):
                index = place[id(token)]
                maps = [
                    tuple(t.map)
                    for t in tokens[index:]
                    if t.type == "list_item_open" and t.level == 1 and t.map
                ]
                maps = [m for m in maps if start <= m[0] < end]
                self.items(lines, maps)  # type: ignore[arg-type]
            elif token.type == "hr":
                self.blocks.append(Passage(source.strip(), _RULE))
            else:
                self.passage(source, _KINDS.get(token.type, N_("other")))
        # Lines no block claims, such as link reference definitions, are kept
        # at the top: they render nothing, wherever they are.
        loose = [line for i, line in enumerate(lines) if i not in covered and line.strip()]
        if loose:
            self.notes.append(
                ngettext(
                    "{count} line belongs to no paragraph (such as a link reference definition);"
                    " kept at the top of the body",
                    "{count} lines belong to no paragraph (such as link reference definitions);"
                    " kept at the top of the body",
                    len(loose),
                ).format(count=len(loose))
            )
            self.blocks.insert(0, Passage("\n".join(loose), N_("unsorted lines")))


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
    "keywords",
}


def read_hugo(
    text: str,
    stem: str,
    registry: Registry,
    number: int | None = None,
    infer: bool = True,
    bundle: Path | None = None,
) -> ImportedIssue:
    """Convert one published issue; raises :class:`SourceError` when impossible.

    ``infer`` lets the reader infer projects; ``bundle`` is the source's folder,
    whose images are planned for copying (nothing is read elsewhere).
    """
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    data, body = split_front_matter(text)
    title = _text(data, "title")
    if not title:
        raise SourceError(_("The front matter has no title"))
    date = parse_date(data.get("date"))
    if date is None:
        raise SourceError(
            _("The front matter's date is not understood: {date}").format(
                date=repr(data.get("date"))
            ),
            _key_line(text, "date"),
        )
    number = number or _number(data, title, stem)
    if number is None:
        raise SourceError(
            _(
                "The issue number cannot be found"
                " (not in the front matter, the title or the file name);"
                " give it with --number"
            )
        )
    rewrites: list[Rewrite] = []
    title = plain_field("title", title, rewrites, fallback_title(number))

    reader = Reader(registry, infer, bundle, f"{number:03d}-")
    body, repairs = repair_links(body)
    reader.notes += [
        _("The hand-written link on line {line} was repaired: {link}").format(
            line=r.line, link=r.after
        )
        if r.repaired
        else _(
            "Line {line} seems to hold a broken link whose address cannot be told;"
            " kept as written: {text}"
        ).format(line=r.line, text=r.before[:60])
        for r in repairs
    ]
    tokens, reader.refs = blocks(body)
    reader.read(body, tokens)

    credits = _credits(reader.blocks)
    authors = _names(data.get("authors"))
    editor = _text(data, "editor")
    publisher = ""
    for block in credits:
        authors = authors or names(block.value("authors"))
        editor = editor or block.value("editor")
        publisher = publisher or block.value("publisher")
    # Hugo's singular field names the issue's author when nothing else does.
    used = {"author"} if not authors and _names(data.get("author")) else set()
    authors = authors or _names(data.get("author"))
    summary = _text(data, "summary", "description")
    if not summary or says_only_the_number(summary):
        summary = _summary_quote(reader) or summary
    reader.blocks = [
        _unshown(b, authors, editor, publisher) if isinstance(b, Credits) else b
        for b in reader.blocks
    ]

    notes = reader.notes + _repeated_titles(reader)
    cover = _cover(reader.blocks)
    dropped = sorted(k for k in data if k not in _MAPPED | used)
    if _text(data, "summary") and "description" in data:
        dropped = sorted([*dropped, "description"])  # the summary won
    if dropped:
        notes.append(
            _("Front matter fields not imported: {fields}").format(fields=", ".join(dropped))
        )
    if not authors:
        notes.append(_('The source names no author; wrote "{name}"').format(name=anonymous()))
    if not editor:
        notes.append(_('The source names no editor; wrote "{name}"').format(name=anonymous()))
    summary = plain_field("summary", summary, rewrites) or plain(title)
    authors = plain_names("authors", authors, rewrites)
    editor = plain_field("editor", editor, rewrites)
    publisher = plain_field("publisher", publisher, rewrites)
    tags = plain_names("tags", _names(data.get("tags")), rewrites)
    issue = Issue(
        docname=f"issues/{number:03d}",
        number=number,
        date=date[0],
        published=date[1],
        title=spaced_line(title),
        summary=spaced_line(summary),
        authors=authors or (anonymous(),),
        editor=editor or anonymous(),
        publisher=publisher,
        image=cover,
        draft=data.get("draft") is True,
        tags=topic_tags(tags, plain_names("keywords", _names(data.get("keywords")), rewrites))
        or tags,
    )
    return ImportedIssue(
        issue, _tidy(reader.blocks), notes, reader.unconverted, reader.images, rewrites
    )


def _key_line(text: str, key: str) -> int:
    """The source line where the front matter names ``key`` (1 when it does not)."""
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*[:=]")
    lines = text.split("\n")
    return next((n for n, line in enumerate(lines, 1) if pattern.match(line)), 1)


def _repeated_titles(reader: Reader) -> list[str]:
    """Titles the import gave to more than one item: a reader could not tell them apart."""
    seen: dict[str, int] = {}
    notes = []
    for entry in (b for b in reader.blocks if isinstance(b, Entry)):
        first = seen.setdefault(entry.item.title, entry.line)
        if first != entry.line:
            notes.append(
                _("Line {line} has the same title as line {first}: {title}").format(
                    line=entry.line, first=first, title=entry.item.title
                )
            )
    return notes


def _cover(blocks: list[Block]) -> str:
    """The picture an issue shows before its first section, as its cover.

    The social card then shows the issue's own picture (No. 2's banner)
    instead of the archive's generic cover.
    """
    for block in blocks:
        if not isinstance(block, Passage) or isinstance(block, Credits):
            return ""
        markdown = block.markdown.strip()
        found = spans(markdown)
        alone = [(s.kind, s.start, s.end) for s in found] == [("image", 0, len(markdown))]
        if alone and found[0].href.startswith(f"/{IMAGE_FOLDER}/"):
            return found[0].href[1:]
    return ""


def _summary_quote(reader: Reader) -> str:
    """The "> 摘要：…" blockquote as the summary, when the front matter has none.

    The issue page prints the summary as "摘要：…" under the title, so the
    blockquote leaves the body instead of being shown twice.
    """
    for block in reader.blocks:
        if isinstance(block, Passage) and block.kind == _KINDS["blockquote_open"]:
            text = plain(re.sub(r"(?m)^\s*>\s?", "", block.markdown)).replace("*", "")
            match = re.match(r"^\s*摘要\s*[：:]\s*(.+)$", text, re.DOTALL)
            if match:
                reader.blocks.remove(block)
                return match.group(1).strip()
    return ""


def _credits(blocks: list[Block]) -> list[Credits]:
    """Credit blocks before the first item or after the last; others become text again.

    "作者：…" between two items belongs to what an item quotes, not to the issue.
    """
    entries = [i for i, b in enumerate(blocks) if isinstance(b, Entry)]
    first, last = (entries[0], entries[-1]) if entries else (len(blocks), -1)
    for index, block in enumerate(blocks):
        if isinstance(block, Credits) and first < index < last:
            blocks[index] = Passage(block.markdown)
    return [b for b in blocks if isinstance(b, Credits)]


def _unshown(block: Credits, authors: tuple[str, ...], editor: str, publisher: str) -> Block:
    """The credit lines the page will not print again, kept as text."""
    lines = block.markdown.splitlines()
    rest = [line for line in lines if not printed(line, authors, editor, publisher)]
    if not any(line.strip().lstrip(">").strip() for line in rest):
        return Passage("")
    return Passage("\n".join(rest), block.kind)


def _tidy(blocks: list[Block]) -> list[Block]:
    """Drop thematic breaks that would start or end a section (docutils rejects them)."""
    tidy: list[Block] = []
    blocks = [b for b in blocks if not (isinstance(b, Passage) and not b.markdown.strip())]
    for index, block in enumerate(blocks):
        if isinstance(block, Passage) and block.kind == _RULE:
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if not tidy or isinstance(tidy[-1], Heading) or following is None:
                continue
            if isinstance(following, Heading):
                continue
        tidy.append(block)
    return tidy
