"""Sphinx configuration of the Cloud Native Weekly archive.

Settings only: everything the archive does lives in the ``newsletter``
extension under ``_ext/``.
"""

import os
import sys

sys.path.insert(0, os.path.abspath("_ext"))

project = "云原生生态周报"
author = "云原生生态周报编辑部"
copyright = "2019-2026, 云原生生态周报编辑部"
language = "zh_CN"

extensions = [
    "myst_parser",
    "ablog",
    "sphinxext.opengraph",
    "newsletter",
]

# Only these are pages of the site; tests/, README.md, .venv, _build and the
# rest of the repository are never read.
include_patterns = ["index.md", "docs/**", "issues/**"]
exclude_patterns = ["_build", ".venv"]
root_doc = "index"

myst_enable_extensions = ["colon_fence", "deflist", "fieldlist"]
# Issue titles are written once, in the front matter.
myst_title_to_header = True
myst_heading_anchors = 0

# -- The archive ------------------------------------------------------------
newsletter_issue_pattern = "issues/*"

# The canonical address of the site; Read the Docs provides its own.
site_url = os.environ.get(
    "READTHEDOCS_CANONICAL_URL", "https://cloudnative-weekly.readthedocs.io/zh-cn/latest/"
)

# -- ablog ------------------------------------------------------------------
blog_title = project
blog_path = "blog"
blog_post_pattern = ["issues/*"]
blog_baseurl = site_url
blog_feed_archives = False
post_date_format = "%Y-%m-%d"

# -- HTML -------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = "云原生生态周报"
html_static_path = ["_static"]
html_css_files = ["newsletter.css"]
html_last_updated_fmt = None
html_theme_options = {
    "repository_url": "https://github.com/cloudnative-weekly/archive",
    "use_repository_button": True,
    "show_toc_level": 2,
    "navigation_with_keys": False,
}
# pydata-sphinx-theme flips this during the build when ablog is loaded; left
# unset, every build would see a changed config and re-read every document.
# default_mode: left empty, the theme's script logs "Got invalid theme mode"
# as a console error on every page.
html_context = {"fontawesome_included": True, "default_mode": "auto"}
fontawesome_included = True
html_search_language = "zh"

# -- OpenGraph --------------------------------------------------------------
ogp_site_url = site_url
ogp_site_name = project
ogp_type = "article"
# Social card images need matplotlib; covers come from the issues instead.
ogp_social_cards = {"enable": False}
