"""Screening candidates as a table or JSON (the shape of ``compliance screen --format json``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from compliance.render.explain import wrap
from compliance.render.table import fit

SCREEN_SCHEMA = "compliance/screen@1"


def candidate_dict(candidate: Any) -> dict[str, Any]:
    """One candidate: list, entry name, matched name, level (listed/review), score and why."""
    entry = candidate.entry
    return {
        "list": entry.list,
        "entry_name": entry.name,
        "matched_name": candidate.matched_name,
        "level": candidate.level,
        "score": round(float(candidate.score), 1),
        "why": candidate.why,
        "footnotes": list(getattr(candidate, "footnotes", ()) or ()),
        "citation": getattr(entry, "citation", None),
        "source": getattr(entry, "source", None),
    }


def screen_dict(
    name: str, country: str | None, as_of: str | None, candidates: Sequence[Any], sources: Sequence[str]
) -> dict[str, Any]:
    """The JSON document."""
    return {
        "schema": SCREEN_SCHEMA,
        "query": {"name": name, "country": country, "as_of": as_of},
        "candidates": [candidate_dict(c) for c in candidates],
        "lists": list(sources),
    }


def screen_text(name: str, candidates: Sequence[Any]) -> str:
    """A table of candidates, best first, each with why."""
    if not candidates:
        return f"No list entry matches '{name}'."
    lines = [f"{fit('LEVEL', 7)}  {fit('SCORE', 5)}  {fit('LIST', 8)}  ENTRY"]
    for candidate in candidates:
        data = candidate_dict(candidate)
        lines.append(
            f"{fit(data['level'], 7)}  {data['score']:>5.1f}  {fit(data['list'], 8)}  "
            f"{fit(data['entry_name'], 53)}".rstrip()
        )
        if data["matched_name"] != data["entry_name"]:
            lines += wrap(f"matched: {data['matched_name']}", 9)
        lines += wrap(f"why: {data['why']}", 9)
    return "\n".join(lines)
