"""The ``table`` format: one line per decision (more when it has several findings), 80 columns wide."""

from __future__ import annotations

import textwrap

from compliance.render import WIDTH, Renderer, summary_line
from compliance.runner import Evaluated, Failed, Tally

COLUMNS = (("TRANSACTION", 20), ("AS OF", 10), ("OUTCOME", 16), ("FINDINGS", 28))
GAP = "  "


def fit(text: str, width: int) -> str:
    """*text* cut to *width* characters (ending in '...' when cut) and padded."""
    if len(text) > width:
        text = text[: width - 3] + "..."
    return text.ljust(width)


class TableRenderer(Renderer):
    """A fixed-width table: transaction, as-of date, outcome and the rules that fired."""

    def start(self) -> None:
        """Write the header."""
        self.write(self._row(*(name for name, _ in COLUMNS)))

    def decision(self, result: Evaluated) -> None:
        """One line per finding (one line when clear), the transaction shown on the first."""
        decision = result.decision
        rules = [f.rule_id for f in decision.findings] + [f"{f.rule_id} (authorized)" for f in decision.authorized]
        rules = rules or (["(evaluation failed)"] if decision.errors else ["-"])
        outcome = decision.outcome.value
        for index, rule in enumerate(rules):
            if index == 0:
                self.write(self._row(decision.transaction_id, decision.as_of.isoformat(), outcome, rule))
            else:
                self.write(self._row("", "", "", rule))

    def error(self, result: Failed) -> None:
        """A record that could not be evaluated: its id (or '-') and where it is; the problems go to stderr."""
        self.write(self._row(result.transaction_id or "-", "-", "invalid", str(result.where)))

    def finish(self, tally: Tally) -> None:
        """The summary line."""
        self.write()
        self.write(textwrap.fill(summary_line(tally), WIDTH))

    def _row(self, *cells: str) -> str:
        parts = [fit(cell, width) for cell, (_, width) in zip(cells, COLUMNS, strict=True)]
        if self.color and cells[2] and cells[2] != "OUTCOME":
            parts[2] = self.paint(parts[2], cells[2])
        return GAP.join(parts).rstrip()
