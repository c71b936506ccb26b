"""Interfaces agree: `compliance check --format json` gives the library's decision for the same transaction,
with and without --as-of and scenarios."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from property_support import RULES, SCENARIOS, bundled_ruleset

from compliance.evaluate import Engine
from compliance.model import Decision, Transaction
from compliance.ruleset import load
from compliance.testing import decision_key, ruleset_dates, transactions

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("compliance.cli") is None, reason="compliance.cli is not written yet"
)
DAYS = ruleset_dates(bundled_ruleset())
_ENGINES: dict[Path | None, Engine] = {}


def library(scenario: Path | None) -> Engine:
    if scenario not in _ENGINES:
        _ENGINES[scenario] = Engine(load([RULES], [scenario] if scenario else []))
    return _ENGINES[scenario]


@settings(max_examples=25)
@given(
    txns=st.lists(transactions(day=DAYS), min_size=1, max_size=3),
    as_of=st.one_of(st.none(), DAYS),
    scenario=st.one_of(st.none(), st.sampled_from(SCENARIOS)) if SCENARIOS else st.none(),
)
def test_cli_json_equals_the_library(txns: list[dict[str, Any]], as_of: dt.date | None, scenario: Path | None) -> None:
    from click.testing import CliRunner

    from compliance.cli import cli

    models = [Transaction.model_validate({**t, "transaction_id": f"T-{n}"}) for n, t in enumerate(txns)]
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "batch.json"
        path.write_text("[" + ",".join(m.model_dump_json() for m in models) + "]", encoding="utf-8")
        args = ["check", str(path), "--rules", str(RULES), "--format", "json", "--fail-on", "never"]
        args += ["--as-of", as_of.isoformat()] if as_of else []
        args += ["--scenario", str(scenario)] if scenario else []
        result = CliRunner().invoke(cli, args)
    assert result.exit_code in (0, 2), result.output
    report: dict[str, Any] = json.loads(result.stdout)
    assert report["errors"] == []
    cli_decisions = [
        Decision.model_validate({k: v for k, v in d.items() if k != "source"}) for d in report["decisions"]
    ]
    expected = [library(scenario).evaluate(m, as_of) for m in models]
    assert [decision_key(d) for d in cli_decisions] == [decision_key(d) for d in expected]
