"""The ``csv`` format: one row per open finding (one row for a clear decision, one per invalid record)."""

from __future__ import annotations

import csv

from compliance.render import Renderer
from compliance.runner import Evaluated, Failed

HEADER = (
    "transaction_id",
    "as_of",
    "outcome",
    "rule_id",
    "severity",
    "item",
    "party",
    "citation",
    "explanation",
    "authorized_by",
    "source",
)


class CsvRenderer(Renderer):
    """Spreadsheet-friendly rows; an invalid record has outcome ``invalid`` and its message as explanation."""

    def start(self) -> None:
        """Write the header row."""
        self._csv = csv.writer(self.out, lineterminator="\n")
        self._csv.writerow(HEADER)

    def decision(self, result: Evaluated) -> None:
        """One row per finding, open ones first, then authorized ones (with authorized_by)."""
        d = result.decision
        base = [d.transaction_id, d.as_of.isoformat(), d.outcome.value]
        findings = [*d.findings, *d.authorized]
        if not findings:
            explanation = "; ".join(d.errors)
            self._csv.writerow([*base, "", "", "", "", "", explanation, "", str(result.where)])
        for f in findings:
            self._csv.writerow(
                [
                    *base,
                    f.rule_id,
                    f.severity.value,
                    _cell(f.item),
                    _cell(f.party),
                    f.citation,
                    f.explanation,
                    f.authorized_by or "",
                    str(result.where),
                ]
            )

    def error(self, result: Failed) -> None:
        """One ``invalid`` row."""
        self._csv.writerow(
            [result.transaction_id or "", "", "invalid", "", "", "", "", "", result.message, "", str(result.where)]
        )


def _cell(value: int | None) -> str:
    return "" if value is None else str(value)
