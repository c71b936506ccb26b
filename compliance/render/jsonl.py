"""The ``jsonl`` format: one decision per line, written as soon as it is made; error records as lines with
an ``"error"`` key. The summary goes to stderr, so every stdout line is a record."""

from __future__ import annotations

import json

from compliance.render import Renderer
from compliance.runner import Evaluated, Failed


class JsonlRenderer(Renderer):
    """One compact JSON object per line, flushed per line so pipelines see results as they come."""

    def decision(self, result: Evaluated) -> None:
        """One decision line: the decision as pydantic serializes it, plus its ``source`` (the same object as
        ``decision_dict``, written without building the intermediate dicts)."""
        source = json.dumps(result.where.to_dict(), ensure_ascii=False, separators=(",", ":"))
        self.out.write(f'{result.decision.model_dump_json()[:-1]},"source":{source}}}\n')
        self.out.flush()

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
