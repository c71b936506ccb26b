"""A long-lived engine against a simple model.

The machine loads random and bundled rulesets (with or without a scenario), replaces the current one,
evaluates transactions on engines old and new, and evaluates the same transaction again. The model is the
simplest evaluator there is: a fresh reference-backend engine over the same ruleset, with no caches and no
durable-rules. Invariants: every decision equals the model's; a repeated evaluation equals the first; no
durable session stays open; loading a new ruleset never changes what an older engine decides.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, consumes, invariant, precondition, rule
from property_support import SCENARIOS, SCREENER, bundled_ruleset, live_sessions

from compliance.evaluate import Engine
from compliance.ruleset import Ruleset, load_documents
from compliance.testing import boundary_dates, dates, decision_key, ruleset_documents, transactions

DAYS = st.one_of(boundary_dates(bundled_ruleset().boundaries), dates())


class LongLivedEngine(RuleBasedStateMachine):
    """Engines under test, each beside its model, and every decision seen so far."""

    engines = Bundle("engines")

    def __init__(self) -> None:
        super().__init__()
        self.models: dict[int, Engine] = {}
        self.live: list[Engine] = []
        self.retired: list[Engine] = []
        self.current: Engine | None = None
        self.seen: dict[tuple[int, str, dt.date | None], Any] = {}

    def _adopt(self, ruleset: Ruleset, bundled: bool) -> Engine:
        screener = None if bundled else SCREENER
        engine = Engine(ruleset, screener=screener, backend="durable")
        self.models[id(engine)] = Engine(ruleset, screener=screener, backend="reference")
        self.live.append(engine)
        self.current = engine
        return engine

    @rule(target=engines, documents=ruleset_documents(max_rules=4))
    def load_random(self, documents: list[tuple[str, dict[str, Any]]]) -> Engine:
        return self._adopt(load_documents(documents), bundled=False)

    @rule(target=engines, scenario=st.one_of(st.none(), st.sampled_from(SCENARIOS)) if SCENARIOS else st.none())
    def load_bundled(self, scenario: Path | None) -> Engine:
        return self._adopt(bundled_ruleset(scenario), bundled=True)

    @rule(target=engines, old=consumes(engines), documents=ruleset_documents(max_rules=4))
    def replace(self, old: Engine, documents: list[tuple[str, dict[str, Any]]]) -> Engine:
        # The old engine leaves the bundle; it is kept (not evaluated) so its id is never reused by a new one.
        self.live.remove(old)
        self.retired.append(old)
        return self._adopt(load_documents(documents), bundled=False)

    @precondition(lambda self: self.current is not None)
    @rule(txn=transactions(), as_of=st.one_of(st.none(), DAYS))
    def evaluate_current(self, txn: dict[str, Any], as_of: dt.date | None) -> None:
        assert self.current is not None
        self._check(self.current, txn, as_of)

    @rule(engine=engines, txn=transactions(), as_of=st.one_of(st.none(), DAYS))
    def evaluate(self, engine: Engine, txn: dict[str, Any], as_of: dt.date | None) -> None:
        self._check(engine, txn, as_of)

    @precondition(lambda self: bool(self.seen))
    @rule(data=st.data())
    def evaluate_again(self, data: Any) -> None:
        key = data.draw(st.sampled_from(sorted(self.seen, key=str)))
        engine = next((e for e in self.live if id(e) == key[0]), None)
        if engine is None:
            return
        txn = json.loads(key[1])
        assert decision_key(engine.evaluate(txn, key[2])) == self.seen[key]

    def _check(self, engine: Engine, txn: dict[str, Any], as_of: dt.date | None) -> None:
        decision = decision_key(engine.evaluate(txn, as_of))
        assert decision == decision_key(self.models[id(engine)].evaluate(txn, as_of))
        text = json.dumps(txn, default=str, sort_keys=True)
        key = (id(engine), text, as_of)
        if key in self.seen:
            assert decision == self.seen[key]
        # Keyed by the JSON form, which validates back to the same transaction (dates and decimals as strings).
        self.seen[key] = decision

    @invariant()
    def no_live_sessions(self) -> None:
        assert all(live_sessions(engine) == 0 for engine in self.live)


LongLivedEngine.TestCase.settings = settings(max_examples=25, stateful_step_count=12)
TestLongLivedEngine = LongLivedEngine.TestCase
