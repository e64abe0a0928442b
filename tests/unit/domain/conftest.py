"""Shared fixtures of the domain unit tests: the shipped catalog and rules."""

from __future__ import annotations

import pytest

from ssi_tui.domain.catalog import Catalog, Rules, default_catalog, default_rules


@pytest.fixture
def catalog() -> Catalog:
    """The shipped activity catalog (data/catalog.toml)."""
    return default_catalog()


@pytest.fixture
def rules() -> Rules:
    """The shipped scoring rules (data/rules.toml)."""
    return default_rules()
