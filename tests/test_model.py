"""Slug and link rules of the model."""

from __future__ import annotations

import pytest

from newsletter.core.model import is_safe_link, slugify, tag_slug


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Docker Hub 遭入侵，19 万账号被泄露", "docker-hub-遭入侵-19-万账号被泄露"),
        ("[KEP] Ephemeral Containers", "kep-ephemeral-containers"),
        ("Ｋ８ｓ　全角", "k8s-全角"),
        ("---", ""),
    ],
)
def test_slugify_keeps_chinese_and_folds_width(text: str, slug: str) -> None:
    assert slugify(text) == slug


def test_slugify_cuts_long_titles_at_a_word_boundary() -> None:
    slug = slugify("word " * 30)
    assert len(slug) <= 60 and not slug.endswith("-") and slug.endswith("word")


@pytest.mark.parametrize(
    ("a", "b"),
    [("C++", "C#"), ("C#", "F#"), ("安全", "安全性"), ("R&D", "R D")],
)
def test_distinct_tags_get_distinct_slugs(a: str, b: str) -> None:
    assert tag_slug(a) != tag_slug(b)


@pytest.mark.parametrize(
    ("a", "b"), [("Serverless", "serverless"), ("CI/CD", "ci-cd"), ("服务网格", "服务网格 ")]
)
def test_spellings_of_one_tag_share_a_slug(a: str, b: str) -> None:
    assert tag_slug(a) == tag_slug(b)


def test_tag_slugs_are_readable() -> None:
    assert tag_slug("C++") == "c-plus-plus"
    assert tag_slug("C#") == "c-sharp"
    assert tag_slug("服务网格") == "服务网格"
    assert tag_slug("!!!") == "tag"


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://example.com/a", True),
        ("HTTP://EXAMPLE.COM", True),
        ("javascript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("data:text/html,x", False),
        ("//example.com", False),
        ("https://", False),
        ("mailto:a@b.c", False),
    ],
)
def test_only_absolute_http_links_are_safe(url: str, safe: bool) -> None:
    assert is_safe_link(url) is safe
