"""Sphinx configuration of the Cloud Native Weekly archive.

Settings only: everything the archive does lives in the ``newsletter``
extension (the package ``sphinx-newsletter-archive``, whose source is
``_ext/newsletter``; ``make`` installs it into .venv as any site would).
"""

project = "云原生生态周报"
author = "云原生生态周报编辑部"
copyright = "2019-2026, 云原生生态周报编辑部"
language = "zh_CN"

# newsletter before sphinxext.opengraph: it imports opengraph without the
# notice about matplotlib that opengraph prints (see ogp_social_cards below).
extensions = [
    "myst_parser",
    "ablog",
    "newsletter",
    "sphinxext.opengraph",
]

# Only these are pages of the site; tests/, README.md, .venv, _build and the
# rest of the repository are never read.
include_patterns = ["index.md", "404.md", "docs/**", "issues/**"]
exclude_patterns = ["_build", ".venv"]
root_doc = "index"

myst_enable_extensions = ["colon_fence", "deflist", "fieldlist"]
# Issue titles are written once, in the front matter; the newsletter
# extension shows them as the page heading (MyST never reads an issue's front
# matter), so MyST's myst_title_to_header is not needed.
myst_heading_anchors = 0

# -- The archive ------------------------------------------------------------
newsletter_issue_pattern = "issues/*"

# The canonical address of the site: feeds, social cards and ablog use it.
# On Read the Docs, READTHEDOCS_CANONICAL_URL (the built version's address)
# takes its place; html_baseurl, ogp_site_url and blog_baseurl are derived
# from it.
newsletter_site_url = "https://cloudnative-weekly.readthedocs.io/zh-cn/latest/"

# -- Publishing channels (make wechat / make email) --------------------------
# The sender and the unsubscribe address of the e-mail edition. Mail services
# replace a placeholder such as {{unsubscribe_url}} with each reader's own link.
newsletter_email_from = "云原生生态周报 <weekly@cloudnative-weekly.example>"
newsletter_email_unsubscribe = "mailto:unsubscribe@cloudnative-weekly.example?subject=unsubscribe"

# -- ablog ------------------------------------------------------------------
blog_title = project
blog_path = "blog"
blog_post_pattern = ["issues/*"]
blog_feed_archives = False
# One feed system for readers: the archive's own feeds under feeds/ (issues,
# projects, tags). No feed template means ablog writes no blog/atom.xml.
blog_feed_templates: dict = {}
post_date_format = "%Y-%m-%d"
post_date_format_short = "%Y-%m-%d"
# Issue pages show previous/next issue links of their own (above and below).
post_show_prev_next = False

# -- HTML -------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = "云原生生态周报"
html_static_path = ["_static"]
html_favicon = "_static/favicon.png"
html_css_files = ["newsletter.css"]
html_last_updated_fmt = None
# The readers' navigation (issues, projects, tags, search, subscribing, the
# latest issues), then ablog's issues by year. The maintainers' documents are
# in the footer's "关于本站" group. The one search box is the header's.
html_sidebars = {
    "**": [
        "navbar-logo.html",
        "reader-nav.html",
        "ablog/archives.html",
    ]
}
html_theme_options = {
    "repository_url": "https://github.com/cloudnative-weekly/archive",
    "use_repository_button": False,
    "use_download_button": False,
    "use_fullscreen_button": False,
    "show_toc_level": 2,
    "navigation_with_keys": False,
    "footer_content_items": ["reader-footer.html"],
    "search_bar_text": "搜索归档……",
}
# pydata-sphinx-theme flips this during the build when ablog is loaded; left
# unset, every build would see a changed config and re-read every document.
# default_mode: left empty, the theme's script logs "Got invalid theme mode"
# as a console error on every page.
html_context = {"fontawesome_included": True, "default_mode": "auto"}
fontawesome_included = True
html_search_language = "zh"

# -- OpenGraph --------------------------------------------------------------
ogp_site_name = project
# Issue pages are articles (with their summary, cover and date); the
# newsletter extension says so page by page.
ogp_type = "website"
# Social card images need matplotlib; covers come from the issues instead,
# and every other page shares the site's card (a PNG: the big social sites
# show no SVG).
ogp_social_cards = {"enable": False}
ogp_image = "_static/covers/weekly.png"
ogp_image_alt = project
