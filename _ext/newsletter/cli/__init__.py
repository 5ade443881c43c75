"""The editors' command-line tools: ``new``, ``check`` and ``import``.

They are pure Python over :mod:`newsletter.core.model` (no Sphinx build), so they
run in a second and report problems as ``file:line: message`` lines. Run them
through the Makefile, or as ``python -m newsletter.cli.<tool>`` with ``_ext``
on ``PYTHONPATH``.
"""
