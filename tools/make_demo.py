"""Regenerate data/demo.json, the demo dataset (deterministic; dates are days before today).

The demo persona is a B2B consultant whose goals are prospects first, partners second and
recruiters last, but whose habits (generic messages, recruiter invitations, reactions, meetings
LinkedIn never sees) drift away from them: exactly the mismatches ssi-tui exists to show.
Run: python tools/make_demo.py
"""

from __future__ import annotations

import json
import random
from pathlib import Path

# Days of history: the oldest official reading (61 days ago) plus the rules' 90-day window.
EARLIEST_DAY = 151
OUT = Path(__file__).resolve().parent.parent / "data" / "demo.json"

CONTACTS = [
    ("Alice Moreau", "Northwind Traders", "Head of Operations", "prospects"),
    ("Bruno Keller", "Northwind Traders", "VP Sales", "prospects"),
    ("Chloé Durand", "Contoso", "Director of IT", "prospects"),
    ("Daniel Weiss", "Contoso", "Chief Data Officer", "prospects"),
    ("Emma Lefèvre", "Globex", "Head of Procurement", "prospects"),
    ("Farid Haddad", "Fabrikam", "Partner Manager", "partners"),
    ("Greta Lindqvist", "Fabrikam", "Alliances Lead", "partners"),
    ("Hugo Bernard", "Tailspin Studio", "Founder", "partners"),
    ("Inès Roux", "Hays", "Senior Recruiter", "recruiters"),
    ("Jonas Becker", "Michael Page", "Talent Acquisition Partner", "recruiters"),
    ("Karima Benali", "Robert Walters", "Recruitment Consultant", "recruiters"),
    ("Léo Garnier", "Adatum", "Software Engineer", None),
    ("Maya Cohen", "Litware", "Product Designer", None),
    ("Nils Olsen", "Proseware", "Head of Marketing", "prospects"),
    ("Olivia Brown", "Woodgrove Bank", "Talent Partner", "recruiters"),
]


# People met once and not since (no activity in the log): the losing-touch list starts here.
# Kept out of CONTACTS, which the activity generator draws from.
QUIET_CONTACTS = [
    {
        "name": "Paul Girard",
        "company": "Initech",
        "title": "Head of Sales",
        "connected_days_ago": 75,
    },
    {
        "name": "Tom Nguyen",
        "company": "Fabrikam",
        "title": "Channel Partner Manager",
        "audience": "partners",
        "connected_days_ago": 100,
    },
    {
        "name": "Yuki Tanaka",
        "company": "Hays",
        "title": "Senior Recruiter",
        "audience": "recruiters",
        "cadence_days": 14,
        "connected_days_ago": 30,
    },
    {
        "name": "Sofia Rossi",
        "company": "Northwind Traders",
        "title": "Finance Controller",
        "connected_days_ago": 40,
    },
]

# Plans already running, so a newcomer sees an agenda and streaks. `done_days_ago` lists the
# occurrences ticked off (on their day); the loader keeps only days that are occurrences.
PLANS = [
    {
        "kind": "comment",
        "rule": "daily",
        "start_days_ago": 6,
        "audience": "prospects",
        "personalised": True,
        "note": "Thoughtful comment on a prospect's post",
        "done_days_ago": [1, 2, 3, 4, 5, 6],
    },
    {
        "kind": "post",
        "rule": "weekly",
        "start_days_ago": 21,
        "audience": "prospects",
        "note": "Share a client insight on data products",
        "done_days_ago": [7, 14, 21],
    },
    {
        "kind": "call",
        "rule": "weekly",
        "start_days_ago": 14,
        "audience": "partners",
        "contact": "Farid Haddad",
        "company": "Fabrikam",
        "personalised": True,
        "note": "Partnership check-in call",
        "done_days_ago": [14],
    },
    {
        "kind": "meeting",
        "rule": "biweekly",
        "start_days_ago": 10,
        "audience": "partners",
        "contact": "Greta Lindqvist",
        "company": "Fabrikam",
        "personalised": True,
        "note": "Alliance pipeline review",
        "done_days_ago": [10],
    },
]


HEADLINE = "Pricing & analytics consultant for data products teams"
SUMMARY = (
    "I help data teams price what they build.\n"
    "Ten years of pricing projects, from discovery workshops to the first invoice."
)


def main() -> None:
    rng = random.Random(20261126)
    acts: list[dict] = []

    def add(days_ago: int, kind: str, **fields) -> None:
        entry = {"days_ago": days_ago, "kind": kind}
        entry.update(
            {key: value for key, value in fields.items() if value not in (None, False, "")}
        )
        acts.append(entry)

    def person(rng: random.Random, audience: str | None = None):
        pool = [c for c in CONTACTS if audience is None or c[3] == audience]
        name, company, title, aud = rng.choice(pool)
        return {"contact": name, "company": company, "title": title}

    def habits(day: int, rng: random.Random) -> None:
        """One day of the persona's LinkedIn habits."""
        weekday = day % 7
        # Brand: two generic posts a week, a few media.
        if weekday in (1, 4):
            add(day, "post", relevance=rng.choice([2, 3, 3]), note="Thoughts on the week")
        if day % 23 == 5:
            add(day, "media", note="Slides from a client workshop")
        # Find: lots of untargeted searching and browsing.
        if weekday < 5:
            for _ in range(rng.randint(1, 3)):
                add(day, "people_search", note="Browsing")
            for _ in range(rng.randint(1, 4)):
                add(day, "profile_view")
        if day % 9 == 2:
            add(day, "lead_saved", audience="prospects", **person(rng, "prospects"))
        # Searches for resellers, tagged partners: the tag is all there is to show for them.
        if weekday in (1, 2, 3):
            add(day, "people_search", audience="partners", note="Resellers in France")
        # Engage: many reactions, some comments, generic messages with few replies.
        for _ in range(rng.randint(2, 6)):
            add(day, "reaction")
        if weekday in (0, 2, 3):
            add(day, "comment", relevance=3, personalised=rng.random() < 0.3)
        if weekday < 5:
            who = (
                person(rng, "recruiters")
                if rng.random() < 0.55
                else person(rng, rng.choice(["prospects", "partners"]))
            )
            add(day, "message_sent", personalised=rng.random() < 0.25, **who)
        if day % 6 == 1:
            add(day, "message_received", **person(rng, "recruiters"))
        # Relate: invitations mostly to recruiters, few follow-ups with prospects.
        if weekday in (1, 3):
            add(
                day, "invitation_sent", personalised=rng.random() < 0.2, **person(rng, "recruiters")
            )
        if day % 5 == 0:
            add(day, "connection", **person(rng))
        if day % 11 == 3:
            add(day, "follow_up", personalised=True, relevance=4, **person(rng, "prospects"))
        if day % 14 == 6:
            add(day, "congratulation", personalised=True, **person(rng))

    for day in range(0, 92):
        habits(day, rng)
    # The months before (same habits, their own random stream so the last 92 days stay as
    # they were): the official readings' 90-day windows lie within the history.
    earlier = random.Random(20261127)
    for day in range(92, EARLIEST_DAY + 1):
        habits(day, earlier)
    # Off LinkedIn: aligned work LinkedIn never sees.
    for day in (3, 10, 17, 24, 38, 45, 59, 73):
        add(
            day,
            "meeting",
            channel="off",
            relevance=5,
            personalised=True,
            **{
                "contact": "Alice Moreau",
                "company": "Northwind Traders",
                "title": "Head of Operations",
            },
            note="Discovery workshop follow-up",
        )
    for day in (8, 29, 50):
        add(day, "call", channel="off", relevance=4, **person(rng, "prospects"))
    for day in (12, 26, 40, 68):
        add(day, "email", channel="off", personalised=True, relevance=4, **person(rng, "prospects"))
    add(
        19,
        "talk",
        channel="off",
        audience="prospects",
        relevance=5,
        note="Meetup talk: pricing data products",
    )
    add(
        47,
        "blog_post",
        channel="off",
        audience="prospects",
        relevance=4,
        note="Blog: five data quick wins",
    )
    add(33, "event", channel="off", audience="partners", relevance=4, note="Partner summit")
    # Partner calls logged with a tag and nothing else: no contact, no company, no topic.
    # The tag is the user's word, not evidence: it counts half (unevidenced_claims says so).
    for day in (4, 11, 18, 25, 32, 39, 46, 53):
        add(day, "call", channel="off", audience="partners", relevance=5, note="Reseller call")
    # Partners were last touched a month ago.
    add(
        34,
        "message_sent",
        personalised=True,
        relevance=4,
        contact="Farid Haddad",
        company="Fabrikam",
        title="Partner Manager",
    )
    add(2, "endorsement_received")
    add(41, "recommendation_received", contact="Bruno Keller", company="Northwind Traders")

    data = {
        "description": "Demo dataset: a consultant aiming at prospects whose habits drift elsewhere.",
        "goals": {
            "audiences": {"prospects": 60, "partners": 25, "recruiters": 15},
            "roles": {
                "prospects": ["head of", "director", "vp", "chief"],
                "partners": ["partner manager", "alliances"],
                "recruiters": ["recruit", "talent"],
            },
            "topics": {
                "prospects": ["pricing", "data products", "analytics"],
                "partners": ["co-selling", "alliance"],
                "recruiters": ["hiring"],
            },
            "accounts": [
                {"name": "Northwind Traders", "audience": "prospects"},
                {"name": "Contoso", "audience": "prospects"},
                {"name": "Globex", "audience": "prospects"},
                {"name": "Initech", "audience": "prospects"},
                {"name": "Fabrikam", "audience": "partners"},
            ],
            "objectives": [
                {
                    "kind": "message_sent",
                    "audience": "prospects",
                    "per_week": 5,
                    "personalised": True,
                },
                {"kind": "post", "per_week": 2},
                {"kind": "follow_up", "audience": "partners", "per_week": 1},
            ],
        },
        "checklist": {
            "photo": True,
            "headline": True,
            "summary": True,
            "experience": True,
            "industry": True,
            "location": True,
            "skills": 12,
            "recommendations": 2,
            "featured": False,
            "custom_url": True,
            # Its words speak to prospects only: partners and recruiters find nothing for them.
            "headline_text": HEADLINE,
            "summary_text": SUMMARY,
        },
        # The profile as it was (dated): a score as of an earlier date uses the state then.
        "checklist_history": [
            {
                "days_ago": 120,
                "checklist": {
                    "photo": True,
                    "headline": True,
                    "experience": True,
                    "skills": 4,
                    "headline_text": HEADLINE,
                },
            },
            {
                "days_ago": 45,
                "checklist": {
                    "photo": True,
                    "headline": True,
                    "summary": True,
                    "experience": True,
                    "industry": True,
                    "location": True,
                    "skills": 12,
                    "recommendations": 2,
                    "custom_url": True,
                    "headline_text": HEADLINE,
                    "summary_text": SUMMARY,
                },
            },
        ],
        "contacts": [
            {"name": n, "company": c, "title": t, **({"audience": a} if a else {})}
            for n, c, t, a in CONTACTS
        ]
        + QUIET_CONTACTS,
        # What linkedin.com/sales/ssi showed, every week or two: brand rises with the profile
        # completed 45 days ago; relate stays high on a network built before the log began.
        "readings": [
            {
                "days_ago": 61,
                "total": 60,
                "brand": 16.2,
                "find": 13.4,
                "engage": 15.1,
                "relate": 15.3,
                "industry_rank": 12,
                "network_rank": 9,
                "industry_avg": 24,
                "network_avg": 31,
            },
            {
                "days_ago": 47,
                "total": 62,
                "brand": 16.9,
                "find": 13.9,
                "engage": 15.6,
                "relate": 15.6,
                "industry_rank": 11,
                "network_rank": 8,
                "industry_avg": 24,
                "network_avg": 31,
            },
            {
                "days_ago": 33,
                "total": 63,
                "brand": 18.1,
                "find": 13.9,
                "engage": 15.5,
                "relate": 15.5,
                "industry_rank": 9,
                "network_rank": 7,
                "industry_avg": 24,
                "network_avg": 31,
            },
            {
                "days_ago": 19,
                "total": 65,
                "brand": 18.3,
                "find": 14.6,
                "engage": 16.1,
                "relate": 16.0,
                "industry_rank": 8,
                "network_rank": 6,
                "industry_avg": 25,
                "network_avg": 32,
            },
            {
                "days_ago": 11,
                "total": 66,
                "brand": 18.6,
                "find": 14.3,
                "engage": 16.4,
                "relate": 16.4,
                "industry_rank": 8,
                "network_rank": 6,
                "industry_avg": 25,
                "network_avg": 32,
            },
            {
                "days_ago": 4,
                "total": 67,
                "brand": 18.4,
                "find": 15.2,
                "engage": 16.7,
                "relate": 16.7,
                "industry_rank": 7,
                "network_rank": 5,
                "industry_avg": 25,
                "network_avg": 32,
            },
        ],
        "activities": sorted(acts, key=lambda a: (a["days_ago"], a["kind"])),
        "plans": PLANS,
    }
    OUT.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT}: {len(acts)} activities, {len(PLANS)} plans")


if __name__ == "__main__":
    main()
