"""Screeners shared by the screening tests (built once per session; they are immutable)."""

from __future__ import annotations

from pathlib import Path

import pytest

from compliance.screening import Screener, load_bundled, load_path

FIXTURES = Path(__file__).parent / "fixtures"
CSL_CSV = FIXTURES / "csl-fixture-2026-11-20.csv"
CSL_JSON = FIXTURES / "csl-fixture.json"
LABELLED = Path(__file__).parent / "labelled.toml"


@pytest.fixture(scope="session")
def bundled() -> Screener:
    """The bundled lists."""
    return Screener.bundled()


@pytest.fixture(scope="session")
def combined() -> Screener:
    """The bundled lists plus the CSL CSV fixture: what the labelled cases are screened against."""
    entries, _ = load_bundled()
    fixture, _ = load_path(CSL_CSV)
    return Screener([*entries, *fixture])
