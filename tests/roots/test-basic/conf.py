# A small archive: the newsletter extension without theme or ablog.
extensions = ["myst_parser", "newsletter"]
myst_enable_extensions = ["colon_fence", "deflist", "fieldlist"]
language = "zh_CN"
exclude_patterns = ["_build"]
newsletter_site_url = "https://weekly.example.com/archive/"
# Fixtures do not test search; Chinese search would load jieba's whole
# dictionary on every build.
html_search_language = "en"
