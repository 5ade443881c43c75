"""The files each channel wrote, and removing them when a site turns the channel off.

A site that leaves a channel out of ``newsletter_channels`` (``news.json``,
the sitemap, the search page's scripts) has none of its files after a clean
build; an incremental build in the same output folder must not keep those
an earlier build wrote. Each channel records the files it writes in a
ledger beside the doctrees, committed with the rest of the build's state
(:mod:`.freshness`); a channel turned off deletes exactly the files it
recorded, and nothing else. Feeds (their own folder) and the search index
(its parts' ledger) keep their own records.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from .freshness import load_state, remove_output, stage_state

LEDGER = "channels"


def record_outputs(app: Sphinx, channel: str, paths: list[str]) -> None:
    """``channel`` wrote ``paths`` (relative to the output folder) in this build."""
    ledger = load_state(app, LEDGER)
    stage_state(app, LEDGER, {**ledger, channel: sorted(paths)})


def remove_outputs(app: Sphinx, channel: str) -> None:
    """Delete what ``channel`` recorded in an earlier build, and forget it."""
    ledger = load_state(app, LEDGER)
    recorded = ledger.pop(channel, None)
    if recorded is None:
        return
    if isinstance(recorded, list):
        for path in recorded:
            if isinstance(path, str):
                remove_output(app, path)
    stage_state(app, LEDGER, ledger)
