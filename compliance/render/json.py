"""The ``json`` format: one document ``{"schema": "compliance/report@1", "decisions", "errors", "summary"}``.

Decisions are written as they arrive, so a long batch does not pile up in memory; errors (few) are kept
until the end. The schema is documented in ``docs/report-schema.md``.
"""

from __future__ import annotations

import json
import textwrap
from typing import Any

from compliance.render import REPORT_SCHEMA, Renderer, decision_dict
from compliance.runner import Evaluated, Failed, Tally


def dumps(value: Any, indent: int = 4) -> str:
    """*value* as indented JSON, shifted right by *indent* spaces (to sit inside the report's arrays)."""
    return textwrap.indent(json.dumps(value, indent=2, ensure_ascii=False), " " * indent)


class JsonRenderer(Renderer):
    """Streams the report document."""

    def start(self) -> None:
        """Open the document and the decisions array."""
        self._count = 0
        self._errors: list[dict[str, Any]] = []
        self.out.write(f'{{\n  "schema": "{REPORT_SCHEMA}",\n  "decisions": [')

    def decision(self, result: Evaluated) -> None:
        """Append one decision."""
        self.out.write(("," if self._count else "") + "\n" + dumps(decision_dict(result)))
        self._count += 1

    def error(self, result: Failed) -> None:
        """Keep one error for the errors array."""
        self._errors.append(result.to_dict())

    def finish(self, tally: Tally) -> None:
        """Close the decisions array; write errors and summary."""
        self.out.write(("\n  " if self._count else "") + "],\n")
        errors = ",\n".join(dumps(e) for e in self._errors)
        self.out.write('  "errors": [' + (f"\n{errors}\n  " if errors else "") + "],\n")
        summary = json.dumps(self.info.summary(tally), indent=2, ensure_ascii=False).replace("\n", "\n  ")
        self.out.write(f'  "summary": {summary}\n}}\n')
