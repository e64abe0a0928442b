"""Activities: one validation for the form and the command line, the log's rows, edit and undo."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from ssi_tui.domain.alignment import GoalIndex
from ssi_tui.domain.catalog import Catalog, describe_validation_error
from ssi_tui.domain.dates import DateParseError, not_future, parse_date
from ssi_tui.domain.models import Activity, Contact, Goals
from ssi_tui.domain.text import fold
from ssi_tui.gcpause import paused_gc
from ssi_tui.services.activity_log import counted_points, points_of
from ssi_tui.services.errors import FieldErrors, InputError
from ssi_tui.services.fields import split_list, with_kind_id
from ssi_tui.services.journal import undoable
from ssi_tui.services.plan_checks import matching_ids, prefix_problem, short_ids
from ssi_tui.services.undo import Change
from ssi_tui.wording import _, day
from ssi_tui.wording.labels import audience_with_source

if TYPE_CHECKING:
    from ssi_tui.services.workspace import Workspace

# What a kept activity carries over from its original when it is edited.
KEPT_ON_EDIT = ("id", "source", "plan_id", "external_id")


@dataclass(frozen=True, slots=True)
class ActivityRow:
    """What one row of the activity log shows: the activity's own worth (`raw`, `weighted`:
    points before decay and caps) and what it counts for in the score as of a date
    (`counted_raw`, `counted_weighted`: after decay and the daily caps; 0 outside the window)."""

    activity: Activity
    pillar: str
    raw: float
    weighted: float
    audience: str | None
    counted_raw: float = 0.0
    counted_weighted: float = 0.0
    # where `audience` comes from: "set" (its contact's own), "account", "role", "topic", or
    # "tag" (the activity's bare tag); None without an audience
    audience_source: str | None = None

    @property
    def shown_audience(self) -> str | None:
        """E.g. 'prospects (role)'."""
        if self.audience is None:
            return None
        return audience_with_source(self.audience, self.audience_source)

    def key(self, column: str) -> Any:
        """Sort key for a column."""
        if column in ("raw", "weighted", "counted_raw", "counted_weighted"):
            return getattr(self, column)
        if column == "pillar":
            return self.pillar
        if column == "audience":
            return self.audience or ""
        value = getattr(self.activity, column)
        return value if column == "date" else fold(value or "")


class ActivityService:
    """Log, edit, delete (with undo) and list activities."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._store = workspace.store

    # -- reading --------------------------------------------------------------------------
    def get(self, activity_id: str) -> Activity:
        """One activity (`NotFoundError` when it is gone)."""
        return self._store.activities.get(activity_id)

    def find(self, activity_id: str) -> Activity:
        """The activity an id or a unique prefix of one (4+ characters) names; an
        `InputError` saying what is wrong otherwise."""
        text = activity_id.strip().lower()
        matches = matching_ids(text, self._store.activities.ids())
        if len(matches) == 1:
            return self.get(matches[0])
        raise InputError(prefix_problem(activity_id, matches, "activity", "`ssi-tui activities`"))

    def short_ids(self) -> dict[str, str]:
        """Each activity's id as lists show it: 8 characters, more where two share them."""
        return short_ids(self._store.activities.ids())

    def between(self, start: date | None, end: date | None) -> list[Activity]:
        """Activities dated from `start` to `end` (either open), oldest first."""
        return self._store.activities.between(start, end)

    def kinds(self) -> list[str]:
        """The activity kinds of the catalog, sorted."""
        return sorted(self.workspace.catalog.kinds)

    def kind_words(self) -> dict[str, str]:
        """Each kind's words as the app shows them, in the user's language, by id, in the
        order of the words (what a form suggests: it takes them, `Catalog.find`)."""
        catalog = self.workspace.catalog
        words = {kind: catalog.label(kind) for kind in catalog.kinds}
        return dict(sorted(words.items(), key=lambda item: fold(item[1])))

    def rows(self, as_of: date | None = None) -> list[ActivityRow]:
        """Every activity with its pillar, effective audience and points, as scoring sees them,
        and what it counts for as of `as_of` (default today)."""
        with paused_gc():  # 100,000 models and rows, no cycles: half the time
            return self._rows(as_of)

    def _rows(self, as_of: date | None) -> list[ActivityRow]:
        workspace = self.workspace
        index = GoalIndex(self._store.goals.get(), self._store.contacts.facts())
        rules = workspace.rules
        counted = self.counted(as_of)
        kinds = workspace.catalog.kinds
        rows = []
        for activity in self._store.activities.all():
            points = points_of(activity, kinds.get(activity.kind), index, rules)
            rows.append(
                ActivityRow(
                    activity,
                    *points[:4],
                    *counted.get(activity.id, (0.0, 0.0)),
                    audience_source=points.audience_source,
                )
            )
        return rows

    def counted(self, as_of: date | None = None) -> dict[str, tuple[float, float]]:
        """Activity id → (raw, weighted) points it adds to its pillar as of `as_of` (default
        today), after decay and the daily caps: the contributions behind the score."""
        return counted_points(self.workspace, as_of)

    # -- validation -----------------------------------------------------------------------
    def fields_from_text(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """A form's text values → activity fields (the date read with the shared parser, a
        future one refused). Raises `InputError` naming the field."""
        today = self.workspace.today
        fields = dict(values)
        try:
            fields["date"] = (
                not_future(parse_date(values["date"], today), today)
                if values.get("date")
                else today
            )
        except DateParseError as error:
            raise InputError(str(error), "date") from None
        fields["relevance"] = int(values["relevance"]) if values.get("relevance") else 3
        fields["personalised"] = bool(values.get("personalised"))
        fields["note"] = values.get("note") or ""
        fields["topics"] = split_list(values.get("topics"))
        return fields

    def check_kind(self, kind: str | None) -> str:
        """A known activity kind, or an `InputError` suggesting close ones."""
        kinds = self.kinds()
        if not kind:
            raise InputError(_("type a kind, e.g. post, comment, message_sent"), "kind")
        if kind not in self.workspace.catalog:
            close = [name for name in kinds if name.startswith(kind[:3])] or kinds[:6]
            raise InputError(
                _("unknown kind {kind!r}; try {kinds}").format(
                    kind=kind, kinds=", ".join(close[:6])
                ),
                "kind",
            )
        return kind

    def check(
        self, values: Mapping[str, Any], goals: Goals, original: Activity | None = None
    ) -> Activity:
        """A form's values (text) → the activity to save, checked once against `goals` (no
        store read: the app runs it on the UI thread): every bad field at once (`FieldErrors`).
        Editing `original` keeps its id, source, plan and import key."""
        errors: dict[str, str] = {}
        values = with_kind_id(self.workspace.catalog, values)
        try:
            self.check_kind(values.get("kind"))
        except InputError as error:
            errors["kind"] = str(error)
        fields: dict[str, Any] = {}
        try:
            fields = self.fields_from_text(values)
        except InputError as error:
            errors[error.field or ""] = str(error)
        try:
            self.workspace.goals.check_audience(values.get("audience"), goals)
        except InputError as error:
            errors["audience"] = str(error)
        if errors:
            raise FieldErrors(errors)
        if original is not None:
            fields.update({name: getattr(original, name) for name in KEPT_ON_EDIT})
        else:
            fields["source"] = "manual"
        return self.build(fields, goals)

    def build(self, fields: Mapping[str, Any], goals: Goals | None = None) -> Activity:
        """Validate fields into an activity: known kind, known audience (in `goals`, default
        the stored ones), default channel from the kind, a date that is not in the future."""
        workspace = self.workspace
        kind = workspace.catalog.kinds.get(fields.get("kind") or "")
        if kind is None:
            raise InputError(
                _("unknown activity kind {kind!r}; valid kinds: {kinds}").format(
                    kind=fields.get("kind"), kinds=", ".join(self.kinds())
                ),
                "kind",
            )
        values = {key: value for key, value in fields.items() if value is not None}
        values["audience"] = workspace.goals.check_audience(values.get("audience"), goals)
        values.setdefault("channel", kind.default_channel)
        values.setdefault("date", workspace.today)
        try:
            activity = Activity.model_validate(values)
        except ValidationError as error:
            raise InputError(describe_validation_error(error, values)) from None
        if activity.date > workspace.today:
            raise InputError(
                _("date {day} is in the future (today is {today}): log what you have done").format(
                    day=day(activity.date), today=day(workspace.today)
                ),
                "date",
            )
        return activity

    # -- writing --------------------------------------------------------------------------
    def log(self, fields: Mapping[str, Any]) -> tuple[Activity, Contact | None]:
        """Store a new activity from its fields (validated here, once)."""
        return self.add(self.build(fields))

    def add(self, activity: Activity) -> tuple[Activity, Contact | None]:
        """Store a checked activity; a contact name not yet known creates the contact (one
        save)."""
        store = self._store
        created = self.contact_made_by(activity)
        if created is not None:
            store.save_bulk(
                [activity.model_dump(mode="json")],
                [created.model_dump(mode="json")],
                force_hot=True,
            )
        else:
            store.activities.add(activity)
        return activity, created

    def contact_made_by(self, activity: Activity) -> Contact | None:
        """The contact logging `activity` creates: its contact's name when no contact has it
        yet (with the activity's company and title), else None. The contact gets no audience:
        the activity's tag is the user's word for this activity, not evidence about the person
        (that is set deliberately, on the Contacts screen). What-if uses it too, so that it
        scores exactly what logging would."""
        if not activity.contact or self._store.contacts.find(activity.contact) is not None:
            return None
        return Contact(
            name=activity.contact,
            company=activity.company,
            title=activity.title,
            source=activity.source if activity.source != "plan" else "manual",
        )

    def update(self, original: Activity, fields: Mapping[str, Any]) -> Activity:
        """Replace `original` with the edited fields (its id, source, plan and import key kept)."""
        kept = {name: getattr(original, name) for name in KEPT_ON_EDIT}
        return self.replace(self.build({**fields, **kept}))

    def replace(self, activity: Activity) -> Activity:
        """Store a checked edit of an activity (the one with its id)."""
        return self._store.activities.update(activity)

    def delete(self, activity_id: str) -> Activity:
        """Delete one activity; the deleted one is returned, for an undo."""
        return self._store.activities.delete(activity_id)

    def restore(self, activity: Activity) -> Activity:
        """Bring back a deleted activity, as it was."""
        return self._store.activities.restore(activity)

    # -- undoable (the app's undo) ----------------------------------------------------------
    @undoable
    def log_undoably(self, activity: Activity) -> Change[tuple[Activity, Contact | None]]:
        """`add` a checked activity, undoably (an undo deletes it, and the contact it
        created)."""
        activity, created = self.add(activity)
        what = _("logged {what}").format(what=describe(self.workspace.catalog, activity))
        return Change((activity, created), what)

    @undoable
    def update_undoably(self, original: Activity, edited: Activity) -> Change[Activity]:
        """Store a checked edit of `original`, undoably."""
        what = _("edited {what}").format(what=describe(self.workspace.catalog, original))
        return Change(self.replace(edited), what)

    @undoable
    def delete_undoably(self, activity_id: str) -> Change[Activity]:
        """`delete`, undoably."""
        deleted = self.delete(activity_id)
        return Change(
            deleted, _("deleted {what}").format(what=describe(self.workspace.catalog, deleted))
        )


def describe(catalog: Catalog, activity: Activity) -> str:
    """E.g. 'message sent of 2026-12-01 with Ada Lovelace' (the catalog's label)."""
    kind, when = catalog.label(activity.kind), day(activity.date)
    if activity.contact:
        return _("{kind} of {day} with {name}").format(kind=kind, day=when, name=activity.contact)
    return _("{kind} of {day}").format(kind=kind, day=when)
