"""The extension's version: part of every freshness key, so an upgrade rewrites outputs."""

__version__ = "0.2.1"
