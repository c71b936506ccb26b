"""The ``jsonl`` format: one decision per line, written as soon as it is made; error records as lines with
an ``"error"`` key. The summary goes to stderr, so every stdout line is a record."""

from __future__ import annotations

import json

from compliance.render import Renderer, decision_dict
from compliance.runner import Evaluated, Failed


class JsonlRenderer(Renderer):
    """One compact JSON object per line, flushed per line so pipelines see results as they come."""

    def decision(self, result: Evaluated) -> None:
        """One decision line."""
        self._line(decision_dict(result))

    def error(self, result: Failed) -> None:
        """One error line: ``{"error": message, "source": ..., "transaction_id": ..., "problems": [...]}``."""
        data = result.to_dict()
        self._line(
            {
                "error": data.pop("message"),
                "source": result.where.to_dict(),
                "transaction_id": data["transaction_id"],
                "problems": data["problems"],
            }
        )

    def _line(self, value: object) -> None:
        self.out.write(json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n")
        self.out.flush()
