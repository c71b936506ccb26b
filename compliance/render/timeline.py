"""Timelines as text: one line per segment, with the changes that start it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from compliance.inputs import Where
from compliance.render.explain import wrap
from compliance.timeline import Segment

TIMELINE_SCHEMA = "compliance/timeline@1"


def timeline_text(transaction_id: str, where: Where, segments: Sequence[Segment], start: dt.date, end: dt.date) -> str:
    """Segments of one transaction; ``until`` dates are exclusive."""
    lines = [
        f"{transaction_id} from {start.isoformat()} until {end.isoformat()} (source {where})",
        f"  {'FROM':<10}  {'UNTIL':<10}  {'OUTCOME':<16}  RULES",
    ]
    for segment in segments:
        rules = ", ".join(segment.rule_ids) or "-"
        head = f"  {segment.start.isoformat()}  {segment.end.isoformat()}  {segment.outcome.value:<16}  "
        lines += wrap(head + rules, 0)
        for change in segment.changes:
            lines += wrap(f"* {change}", 16)
    return "\n".join(lines)


def timeline_dict(transaction_id: str, where: Where, segments: Sequence[Segment]) -> dict[str, Any]:
    """The JSON view of one transaction's timeline."""
    return {"transaction_id": transaction_id, "source": where.to_dict(), "segments": [s.to_dict() for s in segments]}
