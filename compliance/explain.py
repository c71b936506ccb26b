"""Turn firings into findings people can read: rendered explanations, evidence, derivation chains,
licence policy and the authorizations that resolve a finding."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from compliance import conditions as cond
from compliance.backend import Derived, Firing, derived_for
from compliance.facts import Facts
from compliance.model import (
    Authorization,
    AuthorizationKind,
    DerivedFact,
    Evidence,
    Finding,
    Transaction,
)
from compliance.ruleset import PLACEHOLDER, Rule


def render(template: str, rule: Rule, values: Mapping[str, Mapping[str, Any]], params: Mapping[str, Any]) -> str:
    """Fill a template's placeholders (checked at load time); a missing value renders as 'unknown'."""

    def fill(match: Any) -> str:
        return _placeholder(match.group(1), rule, values, params)

    return PLACEHOLDER.sub(fill, template)


def _placeholder(name: str, rule: Rule, values: Mapping[str, Mapping[str, Any]], params: Mapping[str, Any]) -> str:
    fixed = {
        "effective_from": rule.spec.effective_from.isoformat(),
        "effective_until": rule.spec.effective_until.isoformat() if rule.spec.effective_until else "further notice",
        "rule.id": rule.id,
        "rule.citation": rule.spec.citation,
        "rule.title": rule.spec.title,
    }
    if name in fixed:
        return fixed[name]
    var, _, path = name.partition(".")
    value = params.get(path) if var == "param" else values.get(var, {}).get(path)
    return "unknown" if value is None else _text(value)


def _text(value: Any) -> str:
    if isinstance(value, Decimal):
        return cond.show_value(value)
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def evidence_for(rule: Rule, ctx: cond.Context) -> tuple[cond.Truth, tuple[Evidence, ...]]:
    """Re-evaluate *rule* with the reference evaluator; keep the comparisons that made it true."""
    truth, evidence = cond.supporting(rule.condition, ctx)
    return truth, tuple(evidence)


class Explainer:
    """Builds findings and derived-fact chains for one evaluation."""

    def __init__(
        self,
        rules: Mapping[str, Rule],
        facts: Facts,
        firings: frozenset[Firing],
        params: Mapping[str, Any],
        groups: Mapping[str, frozenset[str]],
        scopes: Mapping[str, frozenset[str]],
    ) -> None:
        self.rules = rules
        self.facts = facts
        self.params = params
        self.groups = groups
        self.scopes = scopes
        self.derivations: dict[Derived, list[DerivedFact]] = {}
        self.errors: list[str] = []
        for firing in sorted(firings, key=_order):
            rule = rules[firing.rule_id]
            if rule.spec.derive:
                self._record_derivation(rule, firing)

    def context(self, item: int | None, party: int | None) -> cond.Context:
        """The reference-evaluation context for one binding."""
        return cond.Context(
            values=self.facts.values(item, party),
            params=self.params,
            groups=self.groups,
            derived=derived_for(frozenset(self.derivations), self.scopes, item, party),
        )

    def _record_derivation(self, rule: Rule, firing: Firing) -> None:
        assert rule.spec.derive
        scope = self.scopes[rule.spec.derive]
        fact = Derived(
            rule.spec.derive, firing.item if "item" in scope else None, firing.party if "party" in scope else None
        )
        self.derivations.setdefault(fact, []).append(
            DerivedFact.build(
                name=fact.name,
                rule_id=rule.id,
                item=fact.item,
                party=fact.party,
                evidence=self._checked_evidence(rule, firing),
            )
        )

    def _checked_evidence(self, rule: Rule, firing: Firing) -> tuple[Evidence, ...]:
        truth, evidence = evidence_for(rule, self.context(firing.item, firing.party))
        if truth is not True:
            self.errors.append(
                f"backend disagreement: rule {rule.id} fired for item {firing.item}, party {firing.party} "
                f"but the reference evaluator says {truth}"
            )
        return evidence

    def chain(self, rule: Rule, item: int | None, party: int | None) -> tuple[DerivedFact, ...]:
        """The derived facts a rule relied on, and the facts they relied on, deepest first."""
        out: list[DerivedFact] = []
        seen: set[Derived] = set()
        self._walk(rule, item, party, out, seen)
        return tuple(out)

    def _walk(
        self, rule: Rule, item: int | None, party: int | None, out: list[DerivedFact], seen: set[Derived]
    ) -> None:
        for name in cond.held_facts(rule.condition):
            for fact, records in self.derivations.items():
                if fact.name != name or fact in seen or not _compatible(fact, item, party):
                    continue
                seen.add(fact)
                for record in records:
                    self._walk(self.rules[record.rule_id], record.item, record.party, out, seen)
                    out.append(record)

    def finding(self, firing: Firing, day: dt.date) -> Finding:
        """The finding for one firing of a finding rule."""
        rule = self.rules[firing.rule_id]
        values = self.facts.values(firing.item, firing.party)
        spec = rule.spec
        assert spec.severity is not None
        return Finding.build(
            rule_id=rule.id,
            title=spec.title,
            severity=spec.severity,
            jurisdiction=rule.jurisdiction,
            authority=spec.authority or "unknown",
            citation=spec.citation,
            url=spec.url,
            confidence=spec.confidence,
            confidence_note=spec.confidence_note,
            explanation=render(spec.explain, rule, values, self.params),
            remedy=render(spec.remedy, rule, values, self.params) if spec.remedy else None,
            item=firing.item,
            party=firing.party,
            evidence=self._checked_evidence(rule, firing),
            derived_from=self.chain(rule, firing.item, firing.party),
            review_policy=spec.review_policy,
            license_exceptions=self.eligible_exceptions(rule, firing),
            effective_from=spec.effective_from,
            effective_until=spec.effective_until,
            tags=spec.tags,
        )

    def eligible_exceptions(self, rule: Rule, firing: Firing) -> tuple[str, ...]:
        """Codes of licence exceptions whose eligibility condition holds for this binding."""
        ctx = self.context(firing.item, firing.party)
        return tuple(code for code, node, _ in rule.exceptions if node is None or cond.evaluate(node, ctx)[0] is True)

    def all_derived(self) -> tuple[DerivedFact, ...]:
        """Every derived fact of the evaluation, in a stable order."""
        return tuple(r for fact in sorted(self.derivations, key=_derived_order) for r in self.derivations[fact])


def _compatible(fact: Derived, item: int | None, party: int | None) -> bool:
    return (fact.item is None or fact.item == item) and (fact.party is None or fact.party == party)


def _order(firing: Firing) -> tuple[str, int, int]:
    return firing.rule_id, -1 if firing.item is None else firing.item, -1 if firing.party is None else firing.party


def _derived_order(fact: Derived) -> tuple[str, int, int]:
    return fact.name, -1 if fact.item is None else fact.item, -1 if fact.party is None else fact.party


def authorization_for(finding: Finding, txn: Transaction, day: dt.date) -> str | None:
    """The licence or claimed exception that resolves *finding*, described; None when nothing does."""
    item = txn.items[finding.item] if finding.item is not None else None
    for auth in txn.authorizations:
        if not _valid_on(auth, day) or auth.authority.upper() != finding.authority.upper():
            continue
        if auth.kind is AuthorizationKind.EXCEPTION:
            if auth.code in finding.license_exceptions and _covers_rule(auth, finding):
                return f"licence exception {auth.code}" + (f" ({auth.number})" if auth.number else "")
            continue
        if _covers_rule(auth, finding) and _covers_item(auth, item.eccn if item else None):
            return f"{auth.authority} licence {auth.number or '(number not given)'}"
    return None


def _valid_on(auth: Authorization, day: dt.date) -> bool:
    return (auth.valid_from is None or auth.valid_from <= day) and (auth.valid_until is None or day < auth.valid_until)


def _covers_rule(auth: Authorization, finding: Finding) -> bool:
    return not auth.covers_rules or finding.rule_id in auth.covers_rules


def _covers_item(auth: Authorization, eccn: str | None) -> bool:
    return not auth.eccns or (eccn is not None and any(eccn.startswith(e) for e in auth.eccns))
