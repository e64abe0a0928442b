"""Pydantic models of the domain: goals, activities, contacts, official readings, profile."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    Field,
    field_validator,
    model_validator,
)

from ssi_tui.domain.base import DomainModel, new_id
from ssi_tui.domain.limits import check_goal_sizes, reference_problem
from ssi_tui.domain.pillars import PILLARS, Pillar  # noqa: F401 - re-exported
from ssi_tui.domain.profile_models import (  # noqa: F401 - re-exported
    DatedChecklist,
    ProfileChecklist,
    ProfileHistory,
)
from ssi_tui.domain.readings import SSIReading  # noqa: F401 - re-exported
from ssi_tui.domain.text import (
    clean_optional,
    clean_text,
    company_key,
    email_address,
    email_domain,
    fold,
    held_keywords,
)
from ssi_tui.wording import _

Channel = Literal["linkedin", "off"]
Source = Literal["manual", "plan", "linkedin-export", "calendar", "demo"]


def _name(value: str) -> str:
    cleaned = clean_text(value)
    if not cleaned:
        raise ValueError(_("must not be blank"))
    return cleaned


def audience_name(value: str) -> str:
    """An audience name as it is kept: cleaned, case- and blank-folded (blank refused)."""
    cleaned = fold(clean_text(value))
    if not cleaned:
        raise ValueError(_("audience name must not be blank"))
    return cleaned


def _optional_line(value: str | None) -> str | None:
    return clean_optional(value)


def _note(value: str) -> str:
    return clean_text(value, multiline=True)


MAX_TOPICS = 20  # per activity


def _topics(value: tuple[str, ...]) -> tuple[str, ...]:
    """An activity's topics: each cleaned to one line, blanks and repeats (by `fold`) dropped."""
    kept: list[str] = []
    seen: set[str] = set()
    for item in value:
        cleaned = clean_text(item)
        if not cleaned:
            continue
        if len(cleaned) > 80:
            raise ValueError(_("a topic is at most 80 characters"))
        if fold(cleaned) not in seen:
            seen.add(fold(cleaned))
            kept.append(cleaned)
    if len(kept) > MAX_TOPICS:
        raise ValueError(_("at most {most} topics per activity").format(most=MAX_TOPICS))
    return tuple(kept)


Name = Annotated[str, AfterValidator(_name)]
AudienceName = Annotated[str, AfterValidator(audience_name)]
OptionalLine = Annotated[str | None, AfterValidator(_optional_line)]
Note = Annotated[str, AfterValidator(_note)]
Topics = Annotated[tuple[str, ...], AfterValidator(_topics)]
MAX_EMAILS = 10  # per contact


def _parsed_once(values: Iterable[str], parse: Callable[[str], str | None], what: str) -> list[str]:
    """Each value parsed (`what` names the kind and gives an example when one is not), each
    result once, in order; blank values skipped."""
    found: list[str] = []
    for value in values:
        if not value.strip():
            continue
        parsed = parse(value)
        if parsed is None:
            kind, example = what.split(" e.g. ")
            raise ValueError(f"not {kind}: {value.strip()!r} (e.g. {example})")
        if parsed not in found:
            found.append(parsed)
    return found


def unique_emails(values: Iterable[str]) -> tuple[str, ...]:
    """E-mail addresses as typed → lower-cased, each once; ValueError naming a bad one."""
    found = _parsed_once(values, email_address, _("an e-mail address e.g. ada@contoso.com"))
    if len(found) > MAX_EMAILS:
        raise ValueError(_("at most {most} e-mail addresses").format(most=MAX_EMAILS))
    return tuple(found)


Emails = Annotated[tuple[str, ...], AfterValidator(unique_emails)]
KindId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)]


class Audience(DomainModel):
    """A group of people the user wants to reach (recruiters, prospects, partners…) and its weight."""

    name: AudienceName
    weight: float = Field(ge=0, le=1_000_000)


def _names(values: list[str]) -> list[str]:
    cleaned = [clean_text(value) for value in values]
    return [value for value in cleaned if value]


def _domains(values: list[str]) -> list[str]:
    return _parsed_once(values, email_domain, "a domain e.g. contoso.com")


class TargetAccount(DomainModel):
    """A company the user is aiming at, tied to one audience; other names it goes by and its
    e-mail or web domains match it too."""

    name: Name
    audience: AudienceName
    aliases: Annotated[list[str], AfterValidator(_names)] = Field(default_factory=list)
    domains: Annotated[list[str], AfterValidator(_domains)] = Field(default_factory=list)

    def match_keys(self) -> set[str]:
        """The company keys (see `text.company_key`) of its name and aliases."""
        return {key for key in map(company_key, [self.name, *self.aliases]) if key}


class Objective(DomainModel):
    """A period objective, e.g. five personalised messages to prospects per week."""

    kind: KindId
    audience: AudienceName | None = None
    per_week: int = Field(ge=1, le=1000)
    personalised: bool = False


DEFAULT_CADENCE_DAYS: dict[str, int] = {"prospects": 30, "partners": 45, "recruiters": 60}


class Goals(DomainModel):
    """The user's relational goals: audience weights, target roles and accounts, objectives."""

    audiences: list[Audience] = Field(default_factory=list)
    roles: dict[AudienceName, list[str]] = Field(default_factory=dict)
    topics: dict[AudienceName, list[str]] = Field(default_factory=dict)
    accounts: list[TargetAccount] = Field(default_factory=list)
    objectives: list[Objective] = Field(default_factory=list)
    cadence: dict[AudienceName, int] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _within_limits(cls, data: Any) -> Any:
        check_goal_sizes(data)
        return data

    @field_validator("audiences", mode="before")
    @classmethod
    def _audiences_from_mapping(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return [{"name": name, "weight": weight} for name, weight in value.items()]
        return value

    @field_validator("roles", "topics", mode="before")
    @classmethod
    def _keyword_text(cls, value: Any) -> Any:
        # `prospects = "supply chain, procurement"` is a list written as one line.
        if isinstance(value, dict):
            return {
                key: words.split(",") if isinstance(words, str) else words
                for key, words in value.items()
            }
        return value

    @field_validator("roles", "topics")
    @classmethod
    def _clean_keywords(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        cleaned: dict[str, list[str]] = {}
        for audience, keywords in value.items():
            words = [fold(clean_text(word)) for word in keywords]
            cleaned[audience] = [word for word in words if word]
        return cleaned

    @field_validator("cadence")
    @classmethod
    def _positive_cadence(cls, value: dict[str, int]) -> dict[str, int]:
        for audience, days in value.items():
            if days < 1 or days > 3650:
                raise ValueError(
                    _("cadence for {audience!r} must be 1-3650 days, got {days}").format(
                        audience=audience, days=days
                    )
                )
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Goals:
        problem = reference_problem(self)
        if problem is not None:
            raise ValueError(problem)
        return self

    def weight(self, audience: str | None) -> float:
        """The raw weight of an audience (0 when it is not a goal)."""
        for item in self.audiences:
            if item.name == audience:
                return item.weight
        return 0.0

    @property
    def top_weight(self) -> float:
        """The largest audience weight (0 with no audiences)."""
        return max((item.weight for item in self.audiences), default=0.0)

    @property
    def total_weight(self) -> float:
        """The sum of audience weights."""
        return sum(item.weight for item in self.audiences)

    def share(self, audience: str) -> float:
        """An audience's weight as a fraction of all weights (the % shown to the user)."""
        total = self.total_weight
        return self.weight(audience) / total if total else 0.0

    def relative_weight(self, audience: str | None) -> float:
        """An audience's weight relative to the top audience, in [0, 1]."""
        top = self.top_weight
        return self.weight(audience) / top if top else 0.0

    def account_for(self, company: str | None) -> TargetAccount | None:
        """The target account a company name or e-mail/web domain belongs to: names compared
        without case, accents, punctuation or legal forms ("Northwind Traders, Inc."), aliases
        included; the first account listed wins a tie."""
        if not company:
            return None
        key = company_key(company)
        domain = email_domain(company) if "." in company else None
        for account in self.accounts:
            if (key and key in account.match_keys()) or (domain and domain in account.domains):
                return account
        return None

    def role_audience(self, title: str | None) -> str | None:
        """The audience whose role keywords appear in a job title as whole words, case- and
        accent-insensitive ("cto" matches "CTO", not "Director"); the heaviest audience wins."""
        found = self.role_audiences(title)
        return found[0] if found else None

    def role_audiences(self, title: str | None) -> tuple[str, ...]:
        """Every audience whose role keywords appear in a job title as whole words (case- and
        accent-insensitive), heaviest first: "Talent Acquisition Director" can be both a
        recruiter ("talent") and a hiring manager ("director")."""
        return self._keyword_audiences(self.roles, title)

    def topic_audiences(self, text: str | None) -> tuple[str, ...]:
        """Every audience one of whose topics a text (a note, an activity's topics) holds as
        whole words, case- and accent-insensitive, heaviest first."""
        return self._keyword_audiences(self.topics, text)

    def matched_topics(self, text: str | None) -> list[str]:
        """The goals' topics a text holds (as `topic_audiences` matches them), each once."""
        return held_keywords(text, [word for words in self.topics.values() for word in words])

    def _keyword_audiences(self, table: dict[str, list[str]], text: str | None) -> tuple[str, ...]:
        ranked = sorted(table, key=lambda name: (-self.weight(name), name)) if text else []
        return tuple(audience for audience in ranked if held_keywords(text, table[audience]))

    def cadence_for(self, audience: str | None) -> int | None:
        """Stay-in-touch cadence in days for an audience; untargeted contacts have none."""
        if audience is None or audience not in {item.name for item in self.audiences}:
            return None
        return self.cadence.get(audience, DEFAULT_CADENCE_DAYS.get(audience, 45))

    def to_file(self) -> dict[str, Any]:
        """The goals in the shape of the goals file (TOML/JSON)."""
        data: dict[str, Any] = {
            "audiences": {item.name: item.weight for item in self.audiences},
            "roles": dict(self.roles),
            "accounts": [account.model_dump(exclude_defaults=True) for account in self.accounts],
            "objectives": [
                objective.model_dump(exclude_defaults=True) for objective in self.objectives
            ],
        }
        if self.topics:
            data["topics"] = dict(self.topics)
        if self.cadence:
            data["cadence"] = dict(self.cadence)
        return data


class ActivityKind(DomainModel):
    """A catalog entry: what an activity kind is worth and whether LinkedIn can see it."""

    id: KindId
    label: Name
    pillar: Pillar
    points: float = Field(ge=0, le=100)
    visible: bool
    daily_cap: int | None = Field(default=None, ge=1, le=1000)
    personalisable: bool = False
    aim: Literal["person", "broadcast", "either"] = "person"
    description: str = ""

    def broadcast_for(self, contact: str | None, company: str | None) -> bool:
        """Whether an activity of this kind is judged as a broadcast: always for a broadcast
        kind, and for an "either" kind that names neither a contact nor a company."""
        return self.aim == "broadcast" or (self.aim == "either" and not contact and not company)

    @property
    def default_channel(self) -> Channel:
        """Where this kind usually happens: on LinkedIn when LinkedIn can see it."""
        return "linkedin" if self.visible else "off"


class Activity(DomainModel):
    """One thing the user did: logged by hand, done from a plan, or imported."""

    id: str = Field(default_factory=new_id, min_length=1, max_length=80)
    kind: KindId
    date: date
    audience: AudienceName | None = None
    contact: OptionalLine = None
    company: OptionalLine = None
    title: OptionalLine = None
    personalised: bool = False
    relevance: int = Field(default=3, ge=1, le=5)
    channel: Channel = "linkedin"
    note: Note = ""
    topics: Topics = ()
    source: Source = "manual"
    plan_id: str | None = None
    occurrence: date | None = None
    external_id: str | None = None

    @field_validator("date", mode="before")
    @classmethod
    def _plain_date(cls, value: Any) -> Any:
        # A datetime would otherwise be accepted silently; keep only its date.
        if hasattr(value, "date") and callable(value.date):
            return value.date()
        return value


class Contact(DomainModel):
    """A person in the user's network."""

    id: str = Field(default_factory=new_id, min_length=1, max_length=80)
    name: Name
    company: OptionalLine = None
    title: OptionalLine = None
    audience: AudienceName | None = None
    profile_url: OptionalLine = None
    connected_on: date | None = None
    cadence_days: int | None = Field(default=None, ge=1, le=3650)
    emails: Emails = ()
    source: Source = "manual"

    @property
    def key(self) -> str:
        """Case-insensitive name used to match contacts."""
        return fold(self.name)
