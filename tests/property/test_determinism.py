"""Determinism and order independence: equal inputs give equal decisions, whatever the order of rule files,
rules, items or parties (decisions compared modulo item and party renumbering)."""

from __future__ import annotations

import inspect
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from property_support import RULES, SCREENER, bundled, bundled_ruleset

from compliance.evaluate import Engine
from compliance.model import Transaction
from compliance.ruleset import load, load_documents, ruleset_files
from compliance.testing import decision_key, ruleset_dates, ruleset_documents, transactions

FILES = ruleset_files([RULES])
DAYS = ruleset_dates(bundled_ruleset())


@settings(max_examples=60)
@given(txn=transactions(day=DAYS))
def test_same_transaction_same_decision_in_a_fresh_engine(txn: dict[str, Any]) -> None:
    long_lived = bundled()
    first = long_lived.evaluate(txn)
    assert decision_key(long_lived.evaluate(Transaction.model_validate(txn))) == decision_key(first)
    assert decision_key(Engine(bundled_ruleset()).evaluate(txn)) == decision_key(first)


@settings(max_examples=12)
@given(order=st.permutations(FILES), txns=st.lists(transactions(day=DAYS), min_size=1, max_size=4))
def test_rule_file_order_changes_nothing(order: list[Any], txns: list[dict[str, Any]]) -> None:
    shuffled = Engine(load(order))
    assert shuffled.ruleset.digest == bundled().ruleset.digest
    for txn in txns:
        assert decision_key(shuffled.evaluate(txn)) == decision_key(bundled().evaluate(txn))


@settings(max_examples=40)
@given(documents=ruleset_documents(), data=st.data())
def test_rule_order_and_file_split_change_nothing(documents: list[tuple[str, dict[str, Any]]], data: Any) -> None:
    # Rules shuffled and dealt into two files, loaded in either order: same digest, same decisions.
    ((_, document),) = documents
    rules = data.draw(st.permutations(document["rules"]))
    cut = data.draw(st.integers(0, len(rules)))
    first = {**document, "rules": rules[:cut]}
    second = {"ruleset": {**document["ruleset"], "id": "generated-2"}, "rules": rules[cut:]}
    split = [("a.toml", first), ("b.toml", second)]
    if data.draw(st.booleans()):
        split.reverse()
    original = Engine(load_documents(documents), screener=SCREENER)
    shuffled = Engine(load_documents(split), screener=SCREENER)
    for txn in data.draw(st.lists(transactions(), min_size=1, max_size=3)):
        assert decision_key(shuffled.evaluate(txn)) == decision_key(original.evaluate(txn))


@settings(max_examples=100)
@given(txn=transactions(day=DAYS), data=st.data())
def test_item_and_party_order_changes_nothing(txn: dict[str, Any], data: Any) -> None:
    items = data.draw(st.permutations(range(len(txn["items"]))))
    parties = data.draw(st.permutations(range(len(txn["parties"]))))
    shuffled = {**txn, "items": [txn["items"][i] for i in items], "parties": [txn["parties"][i] for i in parties]}
    engine = bundled()
    assert decision_key(engine.evaluate(shuffled), items, parties) == decision_key(engine.evaluate(txn))


@pytest.mark.skipif("cache" not in inspect.signature(Engine).parameters, reason="Engine has no decision cache")
@settings(max_examples=100)
@given(txns=st.lists(transactions(day=DAYS), min_size=1, max_size=5))
def test_cached_decisions_equal_uncached(txns: list[dict[str, Any]]) -> None:
    uncached = Engine(bundled_ruleset(), cache=False)  # type: ignore[call-arg]
    for txn in txns:
        assert decision_key(bundled().evaluate(txn)) == decision_key(uncached.evaluate(txn))
