"""``make check``: the archive's rules, in a second, without a build.

Each rule is a function from the read documents to problems, so a rule is
easy to find, test and extend. The front matter and the registry are
validated by the same pure modules the build uses, so the checker and the
build never disagree about them.

Run: ``newsletter-check [--root DIR] [--links] [--no-drafts] [FILE ...]``;
with files (as pre-commit passes the files being committed), only their
messages are printed.
"""

from __future__ import annotations

import argparse
import asyncio
import difflib
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

from ..core.entry_labels import label_title_problem
from ..core.i18n import N_, _
from ..core.model import Problem, explicit_target, source_link_problem, tag_slug, unsafe_link_reason
from ..core.registry import Registry, load_registry
from ..core.rules import message, severity
from ..core.settings import SettingError, SiteSettings
from ..core.sources import survey
from ..core.terms import fold_term, glossary_terms, missing_term_message, term_target
from .document import IssueDocument, ItemSource, read_issue
from .http_client import Answer, Resolver, get_all
from .report import Message, located, print_messages
from .site_config import load_settings
from .site_language import activate_site_language

#: Seconds to wait for one source link in ``--links`` mode.
LINK_TIMEOUT = 10.0


#: The line that names a draft: it is checked like any issue, and never published.
DRAFT_NOTE = N_("This issue is a draft (draft: true): checked, but not published")
#: The line that names a draft skipped with ``--no-drafts``.
DRAFT_SKIPPED = N_("This issue is a draft (draft: true), not checked as --no-drafts asks")


def read_archive(root: Path, drafts: bool = True) -> tuple[list[IssueDocument], list[Message]]:
    """The issue documents to check, and the files the build would refuse.

    Drafts are read like any issue (the draft is the very file an editor is
    writing), each named with an information line; the build still never
    publishes them. With ``drafts=False`` they are skipped, and named so.
    """
    found = survey(root)
    messages = [Message(r.path, Problem(1, r.message)) for r in found.refused]
    note = _(DRAFT_NOTE if drafts else DRAFT_SKIPPED)
    messages += [Message(path, Problem(1, note, "info")) for path in sorted(found.drafts)]
    skipped = set() if drafts else set(found.drafts)
    documents = [read_issue(root / path, root) for path in found.issues if path not in skipped]
    return documents, messages


def _by_number(documents: list[IssueDocument]) -> list[IssueDocument]:
    return sorted(
        (d for d in documents if d.issue is not None), key=lambda d: (d.issue.number, d.docname)
    )


def _number_line(document: IssueDocument) -> int:
    return document.field_lines.get("number", 1)


def number_rules(
    documents: list[IssueDocument], root: Path
) -> Iterator[tuple[IssueDocument, Problem]]:
    """Numbers are unique (the first file by name keeps it) and consecutive."""
    previous: IssueDocument | None = None
    for document in _by_number(documents):
        issue = document.issue
        assert issue is not None
        if previous is not None and previous.issue is not None:
            last = previous.issue.number
            if issue.number == last:
                first = next(d for d in _by_number(documents) if d.issue.number == issue.number)
                other = first.path.relative_to(root).as_posix()
                text = message("number.duplicate", number=issue.number, other=other)
                yield document, Problem(_number_line(document), text, severity("number.duplicate"))
            elif issue.number > last + 1:
                missing = (
                    _("Issue {number}").format(number=last + 1)
                    if issue.number == last + 2
                    else _("Issues {first}–{last}").format(first=last + 1, last=issue.number - 1)
                )
                text = message("number.gap", last=last, number=issue.number, missing=missing)
                yield document, Problem(_number_line(document), text, severity("number.gap"))
        previous = document


def item_rules(source: ItemSource, registry: Registry | None) -> Iterator[Problem]:
    """What one item must have: a usable link, a body, known projects.

    Reported where the build reports them: at the option, or the directive.
    """
    item, block = source.item, source.block
    if registry is not None:
        for name in item.projects:
            if not registry.resolve(name):
                yield Problem(
                    block.option_lines.get("projects", block.line), registry.unknown_message(name)
                )
    problem = source_link_problem(item.link)
    if problem:
        yield Problem(block.option_lines.get("link", block.line), problem)
    if not item.text:
        yield Problem(block.line, message("item.no_body", title=item.title))


def tag_rules(documents: list[IssueDocument]) -> Iterator[tuple[IssueDocument, Problem]]:
    """A tag no earlier issue used, but close to one that was, is likely a typo.

    Known tags are those of the earlier issues (items and front matter). A
    brand-new tag with nothing close to it is accepted: editors introduce tags
    all the time. Spellings that fold to one tag page ("CI/CD", "ci-cd") are
    reported too, so that the archive keeps one spelling.
    """
    known: dict[str, str] = {}  # tag -> its tag_slug
    for document in _by_number(documents):
        assert document.issue is not None
        by_slug = {slug: tag for tag, slug in known.items()}
        for source in document.items:
            line = source.block.option_lines.get("tags", source.block.line)
            for tag in source.item.tags:
                if not known or tag in known:
                    continue
                same = by_slug.get(tag_slug(tag))
                if same is not None:
                    message = _(
                        "Tag '{tag}' is spelt differently from the existing tag '{same}'; write '{same}'"
                    ).format(tag=tag, same=same)
                    yield document, Problem(line, message, "warning")
                    continue
                close = difflib.get_close_matches(tag, list(known), n=1, cutoff=0.75)
                if close:
                    message = _(
                        "Unknown tag '{tag}' (no earlier issue used it); did you mean '{close}'?"
                    ).format(tag=tag, close=close[0])
                    yield document, Problem(line, message, "warning")
        for tag in [*document.issue.tags, *(t for s in document.items for t in s.item.tags)]:
            known.setdefault(tag, tag_slug(tag))


def term_rules(document: IssueDocument, terms: frozenset[str] | None) -> Iterator[Problem]:
    """Every ``{term}`` reference and ``term-note`` names a term of the glossary.

    Without a glossary file no term is defined: the build says so, in the same words.
    """
    uses = [(use.line, term_target(use.target)) for use in document.roles if use.name == "term"]
    uses += [(note.line, " ".join(note.arguments[0].split())) for note in document.term_notes]
    for line, target in uses:
        if fold_term(target) not in (terms or frozenset()):
            yield Problem(line, missing_term_message(target))


def topic_rules(
    document: IssueDocument, registry: Registry | None, tag_pages: set[str]
) -> Iterator[Problem]:
    """Every ``{project}`` names a registered project, every ``{tag}`` a tag with a page.

    A tag has a page when an item or the front matter of a published issue
    uses it (as :func:`newsletter.store.taxonomy.tags` builds them).
    """
    for use in document.roles:
        label, name = explicit_target(use.target)
        if use.name == "project" and registry is not None and not registry.resolve(name.strip()):
            yield Problem(use.line, registry.unknown_message(name))
        elif use.name == "tag" and tag_slug(name.strip()) not in tag_pages:
            shown = label or name.strip()
            yield Problem(use.line, message("topic.tag_without_page", name=shown))


def tag_pages(documents: list[IssueDocument]) -> set[str]:
    """The slugs of the tags that get a page: those of published issues and their items."""
    published = [d for d in documents if d.issue is not None and not d.issue.draft]
    return {
        tag_slug(tag)
        for d in published
        for tag in [*d.issue.tags, *(t for s in d.items for t in s.item.tags)]  # type: ignore[union-attr]
    }


def link_key(link: str) -> str:
    """Fold the spellings of one address: scheme, host case, trailing slash."""
    parts = urlsplit(link.strip())
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{parts.netloc.lower()}{path}{query}"


def repeat_rules(documents: list[IssueDocument]) -> Iterator[tuple[IssueDocument, Problem]]:
    """A source link an earlier issue already covered, with that issue's number."""
    first: dict[str, int] = {}
    for document in _by_number(documents):
        assert document.issue is not None
        number = document.issue.number
        for source in document.items:
            link = source.item.link
            if unsafe_link_reason(link) is not None:
                continue  # reported as an error already; may not even parse
            earlier = first.setdefault(link_key(link), number)
            if earlier < number:
                line = source.block.option_lines.get("link", source.block.line)
                yield (
                    document,
                    Problem(
                        line,
                        _("The source link was covered in issue {earlier} already: {link}").format(
                            earlier=earlier, link=link
                        ),
                        "warning",
                    ),
                )


def unreachable_reason(answer: Answer) -> str | None:
    """Why a source link counts as unreachable; None when it answered."""
    if answer.refused:
        return _("{error}: {detail}").format(error=answer.error, detail=answer.detail)
    if answer.error:
        return answer.error
    return f"HTTP {answer.status}" if answer.status >= 400 else None


def network_rules(
    documents: list[IssueDocument], timeout: float, resolver: Resolver | None = None
) -> Iterator[tuple[IssueDocument, Problem]]:
    """``--links``: every source link answers within ``timeout`` seconds.

    Asked through the archive's one HTTP client (:mod:`.http_client`), as
    ``make links`` asks them; links already refused as written are not asked.
    """
    sources = [(d, s) for d in documents for s in d.items if not source_link_problem(s.item.link)]
    links = sorted({s.item.link for _, s in sources})
    answers = asyncio.run(get_all(links, timeout=timeout, resolver=resolver)) if links else {}
    for document, source in sources:
        reason = unreachable_reason(answers[source.item.link])
        if reason:
            line = source.block.option_lines.get("link", source.block.line)
            yield (
                document,
                Problem(
                    line,
                    _("The source link cannot be reached ({reason}): {link}").format(
                        reason=reason, link=source.item.link
                    ),
                    "warning",
                ),
            )


def label_rules(source: ItemSource) -> Iterator[Problem]:
    """A title that is only a label ("技术博文", "[重要安全增强]") tells items apart from none."""
    problem = label_title_problem(source.item.title)
    if problem:
        yield Problem(source.block.line, problem, "warning")


def check_archive(
    root: Path,
    links: bool = False,
    timeout: float = LINK_TIMEOUT,
    drafts: bool = True,
    resolver: Resolver | None = None,
    settings: SiteSettings | None = None,
) -> list[Message]:
    """Every problem of the archive under ``root`` (``resolver``: tests of ``links``).

    The registry and the glossary are where the site's conf.py says
    (``settings``, else read from ``root/conf.py``), as in the build.
    """
    settings = settings or load_settings(root)
    documents, messages = read_archive(root, drafts)
    registry_path = root / settings.projects_file
    registry, registry_problems = load_registry(registry_path)
    messages += located(settings.projects_file, registry_problems)
    terms = glossary_terms(root / settings.glossary_file)
    # Without a registry file, project names are not checked (as in the build).
    projects = registry if registry_path.is_file() else None

    def path_of(document: IssueDocument) -> str:
        return document.path.relative_to(root).as_posix()

    pages = tag_pages(documents)
    for document in documents:
        problems: list[Problem] = list(document.problems)
        for source in document.items:
            problems += item_rules(source, projects)
            problems += label_rules(source)
        problems += term_rules(document, terms)
        problems += topic_rules(document, registry, pages)
        messages += located(path_of(document), problems)
    paired = [*number_rules(documents, root), *tag_rules(documents), *repeat_rules(documents)]
    if links:
        paired += network_rules(documents, timeout, resolver)
    messages += [Message(path_of(d), p) for d, p in paired]
    return messages


def named_paths(root: Path, files: list[Path]) -> set[str]:
    """The named files as the messages name them (relative to ``root``).

    Only these files' messages are reported, but the whole archive is read:
    a repeated link or a duplicate number is found against every issue.
    Raises ValueError, with the message for the editor, for a file outside
    the archive.
    """
    base = root.resolve()
    named: set[str] = set()
    for file in files:
        try:
            named.add(file.resolve().relative_to(base).as_posix())
        except ValueError:
            raise ValueError(
                _("{file}: error: the file is not in the archive {root}").format(
                    file=file, root=root
                )
            ) from None
    return named


def main(argv: list[str] | None = None) -> int:
    activate_site_language(Path.cwd())
    parser = argparse.ArgumentParser(
        prog="make check",
        description=_("Check the whole archive: front matter, numbers, news items and terms."),
    )
    parser.add_argument(
        "--root",
        type=Path,
        default=Path.cwd(),
        help=_("the archive's root folder (default: the current folder)"),
    )
    parser.add_argument(
        "--links", action="store_true", help=_("also check every source link online")
    )
    parser.add_argument(
        "--no-drafts",
        dest="drafts",
        action="store_false",
        help=_("skip drafts (draft: true); by default drafts are checked like every issue"),
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=LINK_TIMEOUT,
        help=_("seconds to wait for each link when checking online"),
    )
    parser.add_argument(
        "files",
        nargs="*",
        type=Path,
        help=_(
            "report only these files' problems (pre-commit passes the files to commit); rules across issues still read the whole archive"
        ),
    )
    args = parser.parse_args(argv)
    activate_site_language(args.root)
    if not (args.root / "issues").is_dir():
        print(_("{root}: error: no issues/ folder").format(root=args.root), file=sys.stderr)
        return 2
    try:
        named = named_paths(args.root, args.files) if args.files else None
        settings = load_settings(args.root)
    except (ValueError, SettingError) as error:
        print(error, file=sys.stderr)
        return 2
    messages = check_archive(args.root, args.links, args.timeout, args.drafts, settings=settings)
    if named is not None:
        messages = [m for m in messages if m.path in named]
    return print_messages(messages)


if __name__ == "__main__":
    sys.exit(main())
