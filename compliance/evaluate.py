"""Evaluate transactions as of a date: screening, facts, the backend, findings, the decision.

Fail closed: anything that goes wrong while evaluating a valid transaction yields a decision whose outcome
is ``error`` and whose ``errors`` say what failed; it is never reported as clear.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from compliance import conditions as cond
from compliance.backend import Backend, Epoch, Firing, ReferenceBackend, bindings
from compliance.cache import CachedScreener, DecisionCache, fields_read
from compliance.declared import DeclaredScreener, PartyScreener
from compliance.errors import InputError, Problem
from compliance.explain import Explainer, authorization_for, render
from compliance.facts import Facts, build
from compliance.fields import SCREENING_FACTS
from compliance.model import Decision, Finding, NearMiss, Outcome, PartyScreening, Transaction
from compliance.ruleset import Ruleset, load

BackendName = Literal["durable", "reference"]
NOT_SCREENED = PartyScreening()
Stage = Literal["screening", "facts", "backend", "explain"]


class Engine:
    """A loaded ruleset ready to evaluate transactions. Build one per ruleset; reuse it.

    With ``cache=True`` (the default) party screenings are cached per list epoch and decisions per the facts
    their rules read (:mod:`compliance.cache`); ``cache=False`` recomputes everything.
    """

    def __init__(
        self,
        ruleset: Ruleset,
        *,
        screener: PartyScreener | None = None,
        backend: BackendName = "durable",
        cache: bool = True,
    ) -> None:
        self.ruleset = ruleset
        inner = screener or default_screener()
        self.screener: PartyScreener = CachedScreener(inner) if cache else inner
        self.decisions = DecisionCache() if cache else None
        self.backend_name = backend
        self._backends: dict[int, Backend] = {}
        self._epochs: dict[int, Epoch] = {}
        self._screening_needed: dict[int, bool] = {}
        self._reads: dict[int, dict[str, frozenset[str]]] = {}
        self.fault: Callable[[Stage], None] | None = None  # test hook: raise inside a stage (bypasses the cache)

    # --- public API ----------------------------------------------------------------------------------

    def evaluate(
        self,
        transaction: Transaction | Mapping[str, Any],
        as_of: dt.date | None = None,
        *,
        batch: Mapping[str, Any] | None = None,
    ) -> Decision:
        """Evaluate one transaction as of *as_of* (default: its own date). Invalid input raises InputError.

        *batch* gives the ``batch.*`` facts computed over the other transactions of a batch
        (:func:`compliance.batch.batch_facts`); without it rules on them cannot fire."""
        txn = parse_transaction(transaction)
        day = as_of or txn.date
        try:
            return self._decide(txn, day, batch)
        except Exception as exc:
            return self._error(txn, day, f"{type(exc).__name__}: {exc}")

    def evaluate_many(
        self, transactions: Iterable[Transaction | Mapping[str, Any]], as_of: dt.date | None = None
    ) -> Iterator[Decision]:
        """Evaluate lazily, one decision per transaction, in order."""
        for transaction in transactions:
            yield self.evaluate(transaction, as_of)

    def near_misses(self, transaction: Transaction | Mapping[str, Any], as_of: dt.date | None = None) -> list[NearMiss]:
        """Finding rules in force that did not fire, each with the comparisons that stopped it."""
        txn = parse_transaction(transaction)
        day = as_of or txn.date
        epoch = self.epoch(day)
        facts = self._facts(txn, day)
        firings = self._backend(day).run(facts)
        fired = {f.rule_id for f in firings}
        explainer = self._explainer(epoch, facts, firings)
        misses = (_closest_miss(r, facts, explainer) for r in epoch.rules if not r.spec.derive and r.id not in fired)
        return [miss for miss in misses if miss is not None]

    def epoch(self, day: dt.date) -> Epoch:
        """The rules, parameters and groups in force on *day* (cached per epoch)."""
        index = self.ruleset.epoch_index(day)
        if index not in self._epochs:
            state = self.ruleset.state_at(day)
            self._epochs[index] = Epoch(state.rules, state.params, state.groups, self.ruleset.derived_scopes)
            self._reads[index] = fields_read(state.rules)
            if self.decisions is not None:
                self.decisions.register(index, state.rules)
        return self._epochs[index]

    # --- internals -----------------------------------------------------------------------------------

    def _backend(self, day: dt.date) -> Backend:
        index = self.ruleset.epoch_index(day)
        if index not in self._backends:
            self._backends[index] = make_backend(self.backend_name, self.epoch(day))
        return self._backends[index]

    def _stage(self, stage: Stage) -> None:
        if self.fault is not None:
            self.fault(stage)

    def _facts(self, txn: Transaction, day: dt.date, batch: Mapping[str, Any] | None = None) -> Facts:
        self._stage("screening")
        if self._screens(day):
            screenings = [self.screener.screen_party(p, day) for p in txn.parties]
        else:
            screenings = [NOT_SCREENED] * len(txn.parties)
        self._stage("facts")
        self.epoch(day)
        return build(txn, screenings, self._reads[self.ruleset.epoch_index(day)], batch)

    def _screens(self, day: dt.date) -> bool:
        """Whether any rule in force on *day* reads a fact that screening provides (else it is skipped)."""
        index = self.ruleset.epoch_index(day)
        if index not in self._screening_needed:
            self.epoch(day)
            self._screening_needed[index] = bool(self._reads[index]["party"] & SCREENING_FACTS)
        return self._screening_needed[index]

    def _explainer(self, epoch: Epoch, facts: Facts, firings: frozenset[Firing]) -> Explainer:
        rules = {r.id: r for r in epoch.rules}
        return Explainer(rules, facts, firings, epoch.params, epoch.groups, epoch.derived_scopes)

    def _decide(self, txn: Transaction, day: dt.date, batch: Mapping[str, Any] | None = None) -> Decision:
        epoch = self.epoch(day)
        facts = self._facts(txn, day, batch)
        cache = self.decisions if self.fault is None else None
        key = cache.key(self.ruleset.epoch_index(day), facts, txn, day) if cache else None
        cached = cache.get(key, txn, day) if cache else None
        if cached is not None:
            return self._rerender(cached, epoch, facts)
        decision = self._compute(txn, day, epoch, facts)
        if cache and decision.outcome is not Outcome.ERROR:
            cache.put(key, decision)
        return decision

    def _rerender(self, decision: Decision, epoch: Epoch, facts: Facts) -> Decision:
        """A cached decision with its explanations and remedies rendered from this transaction's facts."""
        rules = {r.id: r for r in epoch.rules}

        def fresh(finding: Finding) -> Finding:
            rule, values = rules[finding.rule_id], facts.values(finding.item, finding.party)
            remedy = render(rule.spec.remedy, rule, values, epoch.params) if rule.spec.remedy else None
            explanation = render(rule.spec.explain, rule, values, epoch.params)
            return Finding.build(**{**finding.__dict__, "explanation": explanation, "remedy": remedy})

        fields = {**decision.__dict__, "findings": tuple(map(fresh, decision.findings))}
        return Decision.build(**{**fields, "authorized": tuple(map(fresh, decision.authorized))})

    def _compute(self, txn: Transaction, day: dt.date, epoch: Epoch, facts: Facts) -> Decision:
        self._stage("backend")
        firings = self._backend(day).run(facts)
        self._stage("explain")
        explainer = self._explainer(epoch, facts, firings)
        findings, authorized = self._findings(explainer, firings, txn, day)
        if explainer.errors:
            return self._error(txn, day, "; ".join(explainer.errors))
        return Decision.build(
            transaction_id=txn.transaction_id,
            as_of=day,
            outcome=outcome_of(findings),
            findings=findings,
            authorized=authorized,
            derived=explainer.all_derived(),
            ruleset_digest=self.ruleset.digest,
            scenarios=self.ruleset.scenarios,
            screening_lists=self.screener.sources if self._screens(day) else (),
        )

    def _findings(
        self, explainer: Explainer, firings: frozenset[Firing], txn: Transaction, day: dt.date
    ) -> tuple[tuple[Finding, ...], tuple[Finding, ...]]:
        open_, resolved = [], []
        for firing in sorted(firings, key=_firing_order):
            if explainer.rules[firing.rule_id].spec.derive:
                continue
            finding = explainer.finding(firing, day)
            auth = authorization_for(finding, txn, day)
            if auth is None:
                open_.append(finding)
            else:
                resolved.append(finding.model_copy(update={"authorized_by": auth}))
        return tuple(sorted(open_, key=_finding_order)), tuple(sorted(resolved, key=_finding_order))

    def _error(self, txn: Transaction, day: dt.date, message: str) -> Decision:
        return Decision(
            transaction_id=txn.transaction_id,
            as_of=day,
            outcome=Outcome.ERROR,
            errors=(message,),
            ruleset_digest=self.ruleset.digest,
            scenarios=self.ruleset.scenarios,
            screening_lists=self.screener.sources,
        )


def make_backend(name: BackendName, epoch: Epoch) -> Backend:
    """The named backend compiled for *epoch*."""
    if name == "reference":
        return ReferenceBackend(epoch)
    from compliance.compile import DurableBackend

    return DurableBackend(epoch)


def default_screener() -> PartyScreener:
    """The bundled lists when the screening package is available, else declared listings only."""
    try:
        from compliance.screening import Screener
    except ImportError:
        return DeclaredScreener()
    screener: PartyScreener = Screener.bundled()
    return screener


def outcome_of(findings: Sequence[Finding]) -> Outcome:
    """The most severe open finding's severity, or clear."""
    if not findings:
        return Outcome.CLEAR
    worst = max(findings, key=lambda f: f.severity.rank)
    return Outcome(worst.severity.value)


def parse_transaction(transaction: Transaction | Mapping[str, Any], source: str | None = None) -> Transaction:
    """Validate a transaction; InputError lists every invalid field with a hint."""
    if isinstance(transaction, Transaction):
        return transaction
    try:
        return Transaction.model_validate(transaction)
    except ValidationError as exc:
        errors = exc.errors()
        located = {tuple(e["loc"][:1]) for e in errors if len(e["loc"]) > 1}
        # pydantic also reports "should have at least 1 item" for a list whose only entry was invalid: drop it
        kept = [e for e in errors if not (e["type"] == "too_short" and tuple(e["loc"]) in located)]
        raise InputError([_input_problem(e, source) for e in kept]) from None


def _input_problem(error: Any, source: str | None) -> Problem:
    location = ".".join(str(part) for part in error["loc"])
    message = error["msg"].removeprefix("Value error, ")
    hints = {
        "extra_forbidden": "Remove it, or check its spelling against `compliance schema transaction`.",
        "missing": "Add it.",
        "date_from_datetime_parsing": "Write dates like 2025-05-23.",
        "date_parsing": "Write dates like 2025-05-23.",
    }
    return Problem(message, file=source, field=location or None, hint=hints.get(error["type"]))


def _firing_order(firing: Firing) -> tuple[str, int, int]:
    return firing.rule_id, _index(firing.item), _index(firing.party)


def _finding_order(finding: Finding) -> tuple[int, str, int, int]:
    return -finding.severity.rank, finding.rule_id, _index(finding.item), _index(finding.party)


def _index(value: int | None) -> int:
    return -1 if value is None else value


def _closest_miss(rule: Any, facts: Facts, explainer: Explainer) -> NearMiss | None:
    best: tuple[int, int | None, int | None, list[Any]] | None = None
    for item, party in bindings(rule, facts):
        truth, evidence = cond.evaluate(rule.condition, explainer.context(item, party))
        blocking = [e for e in evidence if e.result is not True]
        if truth is True or not blocking:
            continue
        if best is None or len(blocking) < best[0]:
            best = (len(blocking), item, party, blocking)
    if best is None:
        return None
    _, item, party, blocking = best
    text = " and ".join(e.text for e in blocking)
    return NearMiss(
        rule_id=rule.id,
        title=rule.spec.title,
        severity=rule.spec.severity,
        item=item,
        party=party,
        blocking=tuple(blocking),
        text=f"would apply if not for: {text}",
    )


def load_rules(
    *paths: str | Path,
    scenarios: Sequence[str | Path] = (),
    screener: PartyScreener | None = None,
    backend: BackendName = "durable",
) -> Engine:
    """Load ruleset files or directories (with optional scenario overlays) into an :class:`Engine`."""
    return Engine(load(list(paths), scenarios), screener=screener, backend=backend)
