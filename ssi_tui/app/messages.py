"""Messages the app posts to its screens."""

from __future__ import annotations

from textual.message import Message


class DataChanged(Message):
    """The store changed (an activity, goals, a reading…): screens showing data refresh."""
