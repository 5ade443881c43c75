"""``make import SRC=…``: published Hugo/Markdown issues into ``issues/NNN.md``.

The importer is its own package: :mod:`.hugo` reads a source into the model
(with :mod:`.inline` giving markdown-it-py's links, bold and code spans with
their places in the source, :mod:`.titles` naming each entry and its link,
and :mod:`.emphasis`, :mod:`.credits`,
:mod:`.brokenlinks` and :mod:`.inference` repairing and reading what a person
would), :mod:`.writer`
writes the model as MyST, and this front door runs the batch.

``hugo`` reads a source into the model, ``writer`` writes the model as MyST;
this module only finds the files, refuses to overwrite a different issue
without ``--force``, validates what it wrote with the build's own front
matter rules, copies the images of a page bundle into ``_static/images``,
and prints a summary per file. Importing the same source twice gives the
same file (and says "unchanged").

Run: ``newsletter-import SRC... [--force] [--number N] [--no-infer]``.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ...core.dialect_rewrite import read_issue_text
from ...core.frontmatter import parse_issue
from ...core.i18n import N_, _, ngettext, pgettext
from ...core.model import Problem

# REGISTRY_FILE: the default registry, for callers that import into a copy of this archive.
from ...core.registry import REGISTRY_FILE as REGISTRY_FILE
from ...core.registry import Registry, load_registry
from ...core.settings import SettingError
from ..arguments import issue_number
from ..site_config import load_settings
from ..site_language import activate_site_language
from .group_tags import tag_groups
from .hugo import IMAGE_FOLDER, Heading, ImportedIssue, Passage, SourceError, read_hugo
from .writer import write_issue

#: Why a file (an issue or an image) is not written over: it differs.
DIFFERENT = N_("{path} exists and differs; add --force to overwrite it")


@dataclass(frozen=True)
class Outcome:
    source: Path
    target: str = ""
    imported: ImportedIssue | None = None
    status: str = ""  # "written", "unchanged", or an error message
    #: Places where the source's text would have been live MyST (or other
    #: markup an issue may not carry) and was escaped to stay text.
    escaped: tuple[Problem, ...] = ()
    #: The source line a failure is about.
    line: int = 1

    @property
    def failed(self) -> bool:
        return self.status not in ("written", "unchanged")


def sources(paths: list[Path]) -> list[Path]:
    """The Markdown files named, folders searched recursively."""
    found: list[Path] = []
    for path in paths:
        found += sorted(path.rglob("*.md")) if path.is_dir() else [path]
    return found


def import_file(
    source: Path,
    root: Path,
    registry: Registry,
    force: bool = False,
    number: int | None = None,
    taken: dict[int, Path] | None = None,
    infer: bool = True,
    group_tags: bool = False,
) -> Outcome:
    """Import one source file into ``root/issues``; never raises on bad input.

    ``group_tags``: each item's sub-section heading becomes one of its tags
    (the site's ``newsletter_import_group_tags``).
    """
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return Outcome(source, status=_("cannot be read: {error}").format(error=exc))
    try:
        imported = read_hugo(text, source.stem, registry, number, infer, source.parent)
    except SourceError as exc:
        return Outcome(source, status=str(exc), line=exc.line)
    if group_tags:
        imported = tag_groups(imported)
    issue = imported.issue
    target = f"{issue.docname}.md"
    taken = {} if taken is None else taken
    if issue.number in taken and taken[issue.number] != source:
        return Outcome(
            source,
            target,
            imported,
            _(
                "Issue number {number} is taken by {other} in this import;"
                " give another with --number"
            ).format(number=issue.number, other=taken[issue.number]),
        )
    clash = copy_images(imported, root, force)
    if clash:
        return Outcome(source, target, imported, clash)
    # What the post's readers saw as text stays text: the dialect escapes
    # whatever MyST would otherwise run (a fenced {include}, a {download} role).
    reading = read_issue_text(write_issue(issue, imported.blocks), issue.docname, root)
    output, escaped = reading.text, tuple(reading.problems)
    _issue, problems = parse_issue(output, issue.docname)
    errors = [p.message for p in problems if p.severity == "error"]
    if errors:
        wrong = _("The front matter written is wrong: {errors}").format(errors=_("; ").join(errors))
        return Outcome(source, target, imported, wrong)
    path = root / target
    taken[issue.number] = source
    if path.exists():
        if path.read_text(encoding="utf-8") == output:
            return Outcome(source, target, imported, "unchanged", escaped)
        if not force:
            return Outcome(source, target, imported, _(DIFFERENT).format(path=target))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(output, encoding="utf-8")
    return Outcome(source, target, imported, "written", escaped)


def copy_images(imported: ImportedIssue, root: Path, force: bool = False) -> str:
    """Copy the page bundle's images into ``root/_static/images``; why not, if not.

    The images are in place before the issue text is written and checked, so
    the text never names a missing file. Like the issue itself, a different
    image of the same name is never overwritten without ``--force``; the
    check comes first, so nothing is copied when any image clashes.
    """
    folder = root / IMAGE_FOLDER
    for image, name in imported.images:
        copy = folder / name
        if not force and copy.exists() and copy.read_bytes() != image.read_bytes():
            return _(DIFFERENT).format(path=f"{IMAGE_FOLDER}/{name}")
    for image, name in imported.images:
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(image, folder / name)
    return ""


def _counts(*parts: str) -> str:
    """Counts in one line, each with its own plural ("1 news item, 2 sections")."""
    return pgettext("counts", ", ").join(parts)


def summary(outcome: Outcome) -> list[str]:
    """The per-file report: items per section, entries not converted (with their
    lines), projects inferred and why, images copied, and every other note.
    """
    if outcome.failed:
        return [
            _("{file}:{line}: error: {message}").format(
                file=outcome.source, line=outcome.line, message=outcome.status
            )
        ]
    imported = outcome.imported
    assert imported is not None
    done = _("written") if outcome.status == "written" else _("unchanged")
    sections = [b.title for b in imported.blocks if isinstance(b, Heading) and b.level == 2]
    passages = sum(isinstance(b, Passage) for b in imported.blocks)
    per_section = Counter(e.item.section for e in imported.entries)
    items = len(imported.entries)
    counts = _counts(
        ngettext("{items} news item", "{items} news items", items).format(items=items),
        ngettext("{sections} section", "{sections} sections", len(sections)).format(
            sections=len(sections)
        ),
        ngettext(
            "{passages} passage kept in the body", "{passages} passages kept in the body", passages
        ).format(passages=passages),
    )
    lines = [
        _("{source} → {target} ({done}): ").format(
            source=outcome.source, target=outcome.target, done=done
        )
        + counts
    ]
    lines += [
        ngettext(
            "  section {name}: {count} item",
            "  section {name}: {count} items",
            per_section.get(name, 0),
        ).format(name=name, count=per_section.get(name, 0))
        for name in dict.fromkeys(sections)
    ]
    kinds = Counter(b.kind for b in imported.blocks if isinstance(b, Passage))
    if kinds:
        kept = pgettext("counts", ", ").join(f"{_(kind)} {count}" for kind, count in kinds.items())
        lines.append(
            _("  kept in the body: {kept} (only list items become news items)").format(kept=kept)
        )
    lines += [
        _("  not made a news item: line {line}, {why}").format(line=line, why=why)
        for line, why in imported.unconverted
    ]
    lines += [
        _('  projects inferred: line {line} "{title}" → {projects}').format(
            line=e.line, title=e.item.title, projects=_("; ").join(e.inferred)
        )
        for e in imported.entries
        if e.inferred
    ]
    lines += [
        _("  image copied: {image} → {copy}").format(image=image, copy=f"{IMAGE_FOLDER}/{name}")
        for image, name in imported.images
    ]
    lines += [_("  rewritten: {what}").format(what=r.describe()) for r in imported.rewrites]
    lines += [_("  note: {note}").format(note=note) for note in imported.notes]
    lines += [
        _("  escaped: line {line}, {message}").format(line=p.line, message=p.message)
        for p in outcome.escaped
    ]
    return lines


def main(argv: list[str] | None = None) -> int:
    activate_site_language(Path.cwd())
    parser = argparse.ArgumentParser(
        prog="make import",
        description=_("Import published Hugo/Markdown issues as issues/NNN.md."),
    )
    parser.add_argument("sources", nargs="+", type=Path, help=_("source files or folders"))
    parser.add_argument(
        "--root",
        type=Path,
        default=Path.cwd(),
        help=_("the archive's root folder (default: the current folder)"),
    )
    parser.add_argument(
        "--force", action="store_true", help=_("overwrite existing issue files that differ")
    )
    parser.add_argument(
        "--number", type=issue_number, help=_("the issue number (for a single source file only)")
    )
    parser.add_argument(
        "--no-infer",
        action="store_true",
        help=_("do not infer news items' projects from their links and titles"),
    )
    args = parser.parse_args(argv)
    activate_site_language(args.root)
    files = sources(args.sources)
    missing = [f for f in files if not f.is_file()]
    if missing:
        print(_("{file}: error: no such file").format(file=missing[0]), file=sys.stderr)
        return 2
    if args.number is not None and len(files) != 1:
        print(_("error: --number is for a single source file only"), file=sys.stderr)
        return 2
    try:
        settings = load_settings(args.root)
    except SettingError as error:
        print(error, file=sys.stderr)
        return 2
    registry, _problems = load_registry(args.root / settings.projects_file)
    taken: dict[int, Path] = {}
    outcomes = [
        import_file(
            f,
            args.root,
            registry,
            args.force,
            args.number,
            taken,
            not args.no_infer,
            group_tags=settings.group_tags,
        )
        for f in files
    ]
    for outcome in outcomes:
        print("\n".join(summary(outcome)))
    failed = sum(o.failed for o in outcomes)
    print(
        _counts(
            ngettext("{files} file", "{files} files", len(outcomes)).format(files=len(outcomes)),
            _("{done} imported").format(done=len(outcomes) - failed),
            _("{failed} failed").format(failed=failed),
        )
    )
    return 1 if failed else 0
