"""Run a batch of input records through the engine: in order, lazily, optionally in worker processes.

This is plumbing for the command line, not business logic: every decision comes from
:meth:`compliance.evaluate.Engine.evaluate`; invalid records become :class:`Failed` results located at their
file, line and field. :class:`Tally` counts what was read and computes the exit code of ``compliance check``.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, Union

import compliance
from compliance.batch import batch_facts, context_for
from compliance.errors import InputError, Problem
from compliance.evaluate import Engine, load_rules, parse_transaction
from compliance.inputs import Record, Where, locate
from compliance.model import Decision, Outcome

FAIL_ON_CHOICES = ("clear", "info", "review", "license_required", "prohibited", "never")
EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
CHUNK = 16


def default_rules() -> Path:
    """The bundled ``rulesets/`` directory next to the package (override with COMPLIANCE_RULES)."""
    return Path(compliance.__file__).resolve().parent.parent / "rulesets"


@dataclass(frozen=True)
class EngineSpec:
    """How to build an engine; picklable, so each worker process builds its own (durable hosts cannot be)."""

    rules: tuple[str, ...]
    scenarios: tuple[str, ...] = ()

    def build(self) -> Engine:
        """Load the rules and scenarios into a new engine."""
        return load_rules(*self.rules, scenarios=self.scenarios)


@dataclass(frozen=True)
class Evaluated:
    """A record that was evaluated (its outcome may still be ``error``: evaluation failed closed)."""

    where: Where
    decision: Decision


@dataclass(frozen=True)
class Failed:
    """A record that could not be read or validated."""

    where: Where
    problems: tuple[Problem, ...]
    transaction_id: str | None = None

    @property
    def message(self) -> str:
        """Every problem, one per line: ``file:line: record N (TXN): field: message. hint``."""
        return "\n".join(self.describe(p) for p in self.problems)

    def describe(self, problem: Problem) -> str:
        """One problem with where it is: ``file:line: record N (TXN): field: message. hint``."""
        where = ":".join(str(x) for x in (problem.file or self.where.file, problem.line) if x is not None)
        record = f"record {self.where.record}" if self.where.record else ""
        if self.transaction_id:
            record += f" ({self.transaction_id})" if record else self.transaction_id
        message = problem.message if problem.message.endswith((".", "?", "!")) else problem.message + "."
        text = ": ".join(p for p in (where, record, problem.field or "", message) if p)
        return text + (f" {problem.hint}" if problem.hint else "")

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view, as in the ``errors`` array of the report."""
        return {
            **self.where.to_dict(),
            "transaction_id": self.transaction_id,
            "problems": [
                {"field": p.field, "line": p.line, "message": p.message, "hint": p.hint} for p in self.problems
            ],
            "message": self.message,
        }


Result = Union[Evaluated, Failed]


def evaluate_record(
    engine: Engine, record: Record, as_of: dt.date | None, batch: Mapping[str, Any] | None = None
) -> Result:
    """Evaluate one record (with its batch facts, if any); an unreadable or invalid record becomes
    :class:`Failed`."""
    if not record.ok:
        return Failed(record.where, record.problems, record.transaction_id)
    assert record.transaction is not None
    try:
        decision = engine.evaluate(record.transaction, as_of, batch=batch)
    except InputError as exc:
        return Failed(record.where, locate(record, without_echoes(exc.problems)), record.transaction_id)
    return Evaluated(record.where, decision)


def without_echoes(problems: Sequence[Problem]) -> list[Problem]:
    """Drop pydantic's follow-on "at least 1 item" problem on a list whose own element was already reported."""
    fields = [p.field or "" for p in problems]
    return [
        p for p in problems if not ("at least 1 item" in p.message and any(f.startswith(f"{p.field}.") for f in fields))
    ]


BatchFacts = Mapping[str, Mapping[str, Any]]


def batch_context(records: Sequence[Record]) -> dict[str, dict[str, Any]]:
    """The ``batch.*`` facts of every valid record, computed over all of them (:mod:`compliance.batch`)."""
    transactions = []
    for record in records:
        if record.ok and record.transaction is not None:
            try:
                transactions.append(parse_transaction(record.transaction))
            except InputError:
                continue  # reported when the record itself is evaluated
    return batch_facts(transactions)


def evaluate_all(
    records: Iterable[Record],
    spec: EngineSpec,
    as_of: dt.date | None = None,
    jobs: int = 1,
    engine: Engine | None = None,
    batch: BatchFacts | None = None,
) -> Iterator[Result]:
    """Results in input order, computed lazily; with ``jobs > 1`` in that many worker processes. *batch*
    maps transaction ids to their batch facts (see :func:`batch_context`)."""
    pairs = ((record, context_for(batch or {}, record.transaction_id)) for record in records)
    if jobs <= 1:
        built = engine or spec.build()
        for record, facts in pairs:
            yield evaluate_record(built, record, as_of, facts)
        return
    yield from _parallel(pairs, spec, as_of, jobs)


_WORKER_ENGINE: Engine | None = None


def _init_worker(spec: EngineSpec) -> None:
    global _WORKER_ENGINE
    _WORKER_ENGINE = spec.build()


def _work(records: list[tuple[Record, Mapping[str, Any] | None]], as_of: dt.date | None) -> list[Result]:
    assert _WORKER_ENGINE is not None
    return [evaluate_record(_WORKER_ENGINE, r, as_of, facts) for r, facts in records]


def _parallel(
    records: Iterable[tuple[Record, Mapping[str, Any] | None]], spec: EngineSpec, as_of: dt.date | None, jobs: int
) -> Iterator[Result]:
    """A bounded window of chunks in flight, so a huge input never piles up in memory."""
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    iterator = iter(records)
    with context.Pool(jobs, initializer=_init_worker, initargs=(spec,)) as pool:
        pending: deque[Any] = deque()
        while chunk := list(islice(iterator, CHUNK)):
            pending.append(pool.apply_async(_work, (chunk, as_of)))
            if len(pending) >= jobs * 4:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


def default_jobs() -> int:
    """One worker per CPU."""
    return os.cpu_count() or 1


@dataclass
class Tally:
    """Counts of a batch: records read = decisions + errors; outcomes; the worst outcome."""

    fail_on: str = "license_required"
    decisions: int = 0
    errors: int = 0
    outcomes: dict[str, int] = field(default_factory=lambda: {o.value: 0 for o in Outcome})
    failing: int = 0

    def add(self, result: Result) -> None:
        """Count one result."""
        if isinstance(result, Failed):
            self.errors += 1
            return
        self.decisions += 1
        outcome = result.decision.outcome
        self.outcomes[outcome.value] += 1
        if outcome is not Outcome.ERROR and fails(outcome, self.fail_on):
            self.failing += 1

    @property
    def records(self) -> int:
        """Records read."""
        return self.decisions + self.errors

    @property
    def not_evaluated(self) -> int:
        """Records that could not be read or validated, plus decisions whose outcome is ``error``."""
        return self.errors + self.outcomes[Outcome.ERROR.value]

    @property
    def exit_code(self) -> int:
        """2 when any record was not evaluated, else 1 when any outcome is at or above --fail-on, else 0."""
        if self.not_evaluated:
            return EXIT_INPUT
        return EXIT_FINDINGS if self.failing else EXIT_OK

    def to_dict(self) -> dict[str, Any]:
        """The report's ``summary`` counts."""
        return {
            "records": self.records,
            "decisions": self.decisions,
            "errors": self.errors,
            "outcomes": dict(self.outcomes),
            "fail_on": self.fail_on,
            "at_or_above_fail_on": self.failing,
            "exit_code": self.exit_code,
        }


def fails(outcome: Outcome, fail_on: str) -> bool:
    """True when *outcome* is at or above the --fail-on threshold (``never``: never)."""
    if fail_on == "never":
        return False
    return outcome.rank >= Outcome(fail_on).rank


@dataclass(frozen=True)
class Change:
    """A decision that differs between ruleset A and ruleset B, with the rules that appear or disappear."""

    transaction_id: str
    as_of: dt.date
    before: Outcome
    after: Outcome
    added: tuple[str, ...]
    removed: tuple[str, ...]
    where: Where

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view."""
        return {
            "transaction_id": self.transaction_id,
            "as_of": self.as_of.isoformat(),
            "before": self.before.value,
            "after": self.after.value,
            "added_rules": list(self.added),
            "removed_rules": list(self.removed),
            "source": self.where.to_dict(),
        }


def compare(where: Where, a: Decision, b: Decision) -> Change | None:
    """The change from *a* to *b* (same transaction), or None when outcome and open findings are the same."""
    rules_a = {f.rule_id for f in a.findings}
    rules_b = {f.rule_id for f in b.findings}
    if a.outcome == b.outcome and rules_a == rules_b:
        return None
    return Change(
        a.transaction_id,
        a.as_of,
        a.outcome,
        b.outcome,
        tuple(sorted(rules_b - rules_a)),
        tuple(sorted(rules_a - rules_b)),
        where,
    )
