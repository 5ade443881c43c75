# An English weekly: the archive's extension, theme and ablog with an English
# interface (tests/test_i18n.py; the same project in zh_CN shows Chinese).
extensions = ["myst_parser", "ablog", "newsletter", "sphinxext.opengraph"]
project = "Example Weekly"
author = "Example editors"
copyright = "2024, Example editors"
language = "en"
include_patterns = ["index.md", "docs/**", "issues/**"]
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence", "deflist", "fieldlist"]
myst_heading_anchors = 0
newsletter_issue_pattern = "issues/*"
newsletter_site_url = "https://weekly.example.com/"
blog_title = project
blog_path = "blog"
blog_post_pattern = ["issues/*"]
blog_feed_archives = False
blog_feed_templates: dict = {}
post_date_format = "%Y-%m-%d"
post_date_format_short = "%Y-%m-%d"
post_show_prev_next = False
html_theme = "sphinx_book_theme"
html_sidebars = {"**": ["navbar-logo.html", "reader-nav.html", "ablog/archives.html"]}
html_theme_options = {
    "footer_content_items": ["reader-footer.html"],
    "search_bar_text": "Search the archive",
}
html_context = {"fontawesome_included": True, "default_mode": "auto"}
html_last_updated_fmt = None
html_search_language = "en"
ogp_site_name = project
ogp_social_cards = {"enable": False}
newsletter_email_unsubscribe = "mailto:unsubscribe@weekly.example.com"
