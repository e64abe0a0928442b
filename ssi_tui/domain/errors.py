"""The domain's errors, importable without pydantic (the app imports them before its first frame)."""

from __future__ import annotations


class DataFileError(Exception):
    """A data file (catalog, rules, goals, demo) is missing or invalid; the message names file and field."""
