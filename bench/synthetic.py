"""Deterministic synthetic data for the benchmark: a big store and a big LinkedIn export."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from ssi_tui.domain.catalog import default_catalog
from ssi_tui.domain.models import Activity, Contact, Goals, ProfileChecklist, SSIReading
from ssi_tui.store import Store

AS_OF = date(2026, 11, 26)
SEED = 20261126

COMPANIES = [f"Company {index:04d}" for index in range(3000)]
TARGETS = {
    "Northwind Traders": "prospects",
    "Contoso": "prospects",
    "Globex": "prospects",
    "Initech": "prospects",
    "Umbrella": "prospects",
    "Fabrikam": "partners",
    "Tailspin": "partners",
    "Hays": "recruiters",
}
TITLES = [
    "Head of Operations",
    "VP Sales",
    "Director of IT",
    "Chief Data Officer",
    "Software Engineer",
    "Product Designer",
    "Senior Recruiter",
    "Talent Acquisition Partner",
    "Partner Manager",
    "Alliances Lead",
    "Account Executive",
    "Marketing Manager",
    "CFO",
    "Consultant",
]
FIRST = [
    "Alice",
    "Bruno",
    "Chloé",
    "Daniel",
    "Emma",
    "Farid",
    "Greta",
    "Hugo",
    "Inès",
    "Jonas",
    "Karima",
    "Léo",
    "Maya",
    "Nils",
    "Olivia",
    "Pierre",
    "Quentin",
    "Rosa",
    "Sami",
    "Tara",
]
LAST = [
    "Moreau",
    "Keller",
    "Durand",
    "Weiss",
    "Lefèvre",
    "Haddad",
    "Lindqvist",
    "Bernard",
    "Roux",
    "Becker",
    "Benali",
    "Garnier",
    "Cohen",
    "Olsen",
    "Brown",
    "Martin",
    "Petit",
    "Dubois",
]


def goals() -> Goals:
    """Realistic goals for the synthetic user."""
    return Goals.model_validate(
        {
            "audiences": {"prospects": 55, "partners": 25, "recruiters": 20},
            "roles": {
                "prospects": ["head of", "director", "vp", "chief", "cfo"],
                "partners": ["partner manager", "alliances"],
                "recruiters": ["recruit", "talent"],
            },
            "accounts": [
                {"name": name, "audience": audience} for name, audience in TARGETS.items()
            ],
            "objectives": [
                {
                    "kind": "message_sent",
                    "audience": "prospects",
                    "per_week": 5,
                    "personalised": True,
                },
                {"kind": "post", "per_week": 2},
            ],
        }
    )


def contacts(count: int, rng: random.Random) -> list[Contact]:
    """`count` contacts with unique names and profile URLs."""
    result = []
    targets = list(TARGETS)
    for index in range(count):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {index}"
        company = rng.choice(targets) if rng.random() < 0.05 else rng.choice(COMPANIES)
        result.append(
            Contact(
                id=f"c{index:06d}",
                name=name,
                company=company,
                title=rng.choice(TITLES),
                profile_url=f"https://www.linkedin.com/in/member-{index}",
                source="linkedin-export",
            )
        )
    return result


def activities(
    count: int, people: list[Contact], rng: random.Random, years: int = 5, first: int = 0
) -> list[Activity]:
    """`count` activities spread over `years` years before AS_OF, all kinds, some targeted
    (their ids numbered from `first`)."""
    catalog = default_catalog()
    kinds = list(catalog.kinds.values())
    weights = [6 if kind.points < 1 else 3 if kind.visible else 1 for kind in kinds]
    span = 365 * years
    result = []
    for index in range(first, first + count):
        kind = rng.choices(kinds, weights)[0]
        person = rng.choice(people) if rng.random() < 0.6 else None
        audience = rng.choice([None, None, "prospects", "partners", "recruiters"])
        result.append(
            Activity(
                id=f"a{index:07d}",
                kind=kind.id,
                date=AS_OF - timedelta(days=rng.randrange(span)),
                audience=audience,
                contact=person.name if person else None,
                company=person.company if person else None,
                title=person.title if person else None,
                personalised=rng.random() < 0.4,
                relevance=rng.randint(1, 5),
                channel=kind.default_channel,
                source="linkedin-export" if kind.visible else "manual",
                external_id=f"x{index}" if kind.visible else None,
            )
        )
    return result


def contacts_for(n_activities: int) -> int:
    """The contacts of a store of `n_activities`: 30,000 at 100,000 activities, one for ten
    activities beyond (100,000 at a million)."""
    return max(30_000, n_activities // 10)


def build_store(data_dir: Path, n_activities: int = 100_000, n_contacts: int | None = None) -> None:
    """Write the benchmark store: history in segments like a real import, small tables hot
    (activities made 20,000 at a time, saved in date order 200,000 at a time)."""
    rng = random.Random(SEED)
    people = contacts(contacts_for(n_activities) if n_contacts is None else n_contacts, rng)
    with Store.open(data_dir) as store:
        store.goals.set(goals())
        store.checklist.set(
            ProfileChecklist(photo=True, headline=True, summary=True, experience=True, skills=8)
        )
        store.readings.add(
            SSIReading(
                date=AS_OF - timedelta(days=3), total=60, brand=16, find=14, engage=15, relate=15
            )
        )
        chunk = 20_000
        docs = []
        for start in range(0, n_activities, chunk):
            items = activities(min(chunk, n_activities - start), people, rng, first=start)
            docs.extend(activity.model_dump(mode="json") for activity in items)
        # Saved in date order, a year or so at a time (as years of use would have): the history
        # segments each hold a few months (`store/segments.partition`).
        docs.sort(key=lambda doc: (doc["date"], doc["id"]))
        store.save_bulk([], [contact.model_dump(mode="json") for contact in people])
        for start in range(0, len(docs), 10 * chunk):
            store.save_bulk(docs[start : start + 10 * chunk], [])
