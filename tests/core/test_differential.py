"""durable-rules and the reference evaluator agree on random rulesets x random transactions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.backend import Epoch, ReferenceBackend
from compliance.compile import DurableBackend
from compliance.declared import DeclaredScreener
from compliance.facts import build
from compliance.model import Transaction
from compliance.ruleset import load_documents
from compliance.testing import boundary_dates, ruleset_documents, transactions

SCREENER = DeclaredScreener()


def _firings(documents: list[tuple[str, dict[str, Any]]], txns: list[dict[str, Any]], day: dt.date) -> list[Any]:
    ruleset = load_documents(documents)
    state = ruleset.state_at(day)
    epoch = Epoch(state.rules, state.params, state.groups, ruleset.derived_scopes)
    durable, reference = DurableBackend(epoch), ReferenceBackend(epoch)
    out = []
    for raw in txns:
        txn = Transaction.model_validate(raw)
        facts = build(txn, [SCREENER.screen_party(p, day) for p in txn.parties])
        out.append((durable.run(facts), reference.run(facts)))
    assert durable.live_sessions() == 0
    return out


@settings(max_examples=250)
@given(
    documents=ruleset_documents(),
    txns=st.lists(transactions(), min_size=1, max_size=4),
    day=boundary_dates([dt.date(2023, 1, 17), dt.date(2023, 11, 17), dt.date(2025, 5, 23), dt.date(2026, 1, 15)]),
)
def test_durable_agrees_with_reference(
    documents: list[tuple[str, dict[str, Any]]], txns: list[dict[str, Any]], day: dt.date
) -> None:
    # 250 rulesets x up to 4 transactions: over 1,000 transaction evaluations compared per run.
    for durable, reference in _firings(documents, txns, day):
        assert durable == reference
