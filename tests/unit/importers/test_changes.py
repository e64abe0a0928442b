"""What changed since the last import, on two dated exports: job changes, new and removed
connections, and who joined a target account."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from ssi_tui.domain.models import Audience, Contact, Goals, TargetAccount
from ssi_tui.services.imports import import_export
from ssi_tui.services.workspace import Workspace
from ssi_tui.store import Store

from ...cli.conftest import run
from .builders import ExportBuilder

FIRST = [
    ["Ada", "Example", "https://www.linkedin.com/in/ada", "", "Contoso", "VP Sales", "04 Mar 2024"],
    ["Ben", "Gone", "https://www.linkedin.com/in/ben", "", "Initech", "Engineer", "15 Dec 2022"],
    ["Cara", "Same", "https://www.linkedin.com/in/cara", "", "Globex", "Buyer", "1 Feb 2023"],
]
SECOND = [
    ["Ada", "Example", "https://www.linkedin.com/in/ada", "", "Fabrikam", "Head of Sales",
     "04 Mar 2024"],
    ["Cara", "Same", "https://www.linkedin.com/in/cara", "", "globex ", "Buyer", "1 Feb 2023"],
    ["Dan", "New", "https://www.linkedin.com/in/dan", "", "Fabrikam", "Analyst", "20 Nov 2026"],
]  # fmt: skip


def export(tmp_path: Path, rows: list[list[str]], name: str) -> Path:
    return ExportBuilder().connections(rows).zip(tmp_path / f"{name}.zip")


def store_aiming_at_fabrikam(data: Path) -> Store:
    """A store whose goals have one audience and Fabrikam as its target account."""
    store = Store.open(data)
    store.goals.set(
        Goals(
            audiences=[Audience(name="prospects", weight=1)],
            accounts=[TargetAccount(name="Fabrikam", audience="prospects")],
        )
    )
    return store


def test_two_dated_exports(tmp_path: Path) -> None:
    store = store_aiming_at_fabrikam(tmp_path / "data")
    try:
        first = import_export(Workspace(store, date(2026, 11, 1)), export(tmp_path, FIRST, "a"))
        assert first.changes == []  # the first import finds everyone new: no news
        workspace = Workspace(store, date(2026, 11, 26))
        path = export(tmp_path, SECOND, "b")
        dry = import_export(workspace, path, dry_run=True)
        assert len(dry.changes) == 3 and store.connection_changes.count() == 0
        second = import_export(workspace, path)
        kinds = {change.name: change.kind for change in second.changes}
        assert kinds == {"Ada Example": "job", "Dan New": "new", "Ben Gone": "removed"}
        ada = next(c for c in second.changes if c.kind == "job")
        assert (ada.company_before, ada.company_after) == ("Contoso", "Fabrikam")
        assert (ada.title_before, ada.title_after) == ("VP Sales", "Head of Sales")
        assert ada.describe() == "Ada Example: VP Sales at Contoso → Head of Sales at Fabrikam"
        assert sorted(second.moves) == [
            ("Ada Example", "joined", "Fabrikam"),
            ("Dan New", "joined", "Fabrikam"),
        ]
        headline = second.headline()
        assert (
            "1 job change, 1 new connection, 1 removed connection, 2 joined a target account"
            in headline
        )
        as_json = second.to_json()["changes"]
        assert {item["kind"] for item in as_json} == {"job", "new", "removed"}
        assert next(i for i in as_json if i["name"] == "Ada Example")["account"] == {
            "move": "joined",
            "account": "Fabrikam",
        }
        assert [c.kind for c in store.connection_changes.all()].count("job") == 1
        ben = store.contacts.find("Ben Gone")
        assert ben is not None and ben.connected_on is None  # no longer connected
        again = import_export(workspace, path)
        assert again.changes == [] and store.connection_changes.count() == 3
    finally:
        store.close()
    status, out, _ = run("changes", "--data-dir", str(tmp_path / "data"), "--json")
    listed = json.loads(out)
    assert status == 0 and len(listed) == 3
    assert {item["name"]: item["account"] for item in listed}["Dan New"] == {
        "move": "joined",
        "account": "Fabrikam",
    }
    status, out, _ = run("changes", "--data-dir", str(tmp_path / "data"))
    assert "joined Fabrikam" in out and "VP Sales at Contoso → Head of Sales at Fabrikam" in out
    assert out.rstrip().endswith("3 changes")
    status, out, _ = run("changes", "--data-dir", str(tmp_path / "data"), "--since", "2026-11-02")
    assert status == 0 and out.rstrip().endswith("3 changes")
    status, out, _ = run("changes", "--data-dir", str(tmp_path / "empty"))
    assert status == 0 and out.startswith("No changes seen yet")


def test_joining_a_target_account_raises_a_flag_until_reached(tmp_path: Path) -> None:
    from ssi_tui.domain.models import Activity

    store = store_aiming_at_fabrikam(tmp_path / "data")
    try:
        import_export(Workspace(store, date(2026, 11, 1)), export(tmp_path, FIRST, "a"))
        import_export(Workspace(store, date(2026, 11, 20)), export(tmp_path, SECOND, "b"))
        assert len(store.connection_changes.since(date(2026, 11, 20))) == 3
        assert store.connection_changes.since(date(2026, 11, 21)) == []
        workspace = Workspace(store, date(2026, 11, 26))
        flags = [f for f in workspace.report().flags if f.id == "account_change"]
        assert sorted(f.params["name"] for f in flags) == ["Ada Example", "Dan New"]
        ada = next(f for f in flags if f.params["name"] == "Ada Example")
        assert ada.severity == "info" and ada.pillar == "relate"
        assert ada.message == (
            "Ada Example joined target account Fabrikam (prospects) as Head of Sales, seen by "
            "your import of 2026-11-20."
        )
        assert ada.evidence["from"] == "Contoso"
        store.activities.add(
            Activity(kind="message_sent", date=date(2026, 11, 24), contact="Ada Example")
        )
        left = [f.params["name"] for f in workspace.report().flags if f.id == "account_change"]
        assert left == ["Dan New"]  # Ada was reached since
        later = Workspace(store, date(2026, 12, 21)).report()  # 31 days on: old news
        assert not [f for f in later.flags if f.id == "account_change"]
    finally:
        store.close()


def test_people_are_compared_with_stored_contacts_without_building_models(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """30,000 validations of 15 µs each on every re-import: a contact's model is built only
    when the import changes it."""
    store = store_aiming_at_fabrikam(tmp_path / "data")
    try:
        workspace = Workspace(store, date(2026, 11, 26))
        import_export(workspace, export(tmp_path, FIRST, "a"))
        built: list[str] = []
        validate = Contact.model_validate.__func__  # type: ignore[attr-defined]

        def counted(cls: type[Contact], data: object, **options: object) -> Contact:
            built.append(data["name"] if isinstance(data, dict) else "?")
            return validate(cls, data, **options)  # type: ignore[no-any-return]

        monkeypatch.setattr(Contact, "model_validate", classmethod(counted))
        again = import_export(workspace, export(tmp_path, FIRST, "a"))
        assert again.changes == [] and again.contacts_updated == 0 and built == []
        second = import_export(workspace, export(tmp_path, SECOND, "b"))
        assert {change.name for change in second.changes} == {"Ada Example", "Dan New", "Ben Gone"}
        # Changed (Cara's company as the export now spells it), no longer connected (Ben).
        assert sorted(built) == ["Ada Example", "Ben Gone", "Cara Same"]
    finally:
        store.close()
