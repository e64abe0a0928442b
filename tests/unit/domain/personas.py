"""Five realistic users built as test fixtures (no real data): what a coach would expect of
each one's scores and flags is asserted in test_personas.py."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from ssi_tui.domain.alignment import ContactFacts
from ssi_tui.domain.catalog import default_catalog, default_rules
from ssi_tui.domain.inputs import ScoringInput
from ssi_tui.domain.models import Activity, Goals, ProfileChecklist, SSIReading
from ssi_tui.domain.report import Report, build_report
from ssi_tui.domain.text import fold

AS_OF = date(2026, 11, 26)
CATALOG = default_catalog()
RULES = default_rules()

GOOD_PROFILE = ProfileChecklist(
    photo=True,
    headline=True,
    summary=True,
    experience=True,
    industry=True,
    location=True,
    skills=12,
    recommendations=4,
    featured=True,
    custom_url=True,
)


def words(headline: str, summary: str = "") -> ProfileChecklist:
    """The complete profile with these words (what its fit with the goals is judged on)."""
    return GOOD_PROFILE.model_copy(update={"headline_text": headline, "summary_text": summary})


@dataclass
class Persona:
    """Goals, contacts and a log of activity, built day by day."""

    name: str
    goals: Goals
    contacts: dict[str, ContactFacts] = field(default_factory=dict)
    activities: list[Activity] = field(default_factory=list)
    readings: list[SSIReading] = field(default_factory=list)
    checklist: ProfileChecklist = field(default_factory=ProfileChecklist)
    first_activity: date | None = None

    def add(self, kind: str, days_ago: int, count: int = 1, **fields: Any) -> None:
        """Log `count` activities of a kind `days_ago` days before AS_OF."""
        fields.setdefault("channel", CATALOG.kind(kind).default_channel)
        for _ in range(count):
            self.activities.append(
                Activity(
                    id=f"{self.name}-{len(self.activities):05d}",
                    kind=kind,
                    date=AS_OF - timedelta(days=days_ago),
                    **fields,
                )
            )

    def contact(
        self,
        name: str,
        audience: str | None = None,
        company: str | None = None,
        title: str | None = None,
    ) -> str:
        """Declare a contact (with the audience the user gave them, if any)."""
        self.contacts[fold(name)] = ContactFacts(audience, company, title)
        return name

    def report(self, window_days: int | None = None, as_of: date = AS_OF) -> Report:
        """Scores and flags as the app computes them."""
        first = self.first_activity or min((a.date for a in self.activities), default=None)
        return build_report(
            ScoringInput(
                self.activities,
                self.goals,
                CATALOG,
                RULES,
                checklist=self.checklist,
                readings=self.readings,
                contacts=self.contacts,
                first_activity=first,
            ),
            as_of,
            window_days=window_days,
        )


def _goals(data: dict[str, Any]) -> Goals:
    return Goals.model_validate(data)


def job_seeker(days: int = 90) -> Persona:
    """Wants recruiters and hiring managers; posts generic content nobody targeted, comments
    at random, and sends a few messages to recruiters."""
    person = Persona(
        "seeker",
        _goals(
            {
                "audiences": {"recruiters": 70, "partners": 30},
                "roles": {"recruiters": ["recruit", "talent"], "partners": ["engineering manager"]},
                "accounts": [{"name": "Globex", "audience": "recruiters"}],
            }
        ),
        checklist=GOOD_PROFILE,
    )
    for day in range(days):
        if day % 2 == 0:
            person.add("post", day, relevance=2)
        person.add("comment", day, 3)
        person.add("reaction", day, 8)
        if day % 3 == 0:
            person.add("people_search", day, 4)
        if day % 7 == 0:
            person.add("message_sent", day, contact="Rita Recruiter", title="Talent Partner")
    return person


def enterprise_seller(days: int = 90) -> Persona:
    """Sells to a few target accounts; most of the work happens in meetings, calls and e-mail,
    with personalised LinkedIn messages to keep in touch."""
    person = Persona(
        "seller",
        _goals(
            {
                "audiences": {"prospects": 80, "partners": 20},
                "roles": {"prospects": ["head of", "vp", "chief", "cto"]},
                "topics": {"prospects": ["supply chain", "procurement"]},
                "accounts": [
                    {"name": "Contoso", "audience": "prospects", "aliases": ["Contoso Group"]},
                    {"name": "Northwind Traders", "audience": "prospects"},
                    {"name": "Fabrikam", "audience": "partners"},
                ],
            }
        ),
        checklist=words("Helping heads of procurement fix their supply chain"),
    )
    people = [
        person.contact("Ada Park", company="Contoso", title="CTO"),
        person.contact("Ben Ortiz", company="Northwind Traders, Inc.", title="VP Sales"),
        person.contact("Chloé Martin", "partners", company="Fabrikam"),
    ]
    for day in range(days):
        who = people[day % 3]
        if day % 7 in (0, 1, 2, 3):
            person.add("meeting", day, contact=who, relevance=5, personalised=True)
            person.add("call", day, contact=who, relevance=4, personalised=True)
            person.add("email", day, 2, contact=who, personalised=True, relevance=4)
        if day % 7 in (1, 3):
            person.add("message_sent", day, contact=who, personalised=True, relevance=4)
            person.add("message_received", day, contact=who)
        if day % 14 == 0:
            person.add(
                "post",
                day,
                audience="prospects",
                relevance=4,
                note="What procurement teams get wrong about supplier risk",
            )
    return person


def consultant(days: int = 90) -> Persona:
    """Balanced: half prospects, half partners; aimed, personalised, answered."""
    person = Persona(
        "consultant",
        _goals(
            {
                "audiences": {"prospects": 50, "partners": 50},
                "roles": {"prospects": ["head of"], "partners": ["alliances"]},
                "topics": {"prospects": ["operations"], "partners": ["co-selling"]},
                "accounts": [
                    {"name": "Contoso", "audience": "prospects"},
                    {"name": "Fabrikam", "audience": "partners"},
                ],
            }
        ),
        checklist=words("Operations advisor", "Co-selling with alliances teams since 2015."),
    )
    subjects = {"prospects": ("operations",), "partners": ("co-selling",)}
    prospect = person.contact("Dana Lee", company="Contoso", title="Head of Operations")
    partner = person.contact("Eli Cohen", company="Fabrikam", title="Alliances lead")
    for day in range(days):
        audience, who = ("prospects", prospect) if day % 2 == 0 else ("partners", partner)
        person.add("comment", day, 2, contact=who, personalised=True, relevance=4)
        person.add("message_sent", day, contact=who, personalised=True, relevance=5)
        person.add("message_received", day, contact=who)
        if day % 3 == 0:
            person.add("post", day, audience=audience, relevance=5, topics=subjects[audience])
            person.add("lead_saved", day, 3, contact=who)
            person.add("people_search", day, 2, audience=audience, relevance=4)
        if day % 4 == 0:
            person.add("follow_up", day, contact=who, personalised=True, relevance=5)
            person.add(
                "invitation_sent", day, company="Contoso", title="Head of Sales", personalised=True
            )
            person.add("connection", day, company="Contoso", title="Head of Sales")
        if day % 10 == 0:
            person.add("meeting", day, contact=who, relevance=5)
    return person


def vanity(days: int = 90, tag: str | None = None, seed: int = 7) -> Persona:
    """Reacts 40-60 times and comments ~10 times a day at random; about 10 % of it touches a
    goal audience (with `tag`, every reaction is tagged with that audience, with no evidence)."""
    rng = random.Random(seed)
    person = Persona(
        "vanity",
        _goals(
            {
                "audiences": {"prospects": 50, "partners": 50},
                "roles": {"prospects": ["head of"]},
                "accounts": [{"name": "Contoso", "audience": "prospects"}],
            }
        ),
        checklist=words("Coffee lover | Living my best life", "Always learning."),
    )
    for day in range(days):
        for _ in range(rng.randint(40, 60)):
            aimed = rng.random() < 0.1
            person.add(
                "reaction",
                day,
                company="Contoso" if aimed else None,
                audience=tag,
            )
        for _ in range(10):
            aimed = rng.random() < 0.1
            person.add("comment", day, company="Contoso" if aimed else "Hooli")
        if day % 3 == 0:
            person.add("post", day, relevance=2)
        person.add("people_search", day, 5)
        person.add("profile_view", day, 15)
    return person


def newcomer() -> Persona:
    """Installed ssi-tui six days ago: goals set, a handful of actions."""
    person = Persona(
        "newcomer",
        _goals(
            {
                "audiences": {"prospects": 50, "recruiters": 30, "partners": 20},
                "roles": {"prospects": ["head of"], "recruiters": ["recruit"]},
                "accounts": [
                    {"name": "Contoso", "audience": "prospects"},
                    {"name": "Initech", "audience": "prospects"},
                ],
            }
        ),
    )
    person.add("post", 5, audience="prospects", relevance=4)
    person.add("comment", 4, company="Contoso", title="Head of Sales", personalised=True)
    person.add("reaction", 3, 5)
    person.add("message_sent", 1, company="Contoso", title="Head of Sales", personalised=True)
    return person


EVIDENCE_GOALS = {
    "audiences": {"prospects": 50, "partners": 50},
    "roles": {"prospects": ["head of"]},
    "topics": {"prospects": ["procurement"]},
    "accounts": [{"name": "Contoso", "audience": "prospects"}],
}


def tagger(days: int = 90) -> Persona:
    """The vanity user's volume (30 reactions and 8 comments a day, a post every three days)
    with every entry tagged prospects, relevance 5 and "personalised": the word, no evidence."""
    person = Persona("tagger", _goals(EVIDENCE_GOALS), checklist=GOOD_PROFILE)
    claim = {"audience": "prospects", "relevance": 5, "personalised": True}
    for day in range(days):
        person.add("reaction", day, 30, **claim)
        person.add("comment", day, 8, note="Great point!", **claim)
        if day % 3 == 0:
            person.add("post", day, note="Monday motivation", **claim)
    return person


def evidenced_seller(days: int = 90) -> Persona:
    """The same volume, with evidence: reactions and comments to the Head of Procurement at a
    target account, posts about procurement."""
    person = Persona(
        "evidenced", _goals(EVIDENCE_GOALS), checklist=words("Procurement advisor to manufacturers")
    )
    buyer = person.contact("Maria Buyer", company="Contoso", title="Head of Procurement")
    for day in range(days):
        person.add("reaction", day, 30, contact=buyer, relevance=5)
        person.add("comment", day, 8, contact=buyer, relevance=5, personalised=True)
        if day % 3 == 0:
            person.add("post", day, relevance=5, note="What procurement teams get wrong")
    return person
