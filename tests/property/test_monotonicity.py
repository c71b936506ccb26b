"""Monotonicity of the 3A090/4A090 rules: more performance, a D:5 destination or a covering licence move the
outcome only the expected way; widening the 2026 case-by-case band never turns case-by-case into denial."""

from __future__ import annotations

import datetime as dt
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from property_support import SCENARIOS, advanced_computing, chip_transactions

from compliance.model import Decision, ReviewPolicy
from compliance.testing import dump_toml

FACTORS = st.sampled_from((Decimal("1.001"), Decimal("1.01"), Decimal("1.5"), Decimal(2), Decimal(5), Decimal(12)))


def rank(decision: Decision) -> int:
    assert decision.errors == ()
    return decision.outcome.rank


def scaled(txn: dict[str, Any], index: int, tops: Decimal, area: Decimal) -> dict[str, Any]:
    item = dict(txn["items"][index])
    item["dense_tops"] = {bits: (value * tops).quantize(Decimal("0.001")) for bits, value in item["dense_tops"].items()}
    if "applicable_die_area_mm2" in item:
        item["applicable_die_area_mm2"] = (item["applicable_die_area_mm2"] * area).quantize(Decimal("0.000001"))
    items = list(txn["items"])
    items[index] = item
    return {**txn, "items": items}


@settings(max_examples=150)
@given(txn=chip_transactions(), index=st.integers(0, 1), factor=FACTORS, same_density=st.booleans())
def test_raising_tpp_never_lowers_the_outcome(
    txn: dict[str, Any], index: int, factor: Decimal, same_density: bool
) -> None:
    # TPP up with the die area fixed (density up too), or with the area grown alike (density unchanged).
    index %= len(txn["items"])
    engine = advanced_computing()
    raised = scaled(txn, index, factor, factor if same_density else Decimal(1))
    assert rank(engine.evaluate(raised)) >= rank(engine.evaluate(txn))


@settings(max_examples=150)
@given(txn=chip_transactions(), index=st.integers(0, 1), factor=FACTORS)
def test_raising_performance_density_never_lowers_the_outcome(txn: dict[str, Any], index: int, factor: Decimal) -> None:
    index %= len(txn["items"])
    engine = advanced_computing()
    denser = scaled(txn, index, Decimal(1), 1 / factor)
    assert rank(engine.evaluate(denser)) >= rank(engine.evaluate(txn))


@settings(max_examples=150)
@given(txn=chip_transactions(day=st.dates(dt.date(2023, 11, 17), dt.date(2026, 12, 31))), data=st.data())
def test_moving_the_destination_into_d5_never_lowers_the_outcome(txn: dict[str, Any], data: Any) -> None:
    # Only from the October 2023 rule on is the scope D:1/D:4/D:5 (+ Macau); the 2022 rule named China
    # (and Macau), so moving Macau to another D:5 country then could rightly lower the outcome.
    engine = advanced_computing()
    d5 = sorted(engine.ruleset.groups["D:5"].members_at(txn["date"]))
    assume(txn["destination_country"] not in d5)
    moved = {**txn, "destination_country": data.draw(st.sampled_from(d5))}
    assert rank(engine.evaluate(moved)) >= rank(engine.evaluate(txn))


@settings(max_examples=150)
@given(txn=chip_transactions(day=st.dates(dt.date(2022, 10, 7), dt.date(2026, 12, 31))), data=st.data())
def test_a_licence_covering_findings_never_raises_the_outcome(txn: dict[str, Any], data: Any) -> None:
    engine = advanced_computing()
    before = engine.evaluate(txn)
    chosen = data.draw(st.lists(st.integers(0, len(before.findings) - 1), unique=True)) if before.findings else []
    covered = [before.findings[i] for i in chosen]
    licences = [
        {"kind": "license", "authority": f.authority, "number": f"L-{n}", "covers_rules": [f.rule_id]}
        for n, f in enumerate(covered)
    ]
    after = engine.evaluate({**txn, "authorizations": licences})
    assert rank(after) <= rank(before)
    assert {f.rule_id for f in covered} <= {f.rule_id for f in after.authorized}
    assert not {f.rule_id for f in covered} & {f.rule_id for f in after.findings}


BANDS = st.sampled_from(((21000, 6500), (21001, 6500), (24000, 6501), (30000, 8000), (40000, 10000), (99999, 99999)))
_WIDENED: dict[tuple[int, int], Path] = {}
_DIR = tempfile.TemporaryDirectory(prefix="widened-band-")


def widened(band: tuple[int, int]) -> Path:
    """A scenario file (written with dump_toml) that widens the 2026 band to *band*."""
    if band not in _WIDENED:
        values = [{"from": dt.date(2026, 1, 15), "citation": "Test: band widened", "confidence": "S"}]
        scenario = {
            "scenario": {"id": f"band-{band[0]}-{band[1]}", "title": "Band widened"},
            "parameters": [
                {"name": "us.adv.cbc.tpp_max", "values": [{**values[0], "value": band[0]}]},
                {"name": "us.adv.cbc.dram_bw_max_gbps", "values": [{**values[0], "value": band[1]}]},
            ],
        }
        path = Path(_DIR.name) / f"band-{band[0]}-{band[1]}.toml"
        path.write_text(dump_toml(scenario), encoding="utf-8")
        _WIDENED[band] = path
    return _WIDENED[band]


def policies(decision: Decision, item: int) -> set[ReviewPolicy | None]:
    return {f.review_policy for f in decision.findings if f.item == item}


BAND_TRANSACTIONS = chip_transactions(day=st.dates(dt.date(2026, 1, 15), dt.date(2026, 12, 31))).map(
    lambda t: {**t, "kind": "export", "export_country": "US", "destination_country": "CN"}
)


@settings(max_examples=150)
@given(
    txn=BAND_TRANSACTIONS,
    scenario=st.one_of(BANDS.map(widened), st.sampled_from([s for s in SCENARIOS if "band" in s.name] or [None])),
)
def test_widening_the_band_never_turns_case_by_case_into_denial(txn: dict[str, Any], scenario: Path | None) -> None:
    base = advanced_computing().evaluate(txn)
    wide = advanced_computing(scenario).evaluate(txn)
    for item in range(len(txn["items"])):
        if ReviewPolicy.CASE_BY_CASE in policies(base, item):
            assert ReviewPolicy.CASE_BY_CASE in policies(wide, item)
            assert ReviewPolicy.PRESUMPTION_OF_DENIAL not in policies(wide, item) - policies(base, item)
