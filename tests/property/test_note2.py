"""Note 2 to 3A090: an IC not designed or marketed for datacenters with TPP < 4800 is never 3A090, whatever
its performance density; at TPP >= 4800 it is (3A090.a.1), datacenter or not."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from property_support import bundled

from compliance.testing import chips, dates, performance_densities, ruleset_dates, tpp_values, transactions

CLASSIFIED_3A090 = {"3a090_a", "3a090_b", "adv_computing", "adv_computing_2022"}


@st.composite
def non_datacenter_chips(draw: st.DrawFn, tpp: st.SearchStrategy[Decimal]) -> dict[str, Any]:
    value, density = draw(tpp), draw(performance_densities())
    return {
        "description": "Gaming GPU",
        "category": "integrated_circuit",
        "designed_for_datacenter": False,
        "dense_tops": {8: value / 8},
        "applicable_die_area_mm2": max((value / density).quantize(Decimal("0.01")), Decimal("0.01")),
        **draw(
            st.fixed_dictionaries({}, optional={"dram_bandwidth_gbps": st.sampled_from((Decimal(864), Decimal(8000)))})
        ),
    }


def classified(txn: dict[str, Any], index: int) -> tuple[set[str], set[str]]:
    decision = bundled().evaluate(txn)
    facts = {d.name for d in decision.derived if d.item == index} & CLASSIFIED_3A090
    rules = {f.rule_id for f in decision.findings if f.item == index and "3a090" in f.tags}
    return facts, rules


@settings(max_examples=150)
@given(
    txn=transactions(day=ruleset_dates(bundled().ruleset)),
    chip=non_datacenter_chips(tpp_values().filter(lambda v: v < 4800)),
    others=st.lists(chips(), max_size=1),
)
def test_non_datacenter_chip_below_4800_is_never_3a090(
    txn: dict[str, Any], chip: dict[str, Any], others: list[dict[str, Any]]
) -> None:
    txn = {**txn, "items": [chip, *others]}
    assert classified(txn, 0) == (set(), set())


@settings(max_examples=60)
@given(
    txn=transactions(day=dates(dt.date(2023, 11, 17), dt.date(2026, 12, 31))),
    chip=non_datacenter_chips(tpp_values().filter(lambda v: v >= 4800)),
)
def test_non_datacenter_chip_at_4800_or_more_is_3a090_a(txn: dict[str, Any], chip: dict[str, Any]) -> None:
    # The other side of the boundary, so the property above cannot pass by classifying nothing.
    facts, _ = classified({**txn, "items": [chip]}, 0)
    assert "3a090_a" in facts
