"""Reading and writing goals files (TOML or JSON, the shape shown in the README)."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ssi_tui.domain.catalog import Catalog, DataFileError, describe_validation_error
from ssi_tui.domain.models import Goals
from ssi_tui.wording import _

MAX_GOALS_FILE = 1_000_000


def parse_goals(data: Any, source: str, catalog: Catalog | None = None) -> Goals:
    """Validate goals data; errors name the source and the field."""
    if not isinstance(data, dict):
        raise DataFileError(
            _("{source}: expected a table/object at the top level").format(source=source)
        )
    try:
        goals = Goals.model_validate(data)
    except ValidationError as error:
        raise DataFileError(f"{source}: {describe_validation_error(error, data)}") from None
    if catalog is not None:
        for index, objective in enumerate(goals.objectives):
            if objective.kind not in catalog:
                raise DataFileError(
                    _("{source}: objective {number}: kind: unknown activity kind {kind!r}").format(
                        source=source, number=index + 1, kind=objective.kind
                    )
                )
    return goals


def load_goals_file(path: Path, catalog: Catalog | None = None) -> Goals:
    """Read a goals file, TOML or JSON (chosen by extension, else by content)."""
    try:
        if path.stat().st_size > MAX_GOALS_FILE:
            raise DataFileError(_("{path}: too large for a goals file").format(path=path))
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataFileError(_("{path}: file not found").format(path=path)) from None
    except IsADirectoryError:
        raise DataFileError(
            _("{path}: is a directory, not a goals file").format(path=path)
        ) from None
    except OSError as error:
        raise DataFileError(
            _("{path}: cannot read: {why}").format(path=path, why=error.strerror or error)
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DataFileError(f"{path}: not UTF-8 text") from None
    as_json = path.suffix.lower() == ".json" or (
        path.suffix.lower() != ".toml" and text.lstrip().startswith("{")
    )
    try:
        data = json.loads(text) if as_json else tomllib.loads(text)
    except json.JSONDecodeError as error:
        raise DataFileError(
            _("{path}: not valid JSON: {msg} (line {lineno})").format(
                path=path, msg=error.msg, lineno=error.lineno
            )
        ) from None
    except tomllib.TOMLDecodeError as error:
        raise DataFileError(
            _("{path}: not valid TOML: {error}").format(path=path, error=error)
        ) from None
    except RecursionError:
        raise DataFileError(
            _("{path}: nested too deeply to be a goals file").format(path=path)
        ) from None
    try:
        return parse_goals(data, str(path), catalog)
    except RecursionError:
        raise DataFileError(
            _("{path}: nested too deeply to be a goals file").format(path=path)
        ) from None
