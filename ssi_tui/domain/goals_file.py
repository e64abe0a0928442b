"""Reading and writing goals files (TOML or JSON, the shape shown in the README)."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ssi_tui.domain.catalog import Catalog, DataFileError, describe_validation_error
from ssi_tui.domain.models import Goals

MAX_GOALS_FILE = 1_000_000


def parse_goals(data: Any, source: str, catalog: Catalog | None = None) -> Goals:
    """Validate goals data; errors name the source and the field."""
    if not isinstance(data, dict):
        raise DataFileError(f"{source}: expected a table/object at the top level")
    try:
        goals = Goals.model_validate(data)
    except ValidationError as error:
        raise DataFileError(f"{source}: {describe_validation_error(error, data)}") from None
    if catalog is not None:
        for index, objective in enumerate(goals.objectives):
            if objective.kind not in catalog:
                raise DataFileError(
                    f"{source}: objective {index + 1}: kind: unknown activity kind {objective.kind!r}"
                )
    return goals


def load_goals_file(path: Path, catalog: Catalog | None = None) -> Goals:
    """Read a goals file, TOML or JSON (chosen by extension, else by content)."""
    try:
        if path.stat().st_size > MAX_GOALS_FILE:
            raise DataFileError(f"{path}: too large for a goals file")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataFileError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise DataFileError(f"{path}: is a directory, not a goals file") from None
    except OSError as error:
        raise DataFileError(f"{path}: cannot read: {error.strerror or error}") from None
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
        raise DataFileError(f"{path}: not valid JSON: {error.msg} (line {error.lineno})") from None
    except tomllib.TOMLDecodeError as error:
        raise DataFileError(f"{path}: not valid TOML: {error}") from None
    except RecursionError:
        raise DataFileError(f"{path}: nested too deeply to be a goals file") from None
    try:
        return parse_goals(data, str(path), catalog)
    except RecursionError:
        raise DataFileError(f"{path}: nested too deeply to be a goals file") from None
