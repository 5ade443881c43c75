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
from ...core.model import Problem

# REGISTRY_FILE: the default registry, for callers that import into a copy of this archive.
from ...core.registry import REGISTRY_FILE as REGISTRY_FILE
from ...core.registry import Registry, load_registry
from ...core.settings import SettingError
from ..arguments import issue_number
from ..site_config import load_settings
from .group_tags import tag_groups
from .hugo import IMAGE_FOLDER, Heading, ImportedIssue, Passage, SourceError, read_hugo
from .writer import write_issue


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
        return Outcome(source, status=f"无法读取：{exc}")
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
            f"期号 {issue.number} 已由本次导入的 {taken[issue.number]} 使用，请用 --number 另行指定",
        )
    clash = copy_images(imported, root, force)
    if clash:
        return Outcome(source, target, imported, clash)
    # What the post's readers saw as text stays text: the dialect escapes
    # whatever MyST would otherwise run (a fenced {include}, a {download} role).
    reading = read_issue_text(write_issue(issue, imported.blocks), issue.docname, root)
    output, escaped = reading.text, tuple(reading.problems)
    _, problems = parse_issue(output, issue.docname)
    errors = [p.message for p in problems if p.severity == "error"]
    if errors:
        return Outcome(source, target, imported, "生成的 front matter 有误：" + "；".join(errors))
    path = root / target
    taken[issue.number] = source
    if path.exists():
        if path.read_text(encoding="utf-8") == output:
            return Outcome(source, target, imported, "unchanged", escaped)
        if not force:
            return Outcome(
                source, target, imported, f"{target} 已存在且内容不同；确认覆盖请加 --force"
            )
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
            return f"{IMAGE_FOLDER}/{name} 已存在且内容不同；确认覆盖请加 --force"
    for image, name in imported.images:
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(image, folder / name)
    return ""


def summary(outcome: Outcome) -> list[str]:
    """The per-file report: items per section, entries not converted (with their
    lines), projects inferred and why, images copied, and every other note.
    """
    if outcome.failed:
        return [f"{outcome.source}:{outcome.line}: 错误：{outcome.status}"]
    imported = outcome.imported
    assert imported is not None
    done = "已写入" if outcome.status == "written" else "内容未变"
    sections = [b.title for b in imported.blocks if isinstance(b, Heading) and b.level == 2]
    passages = sum(isinstance(b, Passage) for b in imported.blocks)
    per_section = Counter(e.item.section for e in imported.entries)
    lines = [
        f"{outcome.source} → {outcome.target}（{done}）：{len(imported.entries)} 条新闻，"
        f"{len(sections)} 个栏目，{passages} 段留作正文"
    ]
    lines += [f"  栏目 {name}：{per_section.get(name, 0)} 条" for name in dict.fromkeys(sections)]
    kinds = Counter(b.kind for b in imported.blocks if isinstance(b, Passage))
    if kinds:
        kept = "，".join(f"{kind} {count}" for kind, count in kinds.items())
        lines.append(f"  留作正文：{kept}（只有列表项会成为条目）")
    lines += [f"  未转换为新闻条目：第 {line} 行，{why}" for line, why in imported.unconverted]
    lines += [
        f"  推断项目：第 {e.line} 行“{e.item.title}” → {'；'.join(e.inferred)}"
        for e in imported.entries
        if e.inferred
    ]
    lines += [f"  复制图片：{image} → {IMAGE_FOLDER}/{name}" for image, name in imported.images]
    lines += [f"  已改写：{rewrite.describe()}" for rewrite in imported.rewrites]
    lines += [f"  说明：{note}" for note in imported.notes]
    lines += [f"  已转义：第 {p.line} 行，{p.message}" for p in outcome.escaped]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="make import", description="把已发布的 Hugo/Markdown 周报导入为 issues/NNN.md。"
    )
    parser.add_argument("sources", nargs="+", type=Path, help="源文件或目录")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="归档根目录（默认当前目录）")
    parser.add_argument("--force", action="store_true", help="覆盖内容不同的已有期刊文件")
    parser.add_argument("--number", type=issue_number, help="指定期号（只能用于单个源文件）")
    parser.add_argument(
        "--no-infer", action="store_true", help="不根据链接和标题推断新闻条目的相关项目"
    )
    args = parser.parse_args(argv)
    files = sources(args.sources)
    missing = [f for f in files if not f.is_file()]
    if missing:
        print(f"{missing[0]}: 错误：文件不存在", file=sys.stderr)
        return 2
    if args.number is not None and len(files) != 1:
        print("错误：--number 只能用于单个源文件", file=sys.stderr)
        return 2
    try:
        settings = load_settings(args.root)
    except SettingError as error:
        print(error, file=sys.stderr)
        return 2
    registry, _ = load_registry(args.root / settings.projects_file)
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
    print(f"共 {len(outcomes)} 个文件，{len(outcomes) - failed} 个成功，{failed} 个失败")
    return 1 if failed else 0
