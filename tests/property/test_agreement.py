"""Backend agreement: the durable-rules engine and the reference evaluator give the same decisions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from property_support import SCREENER, bundled, live_sessions

from compliance.evaluate import Engine
from compliance.ruleset import load_documents
from compliance.testing import boundary_dates, decision_key, ruleset_dates, ruleset_documents, transactions

GENERATED_BOUNDARIES = [dt.date(2020, 1, 1), dt.date(2023, 1, 17), dt.date(2023, 11, 17), dt.date(2025, 5, 23),
                        dt.date(2025, 7, 2), dt.date(2026, 1, 15)]  # fmt: skip


@settings(max_examples=60)
@given(
    documents=ruleset_documents(),
    txns=st.lists(transactions(), min_size=1, max_size=3),
    day=boundary_dates(GENERATED_BOUNDARIES),
)
def test_whole_decisions_agree_on_random_rulesets(
    documents: list[tuple[str, dict[str, Any]]], txns: list[dict[str, Any]], day: dt.date
) -> None:
    # Firings are compared in tests/core; here the whole decision: findings, evidence, derived facts, text.
    ruleset = load_documents(documents)
    durable = Engine(ruleset, screener=SCREENER, backend="durable")
    reference = Engine(ruleset, screener=SCREENER, backend="reference")
    for txn in txns:
        assert decision_key(durable.evaluate(txn, day)) == decision_key(reference.evaluate(txn, day))
        assert live_sessions(durable) == 0


@settings(max_examples=100)
@given(txn=transactions(day=ruleset_dates(bundled().ruleset)))
def test_bundled_rules_agree_with_bundled_screening(txn: dict[str, Any]) -> None:
    durable, reference = bundled("durable").evaluate(txn), bundled("reference").evaluate(txn)
    assert decision_key(durable) == decision_key(reference)
    assert live_sessions(bundled("durable")) == 0
