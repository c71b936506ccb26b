"""The ``sarif`` format: SARIF 2.1.0, so code-scanning dashboards can show findings.

Each open finding is a result (authorized ones carry a suppression naming the licence); ``tool.driver.rules``
lists every rule that produced a result; records that could not be evaluated are tool execution
notifications. Results point at the input file and line of their transaction.
"""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any

from compliance.inputs import Where
from compliance.model import Finding
from compliance.render import Renderer
from compliance.runner import Evaluated, Failed, Tally

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
INFORMATION_URI = "https://github.com/compliance/compliance"
LEVELS = {"prohibited": "error", "license_required": "error", "review": "warning", "info": "note"}


def location(where: Where) -> dict[str, Any]:
    """A SARIF physical location for an input record."""
    uri = "stdin" if where.file == "<stdin>" else PurePath(where.file).as_posix()
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri}}
    if where.line:
        physical["region"] = {"startLine": where.line}
    return {"physicalLocation": physical}


def rule_descriptor(finding: Finding) -> dict[str, Any]:
    """A reportingDescriptor for the rule behind *finding*."""
    descriptor: dict[str, Any] = {
        "id": finding.rule_id,
        "shortDescription": {"text": finding.title},
        "fullDescription": {"text": finding.citation},
        "defaultConfiguration": {"level": LEVELS[finding.severity.value]},
        "properties": {
            "severity": finding.severity.value,
            "citation": finding.citation,
            "confidence": finding.confidence,
            "jurisdiction": finding.jurisdiction,
            "authority": finding.authority,
            "tags": list(finding.tags),
        },
    }
    if finding.url:
        descriptor["helpUri"] = finding.url
    return descriptor


class SarifRenderer(Renderer):
    """Collects results and writes one SARIF log at the end."""

    def start(self) -> None:
        """Start empty."""
        self._rules: dict[str, dict[str, Any]] = {}
        self._results: list[tuple[Finding, Evaluated]] = []
        self._notes: list[dict[str, Any]] = []

    def decision(self, result: Evaluated) -> None:
        """Keep its findings; an ``error`` outcome becomes an error notification."""
        for finding in (*result.decision.findings, *result.decision.authorized):
            self._rules.setdefault(finding.rule_id, rule_descriptor(finding))
            self._results.append((finding, result))
        if result.decision.errors:
            text = f"{result.decision.transaction_id}: evaluation failed: {'; '.join(result.decision.errors)}"
            self._notes.append(_notification(text, result.where))

    def error(self, result: Failed) -> None:
        """An error notification for a record that could not be read or validated."""
        self._notes.append(_notification(result.message, result.where))

    def finish(self, tally: Tally) -> None:
        """Write the log."""
        ids = sorted(self._rules)
        driver = {
            "name": "compliance",
            "version": self.info.version,
            "informationUri": INFORMATION_URI,
            "rules": [self._rules[i] for i in ids],
        }
        results = [_result(f, r, ids.index(f.rule_id)) for f, r in self._results]
        run = {
            "tool": {"driver": driver},
            "invocations": [
                {"executionSuccessful": tally.not_evaluated == 0, "toolExecutionNotifications": self._notes}
            ],
            "results": results,
            "properties": {"summary": self.info.summary(tally)},
        }
        log = {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}
        self.out.write(json.dumps(log, indent=2, ensure_ascii=False) + "\n")


def _result(finding: Finding, evaluated: Evaluated, index: int) -> dict[str, Any]:
    decision = evaluated.decision
    out: dict[str, Any] = {
        "ruleId": finding.rule_id,
        "ruleIndex": index,
        "level": LEVELS[finding.severity.value],
        "message": {"text": f"{decision.transaction_id}: {finding.explanation}"},
        "locations": [location(evaluated.where)],
        "properties": {
            "transaction_id": decision.transaction_id,
            "as_of": decision.as_of.isoformat(),
            "outcome": decision.outcome.value,
            "severity": finding.severity.value,
            "item": finding.item,
            "party": finding.party,
            "citation": finding.citation,
        },
    }
    if finding.authorized_by:
        out["suppressions"] = [{"kind": "external", "justification": finding.authorized_by}]
    return out


def _notification(text: str, where: Where) -> dict[str, Any]:
    return {"level": "error", "message": {"text": text}, "locations": [location(where)]}
