"""messages.csv's rows as `MessageLog` keeps them until the owner is known: compact columns."""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from datetime import datetime
from typing import NamedTuple


class Message(NamedTuple):
    """One message kept (no body), as `MessageRows` gives them back."""

    line: int
    when: datetime
    conversation: str
    sender: int
    recipients: tuple[int, ...]
    outgoing: bool | None
    template: int | None


NO_TEXT = -1  # a row's text hash when it has none (`hash` never gives -1)


class MessageRows:
    """The rows kept, as columns: a large export's 100,000 rows without a tuple and two ints
    each (~15 MB less, and less memory left scattered among the fields read in between)."""

    __slots__ = ("conversations", "lines", "recipients", "senders", "sides", "templates", "whens")

    def __init__(self) -> None:
        self.lines = array("q")
        self.whens: list[datetime] = []
        self.conversations: list[str] = []
        self.senders: list[int] = []
        self.recipients: list[tuple[int, ...]] = []
        self.sides: list[bool | None] = []  # sent by the owner (True), to them, or unsaid
        self.templates = array("q")  # the text's hash, NO_TEXT for none

    def __len__(self) -> int:
        return len(self.lines)

    def __iter__(self) -> Iterator[Message]:
        for line, when, conversation, sender, recipients, outgoing, template in zip(
            self.lines,
            self.whens,
            self.conversations,
            self.senders,
            self.recipients,
            self.sides,
            self.templates,
            strict=True,
        ):
            yield Message(
                line,
                when,
                conversation,
                sender,
                recipients,
                outgoing,
                None if template == NO_TEXT else template,
            )

    def clear(self) -> None:
        """Forget every row."""
        for column in (self.whens, self.conversations, self.senders, self.recipients, self.sides):
            column.clear()
        del self.lines[:], self.templates[:]
