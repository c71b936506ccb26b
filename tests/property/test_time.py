"""Time: no finding from a rule outside its effective window; inside a timeline segment, evaluating on any
day gives the segment's outcome and rules."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st
from property_support import SCREENER, bundled, bundled_ruleset

from compliance.evaluate import Engine
from compliance.model import Decision
from compliance.ruleset import Ruleset, load_documents
from compliance.testing import (
    boundary_dates,
    listed_names,
    party_names,
    ruleset_dates,
    ruleset_documents,
    transactions,
)
from compliance.timeline import Segment, timeline

DAYS = ruleset_dates(bundled_ruleset())


def out_of_window(decision: Decision, ruleset: Ruleset, day: dt.date) -> list[str]:
    rule_ids = [f.rule_id for f in (*decision.findings, *decision.authorized)] + [d.rule_id for d in decision.derived]
    return [r for r in rule_ids if not ruleset.rule(r).spec.in_force(day)]


@settings(max_examples=60)
@given(documents=ruleset_documents(), txn=transactions(), data=st.data())
def test_random_rules_fire_only_inside_their_windows(
    documents: list[tuple[str, dict[str, Any]]], txn: dict[str, Any], data: Any
) -> None:
    ruleset = load_documents(documents)
    day = data.draw(boundary_dates(ruleset.boundaries))
    decision = Engine(ruleset, screener=SCREENER).evaluate(txn, day)
    assert out_of_window(decision, ruleset, day) == []


@settings(max_examples=100)
@given(txn=transactions(day=DAYS), day=DAYS)
def test_bundled_rules_fire_only_inside_their_windows(txn: dict[str, Any], day: dt.date) -> None:
    decision = bundled().evaluate(txn, day)
    assert out_of_window(decision, bundled().ruleset, day) == []
    for finding in decision.findings:
        assert finding.effective_from is not None and finding.effective_from <= day
        assert finding.effective_until is None or day < finding.effective_until


def day_in_segment(segments: list[Segment], index: int, fraction: float) -> tuple[Segment, dt.date]:
    segment = segments[index % len(segments)]
    return segment, segment.start + dt.timedelta(days=int(fraction * (segment.end - segment.start).days))


def point_and_segment(engine: Engine, txn: dict[str, Any], index: int, fraction: float) -> tuple[Any, Any]:
    segment, day = day_in_segment(timeline(engine, txn), index, fraction)
    decision = engine.evaluate(txn, day)
    return (day, decision.outcome, tuple(sorted({f.rule_id for f in decision.findings}))), (
        day,
        segment.outcome,
        segment.rule_ids,
    )


INDEXES = st.integers(0, 40)
FRACTIONS = st.floats(0, 1, exclude_max=True)


@settings(max_examples=30)
@given(txn=transactions(), index=INDEXES, fraction=FRACTIONS)
def test_point_evaluation_equals_its_timeline_segment(txn: dict[str, Any], index: int, fraction: float) -> None:
    point, segment = point_and_segment(Engine(bundled_ruleset(), screener=SCREENER), txn, index, fraction)
    assert point == segment


SMIC = {
    "transaction_id": "T-SMIC",
    "date": dt.date(2024, 3, 1),
    "kind": "export",
    "export_country": "US",
    "destination_country": "CN",
    "parties": [{"name": "Semiconductor Manufacturing International Corporation", "role": "end_user", "country": "CN"}],
    "items": [{"description": "widget", "category": "other", "eccn": "EAR99"}],
}


@example(txn=SMIC, index=0, fraction=0.75)
@settings(max_examples=40)
@given(
    txn=transactions(names=st.one_of(listed_names().map(lambda pair: pair[1]), party_names())),
    index=INDEXES,
    fraction=FRACTIONS,
)
def test_point_evaluation_equals_its_timeline_segment_with_dated_lists(
    txn: dict[str, Any], index: int, fraction: float
) -> None:
    # The bundled lists have their own dates (SMIC listed on 2020-12-18): segments must respect them too.
    point, segment = point_and_segment(bundled(), txn, index, fraction)
    assert point == segment
