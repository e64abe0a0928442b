"""What changed in the user's network between two imports of LinkedIn's export: job changes,
new and removed connections, and who moved into or out of a target account.

An import compares each connection of the export with the contact the store holds (the last
import's facts): a company or title that differs is a job change, a connection the store did not
know is new (from the second import on: the first one finds everyone new), and a connection
that is no longer in the export has been removed. Whether a change moves someone into or out of
a target account is judged against the goals when it is shown, so it follows the goals.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from ssi_tui.domain.base import DomainModel
from ssi_tui.domain.models import Name, OptionalLine, new_id
from ssi_tui.wording import _

if TYPE_CHECKING:
    from ssi_tui.domain.alignment import GoalIndex

ChangeKind = Literal["job", "new", "removed"]
MAX_CHANGES = 2000  # kept in the store, the oldest dropped first


class ConnectionChange(DomainModel):
    """One change seen by an import (dated the day of the import)."""

    id: str = Field(default_factory=new_id, min_length=1, max_length=80)
    date: date
    kind: ChangeKind
    name: Name
    contact_id: str | None = None
    company_before: OptionalLine = None
    company_after: OptionalLine = None
    title_before: OptionalLine = None
    title_after: OptionalLine = None

    def describe(self) -> str:
        """One line: 'Ada Example: VP Sales at Contoso → Head of Sales at Fabrikam'."""
        if self.kind == "job":
            before = _position(self.title_before, self.company_before)
            after = _position(self.title_after, self.company_after)
            return _("{name}: {before} → {after}").format(
                name=self.name, before=before, after=after
            )
        now = _position(self.title_after, self.company_after)
        if self.kind == "new":
            return _("{name} ({position}): new connection").format(name=self.name, position=now)
        was = _position(self.title_before, self.company_before)
        return _("{name} ({position}): no longer a connection").format(name=self.name, position=was)


def _position(title: str | None, company: str | None) -> str:
    if title and company:
        return _("{title} at {company}").format(title=title, company=company)
    return title or company or _("no position given")


def account_move(change: ConnectionChange, index: GoalIndex) -> tuple[str, str] | None:
    """('joined', account) when the change takes someone into a target account, ('left',
    account) out of one, None otherwise (judged against today's goals)."""
    if change.kind == "removed":
        return None
    before = index.account(change.company_before) if change.kind == "job" else None
    after = index.account(change.company_after)
    if after is not None and (before is None or before.name != after.name):
        return "joined", after.name
    if before is not None and after is None:
        return "left", before.name
    return None


def same_position(first: str | None, second: str | None) -> bool:
    """Whether two companies (or titles) are the same once case and spacing are set aside."""
    return " ".join((first or "").casefold().split()) == " ".join((second or "").casefold().split())
