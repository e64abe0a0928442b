"""Schema versions of the store file, structural checks, and migrations from older versions.

Version history:
  1  plain TinyDB layout (no meta table): activities keyed by TinyDB id, `off_linkedin` flag.
  2  meta table (version, history segments), string ids, `channel`, tombstones.
  3  checksums: store.json and every segment sealed (store/integrity.py), and store.json's meta
     lists each segment's checksum (`checksums`). A v2 store is backed up, then its segments
     are sealed, by the first writer that opens it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from ssi_tui.store import registry
from ssi_tui.store.integrity import SEGMENT_NAME
from ssi_tui.wording import _

SCHEMA_VERSION = 3
TABLES = tuple(spec.name for spec in registry.TABLES)  # every table of store.json
V1_TABLES = {"activities", "contacts", "goals", "readings", "checklist", "settings"}


class StructureError(ValueError):
    """The data does not have the shape of a store."""


SINGLETONS = tuple(spec.name for spec in registry.TABLES if spec.kind == "singleton")


def _is_table(value: Any) -> bool:
    return isinstance(value, dict) and all(
        isinstance(key, str) and key.isdigit() and isinstance(doc, dict)
        for key, doc in value.items()
    )


def _is_iso_date(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def detect_version(data: Any) -> int:
    """The schema version of loaded store data, or `StructureError` if it is not a store."""
    if not isinstance(data, dict) or not data:
        raise StructureError(_("the file is empty or not a JSON object"))
    for name, table in data.items():
        if not _is_table(table):
            raise StructureError(_("table {name!r} is not a table of documents").format(name=name))
    meta = data.get("meta")
    if meta is None:
        if set(data) <= V1_TABLES:
            return 1
        raise StructureError(_("the meta table is missing"))
    document = meta.get("1")
    if not isinstance(document, dict) or type(document.get("schema_version")) is not int:
        raise StructureError(_("the meta table has no whole-number schema_version"))
    version = document["schema_version"]
    if version < 1:
        raise StructureError(_("schema_version {version} is not valid").format(version=version))
    return version


def check_activities(docs: Iterable[tuple[object, dict[str, Any]]]) -> None:
    """Reject activity documents (label, document) that lack what every reader needs."""
    for doc_id, doc in docs:
        if (
            not isinstance(doc.get("id"), str)
            or not isinstance(doc.get("kind"), str)
            or not _is_iso_date(doc.get("date"))
        ):
            raise StructureError(
                _("activity {doc_id} lacks an id, a kind or a YYYY-MM-DD date").format(
                    doc_id=doc_id
                )
            )


def check_contacts(docs: Iterable[tuple[object, dict[str, Any]]]) -> None:
    """Reject contact documents (label, document) that lack an id or a name."""
    for doc_id, doc in docs:
        if not isinstance(doc.get("id"), str) or not isinstance(doc.get("name"), str):
            raise StructureError(_("contact {doc_id} lacks id or name").format(doc_id=doc_id))


def check_documents(data: dict[str, Any]) -> None:
    """Reject documents that cannot be read back (cheap checks of the fields every reader needs)."""
    check_activities(data.get("activities", {}).items())
    check_contacts(data.get("contacts", {}).items())
    for doc_id, doc in data.get("readings", {}).items():
        if not isinstance(doc.get("id"), str) or not _is_iso_date(doc.get("date")):
            raise StructureError(
                _("reading {doc_id} lacks an id or a YYYY-MM-DD date").format(doc_id=doc_id)
            )
    for name in SINGLETONS:
        for doc_id, doc in data.get(name, {}).items():
            if doc_id != "1" or not isinstance(doc.get("value"), dict):
                raise StructureError(
                    _("table {name!r} should hold one document with a 'value' object").format(
                        name=name
                    )
                )
    tombstones = data.get("tombstones", {}).get("1", {}).get("value", {})
    for key in ("activities", "contacts", "imports"):
        ids = tombstones.get(key, [])
        if not isinstance(ids, list) or not all(isinstance(item, str) for item in ids):
            raise StructureError(_("tombstones.{key} is not a list of ids").format(key=key))
    meta = data.get("meta", {}).get("1", {})
    segments = meta.get("segments", [])
    if not isinstance(segments, list):
        raise StructureError(_("meta.segments is not a list of names"))
    for name in segments:
        if not isinstance(name, str) or not SEGMENT_NAME.match(name):
            raise StructureError(
                _("meta.segments lists {name!r}, which is not a history segment").format(name=name)
            )
    checksums = meta.get("checksums", {})
    if not isinstance(checksums, dict) or not all(
        isinstance(value, str) for value in checksums.values()
    ):
        raise StructureError(_("meta.checksums is not a table of checksums"))


def empty_store(created: str) -> dict[str, Any]:
    """The data of a new, empty store."""
    data: dict[str, Any] = {name: {} for name in TABLES}
    data["meta"] = {
        "1": {"schema_version": SCHEMA_VERSION, "segments": [], "checksums": {}, "created": created}
    }
    return data


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    migrated: dict[str, Any] = {name: {} for name in TABLES}
    for name in ("goals", "checklist", "settings"):
        document = data.get(name, {}).get("1")
        if document is not None:
            migrated[name] = {"1": {"value": document}}
    for doc_id, doc in data.get("readings", {}).items():
        migrated["readings"][doc_id] = {"id": f"v1-reading-{doc_id}", **doc}
    for doc_id, doc in data.get("activities", {}).items():
        doc = dict(doc)
        off = bool(doc.pop("off_linkedin", False))
        doc.setdefault("id", f"v1-{doc_id}")
        doc.setdefault("channel", "off" if off else "linkedin")
        migrated["activities"][doc_id] = doc
    for doc_id, doc in data.get("contacts", {}).items():
        migrated["contacts"][doc_id] = {"id": f"v1-contact-{doc_id}", **doc}
    migrated["meta"] = {"1": {"schema_version": 2, "segments": [], "created": "migrated-from-v1"}}
    return migrated


def _v2_to_v3(data: dict[str, Any]) -> dict[str, Any]:
    """Checksums: the segments' are filled in by the writer that seals them (`Store`)."""
    meta = dict(data["meta"]["1"])
    meta["schema_version"] = 3
    meta.setdefault("checksums", {})
    return {**data, "meta": {"1": meta}}


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2, 2: _v2_to_v3}


def migrate(data: dict[str, Any], version: int) -> dict[str, Any]:
    """Bring data from `version` up to `SCHEMA_VERSION`, one step at a time."""
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
    for name in TABLES:
        data.setdefault(name, {})
    return data
