"""Rule test cases (``*.cases.toml`` beside the rules): load them, run them, report.

``python -m compliance.cases rulesets`` (and ``compliance rules test``) prints each failure and ends with
``N passed, N failed``.
"""

from __future__ import annotations

import copy
import datetime as dt
import sys
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError

from compliance.errors import InputError, Problem, RulesetError, did_you_mean
from compliance.evaluate import Engine
from compliance.fields import BATCH_FIELDS
from compliance.model import Decision, Outcome
from compliance.sourcemap import SourceMap
from compliance.specs import Spec


class CaseSpec(Spec):
    """One test case as written."""

    name: str = Field(min_length=1)
    fixture: str | None = None
    transaction: dict[str, Any] | None = None
    set: dict[str, Any] = Field(default_factory=dict)
    as_of: dt.date | None = None
    fires: tuple[str, ...] = ()
    silent: tuple[str, ...] = ()
    derives: tuple[str, ...] = ()
    outcome: Outcome | None = None
    batch: dict[str, Decimal] = Field(default_factory=dict)
    note: str | None = None


@dataclass(frozen=True)
class Case:
    """A case ready to run: its transaction resolved, and where it was written."""

    spec: CaseSpec
    transaction: dict[str, Any]
    file: str
    line: int | None


@dataclass(frozen=True)
class CaseResult:
    """The outcome of one case."""

    case: Case
    failures: tuple[str, ...]
    decision: Decision | None

    @property
    def passed(self) -> bool:
        """No expectation failed."""
        return not self.failures

    def __str__(self) -> str:
        where = f"{self.case.file}:{self.case.line}"
        return f"{where}: case '{self.case.spec.name}': " + "; ".join(self.failures)


def case_files(root: Path) -> list[Path]:
    """Every ``*.cases.toml`` under *root* (or *root* itself)."""
    return [root] if root.is_file() else sorted(root.rglob("*.cases.toml"))


def load_fixtures(root: Path) -> dict[str, dict[str, Any]]:
    """Named base transactions from every cases and fixtures file under *root*."""
    fixtures: dict[str, dict[str, Any]] = {}
    base = root if root.is_dir() else root.parent
    for path in [*sorted(base.rglob("*.fixtures.toml")), *sorted(base.rglob("*.cases.toml"))]:
        for entry in tomllib.loads(path.read_text(encoding="utf-8")).get("fixtures", []):
            fixtures[str(entry.get("name"))] = dict(entry.get("transaction", {}))
    return fixtures


def load_cases(root: Path) -> list[Case]:
    """Every case under *root*; RulesetError lists every malformed case at once."""
    fixtures = load_fixtures(root)
    cases: list[Case] = []
    problems: list[Problem] = []
    for path in case_files(root):
        text = path.read_text(encoding="utf-8")
        source = SourceMap.of(text)
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            problems.append(Problem(f"invalid TOML: {exc}", file=str(path)))
            continue
        for index, raw in enumerate(data.get("cases", [])):
            line = source.entry_line("cases", index)
            try:
                spec = CaseSpec.model_validate(raw)
                _check_batch(spec)
                cases.append(Case(spec, _transaction(spec, fixtures), str(path), line))
            except (ValidationError, ValueError) as exc:
                problems.append(Problem(_short(exc), file=str(path), line=line))
    if problems:
        raise RulesetError(problems)
    return cases


def _check_batch(spec: CaseSpec) -> None:
    unknown = sorted(set(spec.batch) - BATCH_FIELDS)
    if unknown:
        raise ValueError(f"batch: {', '.join(unknown)} not batch facts; known: {', '.join(sorted(BATCH_FIELDS))}")


def _short(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
    return str(exc)


def _transaction(spec: CaseSpec, fixtures: Mapping[str, dict[str, Any]]) -> dict[str, Any]:
    if (spec.fixture is None) == (spec.transaction is None):
        raise ValueError('give exactly one of fixture = "name" or [cases.transaction]')
    if spec.fixture is not None and spec.fixture not in fixtures:
        raise ValueError(f"unknown fixture '{spec.fixture}'. {did_you_mean(spec.fixture, fixtures) or ''}".strip())
    base = copy.deepcopy(fixtures[spec.fixture] if spec.fixture else spec.transaction or {})
    base.setdefault("transaction_id", _slug(spec.name))
    for path, value in spec.set.items():
        set_path(base, path, value)
    return base


def _slug(name: str) -> str:
    return "CASE-" + "".join(c if c.isalnum() else "-" for c in name)[:80]


def set_path(data: dict[str, Any], path: str, value: Any) -> None:
    """Set a dotted path inside *data*, creating tables on the way. Numbers index lists; the index one past
    the end appends. Anything else raises ValueError naming the path."""
    parts = path.split(".")
    node: Any = data
    for depth, part in enumerate(parts):
        last = depth == len(parts) - 1
        fresh: Any = value if last else ([] if parts[depth + 1].isdigit() else {})
        if isinstance(node, list):
            if not part.isdigit() or int(part) > len(node):
                raise ValueError(f"set: '{path}': index {part} is out of range (the list has {len(node)} entries)")
            if int(part) == len(node):
                node.append(fresh)
            elif last:
                node[int(part)] = value
            node = node[int(part)]
        elif isinstance(node, dict):
            if last or part not in node:
                node[part] = fresh
            node = node[part]
        else:
            raise ValueError(f"set: '{path}': '{part}' is below a value, not a table or list")


def run_case(engine: Engine, case: Case) -> CaseResult:
    """Evaluate one case and compare with its expectations."""
    try:
        decision = engine.evaluate(case.transaction, case.spec.as_of, batch=case.spec.batch or None)
    except InputError as exc:
        return CaseResult(case, (f"invalid transaction: {exc}",), None)
    fired = {f.rule_id for f in (*decision.findings, *decision.authorized)} | {d.rule_id for d in decision.derived}
    derived = {d.name for d in decision.derived}
    failures = [f"expected {rule} to fire" for rule in case.spec.fires if rule not in fired]
    failures += [f"expected {rule} to stay silent" for rule in case.spec.silent if rule in fired]
    failures += [f"expected fact '{name}' to be derived" for name in case.spec.derives if name not in derived]
    if case.spec.outcome is not None and decision.outcome != case.spec.outcome:
        failures.append(f"expected outcome {case.spec.outcome.value}, got {decision.outcome.value}")
    if decision.outcome is Outcome.ERROR:
        failures.append(f"evaluation failed: {'; '.join(decision.errors)}")
    unknown = [r for r in (*case.spec.fires, *case.spec.silent) if r not in {x.id for x in engine.ruleset.rules}]
    failures += [f"case names unknown rule {r}" for r in unknown]
    return CaseResult(case, tuple(failures), decision)


def run_cases(engine: Engine, root: Path) -> Iterator[CaseResult]:
    """Run every case under *root* against *engine*."""
    for case in load_cases(root):
        yield run_case(engine, case)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the cases of a rulesets directory; print failures and 'N passed, N failed'."""
    from compliance.evaluate import load_rules

    args = list(sys.argv[1:] if argv is None else argv) or ["rulesets"]
    root = Path(args[0])
    try:
        engine = load_rules(root)
        results = list(run_cases(engine, root))
    except RulesetError as exc:
        print(exc, file=sys.stderr)
        return 2
    for result in results:
        if not result.passed:
            print(result)
    passed = sum(r.passed for r in results)
    print(f"{passed} passed, {len(results) - passed} failed")
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
