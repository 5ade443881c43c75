"""The editors' command-line tools: ``new``, ``check``, ``import`` and ``links``.

They are pure Python over :mod:`newsletter.core.model` (no Sphinx build), so they
run in a second and report problems as ``file:line: message`` lines. Installed
with the package, they are the commands ``newsletter-new``,
``newsletter-check``, ``newsletter-import`` and ``newsletter-links`` (the
Makefile's ``make new`` and the rest run them), each run in the site's root.
"""
