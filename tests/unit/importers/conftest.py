"""Fixtures for the importer tests: a store and a workspace in tmp_path, export builders."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ssi_tui.services.workspace import Workspace
from ssi_tui.store import Store

from ...conftest import TODAY
from .builders import ExportBuilder, standard_export


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """Where the test store lives."""
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    """A fresh store, closed after the test."""
    with Store.open(data_dir) as opened:
        yield opened


@pytest.fixture
def workspace(store: Store) -> Workspace:
    """A workspace over the fresh store, on the suite's fixed date."""
    return Workspace(store, TODAY)


@pytest.fixture
def export() -> ExportBuilder:
    """The standard synthetic export (one of every file, every quirk)."""
    return standard_export()


@pytest.fixture
def export_zip(export: ExportBuilder, tmp_path: Path) -> Path:
    """The standard export as a ZIP wrapped in a dated top folder, like LinkedIn's."""
    return export.zip(
        tmp_path / "Complete_LinkedInDataExport_11-26-2026.zip",
        top="Complete_LinkedInDataExport_11-26-2026",
    )
