"""The one synthetic archive: N issues in the archive's real format.

``make bench`` builds it at N=500 and 1000, the search benchmark on top of it,
and the tests use the same generator for small archives (a few issues added to
the real site or to a fixture root) and for the 500-issue topic pages.

The text is generated from small word lists written for this purpose (never
copied from published issues), or, for the search benchmark, from words drawn
by frequency from jieba's dictionary so that the index has a real vocabulary.
Projects are drawn from the target site's own registry (``docs/projects.yaml``)
and tags from a tag vocabulary, both with a Zipf-like skew, as in a real weekly
where Kubernetes appears every week and most projects rarely; glossary terms
are sprinkled into the bodies so auto-linking does real work.

The same generated content can also be written as plain MyST (each item a
heading, its link and its paragraphs) for the baseline build.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from newsletter.core.settings import DEFAULTS

REPO = Path(__file__).resolve().parent.parent
#: The first issue's date when a caller names none: the archive's own first week.
FIRST_DATE = dt.date(2019, 5, 7)
#: Items per issue, as in the real weekly.
ITEMS = (15, 25)

#: The archive's own sections (its conf.py keeps the defaults).
SECTIONS = list(DEFAULTS.sections)
TAGS = [
    "安全", "版本发布", "可观测性", "多集群", "Serverless", "流量管理", "存储", "网络",
    "调度", "边缘计算", "AI", "CI/CD", "性能", "成本优化", "开发者体验", "治理",
    "镜像仓库", "运行时", "策略", "事件驱动", "GitOps", "eBPF", "WebAssembly", "标准",
]  # fmt: skip
ZH_SUBJECTS = [
    "社区",
    "维护者",
    "工作组",
    "新版本",
    "提案",
    "控制面",
    "调度器",
    "运行时",
    "插件",
    "控制器",
]
ZH_VERBS = [
    "引入了",
    "改进了",
    "重新设计了",
    "正式发布了",
    "开始讨论",
    "弃用了",
    "合并了",
    "修复了",
]
ZH_OBJECTS = [
    "资源隔离机制", "多租户支持", "滚动升级流程", "证书轮换", "镜像拉取策略", "负载均衡算法",
    "跨集群服务发现", "弹性伸缩策略", "审计日志", "存储卷快照", "网络策略", "节点亲和性",
]  # fmt: skip
ZH_CLAUSES = [
    "这将显著降低大规模集群的运维成本",
    "用户无需修改现有配置即可受益",
    "该特性目前处于 Alpha 阶段",
    "预计将在下一个版本中默认开启",
    "社区欢迎更多反馈",
    "此前的实现存在性能瓶颈",
    "这对生产环境的稳定性尤为重要",
]  # fmt: skip
EN_WORDS = [
    "controller",
    "operator",
    "cluster",
    "rollout",
    "latency",
    "throughput",
    "sidecar",
    "gateway",
    "policy",
    "scheduler",
    "workload",
    "storage",
    "snapshot",
    "network",
    "upgrade",
    "release",
    "feature",
    "proposal",
]


@dataclass(frozen=True)
class Item:
    title: str
    link: str
    section: str
    group: str
    projects: tuple[str, ...]
    tags: tuple[str, ...]
    paragraphs: tuple[str, ...]


def _registry(site: Path) -> tuple[list[str], dict[str, str]]:
    """The site's project ids (most important first) and their display names."""
    from newsletter.core.registry import load_registry

    registry, _ = load_registry(site / "docs/projects.yaml")
    return list(registry.projects), {p.id: p.name for p in registry.projects.values()}


def _glossary_terms(site: Path) -> list[str]:
    path = site / "docs/glossary.md"
    if not path.is_file():
        return []
    text = path.read_text(encoding="utf-8")
    block = text.split(":::{glossary}", 1)[-1].split(":::", 1)[0]
    return [
        line.strip() for line in block.splitlines() if line.strip() and not line.startswith(" ")
    ]


def _dictionary_words() -> tuple[list[str], list[float]]:
    """jieba's dictionary: words of one to four characters and their cumulative frequencies."""
    import jieba

    words, weights, total = [], [], 0.0
    with jieba.get_dict_file() as dictionary:
        for line in dictionary:
            word, freq, *_ = line.decode("utf-8").split()
            if 1 <= len(word) <= 4 and int(freq) >= 3:
                total += int(freq)
                words.append(word)
                weights.append(total)
    return words, weights


def _zipf(rng: random.Random, population: list[str], k: int) -> list[str]:
    weights = [1 / (rank + 1) for rank in range(len(population))]
    picked: list[str] = []
    while len(picked) < min(k, len(population)):
        choice = rng.choices(population, weights)[0]
        if choice not in picked:
            picked.append(choice)
    return picked


class Generator:
    """Items for one site: its registry's projects, its glossary's terms."""

    def __init__(
        self,
        site: Path = REPO,
        seed: int = 7,
        items: tuple[int, int] = ITEMS,
        dictionary: bool = False,
    ) -> None:
        self.rng = random.Random(seed)
        self.items = items
        self.project_ids, self.names = _registry(site)
        self.terms = _glossary_terms(site)
        self.dictionary = _dictionary_words() if dictionary else None

    def _filler(self) -> str:
        """Chinese words from the dictionary, or one of the word lists' objects."""
        if self.dictionary is None:
            return self.rng.choice(ZH_OBJECTS)
        words, weights = self.dictionary
        return "".join(self.rng.choices(words, cum_weights=weights, k=self.rng.randint(6, 20)))

    def _sentence(self, project: str) -> str:
        r = self.rng
        words = " ".join(r.sample(EN_WORDS, 2))
        term = f" {r.choice(self.terms)} " if self.terms and r.random() < 0.4 else ""
        return (
            f"{self.names.get(project, project)} {r.choice(ZH_SUBJECTS)}{r.choice(ZH_VERBS)}"
            f"{term}{self._filler()}（{words}），{r.choice(ZH_CLAUSES)}。"
        )

    def item(self, number: int, index: int, section: str) -> Item:
        r = self.rng
        projects = tuple(_zipf(r, self.project_ids, r.choice([1, 1, 1, 2, 2, 3])))
        main = self.names.get(projects[0], projects[0]) if projects else "社区"
        title = (
            f"{main} {r.choice(ZH_VERBS)}{r.choice(ZH_OBJECTS)}（第 {number} 期第 {index + 1} 条）"
        )
        paragraphs = tuple(
            "".join(self._sentence(r.choice(projects or ("",))) for _ in range(r.randint(2, 4)))
            for _ in range(r.randint(1, 2))
        )
        group = f"{main} 项目" if section == "上游重要进展" else ""
        return Item(
            title=title,
            link=f"https://example.org/{projects[0] if projects else 'news'}/{number}/{index}",
            section=section,
            group=group,
            projects=projects,
            tags=tuple(_zipf(r, TAGS, r.choice([1, 2, 2, 3]))),
            paragraphs=paragraphs,
        )

    def issue(self, number: int) -> list[Item]:
        count = self.rng.randint(*self.items)
        sections = [SECTIONS[min(3, i * 4 // count)] for i in range(count)]
        return [self.item(number, i, s) for i, s in enumerate(sections)]


def title(number: int) -> str:
    """An issue's title, as the archive's pages show it."""
    return f"云原生生态周报（合成）第 {number} 期"


def summary(number: int) -> str:
    """An issue's summary (front matter ``summary``)."""
    return f"第 {number} 期的合成摘要。"


def _front_matter(number: int, date: dt.date, archive: bool) -> str:
    lines = [
        "---",
        f"number: {number}" if archive else "orphan: true",
        f"date: {date.isoformat()}",
        f"title: {title(number)}",
    ]
    if archive:
        lines += [f"summary: {summary(number)}", "authors: [合成作者]", "editor: 合成编辑"]
    return "\n".join([*lines, "---", ""])


def archive_issue(number: int, date: dt.date, items: list[Item]) -> str:
    out, section, group = [_front_matter(number, date, True)], None, None
    for item in items:
        if item.section != section:
            section, group = item.section, None
            out.append(f"\n## {section}\n")
        if item.group and item.group != group:
            group = item.group
            out.append(f"\n### {group}\n")
        out.append(f"\n:::{{news}} {item.title}\n:link: {item.link}\n")
        if item.projects:
            out.append(f":projects: {', '.join(item.projects)}\n")
        out.append(f":tags: {', '.join(item.tags)}\n\n")
        out.append("\n\n".join(item.paragraphs) + "\n:::\n")
    return "".join(out)


def baseline_issue(number: int, date: dt.date, items: list[Item]) -> str:
    out, section = (
        [_front_matter(number, date, False), f"\n# {title(number)}\n"],
        None,
    )
    for item in items:
        if item.section != section:
            section = item.section
            out.append(f"\n## {section}\n")
        out.append(f"\n### {item.title}\n\n[来源]({item.link})\n\n")
        out.append("\n\n".join(item.paragraphs) + "\n")
    return "".join(out)


def write_issues(
    site: Path,
    numbers: Iterable[int],
    *,
    first_date: dt.date = FIRST_DATE,
    weeks_apart: int = 1,
    baseline_dir: Path | None = None,
    generator: Generator | None = None,
) -> int:
    """Write issues ``numbers`` (weekly from ``first_date``) into ``site/issues``.

    ``weeks_apart`` spaces them further: a test that needs ten years of
    issues, not five hundred pages, writes fewer issues further apart.
    Projects come from ``site``'s own registry unless a ``generator`` is given.
    Returns the number of items written.
    """
    gen, total = generator or Generator(site), 0
    numbers = list(numbers)
    for target in filter(None, (site, baseline_dir)):
        (target / "issues").mkdir(parents=True, exist_ok=True)
    for number in numbers:
        items = gen.issue(number)
        date = first_date + dt.timedelta(weeks=(number - numbers[0]) * weeks_apart)
        total += len(items)
        name = f"issues/{number:03d}.md"
        (site / name).write_text(archive_issue(number, date, items), encoding="utf-8")
        if baseline_dir is not None:
            (baseline_dir / name).write_text(baseline_issue(number, date, items), encoding="utf-8")
    return total


#: What a copy of the real site needs to build (its issues excepted).
SITE_FILES = ("conf.py", "index.md", "404.md", "docs", "_static")
#: What a copy without the guides keeps of ``docs/``: what decides how an
#: issue is built (the glossary's terms, the project registry).
BUILD_DOCS = ("glossary.md", "projects.yaml")
#: The home page of a copy without the guides: the issues and the glossary.
INDEX_WITHOUT_GUIDES = """\
# 云原生生态周报

```{issue-list}
```

```{toctree}
:hidden:

docs/glossary
```
"""


def copy_site(dest: Path, issues: bool = True, guides: bool = True) -> Path:
    """A copy of the real site at ``dest``, with or without its own issues.

    Without the guides (the documents of ``docs/`` but the glossary, and a
    home page that links only to what is left), a build is about a third
    cheaper; for tests whose subject is the issues, not the whole site.
    """
    dest.mkdir(parents=True, exist_ok=True)
    for name in (*SITE_FILES, "issues") if issues else SITE_FILES:
        source = REPO / name
        if name == "docs" and not guides:
            (dest / name).mkdir()
            for kept in BUILD_DOCS:
                shutil.copy2(source / kept, dest / name / kept)
        elif source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest / name)
    if not guides:
        (dest / "index.md").write_text(INDEX_WITHOUT_GUIDES, encoding="utf-8")
    return dest


def main() -> None:
    parser = argparse.ArgumentParser(description="Write a synthetic archive of N issues.")
    parser.add_argument("count", type=int)
    parser.add_argument("archive_dir", type=Path)
    parser.add_argument("--baseline-dir", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--dictionary", action="store_true", help="text from jieba's dictionary")
    args = parser.parse_args()
    gen = Generator(REPO, args.seed, dictionary=args.dictionary)
    total = write_issues(
        args.archive_dir, range(1, args.count + 1), baseline_dir=args.baseline_dir, generator=gen
    )
    print(f"{args.count} issues, {total} items")


if __name__ == "__main__":
    main()
