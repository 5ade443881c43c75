"""The archive's own vocabulary, for segmenting and expanding search queries.

Readers type project names, their aliases ("K8s"), glossary terms and tags,
often without spaces around them and with any case or punctuation. The
vocabulary collects those words from the store (item projects and tags), from
the project registry (``docs/projects.yaml``: names and aliases) and from the
glossary terms Sphinx knows. The index adds each item's names and aliases to its record, so an alias
finds the item even when its text never uses it.

The browser segments the query with the same words the index holds. Pagefind
cuts Chinese with jieba when it indexes, but leaves the query to the browser's
``Intl.Segmenter``, whose dictionary lacks common words of the field: Chromium
cuts 镜像仓库 into 镜/像/仓库 and 开源 into 开/源, which then match nothing.
So the build cuts every indexed text with jieba-rs, the segmenter (and
dictionary) Pagefind's extended indexer itself uses, in the same mode, through
its maintained Python binding ``rjieba``, and ships the Chinese words it finds; the browser's segmenter matches the
query against them. A large archive has tens of thousands of such words, so
they are split into shards by their first character (``search-words/N.txt``):
a query fetches only the shards of the characters it contains.
"""

from __future__ import annotations

import json
import re
import shutil
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sphinx.util import logging

from ...core.registry import Registry
from ...store.data import NewsStore

logger = logging.getLogger(__name__)

#: The registry of projects (ids, display names, aliases), when present.
PROJECTS_REGISTRY = "docs/projects.yaml"
FILENAME = "search-vocabulary.json"
WORDS_DIRNAME = "search-words"
#: About this many bytes of words per shard; the shard count is a power of two.
SHARD_BYTES = 4096
MAX_SHARDS = 256
_HAN_WORD = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff]{2,}$")
_HAN_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]{2,}")


def squash(text: str) -> str:
    """The form two spellings of a name share: NFKC, lower case, letters only.

    ``Kube-CDN``, ``kube cdn`` and ``ＫｕｂｅＣＤＮ`` all squash to ``kubecdn``.
    """
    normalized = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in normalized if ch.isalnum())


@dataclass
class Vocabulary:
    """Project names with their aliases, tags and glossary terms."""

    #: Project id -> its names: the display name first, then the aliases.
    projects: dict[str, list[str]] = field(default_factory=dict)
    tags: set[str] = field(default_factory=set)
    terms: set[str] = field(default_factory=set)
    #: Chinese words of two or more characters, as the indexer cuts them.
    words: set[str] = field(default_factory=set)
    #: Groups of names that mean the same thing, in either language
    #: (see :mod:`.thesaurus`).
    synonyms: list[list[str]] = field(default_factory=list)

    def add_project(self, project_id: str, names: Iterable[str] = ()) -> None:
        known = self.projects.setdefault(project_id, [])
        for name in [*names, project_id]:
            if name and squash(name) not in {squash(n) for n in known}:
                known.append(name)

    def project_names(self, project_id: str) -> list[str]:
        """Every name of ``project_id``, or just the id when it is unknown."""
        return self.projects.get(project_id, [project_id])

    def display_name(self, project_id: str) -> str:
        return self.project_names(project_id)[0]

    def to_json(self) -> dict[str, Any]:
        """What the browser's query segmenter needs, sorted for stable output."""
        return {
            "projects": {pid: self.projects[pid] for pid in sorted(self.projects)},
            "tags": sorted(self.tags),
            "terms": sorted(self.terms),
            "shards": len(self.word_shards()),
            "synonyms": self.synonyms,
        }

    def word_shards(self) -> list[list[str]]:
        """The words by shard: shard ``k`` holds the words whose first
        character's code point is ``k`` modulo the shard count."""
        size = sum(len(word.encode("utf-8")) + 1 for word in self.words)
        count = 1
        while count < MAX_SHARDS and count * SHARD_BYTES < size:
            count *= 2
        shards: list[list[str]] = [[] for _ in range(count)]
        for word in sorted(self.words):
            shards[ord(word[0]) % count].append(word)
        return shards


def registry_names(registry: Registry) -> dict[str, list[str]]:
    """Project id -> display name and aliases, from the project registry."""
    return {pid: [p.name, *p.aliases] for pid, p in sorted(registry.projects.items())}


def build_vocabulary(
    store: NewsStore, registry: Mapping[str, list[str]], terms: Iterable[str]
) -> Vocabulary:
    """The vocabulary of the published archive."""
    vocabulary = Vocabulary(terms={term for term in terms if term})
    for project_id, names in sorted(registry.items()):
        vocabulary.add_project(project_id, names)
    for issue, item in store.published_items():
        vocabulary.tags.update(issue.tags)
        vocabulary.tags.update(item.tags)
        for project_id in item.projects:
            vocabulary.add_project(project_id)
    return vocabulary


def chinese_words(texts: Iterable[str]) -> set[str]:
    """The Chinese words of ``texts`` as the indexer cuts them.

    Pagefind's extended indexer cuts Chinese runs with jieba-rs, its default
    dictionary and no HMM; ``rjieba`` binds that same library, so the words
    found here are the words its index holds. It replaced the pure-Python
    jieba, which cut the same words (checked on every issue and the corpus)
    ten times slower and took a second and a half to load its dictionary.
    Without it (already reported at ``builder-inited``) the set is empty.
    """
    try:
        import rjieba
    except ImportError:
        return set()
    found: set[str] = set()
    for text in texts:
        # Only runs of two or more Chinese characters can hold such a word.
        for run in _HAN_RUN.findall(text):
            found.update(word for word in rjieba.cut(run, False) if _HAN_WORD.match(word))
    return found


def write_vocabulary(vocabulary: Vocabulary, outdir: Path) -> None:
    """Write ``search-vocabulary.json`` and the word shards beside it."""
    text = json.dumps(vocabulary.to_json(), ensure_ascii=False, indent=1) + "\n"
    (outdir / FILENAME).write_text(text, encoding="utf-8")
    words = outdir / WORDS_DIRNAME
    shutil.rmtree(words, ignore_errors=True)
    words.mkdir()
    for number, shard in enumerate(vocabulary.word_shards()):
        (words / f"{number}.txt").write_text(" ".join(shard), encoding="utf-8")
