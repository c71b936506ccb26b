"""A pytest plugin that runs the engine's generic invariants against your own ruleset directory.

    pytest -p compliance.pytest_plugin --compliance-rules my_rules/
    pytest -p compliance.pytest_plugin --compliance-rules my_rules/ --compliance-examples 200 \\
        --compliance-scenario my_rules/scenarios/what-if.toml

Each invariant of :data:`compliance.testing.INVARIANTS` (backend agreement, time windows, explanations,
determinism) becomes one test item, ``compliance[<invariant>]``, checked on generated transactions at dates
near every boundary of your rules; a failure shows the smallest failing transaction hypothesis found.

The plugin also gives two fixtures for tests of your own: ``compliance_ruleset`` (the loaded ruleset) and
``compliance_engine`` (an :class:`~compliance.Engine` over it); both skip when ``--compliance-rules`` is not
given.
"""

from __future__ import annotations

from typing import Any

import pytest

from compliance.evaluate import Engine
from compliance.ruleset import Ruleset, load
from compliance.testing import INVARIANTS, CheckResult, check_ruleset


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--compliance-rules DIR``, ``--compliance-scenario FILE`` and ``--compliance-examples N``."""
    group = parser.getgroup("compliance", "compliance ruleset invariants")
    group.addoption(
        "--compliance-rules",
        action="append",
        default=[],
        metavar="DIR",
        help="Ruleset file or directory to check with the generic invariants (repeatable).",
    )
    group.addoption(
        "--compliance-scenario",
        action="append",
        default=[],
        metavar="FILE",
        help="Scenario overlay applied to the rules (repeatable).",
    )
    group.addoption(
        "--compliance-examples",
        type=int,
        default=50,
        metavar="N",
        help="Generated transactions per invariant (default 50).",
    )


class InvariantFailed(Exception):
    """An invariant did not hold; the message has the smallest failing example."""


class InvariantItem(pytest.Item):
    """One generic invariant checked against the rules given on the command line."""

    def __init__(self, *, invariant: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.invariant = invariant

    def runtest(self) -> None:
        """Run the invariant; raise InvariantFailed with the report's detail when it does not hold."""
        options = self.config.option
        report = check_ruleset(
            options.compliance_rules,
            scenarios=options.compliance_scenario,
            max_examples=options.compliance_examples,
            invariants=[self.invariant],
        )
        result: CheckResult = report.results[0]
        if not result.passed:
            raise InvariantFailed(f"{result.description}: does not hold\n{result.detail}")

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        """Just the invariant and the example, without a traceback into the checker."""
        if isinstance(excinfo.value, InvariantFailed):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Any, int | None, str]:
        """Where the item points: the rules it checks."""
        return self.path, None, f"compliance invariant {self.invariant} on {', '.join(self._rules())}"

    def _rules(self) -> list[str]:
        return [str(p) for p in self.config.option.compliance_rules]


def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    """Append one item per invariant when ``--compliance-rules`` is given."""
    if not config.option.compliance_rules:
        return
    for name in INVARIANTS:
        items.append(InvariantItem.from_parent(session, name=f"compliance[{name}]", invariant=name))


@pytest.fixture(scope="session")
def compliance_ruleset(pytestconfig: pytest.Config) -> Ruleset:
    """The ruleset given by ``--compliance-rules`` (and scenarios); skips when none is given."""
    rules = pytestconfig.option.compliance_rules
    if not rules:
        pytest.skip("no --compliance-rules given")
    return load(rules, pytestconfig.option.compliance_scenario)


@pytest.fixture(scope="session")
def compliance_engine(compliance_ruleset: Ruleset) -> Engine:
    """A long-lived engine over :func:`compliance_ruleset`."""
    return Engine(compliance_ruleset)
