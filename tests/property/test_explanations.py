"""Explanations: every finding has a citation, evidence, and no unrendered {placeholder}."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import example, given, settings
from property_support import SCREENER, bundled, bundled_ruleset

from compliance.evaluate import Engine
from compliance.ruleset import load_documents
from compliance.testing import boundary_dates, finding_problems, ruleset_dates, ruleset_documents, transactions

GENERATED_DAYS = boundary_dates(
    [dt.date(2020, 1, 1), dt.date(2023, 11, 17), dt.date(2025, 5, 23), dt.date(2026, 1, 15)]
)


@settings(max_examples=150)
@given(txn=transactions(day=ruleset_dates(bundled_ruleset())))
def test_every_bundled_finding_is_explained(txn: dict[str, Any]) -> None:
    decision = bundled().evaluate(txn)
    assert [p for f in (*decision.findings, *decision.authorized) for p in finding_problems(f)] == []
    for fact in decision.derived:
        assert fact.evidence, f"derived fact {fact.name} from {fact.rule_id} has no evidence"


NEGATED = [
    (
        "negated.toml",
        {
            "ruleset": {"id": "negated", "title": "Negated", "jurisdiction": "US", "authority": "BIS"},
            "rules": [
                {
                    "id": "R-NOT",
                    "title": "Rule with a negated condition",
                    "citation": "test citation",
                    "confidence": "S",
                    "severity": "info",
                    "effective_from": dt.date(2020, 1, 1),
                    "when": "not (party.country == 'MO')",
                    "explain": "R-NOT applies.",
                }
            ],
        },
    )
]
NEGATED_TXN = {
    "transaction_id": "T-1",
    "date": dt.date(2024, 3, 1),
    "kind": "export",
    "export_country": "US",
    "destination_country": "CN",
    "parties": [{"name": "Example Cloud Co.", "role": "end_user", "country": "CN"}],
    "items": [{"description": "widget", "category": "other"}],
}


@settings(max_examples=40)
@given(documents=ruleset_documents(), txn=transactions(day=GENERATED_DAYS))
def test_every_generated_finding_has_a_citation_and_rendered_text(
    documents: list[tuple[str, dict[str, Any]]], txn: dict[str, Any]
) -> None:
    decision = Engine(load_documents(documents), screener=SCREENER).evaluate(txn)
    problems = [p for f in decision.findings for p in finding_problems(f) if not p.endswith(": no evidence")]
    assert problems == []


@example(documents=NEGATED, txn=NEGATED_TXN)
@settings(max_examples=40)
@given(documents=ruleset_documents(), txn=transactions(day=GENERATED_DAYS))
def test_every_generated_finding_has_evidence(documents: list[tuple[str, dict[str, Any]]], txn: dict[str, Any]) -> None:
    decision = Engine(load_documents(documents), screener=SCREENER).evaluate(txn)
    assert [f.rule_id for f in decision.findings if not f.evidence and not f.derived_from] == []
