"""The layout of a data dir, and reading its store.json: parse, check, migrate.

Layout of a data dir:
  store.json         the hot TinyDB file: small tables and recent activities/contacts (the commit point)
  history/seg-*.json immutable segments of bulk history (imports, compacted activity), listed in
                     store.json's meta table; a segment not listed there is an unfinished write
  backups/<name>/    rotating backups (copies of store.json and its segments, verified)
  store.lock         the single-writer lock, holding the writer's PID
  cache/day-rows.json  each day's points as last computed (store/day_cache.py): derived, checked
                     against the data it was computed from, never trusted over it, never backed up
  cache/last-scores.json  the scores the dashboard last showed (services/last_scores.py), shown
                     while the store opens at the next start
  cache/manifest.json  which history segment holds each activity, and its date (store/manifest.py):
                     a large store opens through it, reading a segment when first needed
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from ssi_tui.domain.models import Goals, ProfileChecklist, ProfileHistory
from ssi_tui.store import schema
from ssi_tui.store.errors import StoreCorruptError, StoreVersionError
from ssi_tui.store.integrity import SEGMENT_NAME, ChecksumError, verify
from ssi_tui.store.layout import BACKUP_DIR as BACKUP_DIR
from ssi_tui.store.layout import CACHE_DIR as CACHE_DIR
from ssi_tui.store.layout import HISTORY_DIR as HISTORY_DIR
from ssi_tui.store.layout import LOCK_FILE as LOCK_FILE
from ssi_tui.store.layout import STORE_FILE as STORE_FILE
from ssi_tui.wording import _

CHECKSUMS_SINCE = 3  # the schema version from which every file is sealed


def restore_hint(*, repair: bool = False) -> str:
    """The commands that get a user out of a corrupt store (a damaged segment can be put back
    from a backup holding a good copy, keeping everything saved since)."""
    hint = _(
        "see backups with `ssi-tui restore --list`, then `ssi-tui restore NAME` (or `ssi-tui restore --fresh`)"
    )
    if repair:
        return _("`ssi-tui restore --repair` puts back a good copy from a backup; or ") + hint
    return hint


@dataclass(frozen=True, slots=True)
class StoreFile:
    """The checked contents of a store.json, at the current schema version."""

    data: dict[str, Any]
    migrated_from: int | None  # the version it was migrated from, if it was


def check_models(data: dict[str, Any]) -> None:
    """The goals and the checklist must be valid models (a hand edit could break them; no
    default could stand in for them). A broken reading or plan is only left out, with a
    warning naming it (see `Store.problems`)."""
    from pydantic import ValidationError

    from ssi_tui.domain.catalog import describe_validation_error

    documents: list[tuple[str, type[Any], Any]] = [
        (table, model, data[table]["1"]["value"])
        for table, model in (("goals", Goals), ("checklist", ProfileChecklist))
        if "1" in data.get(table, {})
    ]
    history = data.get("checklist", {}).get("1", {}).get("history")
    if history is not None:
        documents.append(("checklist history", ProfileHistory, {"entries": history}))
    for table, model, value in documents:
        try:
            model.model_validate(value)
        except ValidationError as error:
            raise schema.StructureError(
                f"invalid {table}: {describe_validation_error(error, value)}"
            ) from None


def read_store_file(path: Path) -> StoreFile | None:
    """Read, check and migrate a store.json (None if there is none); `StoreCorruptError` or
    `StoreVersionError` if it cannot be used as it is."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise StoreCorruptError(
            _("cannot read {path}: {strerror}").format(path=path, strerror=error.strerror),
            str(path),
        ) from None
    try:
        sealed = verify(raw)
        data = orjson.loads(raw)
        if sealed is not None and isinstance(data, dict):
            data.pop("checksum", None)
        version = schema.detect_version(data)
        if sealed is None and CHECKSUMS_SINCE <= version <= schema.SCHEMA_VERSION:
            raise ChecksumError(_("it has lost its checksum"))
    except (orjson.JSONDecodeError, schema.StructureError, ChecksumError) as error:
        reason = (
            _("it is not valid JSON (truncated?)")
            if isinstance(error, orjson.JSONDecodeError)
            else str(error)
        )
        raise StoreCorruptError(
            _("the store {path} is unreadable: {reason}. It has not been changed; {value}").format(
                path=path, reason=reason, value=restore_hint()
            ),
            str(path),
            f"{path.name}: {reason}",
        ) from None
    if version > schema.SCHEMA_VERSION:
        raise StoreVersionError(
            _(
                "the store {path} was written by a newer ssi-tui (schema {version}; this version knows up to {SCHEMA_VERSION}). It has not been changed: upgrade ssi-tui to open it."
            ).format(path=path, version=version, SCHEMA_VERSION=schema.SCHEMA_VERSION)
        )
    migrated_from = None
    if version < schema.SCHEMA_VERSION:
        migrated_from = version
        data = schema.migrate(data, version)
    try:
        schema.check_documents(data)
        check_models(data)
    except schema.StructureError as error:
        raise StoreCorruptError(
            _("the store {path} is damaged: {error}. It has not been changed; {value}").format(
                path=path, error=error, value=restore_hint()
            ),
            str(path),
            f"{path.name}: {error}",
        ) from None
    return StoreFile(data, migrated_from)


def segments_on_disk(path: Path) -> list[str]:
    """The history segments the store.json on disk lists (none if it cannot be read; names
    that are not segment names left out)."""
    try:
        data = orjson.loads(path.read_bytes())
        names = list(data["meta"]["1"].get("segments", []))
    except (OSError, orjson.JSONDecodeError, KeyError, TypeError, AttributeError):
        return []
    return [name for name in names if isinstance(name, str) and SEGMENT_NAME.match(name)]
