"""People met in an export, joined on the lowercased, URL-decoded `/in/<slug>`, else on the name."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ssi_tui.domain.text import fold
from ssi_tui.importers.cleaning import clean
from ssi_tui.store.documents import normalise_profile_url

PLACEHOLDER_NAMES = frozenset({"linkedin member", "linkedin"})


def profile_key(url: str | None) -> str | None:
    """The lowercased, URL-decoded `/in/<slug>` of a profile URL (the store's contact key)."""
    return normalise_profile_url(url)


def full_url(url: str) -> str | None:
    """A profile URL with its scheme (endorsement files write `www.linkedin.com/in/…`)."""
    url = clean(url)
    if not url:
        return None
    if "://" not in url:
        url = "https://" + url.lstrip("/")
    return url


@dataclass(slots=True, eq=False)
class Person:
    """Someone the export mentions; `contact` when they become (or update) a contact."""

    name: str
    url: str | None = None
    key: str | None = None
    company: str | None = None
    title: str | None = None
    connected_on: date | None = None
    email: str | None = None
    contact: bool = False
    # Set when matched against the store: how activities name this person.
    resolved_name: str | None = None
    resolved_company: str | None = None
    resolved_title: str | None = None

    @property
    def identity(self) -> str:
        """A stable text identifying the person in activity keys."""
        return self.key or f"name:{fold(self.name)}"


class People:
    """Everyone met so far, deduplicated: by profile key, else by name (when neither has a key
    that says they are different people)."""

    def __init__(self) -> None:
        self.all: list[Person] = []
        self._by_key: dict[str, Person] = {}
        self._by_name: dict[str, Person] = {}

    def __len__(self) -> int:
        return len(self.all)

    @property
    def by_name(self) -> dict[str, Person]:
        """The first person met under each folded name (what a name alone finds)."""
        return self._by_name

    @classmethod
    def rebuilt(cls, persons: list[Person], by_name: dict[str, Person]) -> People:
        """The people `persons` (in the order met) with their name index `by_name`, as another
        process handed them over (`handover.py`): each key is held by one person."""
        people = cls()
        people.all = persons
        people._by_name = by_name
        people._by_key = {person.key: person for person in persons if person.key}
        return people

    def get(self, name: str, url: str | None, *, contact: bool = False) -> Person | None:
        """The person with this name and/or URL, added if new (None when there is neither)."""
        link = full_url(url) if url else None
        return self.get_clean(clean(name), link, profile_key(link), contact=contact)

    def get_clean(
        self, name: str, link: str | None, key: str | None, *, contact: bool = False
    ) -> Person | None:
        """`get` for a name already cleaned and a URL already keyed (`full_url`, `profile_key`)."""
        if not name and key:
            name = key[4:]
        if not name:
            return None
        person = self._by_key.get(key) if key else None
        if person is None:
            candidate = self._by_name.get(fold(name))
            if candidate is not None and (key is None or candidate.key in (None, key)):
                person = candidate
        if person is None:
            person = Person(name=name, url=link, key=key)
            self.all.append(person)
            self._by_name.setdefault(fold(name), person)
            if key:
                self._by_key[key] = person
        elif key and person.key is None:
            person.key, person.url = key, link
            self._by_key[key] = person
        if contact and fold(person.name) not in PLACEHOLDER_NAMES:
            person.contact = True
        return person
