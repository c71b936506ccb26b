"""What an inference backend does, and the pure-Python reference backend.

A backend takes the rules in force in one epoch and a transaction's facts and returns the set of firings:
which rule fired for which item and party, and which derived facts it used. The durable-rules backend
(:mod:`compliance.compile`) and this reference backend must return the same set; the tests check it.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from compliance import conditions as cond
from compliance.facts import Facts
from compliance.ruleset import Rule


@dataclass(frozen=True, order=True)
class Firing:
    """A rule fired for one binding (item index, party index; None when the rule binds none)."""

    rule_id: str
    item: int | None
    party: int | None


@dataclass(frozen=True, order=True)
class Derived:
    """A derived fact for a binding."""

    name: str
    item: int | None
    party: int | None


@dataclass(frozen=True)
class Epoch:
    """The inputs a backend compiles: the rules in force and parameter and group values of one epoch."""

    rules: tuple[Rule, ...]
    params: Mapping[str, Any]
    groups: Mapping[str, frozenset[str]]
    derived_scopes: Mapping[str, frozenset[str]]


class Backend(Protocol):
    """Evaluates facts against one epoch's rules."""

    def run(self, facts: Facts) -> frozenset[Firing]:
        """Every firing (finding and derive rules) for *facts*."""
        ...


def derived_for(
    derived: frozenset[Derived], scopes: Mapping[str, frozenset[str]], item: int | None, party: int | None
) -> frozenset[str]:
    """Names of derived facts that hold for a binding."""
    return frozenset(
        d.name
        for d in derived
        if ("item" not in scopes.get(d.name, frozenset()) or d.item == item)
        and ("party" not in scopes.get(d.name, frozenset()) or d.party == party)
    )


def bindings(rule: Rule, facts: Facts) -> Iterator[tuple[int | None, int | None]]:
    """Every (item, party) binding of *rule* over *facts*."""
    items: Sequence[int | None] = range(len(facts.items)) if "item" in rule.binds else (None,)
    parties: Sequence[int | None] = range(len(facts.parties)) if "party" in rule.binds else (None,)
    return itertools.product(items, parties)


def derived_fact(rule: Rule, firing: Firing, scopes: Mapping[str, frozenset[str]]) -> Derived:
    """The fact a derive rule's firing adds, keyed by the entities the fact's scope names."""
    assert rule.spec.derive
    scope = scopes[rule.spec.derive]
    return Derived(
        rule.spec.derive, firing.item if "item" in scope else None, firing.party if "party" in scope else None
    )


class ReferenceBackend:
    """Naive forward chaining with the reference evaluator: derive to a fixpoint, then all findings."""

    def __init__(self, epoch: Epoch) -> None:
        self.epoch = epoch

    def run(self, facts: Facts) -> frozenset[Firing]:
        """Every firing for *facts*."""
        firings: set[Firing] = set()
        derived: set[Derived] = set()
        changed = True
        while changed:
            changed = False
            for rule in self.epoch.rules:
                for item, party in bindings(rule, facts):
                    firing = Firing(rule.id, item, party)
                    if firing in firings or not self._true(rule, facts, frozenset(derived), item, party):
                        continue
                    firings.add(firing)
                    if rule.spec.derive:
                        fact = derived_fact(rule, firing, self.epoch.derived_scopes)
                        changed = changed or fact not in derived
                        derived.add(fact)
        return frozenset(firings)

    def _true(self, rule: Rule, facts: Facts, derived: frozenset[Derived], item: int | None, party: int | None) -> bool:
        ctx = cond.Context(
            values=facts.values(item, party),
            params=self.epoch.params,
            groups=self.epoch.groups,
            derived=derived_for(derived, self.epoch.derived_scopes, item, party),
        )
        truth, _ = cond.evaluate(rule.condition, ctx)
        return truth is True
