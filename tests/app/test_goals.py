"""The Goals screen by keyboard: edit an audience, rename it, remove with a confirmation, undo,
objectives and accounts added, edited and removed, the checklist's keys."""

from __future__ import annotations

import pytest
from textual.widgets import Checkbox, DataTable, Input, Select

from ssi_tui.app.app import SSIApp
from ssi_tui.app.screens.confirm import ConfirmScreen
from ssi_tui.app.screens.form import FormScreen
from ssi_tui.domain.models import Goals

from .conftest import settle


def goals_of(app: SSIApp) -> Goals:
    return app.workspace.store.goals.get()


async def open_goals(pilot, table_id: str = "audiences", row_key: str | None = None) -> DataTable:
    await settle(pilot)
    await pilot.press("g")
    await settle(pilot)
    table = pilot.app.screen.query_one(f"#{table_id}", DataTable)
    table.focus()
    if row_key is not None:
        keys = [str(key.value) for key in table.rows]
        table.move_cursor(row=keys.index(row_key))
    await pilot.pause()
    return table


async def type_in(pilot, text: str) -> None:
    for character in text:
        await pilot.press(character)


async def test_e_edits_the_weight_of_that_audience(demo_app: SSIApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await open_goals(pilot, row_key="partners")
        before = goals_of(demo_app)
        await pilot.press("e")
        await pilot.pause()
        form = demo_app.screen
        assert isinstance(form, FormScreen)
        weight = form.query_one("#field-weight", Input)
        assert form.focused is weight and weight.value == "25"
        await type_in(pilot, "45")  # the value is selected: typing replaces it
        await pilot.pause()
        assert weight.value == "45"
        preview = str(form.query_one("#form-preview").render())
        assert "partners 38%" in preview  # 45 / (60 + 45 + 15), live
        await pilot.press("enter")
        await settle(pilot)
        after = goals_of(demo_app)
        assert len(after.audiences) == len(before.audiences)
        assert after.weight("partners") == 45 and after.roles == before.roles


async def test_rename_carries_everything_and_keeps_the_scores(demo_app: SSIApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        workspace = demo_app.workspace
        scores = workspace.report().breakdown.total_weighted
        tagged = sum(1 for a in workspace.store.activities.all() if a.audience == "prospects")
        assert tagged
        await open_goals(pilot, row_key="prospects")
        await pilot.press("e")
        await pilot.pause()
        demo_app.screen.query_one("#field-name", Input).value = "Clients"
        await pilot.press("ctrl+s")
        await settle(pilot)
        goals = goals_of(demo_app)
        assert "clients" in [a.name for a in goals.audiences]
        assert "prospects" not in [a.name for a in goals.audiences]
        assert all(account.audience != "prospects" for account in goals.accounts)
        assert "clients" in goals.roles and "clients" in goals.topics
        store = workspace.store
        assert not any(a.audience == "prospects" for a in store.activities.all())
        assert not any(c.audience == "prospects" for c in store.contacts.all())
        assert workspace.report().breakdown.total_weighted == pytest.approx(scores)
        await pilot.press("u")
        await settle(pilot)
        assert sum(1 for a in store.activities.all() if a.audience == "prospects") == tagged
        assert "prospects" in [a.name for a in goals_of(demo_app).audiences]


async def test_k_edits_roles_and_topics_and_a_topic_makes_a_post_count(demo_app: SSIApp) -> None:
    """A post about one of an audience's topics is evidence for it: adding the topic that the
    demo's untargeted weekly posts are about raises the weighted brand score; undo lowers it."""
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        workspace = demo_app.workspace
        before = workspace.report().breakdown.pillars["brand"].weighted
        await open_goals(pilot, row_key="recruiters")
        await pilot.press("K")
        await pilot.pause()
        form = demo_app.screen
        assert isinstance(form, FormScreen)
        assert form.query_one("#field-keywords", Input).value == "recruit, talent"
        topics = form.query_one("#field-topics", Input)
        assert topics.value == "hiring"
        topics.value = "hiring, the week"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert goals_of(demo_app).topics["recruiters"] == ["hiring", "the week"]
        assert goals_of(demo_app).roles["recruiters"] == ["recruit", "talent"]
        after = workspace.report().breakdown.pillars["brand"].weighted
        assert after > before  # "Thoughts on the week" posts now count for recruiters
        table = demo_app.screen.query_one("#audiences", DataTable)
        assert "hiring, the…" in [str(cell) for cell in table.get_row("recruiters")]
        await pilot.press("u")
        await settle(pilot)
        assert goals_of(demo_app).topics["recruiters"] == ["hiring"]
        assert workspace.report().breakdown.pillars["brand"].weighted == pytest.approx(before)


async def test_n_adds_an_audience_and_a_taken_name_is_refused(demo_app: SSIApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await open_goals(pilot)
        await pilot.press("n")
        await pilot.pause()
        form = demo_app.screen
        form.query_one("#field-name", Input).value = "partners"
        form.query_one("#field-weight", Input).value = "10"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert demo_app.screen is form
        assert "already an audience" in str(form.query_one("#error-name").render())
        form.query_one("#field-name", Input).value = "investors"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert goals_of(demo_app).weight("investors") == 10


async def test_remove_asks_first_escape_changes_nothing(demo_app: SSIApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await open_goals(pilot, row_key="prospects")
        before = goals_of(demo_app)
        await pilot.press("x")
        await pilot.pause()
        dialog = demo_app.screen
        assert isinstance(dialog, ConfirmScreen)
        assert dialog.detail.startswith("With it go its 4 role keywords, 4 accounts, 1 objective.")
        await pilot.press("escape")
        await settle(pilot)
        assert goals_of(demo_app) == before
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("n")
        await settle(pilot)
        assert goals_of(demo_app) == before


async def test_remove_then_undo_restores_roles_accounts_objectives(demo_app: SSIApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await open_goals(pilot, row_key="prospects")
        before = goals_of(demo_app)
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        removed = goals_of(demo_app)
        assert "prospects" not in [a.name for a in removed.audiences]
        assert "prospects" not in removed.roles
        assert all(item.audience != "prospects" for item in removed.accounts)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert goals_of(demo_app) == before
        await pilot.press("u")  # nothing left to undo on this app: says so, changes nothing
        await settle(pilot)
        assert goals_of(demo_app) == before


async def test_objectives_added_edited_and_removed(demo_app: SSIApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        table = await open_goals(pilot, "objectives")
        count = len(goals_of(demo_app).objectives)
        await pilot.press("o")
        await pilot.pause()
        form = demo_app.screen
        form.query_one("#field-kind", Input).value = "comment"
        form.query_one("#field-audience", Select).value = "partners"
        form.query_one("#field-per_week", Input).value = "zero"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "not a whole number" in str(form.query_one("#error-per_week").render())
        form.query_one("#field-per_week", Input).value = "3"
        box = form.query_one("#field-personalised", Checkbox)
        box.focus()
        unticked = box.render().plain
        await pilot.press("space")
        await pilot.pause()
        # The state reads in the text, not only in the colour of the mark.
        assert unticked.startswith("▐ ▌ no") and box.render().plain.startswith("▐X▌ yes")
        await pilot.press("ctrl+s")
        await settle(pilot)
        objectives = goals_of(demo_app).objectives
        assert len(objectives) == count + 1
        added = objectives[-1]
        assert (added.kind, added.audience, added.per_week, added.personalised) == (
            "comment",
            "partners",
            3,
            True,
        )
        table.focus()
        table.move_cursor(row=count)
        await pilot.press("enter")
        await pilot.pause()
        form = demo_app.screen
        assert form.query_one("#field-per_week", Input).value == "3"
        form.query_one("#field-per_week", Input).value = "4"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert goals_of(demo_app).objectives[-1].per_week == 4
        assert len(goals_of(demo_app).objectives) == count + 1
        # Its kind in words, as the catalog names it, in the table and the question alike.
        assert str(table.get_row_at(count)[1]) == "4 × personalised comment to partners"
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(demo_app.screen, ConfirmScreen)
        assert demo_app.screen.question == (
            "Remove the objective 4 × personalised comment to partners a week?"
        )
        await pilot.press("enter")
        await settle(pilot)
        assert len(goals_of(demo_app).objectives) == count


async def test_accounts_edited_with_aliases_and_domains(demo_app: SSIApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        table = await open_goals(pilot, "accounts")
        table.move_cursor(row=0)
        name = goals_of(demo_app).accounts[0].name
        await pilot.press("e")
        await pilot.pause()
        form = demo_app.screen
        assert form.query_one("#field-name", Input).value == name
        form.query_one("#field-aliases", Input).value = "NWT, Northwind"
        form.query_one("#field-domains", Input).value = "not a domain"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "not a domain" in str(form.query_one("#error-domains").render())
        form.query_one("#field-domains", Input).value = "northwind.example"
        await pilot.press("ctrl+s")
        await settle(pilot)
        account = goals_of(demo_app).accounts[0]
        assert account.name == name and account.aliases == ["NWT", "Northwind"]
        assert account.domains == ["northwind.example"]
        assert goals_of(demo_app).account_for("jane@northwind.example") == account


async def test_checklist_space_toggles_and_plus_only_counts(demo_app: SSIApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        table = await open_goals(pilot, "checklist", row_key="photo")
        checklist = demo_app.workspace.store.checklist
        photo = checklist.get().photo
        await pilot.press("plus")
        await settle(pilot)
        assert checklist.get().photo == photo  # + on a yes/no item says so, changes nothing
        await pilot.press("space")
        await settle(pilot)
        assert checklist.get().photo is not photo
        keys = [str(key.value) for key in table.rows]
        table.move_cursor(row=keys.index("skills"))
        skills = checklist.get().skills
        await pilot.press("plus")
        await settle(pilot)
        assert checklist.get().skills == skills + 1
        await pilot.press("space")
        await settle(pilot)
        assert checklist.get().skills == skills + 1
        await pilot.press("u")
        await settle(pilot)
        assert checklist.get().skills == skills


async def test_h_edits_headline_and_summary_with_their_fit_shown_as_typed(
    demo_app: SSIApp,
) -> None:
    """The demo's words speak to prospects only (fit 60 %); naming the partners' topic in the
    summary raises the fit and the weighted brand, never raw; undo puts them back."""
    from textual.widgets import Static, TextArea

    async with demo_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        workspace = demo_app.workspace
        before = workspace.report().breakdown.pillars["brand"]
        table = await open_goals(pilot, "checklist", row_key="fit")
        assert [str(cell) for cell in table.get_row("fit")] == ["Headline & summary fit", "60%"]
        await pilot.press("enter")  # on the fit row, Enter edits the words too
        await pilot.pause()
        form = demo_app.screen
        assert isinstance(form, FormScreen)
        headline = form.query_one("#field-headline", Input)
        assert headline.value.startswith("Pricing & analytics consultant")
        summary = form.query_one("#field-summary", TextArea)
        summary.focus()
        summary.move_cursor(summary.document.end)
        await type_in(pilot, " Co-selling")
        await pilot.press("enter")
        await type_in(pilot, "with alliances.")
        await pilot.pause()
        preview = str(form.query_one("#form-preview", Static).render())
        assert (
            "fit with your goals 85%" in preview and "partners by alliances, co-selling" in preview
        )
        await pilot.press("ctrl+s")
        await settle(pilot)
        profile = workspace.store.checklist.get()
        assert profile.summary_text.endswith("invoice. Co-selling\nwith alliances.")
        after = workspace.report().breakdown.pillars["brand"]
        assert after.raw == pytest.approx(before.raw)
        assert after.weighted > before.weighted
        assert [str(cell) for cell in table.get_row("fit")] == ["Headline & summary fit", "85%"]
        await pilot.press("u")
        await settle(pilot)
        assert workspace.store.checklist.get().summary_text.endswith("first invoice.")
        assert workspace.report().breakdown.pillars["brand"].weighted == pytest.approx(
            before.weighted
        )


async def test_a_form_shows_its_own_keys_and_enter_on_a_select_moves_on(
    demo_app: SSIApp,
) -> None:
    from ssi_tui.app.widgets.keybar import KeyBar

    async with demo_app.run_test(size=(80, 24)) as pilot:
        await open_goals(pilot, "objectives")
        await pilot.press("o")
        await pilot.pause()
        form = demo_app.screen
        assert isinstance(form, FormScreen)
        footer = form.query_one(KeyBar).render().plain
        assert "Next field" in footer and "Cancel" in footer and "Save" in footer
        assert "Objective" not in footer  # not the keys of the screen behind
        audience = form.query_one("#field-audience", Select)
        audience.focus()
        await pilot.press("enter")  # nothing chosen: Enter opens the list
        await pilot.pause()
        assert audience.expanded
        await pilot.press("down", "enter")  # choose: the form moves on
        await pilot.pause()
        assert audience.value == "prospects" and not audience.expanded
        assert form.focused is form.query_one("#field-per_week", Input)
        audience.focus()
        await pilot.press("enter")  # a chosen value: Enter moves on, never reopens the list
        await pilot.pause()
        assert not audience.expanded
        assert form.focused is form.query_one("#field-per_week", Input)
