"""The story of one decision as text: findings with evidence, derived facts, licence policy and exceptions,
authorizations, errors and near misses."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence
from typing import Any

from compliance.model import Decision, DerivedFact, Evidence, Finding, NearMiss
from compliance.render import WIDTH, decision_dict
from compliance.runner import Evaluated

EXPLAIN_SCHEMA = "compliance/explain@1"


def wrap(text: str, indent: int) -> list[str]:
    """*text* wrapped to the terminal width with a hanging indent."""
    pad = " " * indent
    return textwrap.wrap(
        text, WIDTH, initial_indent=pad, subsequent_indent=pad + "  ", break_long_words=False, break_on_hyphens=False
    ) or [pad]


def where(item: int | None, party: int | None) -> str:
    """`` (item 0, party 1)`` or empty."""
    parts = [f"item {item}" if item is not None else "", f"party {party}" if party is not None else ""]
    text = ", ".join(p for p in parts if p)
    return f" ({text})" if text else ""


def evidence_lines(evidence: Iterable[Evidence], indent: int) -> list[str]:
    """One line per comparison."""
    return [" " * indent + e.text for e in evidence]


def derived_lines(chain: Sequence[DerivedFact], indent: int) -> list[str]:
    """The derived facts a finding relied on, deepest first, each with its evidence."""
    lines: list[str] = []
    for fact in chain:
        lines.append(" " * indent + f"{fact.name} <- {fact.rule_id}{where(fact.item, fact.party)}")
        lines += evidence_lines(fact.evidence, indent + 4)
    return lines


def finding_lines(finding: Finding, indent: int = 2) -> list[str]:
    """Everything about one finding."""
    pad = indent + 4
    lines = [" " * indent + f"[{finding.severity.value}] {finding.rule_id}{where(finding.item, finding.party)}"]
    lines += wrap(finding.title, pad)
    lines += wrap(f"Why: {finding.explanation}", pad)
    lines += wrap(f"Citation: {finding.citation}" + (f" <{finding.url}>" if finding.url else ""), pad)
    note = f" ({finding.confidence_note})" if finding.confidence_note else ""
    lines += wrap(f"Confidence: {finding.confidence}{note}", pad)
    if finding.effective_from:
        until = finding.effective_until.isoformat() if finding.effective_until else "further notice"
        lines.append(" " * pad + f"In force: {finding.effective_from.isoformat()} until {until}")
    if finding.evidence:
        lines.append(" " * pad + "Evidence:")
        lines += evidence_lines(finding.evidence, pad + 2)
    if finding.derived_from:
        lines.append(" " * pad + "Derived facts:")
        lines += derived_lines(finding.derived_from, pad + 2)
    if finding.review_policy:
        lines.append(" " * pad + f"Licence review policy: {finding.review_policy.value}")
    if finding.license_exceptions:
        lines.append(" " * pad + f"Licence exceptions available: {', '.join(finding.license_exceptions)}")
    if finding.authorized_by:
        lines.append(" " * pad + f"Authorized by: {finding.authorized_by}")
    if finding.remedy:
        lines += wrap(f"Remedy: {finding.remedy}", pad)
    return lines


def near_miss_lines(misses: Sequence[NearMiss], indent: int = 2) -> list[str]:
    """Rules that did not fire, each with what stopped it."""
    lines: list[str] = []
    for miss in misses:
        severity = f"[{miss.severity.value}] " if miss.severity else ""
        lines.append(" " * indent + f"{severity}{miss.rule_id}{where(miss.item, miss.party)}")
        lines += wrap(miss.title, indent + 4)
        lines += wrap(miss.text, indent + 4)
    return lines


def explain_text(result: Evaluated, misses: Sequence[NearMiss]) -> str:
    """The whole story of one decision."""
    d = result.decision
    lines = [
        f"{d.transaction_id} as of {d.as_of.isoformat()}: {d.outcome.value}",
        *wrap(
            f"source {result.where}; ruleset {d.ruleset_digest}"
            + (f"; scenarios {', '.join(d.scenarios)}" if d.scenarios else "")
            + f"; screening {', '.join(d.screening_lists) or 'none'}",
            2,
        ),
    ]
    lines += _section("Findings", [x for f in d.findings for x in finding_lines(f)], "none: nothing applies")
    if d.authorized:
        lines += _section("Resolved by authorizations", [x for f in d.authorized for x in finding_lines(f)])
    if d.errors:
        lines += _section("Evaluation errors (fail closed)", [x for e in d.errors for x in wrap(e, 2)])
    if d.derived:
        lines += _section("Derived facts", derived_lines(d.derived, 2))
    lines += _section("Near misses", near_miss_lines(misses), "none")
    return "\n".join(lines)


def _section(title: str, body: list[str], empty: str | None = None) -> list[str]:
    if not body and empty is None:
        return []
    return ["", title, *(body or ["  " + (empty or "")])]


def explain_dict(result: Evaluated, misses: Sequence[NearMiss]) -> dict[str, Any]:
    """The JSON view: the decision as in the report, plus near misses."""
    return {"decision": decision_dict(result), "near_misses": [m.model_dump(mode="json") for m in misses]}


def decision_of(result: Evaluated) -> Decision:
    """The decision of an evaluated record."""
    return result.decision
