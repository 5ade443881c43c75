"""Event priorities by name, shared by every package's ``setup``.

Sphinx calls lower numbers first; 500 is the default, where Sphinx's own,
ablog's and sphinxext-opengraph's handlers run. Naming them keeps the order
the archive depends on readable in one place, and testable
(``tests/test_architecture.py``).
"""

#: ``source-read``: the dialect reads an issue's text before anything else.
GATE = 100
#: ``html-page-context``: social cards are set before opengraph fills its own.
BEFORE_OPENGRAPH = 400
#: ``html-page-context``: the readers' navigation, before pydata-sphinx-theme
#: renders its sidebar and footer templates.
BEFORE_THEME = 450
#: ``doctree-read`` and ``html-page-context``: after ablog's handlers.
AFTER_ABLOG = 600
#: ``html-page-context``: after the themes have filled the context.
AFTER_THEME = 600
#: ``html-page-context``: an issue's body through the allow-list before any
#: handler wraps it or reads it.
SANITISE = 300
#: ``doctree-read``: search words once the issue header and ablog are done.
LATE = 800
#: ``build-finished``: after every output is written, the freshness state.
FINALLY = 990
#: ``config-inited``: after Sphinx merges the parsers' source suffixes
#: (``sphinx.registry.merge_source_suffix`` runs at 800).
AFTER_SOURCE_SUFFIXES = 900
#: ``env-updated``: the garbage collector as usual again, before any handler
#: of the finished environment runs (:mod:`.reading.heap`).
READING_DONE = 10
