"""The views: each reads the store and the core, and never another view.

A view turns the one store of issues and items into something a reader
sees: the issue page's header, the lists of issues, the tag and project
pages, the glossary's "used in" lists, the feeds, ``news.json``, the search
index, the sitemap and the social cards. What two views share (an address, a
label, a date format) lives in :mod:`newsletter.core`.
"""
