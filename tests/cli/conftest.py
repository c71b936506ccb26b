"""CLI test setup: run from tests/cli (so paths in goldens are short and stable), screen declared listings
only (so goldens do not depend on the bundled screening lists), and compare with golden files."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from compliance.cli import cli
from compliance.declared import DeclaredScreener

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"
RULES = ("-r", "fixtures/rules")


@pytest.fixture(autouse=True)
def _stable(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.chdir(HERE)
    monkeypatch.setattr("compliance.evaluate.default_screener", DeclaredScreener)
    monkeypatch.delenv("COMPLIANCE_RULES", raising=False)
    yield


def run(*args: str, input: str | bytes | None = None) -> Result:
    """Invoke the CLI in-process; stdout and stderr stay separate (click 8.2+)."""
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def golden(name: str, text: str) -> None:
    """Compare *text* with tests/cli/golden/<name>; UPDATE_GOLDEN=1 rewrites it."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"missing golden {path}; run with UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), f"output differs from {path}; UPDATE_GOLDEN=1 to accept"
