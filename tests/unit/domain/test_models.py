"""Validation of the domain models, text cleaning, and the Goals helpers."""

from __future__ import annotations

import tomllib
import unicodedata
from datetime import date, datetime, timedelta

import pytest
from pydantic import ValidationError

from ssi_tui.domain.catalog import default_rules
from ssi_tui.domain.models import (
    Activity,
    Contact,
    Goals,
    ProfileChecklist,
    SSIReading,
    TargetAccount,
)
from ssi_tui.domain.profile import checklist_items, profile_completeness, profile_level
from ssi_tui.domain.reading_checks import check_reading

AS_OF = date(2026, 11, 26)
RULES = default_rules()

GOALS_TOML = """
[audiences]
prospects = 60
partners = 25
recruiters = 15

[roles]
prospects = ["Head of", "Director", "VP"]
partners = ["partner manager", "alliances"]
recruiters = ["recruit", "talent"]

[[accounts]]
name = "Northwind Traders"
audience = "prospects"

[[accounts]]
name = "Fabrikam"
audience = "partners"

[[objectives]]
kind = "message_sent"
audience = "prospects"
per_week = 5
personalised = true

[[objectives]]
kind = "post"
per_week = 2

[cadence]
prospects = 30
"""


@pytest.fixture
def goals() -> Goals:
    return Goals.model_validate(tomllib.loads(GOALS_TOML))


def has_control(text: str) -> bool:
    return any(unicodedata.category(char) == "Cc" for char in text)


# --------------------------------------------------------------------------- Goals


def test_goals_from_the_readme_toml_shape(goals: Goals) -> None:
    assert [(a.name, a.weight) for a in goals.audiences] == [
        ("prospects", 60),
        ("partners", 25),
        ("recruiters", 15),
    ]
    assert goals.roles["prospects"] == ["head of", "director", "vp"]  # keywords folded
    assert [(a.name, a.audience) for a in goals.accounts] == [
        ("Northwind Traders", "prospects"),
        ("Fabrikam", "partners"),
    ]
    assert [(o.kind, o.audience, o.per_week, o.personalised) for o in goals.objectives] == [
        ("message_sent", "prospects", 5, True),
        ("post", None, 2, False),
    ]
    assert goals.cadence_for("prospects") == 30
    assert goals.cadence_for("nobody") is None
    assert Goals.model_validate(goals.to_file()) == goals  # round trip


def test_goals_audience_names_are_folded() -> None:
    goals = Goals.model_validate(
        {"audiences": {"  Prospects ": 2}, "accounts": [{"name": "X", "audience": "PROSPECTS"}]}
    )
    assert goals.audiences[0].name == "prospects"
    assert goals.accounts[0].audience == "prospects"


def test_negative_weight_rejected_naming_the_field() -> None:
    with pytest.raises(ValidationError) as info:
        Goals.model_validate({"audiences": {"prospects": 60, "partners": -1}})
    text = str(info.value)
    assert "weight" in text
    assert "audiences" in text
    assert "greater than or equal to 0" in text


@pytest.mark.parametrize(
    "data, fragment",
    [
        ({"audiences": {"prospects": 1}, "roles": {"recruiters": ["talent"]}}, "recruiters"),
        (
            {
                "audiences": {"prospects": 1},
                "accounts": [{"name": "Contoso", "audience": "partners"}],
            },
            "partners",
        ),
        (
            {
                "audiences": {"prospects": 1},
                "objectives": [{"kind": "post", "audience": "ghosts", "per_week": 1}],
            },
            "ghosts",
        ),
        (
            {"audiences": [{"name": "prospects", "weight": 1}, {"name": "Prospects", "weight": 2}]},
            "twice",
        ),
        ({"audiences": {"prospects": 1}, "cadence": {"prospects": 0}}, "cadence"),
        (
            {"audiences": {"prospects": 1}, "objectives": [{"kind": "post", "per_week": 0}]},
            "per_week",
        ),
        ({"audiences": {"prospects": 1}, "unknown_field": 1}, "unknown_field"),
    ],
)
def test_inconsistent_goals_rejected(data: dict, fragment: str) -> None:
    with pytest.raises(ValidationError) as info:
        Goals.model_validate(data)
    assert fragment in str(info.value)


def test_share_and_relative_weight(goals: Goals) -> None:
    assert goals.share("prospects") == pytest.approx(0.6)
    assert goals.share("partners") == pytest.approx(0.25)
    assert goals.share("nobody") == 0.0
    assert sum(goals.share(a.name) for a in goals.audiences) == pytest.approx(1.0)
    assert goals.relative_weight("prospects") == 1.0
    assert goals.relative_weight("recruiters") == pytest.approx(15 / 60)
    assert goals.relative_weight(None) == 0.0
    assert goals.relative_weight("nobody") == 0.0
    empty = Goals()
    assert empty.share("prospects") == 0.0
    assert empty.relative_weight("prospects") == 0.0
    zero = Goals.model_validate({"audiences": {"prospects": 0, "partners": 0}})
    assert zero.share("prospects") == 0.0
    assert zero.relative_weight("prospects") == 0.0


@pytest.mark.parametrize(
    "company, expected",
    [
        ("Northwind Traders", "Northwind Traders"),
        ("northwind traders", "Northwind Traders"),
        ("  NORTHWIND   traders ", "Northwind Traders"),
        ("fabrikam", "Fabrikam"),
        ("Northwind", None),
        ("Northwind Traders Ltd", "Northwind Traders"),  # v2: legal forms ignored
        ("Northwind Traders, Inc.", "Northwind Traders"),
        ("Northwind-Traders", "Northwind Traders"),
        ("Northwind Trading", None),
        ("", None),
        (None, None),
    ],
)
def test_account_for_is_case_insensitive(
    goals: Goals, company: str | None, expected: str | None
) -> None:
    account = goals.account_for(company)
    assert (account.name if account else None) == expected


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Head of Procurement", "prospects"),
        ("Co-Heads of Procurement", "prospects"),  # inner words may be plural too
        ("Headset of Procurement", None),
        ("SALES DIRECTOR", "prospects"),
        ("Senior Partner Manager", "partners"),
        ("Talent Acquisition Lead", "recruiters"),
        ("Technical Recruiter", "recruiters"),
        ("Director of Talent", "prospects"),  # both match: the heavier audience wins
        ("Software Engineer", None),
        ("", None),
        (None, None),
    ],
)
def test_role_audience(goals: Goals, title: str | None, expected: str | None) -> None:
    assert goals.role_audience(title) == expected


# --------------------------------------------------------------------------- Activity


def test_activity_defaults() -> None:
    activity = Activity(kind="post", date=AS_OF)
    assert activity.channel == "linkedin"
    assert activity.source == "manual"
    assert activity.relevance == 3
    assert activity.id


def test_activity_datetime_kept_as_date() -> None:
    assert Activity(kind="post", date=datetime(2026, 11, 26, 23, 59)).date == AS_OF


@pytest.mark.parametrize("relevance", [1, 2, 3, 4, 5])
def test_activity_relevance_in_range_accepted(relevance: int) -> None:
    assert Activity(kind="post", date=AS_OF, relevance=relevance).relevance == relevance


@pytest.mark.parametrize("relevance", [0, 6, -1, 100])
def test_activity_relevance_out_of_range_rejected(relevance: int) -> None:
    with pytest.raises(ValidationError) as info:
        Activity(kind="post", date=AS_OF, relevance=relevance)
    assert "relevance" in str(info.value)


@pytest.mark.parametrize("channel", ["linkedin", "off"])
def test_activity_channel_accepted(channel: str) -> None:
    assert Activity(kind="post", date=AS_OF, channel=channel).channel == channel


@pytest.mark.parametrize("channel", ["email", "LinkedIn ", "", "twitter"])
def test_activity_channel_rejected(channel: str) -> None:
    with pytest.raises(ValidationError) as info:
        Activity(kind="post", date=AS_OF, channel=channel)
    assert "channel" in str(info.value)


@pytest.mark.parametrize("source", ["manual", "plan", "linkedin-export", "demo"])
def test_activity_source_accepted(source: str) -> None:
    assert Activity(kind="post", date=AS_OF, source=source).source == source


@pytest.mark.parametrize("source", ["import", "linkedin_export", "Manual", ""])
def test_activity_source_rejected(source: str) -> None:
    with pytest.raises(ValidationError) as info:
        Activity(kind="post", date=AS_OF, source=source)
    assert "source" in str(info.value)


@pytest.mark.parametrize("kind", ["Post", "1post", "post-x", "", "a" * 41])
def test_activity_kind_id_shape(kind: str) -> None:
    with pytest.raises(ValidationError):
        Activity(kind=kind, date=AS_OF)


def test_activity_validated_on_assignment() -> None:
    activity = Activity(kind="post", date=AS_OF)
    with pytest.raises(ValidationError):
        activity.relevance = 9
    with pytest.raises(ValidationError):
        activity.channel = "fax"  # type: ignore[assignment]


# --------------------------------------------------------------------------- text cleaning


HOSTILE = ["\x1b[31m", "\x9b", "\x00", "\x07", "\x7f", "\r", "\x1b]0;title\x07"]


@pytest.mark.parametrize("control", HOSTILE)
def test_control_characters_stripped_from_names(control: str) -> None:
    contact = Contact(
        name=f"Ada{control} Lovelace{control}", company=f"{control}Acme", title=f"CTO{control}"
    )
    for value in (contact.name, contact.company, contact.title):
        assert value is not None
        assert not has_control(value), repr(value)
    assert contact.name.startswith("Ada") and "Lovelace" in contact.name
    assert "Acme" in (contact.company or "")


@pytest.mark.parametrize("control", HOSTILE)
def test_control_characters_stripped_from_activity_fields(control: str) -> None:
    activity = Activity(
        kind="post",
        date=AS_OF,
        contact=f"Bob{control}",
        company=f"Contoso{control}",
        title=f"{control}Head of Sales",
        note=f"line one{control}\nline two{control}",
    )
    for value in (activity.contact, activity.company, activity.title, activity.note):
        assert value is not None
        assert not has_control(value.replace("\n", "")), repr(value)
    assert activity.note.startswith("line one")
    assert "line two" in activity.note.split("\n")[1]
    assert activity.note.count("\n") == 1


def test_newline_kept_in_note_only() -> None:
    activity = Activity(
        kind="post", date=AS_OF, note="first\nsecond\tthird", contact="Bob\nSmith", title="A\tB"
    )
    assert activity.note == "first\nsecond third"
    assert activity.contact == "Bob Smith"
    assert activity.title == "A B"
    contact = Contact(name="Ada\n\nLovelace")
    assert contact.name == "Ada Lovelace"


def test_blank_name_rejected_and_blank_optional_becomes_none() -> None:
    with pytest.raises(ValidationError):
        Contact(name=" \x1b\x00 ")
    assert Contact(name="Ada", company=" \x9b ").company is None


def test_hostile_markup_kept_literally() -> None:
    text = "[@click=app.quit]Evil[/] [bold]x"
    contact = Contact(name=text, company=text, title=text)
    assert contact.name == text
    assert contact.company == text
    assert contact.title == text
    activity = Activity(kind="post", date=AS_OF, note=text, contact=text)
    assert activity.note == text
    assert activity.contact == text
    goals = Goals.model_validate(
        {"audiences": {"prospects": 1}, "accounts": [{"name": text, "audience": "prospects"}]}
    )
    assert goals.accounts[0].name == text
    assert TargetAccount(name=text, audience="prospects").name == text


# --------------------------------------------------------------------------- SSIReading


def reading(**fields: float) -> SSIReading:
    values = {"brand": 15.0, "find": 10.0, "engage": 12.0, "relate": 13.0}
    values.update(fields)
    values.setdefault(
        "total", values["brand"] + values["find"] + values["engage"] + values["relate"]
    )
    return SSIReading(date=AS_OF, **values)


def test_valid_reading() -> None:
    value = reading(industry_rank=3, network_rank=100, industry_avg=0, network_avg=55.5)
    assert value.total == 50.0
    assert value.pillar("engage") == 12.0


@pytest.mark.parametrize("pillar", ["brand", "find", "engage", "relate"])
def test_reading_pillar_above_25_rejected(pillar: str) -> None:
    with pytest.raises(ValidationError) as info:
        reading(**{pillar: 25.5})
    assert pillar in str(info.value)


@pytest.mark.parametrize("pillar", ["brand", "find", "engage", "relate"])
def test_reading_negative_pillar_rejected(pillar: str) -> None:
    with pytest.raises(ValidationError):
        reading(**{pillar: -0.5})


@pytest.mark.parametrize(
    "total, warned", [(50.0, False), (51.0, False), (49.0, False), (51.2, True), (48.5, True)]
)
def test_reading_total_off_the_pillar_sum_is_kept_and_warned(total: float, warned: bool) -> None:
    kept = reading(total=total)
    assert kept.total == total
    kinds = [warning.kind for warning in check_reading(kept)]
    assert kinds == (["total"] if warned else [])


def test_reading_jump_is_warned_per_day_since_the_previous_one() -> None:
    first = reading(total=50.0)
    later = first.model_copy(update={"id": "b", "date": first.date + timedelta(days=1)})
    assert check_reading(later, [first]) == []
    jump = later.model_copy(update={"total": 56.0, "brand": 21.0})
    [warning] = check_reading(jump, [first])
    assert (warning.kind, warning.difference, warning.days) == ("jump", 6.0, 1)
    week = jump.model_copy(update={"date": first.date + timedelta(days=7)})
    assert check_reading(week, [first]) == []


@pytest.mark.parametrize("field", ["industry_rank", "network_rank", "industry_avg", "network_avg"])
@pytest.mark.parametrize("value", [-1, 100.5, 101])
def test_reading_ranks_outside_0_100_rejected(field: str, value: float) -> None:
    with pytest.raises(ValidationError) as info:
        reading(**{field: value})
    assert field in str(info.value)


@pytest.mark.parametrize("field", ["industry_rank", "network_rank"])
@pytest.mark.parametrize("value", [0, 100])
def test_reading_ranks_at_bounds_accepted(field: str, value: float) -> None:
    assert getattr(reading(**{field: value}), field) == value


# --------------------------------------------------------------------------- profile checklist


FULL = ProfileChecklist(
    photo=True,
    headline=True,
    summary=True,
    experience=True,
    industry=True,
    location=True,
    skills=RULES.checklist.skills_min,
    recommendations=RULES.checklist.recommendations_min,
    featured=True,
    custom_url=True,
)


def test_empty_profile_is_beginner() -> None:
    empty = ProfileChecklist()
    assert profile_completeness(empty, RULES) == 0.0
    assert profile_level(0.0, RULES) == RULES.checklist.levels[0].name == "Beginner"
    assert not any(checklist_items(empty, RULES).values())


def test_full_profile_is_all_star() -> None:
    assert profile_completeness(FULL, RULES) == pytest.approx(1.0)
    assert profile_level(profile_completeness(FULL, RULES), RULES) == "All-Star"
    assert all(checklist_items(FULL, RULES).values())


def test_counts_below_minimum_do_not_count() -> None:
    short = FULL.model_copy(
        update={
            "skills": RULES.checklist.skills_min - 1,
            "recommendations": RULES.checklist.recommendations_min - 1,
        }
    )
    items = checklist_items(short, RULES)
    assert items["skills"] is False
    assert items["recommendations"] is False
    weights = RULES.checklist.weights
    expected = 1 - (weights["skills"] + weights["recommendations"]) / sum(weights.values())
    assert profile_completeness(short, RULES) == pytest.approx(expected)
    assert profile_level(profile_completeness(short, RULES), RULES) != "All-Star"


def test_core_profile_completeness_and_level() -> None:
    core = ProfileChecklist(photo=True, headline=True, summary=True, experience=True)
    weights = RULES.checklist.weights
    expected = sum(weights[item] for item in ("photo", "headline", "summary", "experience")) / sum(
        weights.values()
    )
    completeness = profile_completeness(core, RULES)
    assert completeness == pytest.approx(expected)
    reached = [level.name for level in RULES.checklist.levels if level.min <= completeness + 1e-9]
    assert profile_level(completeness, RULES) == reached[-1]


@pytest.mark.parametrize(
    "completeness, level",
    [
        (0.0, "Beginner"),
        (0.29, "Beginner"),
        (0.3, "Intermediate"),
        (0.55, "Advanced"),
        (0.79, "Advanced"),
        (0.8, "Expert"),
        (0.99, "Expert"),
        (1.0, "All-Star"),
    ],
)
def test_profile_levels(completeness: float, level: str) -> None:
    assert profile_level(completeness, RULES) == level


@pytest.mark.parametrize("field", ["skills", "recommendations"])
def test_checklist_counts_cannot_be_negative(field: str) -> None:
    with pytest.raises(ValidationError):
        ProfileChecklist(**{field: -1})
