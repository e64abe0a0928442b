"""The services own the rules: one validation per thing, whoever calls (form or command line)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ssi_tui.domain.models import Activity, Contact, Goals
from ssi_tui.services.errors import FieldErrors, InputError
from ssi_tui.services.opening import open_workspace
from ssi_tui.services.readings import DuplicateReading
from ssi_tui.services.transfer import EXPORT_FORMATS, ExportRequest, export_text
from ssi_tui.services.workspace import Workspace
from tests.goals import TODAY

from .conftest import GOALS

READING = {"total": "62", "brand": "15", "find": "15", "engage": "16", "relate": "16"}


# -- readings ---------------------------------------------------------------------------------
def test_reading_check_reports_every_problem_at_once(workspace: Workspace) -> None:
    errors = workspace.readings.problems(
        {"date": "tomorrow", "total": "", "brand": "26", "find": "abc", "engage": "5"}
    )
    assert set(errors) == {"date", "total", "brand", "find", "relate"}
    assert "in the future" in errors["date"]
    assert errors["total"] == errors["relate"] == "required"
    assert errors["brand"] == "must be 0-25, got 26"
    assert errors["find"] == "not a number: 'abc'"


def test_reading_total_off_the_pillars_is_refused_with_both_numbers(
    workspace: Workspace,
) -> None:
    """The help says the total must be the pillars' sum (±1): the code agrees (80 vs 62 was
    saved with a warning)."""
    with pytest.raises(FieldErrors) as caught:
        workspace.readings.add({**READING, "total": "80"})
    assert caught.value.field == "total"
    assert "the total 80 is not the pillars' sum 62.00" in str(caught.value)
    assert workspace.readings.all() == []
    assert workspace.readings.add({**READING, "total": "62.9"}).total == 62.9  # within 1


def test_one_reading_a_day_replace_and_undo(workspace: Workspace) -> None:
    first = workspace.readings.add(READING)
    with pytest.raises(DuplicateReading) as caught:
        workspace.readings.add({**READING, "total": "63", "relate": "17"})
    assert caught.value.existing == first and caught.value.field == "date"
    assert workspace.readings.all() == [first]
    change = workspace.readings.add_undoably(
        {**READING, "total": "63", "relate": "17"}, replace=True
    )
    (stored,) = workspace.readings.all()
    assert stored.total == 63 and stored.id == first.id and "replaced: 62 → 63" in change.what
    workspace.journal.undo()
    assert workspace.readings.all() == [first]  # the replaced one is back, exactly


def test_reading_edit_keeps_its_id_and_undo_puts_it_back(workspace: Workspace) -> None:
    first = workspace.readings.add({**READING, "date": "-3d"})
    other = workspace.readings.add(READING)
    change = workspace.readings.edit_undoably(first, {**READING, "date": "-3d", "total": "61.5"})
    edited, _warnings = change.result
    assert edited.id == first.id and edited.total == 61.5
    assert sorted(r.total for r in workspace.readings.all()) == [61.5, 62]
    with pytest.raises(DuplicateReading):  # moved onto a day that has a reading
        workspace.readings.edit(first, {**READING, "date": other.date.isoformat()})
    workspace.journal.undo()
    assert sorted(workspace.readings.all(), key=lambda r: r.date) == [first, other]


def test_reading_warnings_compare_with_another_day(workspace: Workspace) -> None:
    """A second reading of the same day compared itself with itself ("moved +13.0 points in
    1 day since the reading of 2026-12-01"): the previous reading is another day's."""
    workspace.readings.add({**READING, "date": "-1d"})
    jumped = {"total": "75", "brand": "19", "find": "19", "engage": "19", "relate": "18"}
    reading = workspace.readings.add(jumped)
    (warning,) = workspace.readings.warnings(reading)
    assert (
        "1 day" in warning
        and (TODAY.toordinal() - 1) == workspace.readings.all()[0].date.toordinal()
    )


def test_reading_from_text_or_numbers_is_the_same(workspace: Workspace) -> None:
    typed = workspace.readings.check({**READING, "brand": "15,0", "date": "yesterday"})
    given = workspace.readings.check(
        {name: float(value) for name, value in READING.items()} | {"date": "-1d"}
    )
    assert typed.model_dump(exclude={"id"}) == given.model_dump(exclude={"id"})
    assert typed.date.toordinal() == TODAY.toordinal() - 1


def test_reading_add_refuses_and_stores_nothing(workspace: Workspace) -> None:
    with pytest.raises(InputError) as caught:
        workspace.readings.add({**READING, "brand": "30"})
    assert caught.value.field == "brand"
    assert workspace.readings.all() == []
    assert workspace.readings.add(READING).total == 62


def test_the_cli_and_the_form_refuse_the_same_future_reading(workspace: Workspace) -> None:
    from ssi_tui.cli.main import main

    form = workspace.readings.problems({**READING, "date": "tomorrow"})
    assert "in the future" in form["date"]
    status = main(
        ["reading", "add", "--demo", "--date", "tomorrow", *_options(READING)], today=TODAY
    )
    assert status == 2


def _options(values: dict[str, str]) -> list[str]:
    return [part for name, value in values.items() for part in (f"--{name}", value)]


# -- goals ------------------------------------------------------------------------------------
def test_set_weight_normalises_the_name_and_replaces_the_weight(workspace: Workspace) -> None:
    workspace.goals.set_weight("  Prospects ", "70,5")
    weights = {item.name: item.weight for item in workspace.goals.get().audiences}
    assert weights["prospects"] == 70.5 and len(weights) == 3


@pytest.mark.parametrize("weight", ["", "abc", "-1", "nan"])
def test_bad_weights_are_refused_by_field(workspace: Workspace, weight: str) -> None:
    with pytest.raises(InputError) as caught:
        workspace.goals.set_weight("prospects", weight)
    assert caught.value.field == "weight"
    assert workspace.goals.get() == GOALS


def test_removing_an_audience_removes_what_depends_on_it(workspace: Workspace) -> None:
    goals = workspace.goals.remove_audience("prospects")
    assert [item.name for item in goals.audiences] == ["partners", "recruiters"]
    assert "prospects" not in goals.roles
    assert [account.name for account in goals.accounts] == ["Fabrikam"]
    assert goals.objectives == []
    assert workspace.goals.get() == goals  # stored


def test_check_audience_folds_and_refuses_unknown(workspace: Workspace) -> None:
    assert workspace.goals.check_audience(" PARTNERS ") == "partners"
    assert workspace.goals.check_audience("  ") is None
    with pytest.raises(InputError, match="unknown audience 'investors'"):
        workspace.goals.check_audience("investors")


def test_accounts_are_checked_once(workspace: Workspace) -> None:
    with pytest.raises(InputError) as caught:
        workspace.goals.check_account("contoso", "prospects")
    assert caught.value.field == "name"  # already a target account (names compare folded)
    with pytest.raises(InputError) as caught:
        workspace.goals.check_account("Initech", None)
    assert caught.value.field == "audience"
    workspace.goals.add_account("Initech", "partners")
    assert workspace.goals.get().account_for("initech") is not None
    workspace.goals.remove_account(0)
    assert workspace.goals.get().account_for("Contoso") is None


def test_roles_from_text(workspace: Workspace) -> None:
    assert workspace.goals.set_roles("partners", " alliances, , channel ") == [
        "alliances",
        "channel",
    ]
    assert workspace.goals.get().roles["partners"] == ["alliances", "channel"]
    workspace.goals.set_roles("partners", "")
    assert "partners" not in workspace.goals.get().roles


def test_checklist_rows_and_changes_are_dated_today(workspace: Workspace) -> None:
    rows = {row.item: row for row in workspace.goals.checklist_rows()}
    assert rows["photo"].label == "Profile photo" and not rows["photo"].done
    assert rows["skills"].count == 0
    workspace.goals.change_item("photo")
    workspace.goals.change_item("skills", 5)
    workspace.goals.change_item("skills", -10)  # never below 0
    checklist = workspace.goals.checklist()
    assert checklist.photo and checklist.skills == 0
    assert workspace.store.checklist.history().entries[-1].since == TODAY
    with pytest.raises(InputError):
        workspace.goals.change_item("colour")


# -- activities -------------------------------------------------------------------------------
def test_edit_keeps_identity_source_plan_and_import_key(workspace: Workspace) -> None:
    original = Activity(
        kind="comment",
        date=TODAY,
        source="linkedin-export",
        plan_id="p1",
        external_id="x1",
        audience="prospects",
    )
    workspace.store.activities.add(original)
    fields = workspace.activities.fields_from_text(
        {"kind": "message_sent", "date": "-2d", "audience": "Partners"}
    )
    edited = workspace.activities.update(original, fields)
    assert (edited.id, edited.source, edited.plan_id, edited.external_id) == (
        original.id,
        "linkedin-export",
        "p1",
        "x1",
    )
    assert edited.kind == "message_sent" and edited.audience == "partners"
    assert workspace.activities.get(original.id) == edited


def test_activity_text_with_a_future_or_bad_date_names_the_field(workspace: Workspace) -> None:
    for text in ("tomorrow", "31/31/2026"):
        with pytest.raises(InputError) as caught:
            workspace.activities.fields_from_text({"kind": "post", "date": text})
        assert caught.value.field == "date"
    with pytest.raises(InputError, match="unknown kind .posst.; try post"):
        workspace.activities.check_kind("posst")


def test_log_creates_a_new_contact_and_delete_restore_round_trip(workspace: Workspace) -> None:
    activity, created = workspace.activities.log(
        {"kind": "comment", "contact": "Ada Example", "company": "Contoso"}
    )
    assert created is not None and created.name == "Ada Example"
    deleted = workspace.activities.delete(activity.id)
    assert workspace.activities.between(None, None) == []
    workspace.activities.restore(deleted)
    assert workspace.activities.get(activity.id) == activity


def test_rows_carry_the_scoring_audience_and_points(workspace: Workspace) -> None:
    workspace.store.contacts.add(Contact(name="Bo Buyer", company="Contoso"))
    workspace.activities.log({"kind": "message_sent", "contact": "Bo Buyer"})
    (row,) = workspace.activities.rows()
    assert row.audience == "prospects"  # from the contact's company: a target account
    assert row.pillar == workspace.catalog.kind("message_sent").pillar
    assert row.raw > 0 and row.weighted > 0
    # Logged today: it counts in full (no decay yet) for today's score.
    assert row.counted_raw == pytest.approx(row.raw)
    assert row.counted_weighted == pytest.approx(row.weighted)


def test_counted_points_add_up_to_the_points_behind_each_pillar(tmp_path: Path) -> None:
    workspace = open_workspace(tmp_path / "demo", TODAY, demo=True).workspace
    rows = workspace.activities.rows()
    scores = workspace.report().breakdown
    for pillar in ("brand", "find", "engage", "relate"):
        mine = [row for row in rows if row.pillar == pillar]
        assert sum(row.counted_raw for row in mine) == pytest.approx(
            scores.pillars[pillar].raw_points, rel=1e-9
        )
        assert sum(row.counted_weighted for row in mine) == pytest.approx(
            scores.pillars[pillar].weighted_points, rel=1e-9
        )
    # Decay: an activity counts less than its own points once it is a few days old, and
    # nothing once it has left the window.
    old = [row for row in rows if (TODAY - row.activity.date).days > 100]
    assert old and all(row.counted_raw == row.counted_weighted == 0 for row in old)
    aged = [row for row in rows if 30 <= (TODAY - row.activity.date).days < 60 and row.raw]
    assert aged and all(0 < row.counted_raw < row.raw for row in aged)
    workspace.close()


# -- contacts ---------------------------------------------------------------------------------
def test_contact_rows_mark_derived_audiences_and_the_last_interaction(
    workspace: Workspace,
) -> None:
    workspace.store.contacts.add(Contact(name="Cy Director", title="Director of Sales"))
    workspace.store.contacts.add(Contact(name="Di Own", audience="partners", company="Contoso"))
    workspace.store.contacts.add(Contact(name="Ed Nobody"))
    workspace.activities.log(_typed(workspace, contact="cy  director", date="-3d"))
    workspace.activities.log(_typed(workspace, contact="Cy Director", date="-9d"))
    rows = {row.contact.name: row for row in workspace.contacts.rows()}
    assert (rows["Cy Director"].audience, rows["Cy Director"].derived) == ("prospects", True)
    assert rows["Cy Director"].last is not None
    assert rows["Cy Director"].last.toordinal() == TODAY.toordinal() - 3
    assert (rows["Di Own"].audience, rows["Di Own"].derived) == ("partners", False)
    assert (rows["Ed Nobody"].audience, rows["Ed Nobody"].derived, rows["Ed Nobody"].last) == (
        None,
        False,
        None,
    )


def test_set_audience_checks_the_goals(workspace: Workspace) -> None:
    contact = workspace.store.contacts.add(Contact(name="Fay"))
    assert workspace.contacts.set_audience(contact.id, "Recruiters").audience == "recruiters"
    with pytest.raises(InputError):
        workspace.contacts.set_audience(contact.id, "investors")
    assert workspace.contacts.set_audience(contact.id, None).audience is None


# -- transfer, opening ------------------------------------------------------------------------
def test_export_formats_refuse_options_they_do_not_take(workspace: Workspace) -> None:
    assert set(EXPORT_FORMATS) == {"md", "csv", "json", "ics"}
    with pytest.raises(InputError, match="--as-of does not apply to --format json"):
        export_text(workspace, "json", ExportRequest(as_of=TODAY))
    with pytest.raises(InputError, match="--as-of does not apply to --format ics"):
        export_text(workspace, "ics", ExportRequest(as_of=TODAY))
    with pytest.raises(InputError, match="--weeks applies to --format md only"):
        export_text(workspace, "csv", ExportRequest(weeks=4))
    with pytest.raises(InputError, match="unknown format 'pdf'"):
        export_text(workspace, "pdf")
    assert export_text(workspace, "md").startswith("#")


def test_open_workspace_seeds_the_demo_and_falls_back_to_read_only(tmp_path: Path) -> None:
    from ssi_tui.services.errors import StoreLockedError

    directory = tmp_path / "demo"
    first = open_workspace(directory, TODAY, demo=True).workspace
    try:
        assert first.activities.between(None, None)
        assert isinstance(first.goals.get(), Goals) and first.goals.get().audiences
        with pytest.raises(StoreLockedError):
            open_workspace(directory, TODAY, write=True)
        second = open_workspace(directory, TODAY, read_only_if_locked=True)
        assert second.workspace.read_only and second.read_only_reason
        second.workspace.close()
    finally:
        first.close()


def _typed(workspace: Workspace, **values: str) -> dict[str, object]:
    return workspace.activities.fields_from_text({"kind": "comment", **values})


# -- calibration --------------------------------------------------------------------------------
def test_calibration_refits_only_when_what_it_compares_changes(tmp_path: Path) -> None:
    """Logging today's work (after the latest reading) keeps the fit, so a save does not pay
    for a refit; an activity before a reading changes an estimate the fit compares."""
    workspace = open_workspace(tmp_path / "demo", TODAY, demo=True).workspace
    latest = max(reading.date for reading in workspace.readings.all())
    assert latest < TODAY
    before = workspace.calibration.fingerprint()
    workspace.activities.log({"kind": "post"})
    assert workspace.calibration.fingerprint() == before
    workspace.activities.log({"kind": "post", "date": latest.isoformat()})
    assert workspace.calibration.fingerprint() != before
    workspace.close()


def test_scoring_never_writes_the_calibration_keep_does(tmp_path: Path) -> None:
    """A read never writes: scoring fits the calibration in memory; `keep` (the save path)
    stores it, and only when the kept one is out of date."""
    workspace = open_workspace(tmp_path / "demo", TODAY, demo=True).workspace
    settings = workspace.store.settings
    settings.set("calibration", None)
    report = workspace.report()
    assert report.calibration is not None  # fitted for the scores shown…
    assert settings.get("calibration") is None  # …and not written by scoring them
    assert workspace.calibration.keep() is True
    kept = settings.get("calibration")
    assert kept["fingerprint"] == workspace.calibration.fingerprint()
    assert workspace.calibration.keep() is False  # up to date: nothing to write
    assert workspace.report().calibration == report.calibration
    workspace.close()
