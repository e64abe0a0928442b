"""The demo's plans: loaded relative to today, with done occurrences that show streaks."""

from __future__ import annotations

import importlib.util
import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from ssi_tui.domain.agenda import Ledger, build_agenda, plan_streak
from ssi_tui.domain.catalog import default_catalog
from ssi_tui.domain.demo import load_demo
from ssi_tui.domain.recurrence import occurrences
from ssi_tui.paths import package_data_dir

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize("offset", range(7), ids=lambda n: f"today+{n}")
def test_demo_plans_on_any_weekday(offset: int) -> None:
    today = date(2026, 11, 26) + timedelta(days=offset)
    demo = load_demo(today, default_catalog())
    assert len(demo.plans) >= 3
    done = [activity for activity in demo.activities if activity.plan_id]
    assert done and all(activity.source == "plan" for activity in done)
    by_id = {plan.id: plan for plan in demo.plans}
    for activity in done:
        plan = by_id[activity.plan_id]
        assert activity.occurrence == activity.date <= today
        assert occurrences(plan.recurrence, plan.start, activity.date, activity.date)
    ledger = Ledger.build(done, [])
    agenda = build_agenda(demo.plans, ledger, today)
    assert agenda.today, "a daily plan keeps today's agenda busy whatever the weekday"
    assert max(plan_streak(plan, ledger, today).current for plan in demo.plans) >= 3
    assert len({activity.id for activity in demo.activities}) == len(demo.activities)


def test_demo_json_is_what_the_generator_writes(tmp_path: Path, monkeypatch) -> None:
    spec = importlib.util.spec_from_file_location("make_demo", ROOT / "tools" / "make_demo.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path / "demo.json"
    monkeypatch.setattr(module, "OUT", out)
    module.main()
    shipped = json.loads((package_data_dir() / "demo.json").read_text(encoding="utf-8"))
    assert json.loads(out.read_text(encoding="utf-8")) == shipped
