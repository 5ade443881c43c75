"""Sphinx configuration of the example: an English archive of Last Week in Cloud Native.

The same extension as the Cloud Native Weekly archive, installed the same way,
configured from this file alone. ``make example`` imports the fifteen shared
weeks (../shared/corpus/last-week-in-cloud-native) into a copy of this folder
under _build/ and builds it into _build/example; nothing imported is committed.
"""

project = "Last Week in Cloud Native"
author = "The Last Week in Cloud Native editors"
copyright = "2026, The Last Week in Cloud Native editors"
language = "en"

extensions = [
    "myst_parser",
    "ablog",
    "newsletter",
    "sphinxext.opengraph",
]

include_patterns = ["index.md", "docs/**", "issues/**"]
exclude_patterns = ["_build"]
root_doc = "index"

myst_enable_extensions = ["colon_fence", "deflist", "fieldlist"]
myst_heading_anchors = 0

# -- The archive --------------------------------------------------------------
newsletter_site_url = "https://lwcn.example.org/"
newsletter_issue_pattern = "issues/*"
# The weekly's own title, sections and cadence (what `make new` writes).
newsletter_issue_title = "Last Week in Cloud Native, week {number}"
newsletter_sections = [
    "👋 Welcome",
    "🚀 Notable Releases",
    "📰 This Week in Cloud Native",
    "💬 Community Buzz",
    "📊 Numbers of the Week",
]
newsletter_cadence_days = 7
newsletter_projects_file = "docs/projects.yaml"
newsletter_glossary_file = "docs/glossary.md"
# Releases are filed under topic headings ("### Networking & Edge"): those
# headings become the items' tags.
newsletter_import_group_tags = True
# What the archive publishes beside its pages: no WeChat edition for an
# English weekly (every other channel, as by default).
newsletter_channels = ["feeds", "news.json", "search", "sitemap", "email"]

# -- ablog --------------------------------------------------------------------
blog_title = project
blog_path = "blog"
blog_post_pattern = ["issues/*"]
blog_feed_archives = False
blog_feed_templates: dict = {}
post_date_format = "%Y-%m-%d"
post_date_format_short = "%Y-%m-%d"
post_show_prev_next = False

# -- HTML ---------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = project
html_last_updated_fmt = None
html_sidebars = {"**": ["navbar-logo.html", "reader-nav.html", "ablog/archives.html"]}
html_theme_options = {
    "show_toc_level": 2,
    "navigation_with_keys": False,
    "footer_content_items": ["reader-footer.html"],
    "search_bar_text": "Search the archive…",
}
html_context = {"fontawesome_included": True, "default_mode": "auto"}
fontawesome_included = True
html_search_language = "en"

# -- OpenGraph ----------------------------------------------------------------
ogp_site_name = project
ogp_type = "website"
ogp_social_cards = {"enable": False}
