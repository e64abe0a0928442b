"""The profile checklist part of the goals service: its rows, completeness and changes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ssi_tui.domain.models import Goals, ProfileChecklist
from ssi_tui.domain.profile import (
    ProfileFit,
    checklist_items,
    profile_completeness,
    profile_fit,
    profile_level,
)
from ssi_tui.domain.profile_models import HEADLINE_LIMIT, SUMMARY_LIMIT
from ssi_tui.domain.text import clean_text
from ssi_tui.services.errors import FieldErrors, InputError
from ssi_tui.services.journal import undoable
from ssi_tui.services.undo import Change
from ssi_tui.wording import _, number, percent
from ssi_tui.wording.labels import CHECKLIST_LABELS, checklist_label
from ssi_tui.wording.profile import fit_preview

if TYPE_CHECKING:
    from ssi_tui.services.workspace import Workspace
    from ssi_tui.store.repository import Store


@dataclass(frozen=True, slots=True)
class ChecklistRow:
    """One profile checklist item as shown: its label, whether it counts as done, its count
    (None for a yes/no item)."""

    item: str
    label: str
    done: bool
    count: int | None


@dataclass(frozen=True, slots=True)
class Completeness:
    """How complete the profile is, and the level name it reaches."""

    share: float
    level: str


@dataclass(frozen=True, slots=True)
class ProfileText:
    """The profile's headline and summary, cleaned and within LinkedIn's limits."""

    headline: str
    summary: str


class ProfileChecklistPart:
    """The profile checklist behind part of the brand pillar (mixed into `GoalsService`)."""

    workspace: Workspace
    _store: Store

    def checklist(self) -> ProfileChecklist:
        """The profile checklist as it stands."""
        return self._store.checklist.get()

    def checklist_rows(self) -> list[ChecklistRow]:
        """Each checklist item, labelled, with whether it counts as done."""
        checklist = self.checklist()
        done = checklist_items(checklist, self.workspace.rules)
        rows = []
        for item in CHECKLIST_LABELS:
            value: Any = getattr(checklist, item)
            count = value if isinstance(value, int) and not isinstance(value, bool) else None
            rows.append(ChecklistRow(item, checklist_label(item), bool(done.get(item)), count))
        return rows

    def completeness(self) -> Completeness:
        """The profile's completeness and level."""
        rules = self.workspace.rules
        share = profile_completeness(self.checklist(), rules)
        return Completeness(share, profile_level(share, rules))

    def change_item(self, item: str, delta: int | None = None) -> ProfileChecklist:
        """Toggle a yes/no item (`delta` None), or change a count by `delta` (never below 0);
        dated today so the profile's history keeps when it changed."""
        return self._change_item(item, delta).result

    def toggle_item(self, item: str) -> Change[ProfileChecklist]:
        """Tick or untick a yes/no item, undoably; a counted item says how to change it."""
        return self._change_item(item, None)

    def count_item(self, item: str, delta: int) -> Change[ProfileChecklist]:
        """One more or fewer on a counted item, undoably; a yes/no item says how to tick it."""
        return self._change_item(item, delta)

    @undoable
    def _change_item(self, item: str, delta: int | None) -> Change[ProfileChecklist]:
        if item not in CHECKLIST_LABELS:
            raise InputError(_("unknown checklist item {item}").format(item=repr(item)))
        before = self.checklist()
        value = getattr(before, item)
        label = checklist_label(item)
        if isinstance(value, bool):
            if delta is not None:
                raise InputError(
                    _("{label} is a yes/no item: space ticks or unticks it").format(label=label)
                )
            new_value: Any = not value
            what = (_("{label} ticked") if new_value else _("{label} unticked")).format(label=label)
        else:
            if delta is None:
                raise InputError(_("{label} is a count: + and - change it").format(label=label))
            new_value = max(0, value + delta)
            what = _("{label}: {count}").format(label=label, count=new_value)
        today = self.workspace.today
        after = self._store.checklist.set(before.model_copy(update={item: new_value}), on=today)
        return Change(after, what)

    # -- the profile's words: its fit with the goals ----------------------------------------
    def check_profile_text(self, values: dict[str, Any]) -> ProfileText:
        """The headline and summary a form gives (control characters stripped), or
        `FieldErrors` naming the one over LinkedIn's limit."""
        headline = clean_text(values.get("headline") or "")
        summary = clean_text(values.get("summary") or "", multiline=True)
        errors = {}
        if len(headline) > HEADLINE_LIMIT:
            errors["headline"] = _(
                "at most {most} characters, as on LinkedIn ({count} now)"
            ).format(most=number(HEADLINE_LIMIT), count=number(len(headline)))
        if len(summary) > SUMMARY_LIMIT:
            errors["summary"] = _("at most {most} characters, as on LinkedIn ({count} now)").format(
                most=number(SUMMARY_LIMIT), count=number(len(summary))
            )
        if errors:
            raise FieldErrors(errors)
        return ProfileText(headline, summary)

    def fit_of(self, text: ProfileText, goals: Goals) -> ProfileFit:
        """The fit a headline and summary would have with `goals` (nothing read or saved)."""
        checklist = ProfileChecklist(headline_text=text.headline, summary_text=text.summary)
        return profile_fit(checklist, goals, self.workspace.rules)

    def fit_preview(self, values: dict[str, Any], goals: Goals) -> str:
        """One line for the form, as the words are typed: the fit they give with `goals`."""
        try:
            text = self.check_profile_text(values)
        except FieldErrors:
            return ""
        fit = self.fit_of(text, goals)
        named = [(item.audience, item.sought, item.words) for item in fit.audiences]
        return fit_preview(fit.value, fit.has_text, named)

    def profile_fit(self) -> ProfileFit:
        """The profile's fit with the goals as they stand."""
        return profile_fit(self.checklist(), self._store.goals.get(), self.workspace.rules)

    @undoable
    def set_profile_text(self, text: ProfileText) -> Change[ProfileChecklist]:
        """Save the headline and summary (a text given ticks its checklist item), dated today,
        undoably; the change says the fit they give."""
        before = self.checklist()
        update: dict[str, Any] = {"headline_text": text.headline, "summary_text": text.summary}
        if text.headline:
            update["headline"] = True
        if text.summary:
            update["summary"] = True
        today = self.workspace.today
        after = self._store.checklist.set(before.model_copy(update=update), on=today)
        fit = self.fit_of(text, self._store.goals.get())
        what = _("headline and summary saved (fit with your goals {fit})").format(
            fit=percent(fit.value)
        )
        return Change(after, what)
