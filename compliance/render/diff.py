"""Scenario and ruleset diffs as text or JSON."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from compliance.render import WIDTH
from compliance.render.table import fit
from compliance.runner import Change

DIFF_SCHEMA = "compliance/diff@1"


def diff_text(label_a: str, label_b: str, changes: Sequence[Change], compared: int, errors: int) -> str:
    """One line per changed decision, then the rules responsible."""
    lines = [f"A: {label_a}", f"B: {label_b}", ""]
    if changes:
        lines.append(f"{fit('TRANSACTION', 20)}  {fit('AS OF', 10)}  {fit('A', 16)}  B")
    for change in changes:
        lines.append(
            f"{fit(change.transaction_id, 20)}  {change.as_of.isoformat()}  "
            f"{fit(change.before.value, 16)}  {change.after.value}".rstrip()
        )
        lines += [f"{'':34}+ {fit(r, WIDTH - 36).rstrip()}" for r in change.added]
        lines += [f"{'':34}- {fit(r, WIDTH - 36).rstrip()}" for r in change.removed]
    if changes:
        lines.append("")
    plural = "" if len(changes) == 1 else "s"
    lines.append(
        f"{len(changes)} decision{plural} changed out of {compared} compared"
        + (f"; {errors} record{'' if errors == 1 else 's'} could not be evaluated." if errors else ".")
    )
    return "\n".join(lines)


def diff_dict(
    label_a: str, label_b: str, changes: Sequence[Change], compared: int, errors: Sequence[dict[str, Any]]
) -> dict[str, Any]:
    """The JSON view."""
    return {
        "schema": DIFF_SCHEMA,
        "a": label_a,
        "b": label_b,
        "changes": [c.to_dict() for c in changes],
        "errors": list(errors),
        "summary": {
            "records": compared + len(errors),
            "compared": compared,
            "changed": len(changes),
            "errors": len(errors),
        },
    }
