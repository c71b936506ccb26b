"""Round trips: transaction and decision <-> JSON; ruleset documents and bundled rule files <-> TOML."""

from __future__ import annotations

import datetime as dt
import tempfile
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st
from property_support import RULES, SCREENER, bundled, bundled_ruleset

from compliance.evaluate import Engine
from compliance.model import Decision, Transaction
from compliance.ruleset import load, load_documents, ruleset_files
from compliance.testing import (
    decision_key,
    dump_toml,
    ruleset_dates,
    ruleset_documents,
    toml_data,
    transaction_models,
    transactions,
)

DAYS = ruleset_dates(bundled_ruleset())


@settings(max_examples=150)
@given(txn=transaction_models())
def test_transaction_json_round_trip(txn: Transaction) -> None:
    assert Transaction.model_validate_json(txn.model_dump_json()) == txn


@settings(max_examples=100)
@given(txn=transactions(day=DAYS))
def test_decision_json_round_trip(txn: dict[str, Any]) -> None:
    decision = bundled().evaluate(txn)
    assert Decision.model_validate_json(decision.model_dump_json()) == decision


@settings(max_examples=60)
@given(documents=ruleset_documents(), txns=st.lists(transactions(), min_size=1, max_size=2))
def test_generated_ruleset_toml_round_trip(
    documents: list[tuple[str, dict[str, Any]]], txns: list[dict[str, Any]]
) -> None:
    ((name, document),) = documents
    text = dump_toml(document)
    reread = tomllib.loads(text, parse_float=Decimal)
    assert reread == toml_data(document)
    original, again = load_documents(documents), load_documents([(name, reread)])
    assert again.digest == original.digest
    for txn in txns:
        before = Engine(original, screener=SCREENER).evaluate(txn)
        assert decision_key(Engine(again, screener=SCREENER).evaluate(txn)) == decision_key(before)


FILES = ruleset_files([RULES])


@settings(max_examples=10)
@given(dumped=st.lists(st.sampled_from(FILES), min_size=1, unique=True))
def test_bundled_rule_files_toml_round_trip(dumped: list[Path]) -> None:
    # Some files read, dumped and written back, the rest copied: the same data and the same ruleset digest.
    with tempfile.TemporaryDirectory() as scratch:
        for path in FILES:
            text = path.read_text(encoding="utf-8")
            if path in dumped:
                data = tomllib.loads(text)
                text = dump_toml(data)
                assert tomllib.loads(text) == data
            target = Path(scratch) / path.relative_to(RULES)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        assert load([scratch]).digest == bundled_ruleset().digest


HASHABLE = {
    "transaction_id": "T-1",
    "date": dt.date(2024, 3, 1),
    "kind": "export",
    "export_country": "US",
    "destination_country": "CN",
    "parties": [{"name": "Example Cloud Co.", "role": "end_user", "country": "CN"}],
    "items": [{"description": "Accelerator", "category": "integrated_circuit", "dense_tops": {8: 600}}],
}


@example(txn=HASHABLE)
@settings(max_examples=30)
@given(txn=transactions(day=DAYS))
def test_frozen_decisions_are_hashable(txn: dict[str, Any]) -> None:
    decision = bundled().evaluate(txn)
    assert hash(decision) == hash(Decision.model_validate_json(decision.model_dump_json()))
