"""Fail closed: an exception injected at any stage of evaluation yields an error decision, never clear, and
leaves the engine fit to evaluate the next transaction."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from property_support import bundled, bundled_ruleset, live_sessions

from compliance.evaluate import Engine
from compliance.model import Outcome
from compliance.testing import decision_key, ruleset_dates, transactions

STAGES = ("screening", "facts", "backend", "explain")
FAULTS = st.sampled_from((RuntimeError, ValueError, KeyError, ZeroDivisionError, MemoryError, RecursionError))
DAYS = ruleset_dates(bundled_ruleset())


@settings(max_examples=100)
@given(
    txn=transactions(day=DAYS),
    stage=st.sampled_from(STAGES),
    fault=FAULTS,
    backend=st.sampled_from(("durable", "reference")),
)
def test_a_fault_at_any_stage_is_an_error_never_clear(
    txn: dict[str, Any], stage: str, fault: type[Exception], backend: str
) -> None:
    engine = bundled(backend)
    expected = engine.evaluate(txn)

    def inject(at: str) -> None:
        if at == stage:
            raise fault(f"injected at {at}")

    engine.fault = inject
    try:
        decision = engine.evaluate(txn)
    finally:
        engine.fault = None
    assert decision.outcome is Outcome.ERROR
    assert decision.findings == () and decision.authorized == ()
    assert len(decision.errors) == 1 and fault.__name__ in decision.errors[0]
    # The engine is not poisoned: no session left open, and the next evaluation is the fault-free one.
    assert live_sessions(engine) == 0
    assert decision_key(engine.evaluate(txn)) == decision_key(expected)
    assert decision_key(Engine(bundled_ruleset(), backend=backend).evaluate(txn)) == decision_key(expected)  # type: ignore[arg-type]
