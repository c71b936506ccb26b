"""Fail closed: an exception at any stage of evaluation yields `error`, never clear."""

from __future__ import annotations

import pytest

import compliance.evaluate as evaluate_module
from compliance.backend import Epoch
from compliance.model import Outcome
from tests.core.helpers import engine, rule, txn


@pytest.mark.parametrize("stage", ["screening", "facts", "backend", "explain"])
@pytest.mark.parametrize("when", ["item.tpp >= 4800", "party.country == 'JP'"])
def test_fault_at_any_stage_is_an_error_decision(stage: str, when: str) -> None:
    eng = engine(rule("R", when))

    def fault(at: str) -> None:
        if at == stage:
            raise RuntimeError(f"injected at {at}")

    eng.fault = fault
    decision = eng.evaluate(txn())
    assert decision.outcome is Outcome.ERROR
    assert decision.errors == (f"RuntimeError: injected at {stage}",)
    assert decision.findings == ()


def test_compiler_failure_is_an_error_decision(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(name: str, epoch: Epoch) -> object:
        raise ValueError("compiler exploded")

    monkeypatch.setattr(evaluate_module, "make_backend", broken)
    decision = engine(rule("R", "party.country == 'JP'")).evaluate(txn())
    assert decision.outcome is Outcome.ERROR


def test_backend_disagreement_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    # If durable fires a rule the reference evaluator says is not true, the decision must not be trusted.
    from compliance.backend import Firing

    eng = engine(rule("R", "party.country == 'JP'"), cache=False)
    eng.evaluate(txn())
    backend = next(iter(eng._backends.values()))
    monkeypatch.setattr(backend, "run", lambda facts: frozenset({Firing("R", None, 0)}))
    decision = eng.evaluate(txn())
    assert decision.outcome is Outcome.ERROR
    assert "backend disagreement: rule R fired" in decision.errors[0]
