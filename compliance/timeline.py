"""How a transaction's outcome changes over time: one evaluation per epoch (rules, parameters, country
groups, and the screening lists' own dates), merged into segments, each with the measures that explain the
change at its start."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from compliance.cache import list_boundaries
from compliance.evaluate import Engine, parse_transaction
from compliance.model import Decision, Outcome
from compliance.ruleset import Ruleset

DEFAULT_START = dt.date(2019, 1, 1)
DEFAULT_END = dt.date(2027, 1, 1)


@dataclass(frozen=True)
class Segment:
    """A date range [start, end) with one outcome and the same findings throughout."""

    start: dt.date
    end: dt.date
    outcome: Outcome
    rule_ids: tuple[str, ...]
    changes: tuple[str, ...]
    decision: Decision

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view."""
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "outcome": self.outcome.value,
            "rule_ids": list(self.rule_ids),
            "changes": list(self.changes),
        }


def timeline(
    engine: Engine, transaction: Any, start: dt.date = DEFAULT_START, end: dt.date = DEFAULT_END
) -> list[Segment]:
    """Segments covering [start, end); a new segment starts wherever the outcome or findings change."""
    txn = parse_transaction(transaction)
    lists = list_boundaries(engine.screener) or ()
    edges = sorted({*engine.ruleset.boundaries, *lists})
    days = [start, *(d for d in edges if start < d < end)]
    segments: list[Segment] = []
    for day, following in zip(days, [*days[1:], end], strict=False):
        decision = engine.evaluate(txn, day)
        key = (decision.outcome, _rules(decision))
        if segments and (segments[-1].outcome, segments[-1].rule_ids) == key:
            last = segments[-1]
            segments[-1] = Segment(last.start, following, last.outcome, last.rule_ids, last.changes, last.decision)
            continue
        changes = (*changes_on(engine.ruleset, day), *list_changes_on(engine.screener, day)) if segments else ()
        segments.append(Segment(day, following, decision.outcome, key[1], changes, decision))
    return segments


def _rules(decision: Decision) -> tuple[str, ...]:
    return tuple(sorted({f.rule_id for f in decision.findings}))


def changes_on(ruleset: Ruleset, day: dt.date) -> tuple[str, ...]:
    """What changes on *day*: rules taking effect, ending, suspended or resumed; parameters; groups."""
    out: list[str] = []
    for rule in ruleset.rules:
        spec = rule.spec
        context = _context(ruleset.events, spec.context)
        if spec.effective_from == day:
            out.append(f"{rule.id} takes effect ({spec.citation}){context}")
        if spec.effective_until == day:
            out.append(f"{rule.id} ends{context}")
        for window in spec.suspended:
            if window.from_ == day:
                out.append(f"{rule.id} suspended{_note(window.note, window.citation)}{context}")
            if window.until == day:
                out.append(f"{rule.id} suspension ends{context}")
    for name, param in ruleset.parameters.items():
        for value in param.spec.values:
            if value.from_ == day:
                out.append(f"parameter {name} = {value.value} ({value.citation})")
    for name, group in ruleset.groups.items():
        for change in group.spec.changes:
            if change.from_ == day:
                out.append(f"{change.country} joins country group {name}")
            if change.until == day:
                out.append(f"{change.country} leaves country group {name}")
    return tuple(out)


def list_changes_on(screener: Any, day: dt.date) -> tuple[str, ...]:
    """Screening-list entries that start, end or gain footnotes on *day*."""
    entries = getattr(getattr(screener, "inner", screener), "entries", ())
    out = []
    for entry in entries:
        cite = f" ({entry.citation})" if getattr(entry, "citation", None) else ""
        if entry.start_date == day:
            out.append(f"{entry.name} listed on {entry.list}{cite}")
        if entry.end_date == day:
            out.append(f"{entry.name} removed from {entry.list}")
        if getattr(entry, "footnotes_from", None) == day and entry.footnotes:
            out.append(f"{entry.name}: Entity List footnote {', '.join(map(str, entry.footnotes))} applies{cite}")
    return tuple(out)


def _note(note: str | None, citation: str | None) -> str:
    parts = [p for p in (note, citation) if p]
    return f" ({'; '.join(parts)})" if parts else ""


def _context(events: Mapping[str, Any], ids: tuple[str, ...]) -> str:
    titles = [f"{events[i].title}, {events[i].date.isoformat()}" for i in ids if i in events]
    return f" [context: {'; '.join(titles)}]" if titles else ""
