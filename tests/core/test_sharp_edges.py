"""One test per durable-rules sharp edge, each showing the engine's guard works."""

from __future__ import annotations

import re
import threading
from decimal import Decimal

import pytest

from compliance.errors import RulesetError
from compliance.model import Outcome
from tests.core.helpers import engine, rule, txn


@pytest.mark.parametrize("backend", ["durable", "reference"])
def test_every_matching_rule_fires_not_only_the_first(backend: str) -> None:
    rules = [rule(f"R{n}", "item.tpp >= 4800") for n in range(3)]
    decision = engine(*rules, backend=backend).evaluate(txn())
    assert sorted(f.rule_id for f in decision.findings) == ["R0", "R1", "R2"]


def test_more_than_1024_evaluations_keep_sessions_bounded() -> None:
    eng = engine(rule("R", "item.tpp >= 4800"), rule("S", "party.country == 'ZZ'".replace("ZZ", "JP")))
    for number in range(3000):
        assert eng.evaluate(txn(transaction_id=f"T-{number}")).outcome is Outcome.LICENSE_REQUIRED
    backend = eng._backends[eng.ruleset.epoch_index(txn()["date"])]
    assert backend.live_sessions() == 0  # type: ignore[attr-defined]


def test_sessions_where_nothing_matches_are_cleaned_without_crashing() -> None:
    # A session in which no action ran segfaults on delete_state in durable 2.0.28.
    eng = engine(rule("R", "party.country == 'JP'"))
    for number in range(2000):
        assert eng.evaluate(txn(transaction_id=f"T-{number}")).outcome is Outcome.CLEAR


def test_action_exception_fails_closed(monkeypatch: pytest.MonkeyPatch) -> None:
    import compliance.compile as compile_module

    def boom(self: object, c: object, rule_id: str, session: object) -> None:
        raise RuntimeError("injected")

    monkeypatch.setattr(compile_module.DurableBackend, "_fire", boom)
    decision = engine(rule("R", "item.tpp >= 4800")).evaluate(txn())
    assert decision.outcome is Outcome.ERROR
    assert "injected" in decision.errors[0]


@pytest.mark.parametrize(
    "when",
    [
        "item.interconnect_bandwidth_gbps < 600",
        "item.interconnect_bandwidth_gbps != 600",
        "item.interconnect_bandwidth_gbps >= 0",
        "not (item.interconnect_bandwidth_gbps >= 600)",
    ],
)
@pytest.mark.parametrize("backend", ["durable", "reference"])
def test_missing_field_never_matches(when: str, backend: str) -> None:
    assert engine(rule("R", when), backend=backend).evaluate(txn()).outcome is Outcome.CLEAR


@pytest.mark.parametrize("backend", ["durable", "reference"])
def test_missing_field_can_be_flagged_explicitly(backend: str) -> None:
    # A rule whose only test is "is None" ($nex) loops forever in raw durable; ours has a fact discriminator.
    decision = engine(rule("R", "item.interconnect_bandwidth_gbps is None"), backend=backend).evaluate(txn())
    assert [f.rule_id for f in decision.findings] == ["R"]


def test_mixed_types_are_rejected_at_load_time() -> None:
    with pytest.raises(RulesetError, match=re.escape("'item.tpp' is a number and cannot be compared with '100'")):
        engine(rule("R", "item.tpp > '100'"))


@pytest.mark.parametrize("backend", ["durable", "reference"])
def test_tiny_and_huge_numbers_compare_exactly(backend: str) -> None:
    # json.dumps writes 1e-05, which durable's parser rejects; facts are integer millionths instead.
    items = [{"description": "tiny", "category": "integrated_circuit", "stated_tpp": Decimal("0.00001")}]
    eng = engine(rule("R", "item.tpp > 0.000009"), rule("S", "item.tpp >= 0.000011"), backend=backend)
    decision = eng.evaluate(txn(items=items))
    assert [f.rule_id for f in decision.findings] == ["R"]


@pytest.mark.parametrize("backend", ["durable", "reference"])
def test_membership_compiles_without_in(backend: str) -> None:
    codes = ", ".join(f"'{c}'" for c in ("US", "DE", "FR", "JP", "KR", "CN"))
    decision = engine(rule("R", f"party.country in ({codes})"), backend=backend).evaluate(txn())
    assert decision.outcome is Outcome.LICENSE_REQUIRED


def test_reserved_names_are_rejected() -> None:
    with pytest.raises(RulesetError, match="the names id and sid are reserved"):
        engine(rule("R", "item.id == 'x'"))


def test_no_regex_in_the_language() -> None:
    with pytest.raises(RulesetError, match=re.escape("'matches(...)' is not a function of the condition language")):
        engine(rule("R", "matches(item.eccn, '3A090.*')"))


def test_no_background_threads() -> None:
    before = threading.active_count()
    for _ in range(5):
        engine(rule("R", "item.tpp >= 4800")).evaluate(txn())
    assert threading.active_count() == before


@pytest.mark.parametrize("backend", ["durable", "reference"])
def test_identical_items_and_duplicate_derivations(backend: str) -> None:
    derive = {"kind": "derive", "derive": "big", "severity": None}
    rules = [
        rule("D1", "item.tpp >= 4800", **derive),
        rule("D2", "item.tpp >= 1600", **derive),
        rule("F", "holds('big') and txn.destination_country == 'CN'"),
    ]
    decision = engine(*rules, backend=backend).evaluate(txn(items=[txn()["items"][0]] * 2))
    assert [(f.rule_id, f.item) for f in decision.findings] == [("F", 0), ("F", 1)]
    assert sorted((d.rule_id, d.item) for d in decision.derived) == [("D1", 0), ("D1", 1), ("D2", 0), ("D2", 1)]
