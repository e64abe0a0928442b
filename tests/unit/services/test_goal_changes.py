"""Goal changes the app makes: each checked once, each undone exactly (the journal)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from ssi_tui.domain.models import Activity, Audience, Contact
from ssi_tui.services.errors import FieldErrors, InputError
from ssi_tui.services.workspace import Workspace
from tests.goals import TODAY

from .conftest import GOALS


def test_audience_form_edits_that_audience_or_names_every_bad_field(workspace: Workspace) -> None:
    goals = workspace.goals.get()
    edited = workspace.goals.check_audience_form(
        {"name": "Partners", "weight": "45"}, "partners", goals
    )
    assert edited == Audience(name="partners", weight=45)
    with pytest.raises(FieldErrors) as caught:
        workspace.goals.check_audience_form({"name": "prospects", "weight": "x"}, "partners", goals)
    assert set(caught.value.errors) == {"name", "weight"}
    assert "already an audience" in caught.value.errors["name"]
    workspace.goals.save_audience("partners", edited)
    assert workspace.goals.get().weight("partners") == 45
    assert len(workspace.goals.get().audiences) == 3
    workspace.journal.undo()
    assert workspace.goals.get() == GOALS


def test_shares_follow_the_typed_weight(workspace: Workspace) -> None:
    goals = workspace.goals.get()
    shares = dict(workspace.goals.shares_with(goals, "partners", "partners", "45"))
    assert shares["partners"] == pytest.approx(45 / 120)
    unread = dict(workspace.goals.shares_with(goals, "partners", "partners", "lots"))
    assert unread["partners"] == pytest.approx(0.25)  # unreadable: the current weight


def test_rename_carries_contacts_plans_activities_and_reverts_exactly(
    workspace: Workspace,
) -> None:
    store = workspace.store
    store.contacts.add(Contact(name="Ada", audience="prospects"))
    store.contacts.add(Contact(name="Bob", audience="partners"))
    for days in range(3):
        store.activities.add(
            Activity(kind="comment", date=TODAY - timedelta(days=days), audience="prospects")
        )
    store.activities.add(Activity(kind="post", date=TODAY, audience="partners"))
    workspace.planner.add_plan({"kind": "comment", "rule": "weekly", "audience": "prospects"})
    before = workspace.report(TODAY).breakdown
    change = workspace.goals.save_audience("prospects", Audience(name="clients", weight=60))
    assert change.what == (
        "audience prospects renamed clients (1 contact, 1 plan, 3 tagged activities follow)"
    )
    goals = workspace.goals.get()
    assert [a.name for a in goals.audiences] == ["clients", "partners", "recruiters"]
    assert goals.roles["clients"] == ["head of", "director"]
    assert goals.accounts[0].audience == goals.objectives[0].audience == "clients"
    assert {c.name: c.audience for c in store.contacts.all()} == {
        "Ada": "clients",
        "Bob": "partners",
    }
    assert store.plans.all()[0].audience == "clients"
    after = workspace.report(TODAY).breakdown
    assert after.total_weighted == pytest.approx(before.total_weighted)
    assert after.total_raw == pytest.approx(before.total_raw)
    workspace.journal.undo()
    assert workspace.goals.get() == GOALS
    assert {c.name: c.audience for c in store.contacts.all()} == {
        "Ada": "prospects",
        "Bob": "partners",
    }
    assert sorted(a.audience or "" for a in store.activities.all()) == [
        "partners",
        "prospects",
        "prospects",
        "prospects",
    ]


def test_removal_says_what_goes_and_reverts_everything(workspace: Workspace) -> None:
    assert workspace.goals.removal_summary("prospects") == (
        "prospects, 2 role keywords, 1 account, 1 objective"
    )
    change = workspace.goals.remove_audience_undoably("prospects")
    assert change.what == "removed prospects, 2 role keywords, 1 account, 1 objective"
    assert [a.name for a in workspace.goals.get().audiences] == ["partners", "recruiters"]
    workspace.journal.undo()
    assert workspace.goals.get() == GOALS
    with pytest.raises(InputError):
        workspace.goals.remove_audience_undoably("nobody")


def test_objectives_checked_added_edited_removed(workspace: Workspace) -> None:
    with pytest.raises(FieldErrors) as caught:
        workspace.goals.check_objective({"kind": "dance", "audience": "aliens", "per_week": "0"})
    assert set(caught.value.errors) == {"kind", "audience", "per_week"}
    objective = workspace.goals.check_objective(
        {"kind": "comment", "audience": None, "per_week": "4", "personalised": False}
    )
    added = workspace.goals.save_objective(None, objective)
    assert added.what == "objective 4 × comment a week added"
    assert workspace.goals.get().objectives[-1] == objective
    workspace.goals.save_objective(1, objective.model_copy(update={"per_week": 6}))
    assert workspace.goals.get().objectives[1].per_week == 6
    workspace.journal.undo()
    assert workspace.goals.get().objectives[1].per_week == 4
    workspace.goals.remove_objective(0)
    assert len(workspace.goals.get().objectives) == 1
    workspace.journal.undo()
    assert workspace.goals.get().objectives[0] == GOALS.objectives[0]
    with pytest.raises(InputError, match="no objective number 9"):
        workspace.goals.remove_objective(8)


def test_accounts_edited_keep_their_place(workspace: Workspace) -> None:
    account = workspace.goals.check_account(
        "Contoso Ltd", "prospects", "Contoso, CTS", "contoso.example", index=0
    )
    workspace.goals.save_account(0, account)
    goals = workspace.goals.get()
    assert goals.accounts[0].name == "Contoso Ltd" and goals.accounts[0].aliases == [
        "Contoso",
        "CTS",
    ]
    with pytest.raises(InputError, match="already a target account"):
        workspace.goals.check_account("Fabrikam", "partners")
    with pytest.raises(FieldErrors) as caught:
        workspace.goals.check_account("", "aliens", domains="nope")
    assert set(caught.value.errors) == {"name", "audience", "domains"}


def test_checklist_toggle_only_yes_no_count_only_counts(workspace: Workspace) -> None:
    photo = workspace.goals.checklist().photo
    workspace.goals.toggle_item("photo")
    assert workspace.goals.checklist().photo is not photo
    workspace.journal.undo()
    assert workspace.goals.checklist().photo is photo
    with pytest.raises(InputError, match="yes/no item: space"):
        workspace.goals.count_item("photo", 1)
    with pytest.raises(InputError, match="is a count: \\+ and -"):
        workspace.goals.toggle_item("skills")
    workspace.goals.count_item("skills", 1)
    assert workspace.goals.checklist().skills == 1


def test_plans_readings_and_contacts_revert_exactly(workspace: Workspace) -> None:
    planner = workspace.planner
    added = planner.add_plan_undoably(
        {"kind": "comment", "rule": "daily", "start": TODAY - timedelta(days=3)}
    )
    plan = added.result
    planner.skip(plan.id, TODAY - timedelta(days=1))
    planner.remove_plan_undoably(plan.id)
    assert planner.all_plans() == [] and planner.events.all() == []
    workspace.journal.undo()
    assert planner.all_plans() == [plan]
    assert [e.occurrence for e in planner.events.all()] == [TODAY - timedelta(days=1)]
    workspace.journal.undo()
    assert planner.all_plans() == []

    reading = workspace.readings.add_undoably(
        {"total": "62", "brand": "15", "find": "15", "engage": "16", "relate": "16"}
    ).result[0]
    workspace.readings.delete_undoably(reading.id)
    assert workspace.readings.all() == []
    workspace.journal.undo()
    assert workspace.readings.all() == [reading]

    contact = workspace.store.contacts.add(Contact(name="Ada", audience="partners"))
    workspace.contacts.set_audience_undoably(contact.id, "prospects")
    assert workspace.store.contacts.get(contact.id).audience == "prospects"
    workspace.journal.undo()
    assert workspace.store.contacts.get(contact.id) == contact


def test_headline_and_summary_checked_once_saved_undoably_with_their_fit(
    workspace: Workspace,
) -> None:
    service = workspace.goals
    with pytest.raises(FieldErrors) as caught:
        service.check_profile_text({"headline": "x" * 221, "summary": "y" * 2601})
    assert caught.value.errors == {
        "headline": "at most 220 characters, as on LinkedIn (221 now)",
        "summary": "at most 2,600 characters, as on LinkedIn (2,601 now)",
    }
    text = service.check_profile_text({"headline": " Head of\x07 sales ", "summary": None})
    assert (text.headline, text.summary) == ("Head of sales", "")
    preview = service.fit_preview({"headline": "Talent partner"}, service.get())
    assert preview == (  # partners, with no words to look for, count half of their 25 %
        "fit with your goals 28%: prospects not named (try head of, director); "
        "partners: nothing to look for; recruiters by talent"
    )
    before = service.checklist()
    change = service.set_profile_text(text)
    after = service.checklist()
    assert (after.headline_text, after.headline, after.summary) == ("Head of sales", True, False)
    assert change.what == "headline and summary saved (fit with your goals 72%)"
    assert service.profile_fit().value == pytest.approx(0.6 + 0.125)
    workspace.journal.undo()
    assert service.checklist() == before


def test_the_51st_audience_is_refused_in_the_form_and_by_the_service(
    workspace: Workspace,
) -> None:
    from ssi_tui.domain.limits import MAX_AUDIENCES
    from ssi_tui.domain.models import Goals

    workspace.goals.set(
        Goals.model_validate({"audiences": {f"a{index}": 1 for index in range(MAX_AUDIENCES)}})
    )
    goals = workspace.goals.get()
    with pytest.raises(FieldErrors) as caught:
        workspace.goals.check_audience_form({"name": "one more", "weight": "5"}, None, goals)
    assert caught.value.errors["name"] == "at most 50 audiences: remove one first"
    with pytest.raises(InputError, match="audiences: at most 50 audiences, not 51"):
        workspace.goals.save_audience(None, Audience(name="one more", weight=5))
    assert len(workspace.goals.get().audiences) == MAX_AUDIENCES


def test_a_kind_is_typed_by_its_id_or_by_its_words_in_every_form(workspace: Workspace) -> None:
    """As the app shows kinds (in words, in the user's language), forms take them: the
    activity, the plan and the objective forms alike; what names no kind is still refused."""
    from ssi_tui.wording import set_language

    catalog = workspace.catalog
    assert catalog.find("message_sent") == "message_sent"
    assert catalog.find("  Message   SENT ") == "message_sent"
    assert catalog.find("message envoyé") is None  # (French words, in English)
    assert catalog.find("dance") is None
    goals = workspace.goals.get()
    activity = workspace.activities.check({"kind": "Message sent", "date": "today"}, goals)
    assert activity.kind == "message_sent"
    plan = workspace.planner.check_plan({"kind": "follow-up", "rule": "weekly"}, goals)
    assert plan.kind == "follow_up"
    set_language("fr")
    assert catalog.find("message envoyé") == "message_sent"
    assert catalog.find("message sent") == "message_sent"  # (English words still)
    objective = workspace.goals.check_objective({"kind": "Relance", "per_week": "2"})
    assert objective.kind == "follow_up"
    with pytest.raises(FieldErrors) as caught:
        workspace.activities.check({"kind": "danse", "date": "today"}, goals)
    assert set(caught.value.errors) == {"kind"}
