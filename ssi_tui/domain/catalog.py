"""The activity catalog and the scoring rules, read from human-editable TOML files in `data/`."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ssi_tui.domain.errors import DataFileError
from ssi_tui.domain.models import PILLARS, ActivityKind, Pillar
from ssi_tui.domain.text import fold
from ssi_tui.paths import package_data_dir
from ssi_tui.wording import _
from ssi_tui.wording.validation import validation_message


class UnknownKindError(ValueError):
    """An activity kind that is not in the catalog."""

    def __init__(self, kind: str, valid: list[str]) -> None:
        super().__init__(
            _("unknown activity kind {kind!r}; valid kinds: {valid}").format(
                kind=kind, valid=", ".join(valid)
            )
        )
        self.kind = kind


class Catalog(BaseModel):
    """All activity kinds, by id."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    kinds: dict[str, ActivityKind]

    def label(self, kind_id: str) -> str:
        """A kind as a sentence names it ("message sent", in the user's language); an unknown
        id as it is."""
        found = self.kinds.get(kind_id)
        if found is None:
            return kind_id
        label = _(found.label)  # data/catalog.toml's labels are in the catalogs
        return label[:1].lower() + label[1:]

    def find(self, text: str) -> str | None:
        """The id of the kind `text` names: its id, or its words as the app shows them, in the
        user's language or in English (case- and blank-insensitive: 'Message sent', 'message
        envoyé'); None when it names none."""
        if text in self.kinds:
            return text
        wanted = fold(text)
        for kind in self.kinds.values():
            if wanted in (fold(kind.id), fold(kind.label), fold(_(kind.label))):
                return kind.id
        return None

    def kind(self, kind_id: str) -> ActivityKind:
        """The catalog entry of a kind; `UnknownKindError` lists the valid ids."""
        try:
            return self.kinds[kind_id]
        except KeyError:
            raise UnknownKindError(kind_id, sorted(self.kinds)) from None

    def __contains__(self, kind_id: object) -> bool:
        return kind_id in self.kinds

    def in_pillar(self, pillar: str) -> list[ActivityKind]:
        """The kinds that feed one pillar, in catalog order."""
        return [kind for kind in self.kinds.values() if kind.pillar == pillar]


class Strict(BaseModel):
    """Rules sections reject unknown keys so a typo in rules.toml is reported, not ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, defer_build=True)


class ScoringRules(Strict):
    """How points become pillar scores."""

    window_days: int = Field(ge=7, le=3650)
    half_life_days: float = Field(gt=0, le=3650)
    edge_share: float = Field(ge=0, le=1)
    saturation: dict[Pillar, float]
    tagged_ceiling: float = Field(ge=0, le=0.5)
    untargeted_ceiling: float = Field(ge=0, le=1)
    profile_share: float = Field(ge=0, lt=1)
    unknown_fit: float = Field(default=0.5, ge=0, le=1)
    minor_share: float = Field(default=0.1, gt=0, le=1)

    @model_validator(mode="after")
    def _all_pillars(self) -> ScoringRules:
        missing = [pillar for pillar in PILLARS if pillar not in self.saturation]
        if missing:
            raise ValueError(
                _("saturation lacks pillar(s): {missing}").format(missing=", ".join(missing))
            )
        if any(value <= 0 for value in self.saturation.values()):
            raise ValueError(_("saturation constants must be > 0"))
        return self


class QualityRules(Strict):
    """Quality factors applied to the weighted score."""

    unpersonalised: float = Field(gt=0, le=1)
    relevance: list[float] = Field(min_length=5, max_length=5)

    @model_validator(mode="after")
    def _factors_in_range(self) -> QualityRules:
        if any(not 0 < factor <= 1 for factor in self.relevance):
            raise ValueError(_("relevance factors must be in (0, 1]"))
        return self


class ChecklistLevel(Strict):
    """A profile level (Beginner … All-Star) reached at a completeness fraction."""

    name: str
    min: float = Field(ge=0, le=1)


class ChecklistRules(Strict):
    """Weights of the profile checklist items and the named completeness levels."""

    weights: dict[str, float]
    skills_min: int = Field(ge=1)
    recommendations_min: int = Field(ge=1)
    levels: list[ChecklistLevel] = Field(min_length=1)


class FlagRules(Strict):
    """Thresholds of each mismatch flag."""

    aimless_activity: dict[str, float]
    unevidenced_claims: dict[str, float]
    audience_drift: dict[str, float]
    neglected_audience: dict[str, float]
    neglected_account: dict[str, float]
    account_change: dict[str, float] = Field(default_factory=lambda: {"days": 30.0})
    invisible_effort: dict[str, float]
    low_reply_rate: dict[str, float]
    generic_outreach: dict[str, float]
    official_gap: dict[str, float]

    def min_history_days(self, flag: str) -> float:
        """How many days of history a flag needs before it may be more than `info`."""
        return float(getattr(self, flag).get("min_history_days", 0.0))


RULES_VERSION = 2


class Rules(Strict):
    """All scoring parameters (data/rules.toml, with the user's own rules.toml merged over it)."""

    version: int = Field(ge=RULES_VERSION, le=RULES_VERSION)
    scoring: ScoringRules
    quality: QualityRules
    checklist: ChecklistRules
    flags: FlagRules

    def relevance_factor(self, relevance: int) -> float:
        """Quality factor for a relevance of 1-5."""
        return self.quality.relevance[max(1, min(5, relevance)) - 1]


def describe_validation_error(
    error: ValidationError, data: object = None, *, at: tuple[str | int, ...] = ()
) -> str:
    """One line in the user's words: each bad field named as they wrote it (an item of a list
    by its name, found in `data`, the document validated) and what is wrong with it. `at`: where
    in `data` the part validated sits (an item of a list validated alone)."""
    errors = [
        {**detail, "loc": (*at, *detail["loc"])}
        for detail in error.errors(include_url=False, include_input=False)
    ]
    return validation_message(errors, data)


def read_toml(path: Path) -> dict[str, Any]:
    """Parse a TOML file, turning every failure into a `DataFileError` naming the file."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise DataFileError(_("{path}: file not found").format(path=path)) from None
    except tomllib.TOMLDecodeError as error:
        raise DataFileError(
            _("{path}: not valid TOML: {error}").format(path=path, error=error)
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise DataFileError(
            _("{path}: cannot read: {error}").format(path=path, error=error)
        ) from None


def parse_catalog(data: dict[str, Any], source: str = "catalog.toml") -> Catalog:
    """Build a catalog from parsed TOML, naming the bad entry and field on error."""
    entries = data.get("kind")
    if not isinstance(entries, list) or not entries:
        raise DataFileError(_("{source}: expected a list of [[kind]] tables").format(source=source))
    kinds: dict[str, ActivityKind] = {}
    for index, entry in enumerate(entries):
        label = entry.get("id", f"#{index + 1}") if isinstance(entry, dict) else f"#{index + 1}"
        try:
            kind = ActivityKind.model_validate(entry)
        except ValidationError as error:
            raise DataFileError(
                f"{source}: kind {label}: {describe_validation_error(error, entry)}"
            ) from None
        if kind.id in kinds:
            raise DataFileError(
                _("{source}: kind {id}: defined twice").format(source=source, id=kind.id)
            )
        kinds[kind.id] = kind
    return Catalog(kinds=kinds)


def parse_rules(data: dict[str, Any], source: str = "rules.toml") -> Rules:
    """Build the rules from parsed TOML, naming the bad field on error."""
    try:
        return Rules.model_validate(data)
    except ValidationError as error:
        raise DataFileError(f"{source}: {describe_validation_error(error, data)}") from None


def merge_tables(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """`override` laid over `base`: tables merge key by key, any other value replaces."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge_tables(merged[key], value)
        else:
            merged[key] = value
    return merged


USER_RULES_FILE = "rules.toml"


def load_user_rules(data_dir: Path | None) -> Rules:
    """The shipped rules with the user's `rules.toml` in the data dir merged over them (only
    the keys it sets change). A mistake in the user's file is a `DataFileError` naming it."""
    if data_dir is None:
        return default_rules()
    path = Path(data_dir) / USER_RULES_FILE
    if not path.is_file():
        return default_rules()
    override = read_toml(path)
    override.setdefault("version", RULES_VERSION)
    shipped = read_toml(package_data_dir() / "rules.toml")
    merged = merge_tables(shipped, override)
    try:
        return Rules.model_validate(merged)
    except ValidationError as error:
        first = error.errors()[0]
        if first["loc"] == ("version",):
            raise DataFileError(
                _(
                    "{path}: version {value!r} is not supported (this ssi-tui reads rules version {supported}; see the shipped rules.toml)"
                ).format(path=path, value=override.get("version"), supported=RULES_VERSION)
            ) from None
        raise DataFileError(f"{path}: {describe_validation_error(error, merged)}") from None


def load_catalog(path: Path | None = None) -> Catalog:
    """Read and validate the activity catalog (default: the shipped `data/catalog.toml`)."""
    path = path or package_data_dir() / "catalog.toml"
    return parse_catalog(read_toml(path), str(path))


def load_rules(path: Path | None = None) -> Rules:
    """Read and validate the scoring rules (default: the shipped `data/rules.toml`)."""
    path = path or package_data_dir() / "rules.toml"
    return parse_rules(read_toml(path), str(path))


@cache
def default_catalog() -> Catalog:
    """The shipped catalog, read once."""
    return load_catalog()


@cache
def default_rules() -> Rules:
    """The shipped rules, read once."""
    return load_rules()
