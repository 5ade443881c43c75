# A small archive built the way the site is built (ablog, the book theme,
# sphinxext-opengraph), with a glossary, a registry and templates of its own:
# the incremental-equals-clean tests edit and rebuild it.
project = "增量测试周报"
author = "测试编辑部"
copyright = "2024, 测试编辑部"
language = "zh_CN"
extensions = ["myst_parser", "ablog", "sphinxext.opengraph", "newsletter"]
exclude_patterns = ["_build"]
templates_path = ["_templates"]
myst_enable_extensions = ["colon_fence", "deflist", "fieldlist"]
myst_title_to_header = True
myst_heading_anchors = 0

newsletter_site_url = "https://weekly.example.com/archive/"

blog_title = project
blog_path = "blog"
blog_post_pattern = ["issues/*"]
blog_feed_archives = False
blog_feed_templates: dict = {}
post_date_format = "%Y-%m-%d"
post_date_format_short = "%Y-%m-%d"
post_show_prev_next = False

html_theme = "sphinx_book_theme"
html_title = "增量测试周报"
html_last_updated_fmt = None
html_sidebars = {"**": ["navbar-logo.html", "reader-nav.html", "ablog/archives.html"]}
html_theme_options = {"footer_content_items": ["reader-footer.html"]}
html_context = {"fontawesome_included": True, "default_mode": "auto"}
fontawesome_included = True
html_search_language = "zh"

ogp_site_name = project
ogp_type = "website"
ogp_social_cards = {"enable": False}
