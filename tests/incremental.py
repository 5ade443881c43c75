"""Helpers of the incremental-equals-clean tests: building in a subprocess, edits, trees.

Every build is a fresh ``python -m sphinx`` process, as ``make html`` runs
it: in one process, Sphinx's, ablog's and the themes' module globals would
carry state from one build to the next and hide (or fake) a difference.
"""

from __future__ import annotations

import difflib
import gzip
import json
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import cbor2
from conftest import ROOTS
from sphinx_process import sphinx_build as run_sphinx

#: The fixture project: ablog, the book theme, a glossary, a registry and
#: templates of its own (``_templates``), three issues over two years.
ROOT = ROOTS / "test-incremental"


def build(src: Path, out: Path, *options: str) -> subprocess.CompletedProcess:
    """``sphinx-build`` of ``src`` into ``out/html`` (doctrees in ``out/doctrees``)."""
    result = run_sphinx(
        [
            *("-b", "html", "-q", *options),
            *("-d", str(out / "doctrees"), str(src), str(out / "html")),
        ]
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "WARNING" not in result.stderr, result.stderr[-3000:]
    return result


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` by its relative path, and its bytes."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


#: Pagefind's files that it writes in an order of its own (see :func:`comparable`).
_FILTER = re.compile(r"(pagefind/[^/]+)/filter/[^/]+\.pf_filter")
_META = re.compile(r"(pagefind/[^/]+)/pagefind\.[^/]+\.pf_meta")
_ENTRY = re.compile(r"pagefind/[^/]+/pagefind-entry\.json")


def _pagefind_data(data: bytes) -> list:
    """A Pagefind data file: gzip, a signature, then CBOR."""
    raw = gzip.decompress(data)
    assert raw.startswith(b"pagefind_dcd"), raw[:20]
    return cbor2.loads(raw[len(b"pagefind_dcd") :])


def comparable(files: dict[str, bytes]) -> dict[str, bytes]:
    """``files`` with Pagefind's filters compared by what they hold.

    Pagefind writes the values of each filter (and the list of filters) in
    the order of a Rust hash map, which changes from run to run: the same
    index comes out in another order, under other file names (digests of
    the bytes). These files, and the manifest that names them, are compared
    by their content in a fixed order; every other file, byte for byte.
    """
    found: dict[str, bytes] = {}
    for name, data in files.items():
        if match := _FILTER.fullmatch(name):
            filter_name, values = _pagefind_data(data)
            found[f"{match[1]}/filter/{filter_name}"] = repr(sorted(values)).encode()
        elif match := _META.fullmatch(name):
            meta = _pagefind_data(data)
            meta[3] = sorted(filter_name for filter_name, _ in meta[3])
            found[f"{match[1]}/meta"] = repr(meta).encode()
        elif _ENTRY.fullmatch(name):
            entry = json.loads(data)
            for language in entry["languages"].values():
                language["hash"] = "(the digest of the meta file)"
            found[name] = json.dumps(entry, sort_keys=True).encode()
        else:
            found[name] = data
    return found


def folders(root: Path) -> set[str]:
    """Every folder under ``root``: a clean build leaves none empty."""
    return {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_dir()}


def differences(incremental: dict[str, bytes], clean: dict[str, bytes]) -> str:
    """What differs between two trees, readably ('' when nothing does)."""
    report = []
    for name in sorted(set(incremental) - set(clean)):
        report.append(f"only in the incremental build: {name}")
    for name in sorted(set(clean) - set(incremental)):
        report.append(f"only in the clean build: {name}")
    for name in sorted(set(clean) & set(incremental)):
        if clean[name] != incremental[name]:
            report.append(f"differs: {name}")
            if len(report) < 8 and name.endswith((".html", ".json", ".xml", ".txt", ".js")):
                lines = difflib.unified_diff(
                    clean[name].decode("utf-8", "replace").splitlines(),
                    incremental[name].decode("utf-8", "replace").splitlines(),
                    "clean",
                    "incremental",
                    n=1,
                    lineterm="",
                )
                report.extend(list(lines)[:30])
    return "\n".join(report)


# -- the edits ---------------------------------------------------------------

DATES = ("2023-11-20", "2024-02-05", "2025-03-03")
TITLES = ("Kubernetes 的新动向", "关于 CRD 的新闻", "eBPF 与 Envoy", "一条普通的新闻")
PROJECTS = ("kubernetes", "envoy", "istio, kubernetes", "")
TAGS = ("安全", "网络, 版本发布", "全新标签", "服务网格")
BODIES = ("正文提到 CRD。", "正文提到 eBPF 和 K8s。", "正文什么也没提到。")
AUTHORS = ("[甲, 乙]", "[丁]", "[甲, 一位新作者]")
REGISTRY_EDITS = (
    ("description: 容器编排系统。", "description: 生产级的容器编排系统。"),
    ("name: Istio\n", "name: Istio 服务网格\n"),
    ("    aliases: [K8s]\n", "    aliases: [K8s, Kube]\n"),
    ("projects:\n", "projects:\n  cilium:\n    name: Cilium\n    homepage: https://cilium.io/\n"),
)
GLOSSARY_EDITS = (
    ("自定义资源定义。", "自定义资源定义，扩展 Kubernetes API 的方式。"),
    ("\neBPF\n  在 Linux 内核中安全运行沙箱程序的技术。\n", "\n"),
    # A new first term; made twice, the second is a no-op (two K8s terms
    # would be a duplicate, an error of the sources, not of the build).
    (":::{glossary}\nCRD\n", ":::{glossary}\nK8s\n  Kubernetes 的缩写。\n\nCRD\n"),
)
TEMPLATES = ("_templates/reader-footer.html", "_templates/newsletter/project.html")
CONF_EDITS = (
    ("html_title", '"改名后的测试周报"'),
    ("copyright", '"2024-2025, 测试编辑部"'),
    ("newsletter_feed_length", "1"),
    ("ogp_site_name", '"另一个名字"'),
    ("html_copy_source", "False"),
    ("blog_path", '"archive"'),
    ("html_sidebars", '{"**": ["navbar-logo.html", "reader-nav.html"]}'),
)
CONF_MARK = "\n# -- edited by the test --\n"


def news(title: str, number: int, k: int, projects: str, tags: str, body: str) -> str:
    options = [f":link: https://example.com/{number}/{k}"]
    options += [f":projects: {projects}"] if projects else []
    options += [f":tags: {tags}"]
    return "\n".join([f":::{{news}} {title}", *options, "", body, ":::", ""])


@dataclass
class Site:
    """The fixture's sources under edit, and what the edits changed."""

    src: Path
    conf: dict[str, str] = field(default_factory=dict)
    counter: int = 0

    @classmethod
    def fresh(cls, src: Path) -> Site:
        shutil.rmtree(src, ignore_errors=True)
        shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns("__pycache__", "_build"))
        return cls(src)

    def numbers(self) -> list[int]:
        return sorted(int(p.stem) for p in (self.src / "issues").glob("*.md"))

    def issue(self, k: int) -> Path:
        numbers = self.numbers()
        return self.src / "issues" / f"{numbers[k % len(numbers)]:03d}.md"

    def _replace(self, path: Path, old: str, new: str) -> None:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def add(self, date: int, title: int) -> None:
        number = max(self.numbers(), default=0) + 1
        items = news(TITLES[title], number, 0, PROJECTS[title], TAGS[title], BODIES[title % 3])
        text = (ROOT / "issues" / "002.md").read_text(encoding="utf-8")
        head = text.split("## ", 1)[0]
        head = re.sub(r"(?m)^number: .*$", f"number: {number}", head)
        head = re.sub(r"(?m)^date: .*$", f"date: {DATES[date]}", head)
        head = head.replace("第 2 期", f"第 {number} 期")
        self.write(f"issues/{number:03d}.md", f"{head}## 业界要闻\n\n{items}")

    def change(self, k: int, what: int, value: int) -> None:
        """Change one thing of issue ``k``: an item's title, projects, tags or
        body, the summary, the authors, the date, or add an item."""
        path = self.issue(k)
        text = path.read_text(encoding="utf-8")
        self.counter += 1
        kind = what % 8
        if kind == 0:
            text = re.sub(
                r"(?m)^:::\{news\} .*$", f":::{{news}} {TITLES[value % 4]}", text, count=1
            )
        elif kind == 1:
            projects = PROJECTS[value % 4]
            text = re.sub(r"(?m)^:projects: .*\n", "", text, count=1)
            if projects:
                text = re.sub(r"(?m)^(:link: .*)$", rf"\1\n:projects: {projects}", text, count=1)
        elif kind == 2:
            text = re.sub(r"(?m)^:tags: .*$", f":tags: {TAGS[value % 4]}", text, count=1)
        elif kind == 3:
            text = re.sub(r"(?m)^(:tags: .*\n\n).*$", rf"\g<1>{BODIES[value % 3]}", text, count=1)
        elif kind == 4:
            text = re.sub(
                r"(?m)^summary: .*$", f"summary: 改过的摘要 {self.counter}。", text, count=1
            )
        elif kind == 5:
            text = re.sub(r"(?m)^authors: .*$", f"authors: {AUTHORS[value % 3]}", text, count=1)
        elif kind == 6:
            text = re.sub(r"(?m)^date: .*$", f"date: {DATES[value % 3]}", text, count=1)
        else:
            number = int(path.stem)
            text += "\n" + news(TITLES[value % 4], number, 90 + self.counter, "", "新增", "新增。")
        path.write_text(text, encoding="utf-8")

    def rename(self, k: int) -> None:
        """Move issue ``k`` to the next free number (its file and its number)."""
        path = self.issue(k)
        number = max(self.numbers()) + 1
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"(?m)^number: .*$", f"number: {number}", text, count=1)
        path.unlink()
        self.write(f"issues/{number:03d}.md", text)

    def delete(self, k: int) -> None:
        if len(self.numbers()) > 1:
            self.issue(k).unlink()

    def registry(self, k: int) -> None:
        self._replace(self.src / "docs/projects.yaml", *REGISTRY_EDITS[k % len(REGISTRY_EDITS)])

    def glossary(self, k: int) -> None:
        self._replace(self.src / "docs/glossary.md", *GLOSSARY_EDITS[k % len(GLOSSARY_EDITS)])

    def template(self, k: int) -> None:
        """Edit one of the site's templates, or remove it (the extension's
        own is used instead), or bring a removed one back."""
        path = self.src / TEMPLATES[k % len(TEMPLATES)]
        if not path.is_file():
            shutil.copy(ROOT / path.relative_to(self.src), path)
        elif k % 3 == 2:
            path.unlink()
        else:
            self.counter += 1
            text = re.sub(r"模板 \d+", f"模板 {self.counter}", path.read_text(encoding="utf-8"))
            path.write_text(text, encoding="utf-8")

    def configure(self, k: int) -> None:
        name, value = CONF_EDITS[k % len(CONF_EDITS)]
        self.conf[name] = value
        conf = self.src / "conf.py"
        text = conf.read_text(encoding="utf-8").split(CONF_MARK)[0]
        settings = "".join(f"{key} = {val}\n" for key, val in sorted(self.conf.items()))
        conf.write_text(text + CONF_MARK + settings, encoding="utf-8")

    def write(self, relpath: str, text: str) -> None:
        path = self.src / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def apply(self, edit: tuple) -> None:
        name, *args = edit
        getattr(self, name)(*args)
