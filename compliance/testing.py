"""Hypothesis strategies for testing rulesets and the engine; public, typed, importable by users.

    from hypothesis import given
    from compliance.testing import transactions

    @given(transactions())
    def test_never_crashes(txn): ...

Transactions are generated as plain dicts (what a JSON file holds); :func:`transaction_models` gives the
validated models. Chips straddle every 3A090 threshold; rulesets are small random documents in the
condition language, loadable with :func:`compliance.ruleset.load_documents`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from compliance.model import EndUse, ItemCategory, PartyRole, Transaction, TransactionKind

COUNTRIES = ("CN", "MO", "HK", "US", "SG", "MY", "RU", "IR", "DE", "JP", "AU", "VN", "SA", "AE", "NL", "KR")
TPP_THRESHOLDS = (1600, 2400, 4800, 21000)
PD_THRESHOLDS = (Decimal("1.6"), Decimal("3.2"), Decimal("5.92"))
FIRST_DAY = dt.date(2019, 1, 1)
LAST_DAY = dt.date(2026, 12, 31)


def dates(start: dt.date = FIRST_DAY, end: dt.date = LAST_DAY) -> SearchStrategy[dt.date]:
    """Dates in [start, end]."""
    return st.dates(min_value=start, max_value=end)


def boundary_dates(boundaries: tuple[dt.date, ...] | list[dt.date]) -> SearchStrategy[dt.date]:
    """Dates on, just before and just after each boundary (e.g. ``ruleset.boundaries``)."""
    if not boundaries:
        return dates()
    offsets = st.sampled_from((-1, 0, 1))
    return st.builds(lambda day, off: day + dt.timedelta(days=off), st.sampled_from(list(boundaries)), offsets)


def _near(values: tuple[Decimal | int, ...], spread: Decimal) -> SearchStrategy[Decimal]:
    deltas = st.sampled_from((Decimal(0), -spread, spread, -spread * 10, spread * 10))
    return st.builds(lambda v, d: max(Decimal(v) + d, spread), st.sampled_from(values), deltas)


def tpp_values() -> SearchStrategy[Decimal]:
    """TPP values on, just below and just above every 3A090 threshold, plus a broad range."""
    broad = st.integers(min_value=1, max_value=60000).map(Decimal)
    return st.one_of(_near(TPP_THRESHOLDS, Decimal(1)), broad)


def performance_densities() -> SearchStrategy[Decimal]:
    """Performance densities around 1.6, 3.2 and 5.92."""
    broad = st.decimals(min_value=Decimal("0.1"), max_value=Decimal(40), places=3)
    return st.one_of(_near(PD_THRESHOLDS, Decimal("0.01")), broad)


@st.composite
def chips(draw: st.DrawFn) -> dict[str, Any]:
    """An integrated circuit whose TPP and performance density straddle the 3A090 thresholds."""
    tpp = draw(tpp_values())
    density = draw(performance_densities())
    area = max((tpp / density).quantize(Decimal("0.01")), Decimal("1"))
    bits = draw(st.sampled_from((8, 16)))
    chip: dict[str, Any] = {
        "description": draw(st.sampled_from(("Accelerator", "GPU", "NPU", "AI ASIC"))),
        "category": ItemCategory.INTEGRATED_CIRCUIT.value,
        "quantity": draw(st.integers(min_value=1, max_value=5000)),
        "dense_tops": {bits: (tpp / bits).quantize(Decimal("0.001"))},
        "applicable_die_area_mm2": area,
    }
    for key, strategy in (
        ("designed_for_datacenter", st.booleans()),
        (
            "dram_bandwidth_gbps",
            st.sampled_from((Decimal(864), Decimal(4000), Decimal(4800), Decimal(6499), Decimal(6500), Decimal(8000))),
        ),
        ("interconnect_bandwidth_gbps", st.sampled_from((Decimal(400), Decimal(599), Decimal(600), Decimal(900)))),
    ):
        if draw(st.booleans()):
            chip[key] = draw(strategy)
    return chip


@st.composite
def other_items(draw: st.DrawFn) -> dict[str, Any]:
    """A non-chip item: software, technology, rare earths, minerals, equipment."""
    category = draw(st.sampled_from([c for c in ItemCategory if c is not ItemCategory.INTEGRATED_CIRCUIT]))
    item: dict[str, Any] = {"description": f"{category.value} item", "category": category.value}
    if draw(st.booleans()):
        item["eccn"] = draw(st.sampled_from(("3D991", "3E991", "3D006", "3A090.a.1", "4A090.a", "EAR99", "3A001.z")))
    if draw(st.booleans()):
        item["element"] = draw(st.sampled_from(("Dy", "Tb", "Ga", "Ge", "Sb", "Nd", "Sm")))
    if draw(st.booleans()):
        item["china_origin_content_pct"] = draw(
            st.sampled_from((Decimal(0), Decimal("0.09"), Decimal("0.1"), Decimal(5)))
        )
    if draw(st.booleans()):
        item["us_controlled_content_pct"] = draw(
            st.sampled_from((Decimal(0), Decimal(9), Decimal(10), Decimal(25), Decimal(30)))
        )
    return item


def items() -> SearchStrategy[dict[str, Any]]:
    """Any item: mostly chips."""
    return st.one_of(chips(), other_items())


@st.composite
def parties(draw: st.DrawFn, names: SearchStrategy[str] | None = None) -> dict[str, Any]:
    """A party with a role, country and optional headquarters, owners and declared listings."""
    party: dict[str, Any] = {
        "name": draw(names or st.sampled_from(("Acme Cloud Ltd", "Orion Data Center", "Example University"))),
        "role": draw(st.sampled_from(list(PartyRole))).value,
        "country": draw(st.sampled_from(COUNTRIES)),
    }
    if draw(st.booleans()):
        party["headquarters_country"] = draw(st.sampled_from(COUNTRIES))
    if draw(st.integers(0, 3)) == 0:
        footnote = draw(st.sampled_from((None, 1, 4, 5)))
        party["listings"] = [{"list": "EL", **({"footnote": footnote} if footnote else {})}]
    if draw(st.integers(0, 3)) == 0:
        pct = draw(st.sampled_from((Decimal(25), Decimal(49), Decimal(50), Decimal(60))))
        party["owners"] = [{"name": "Listed Parent", "percent": pct, "listings": [{"list": "EL"}]}]
    for flag in ("military_end_user", "green_card_holder"):
        if draw(st.integers(0, 4)) == 0:
            party[flag] = True
    if draw(st.booleans()):
        party["nationality"] = draw(st.sampled_from(COUNTRIES))
    return party


@st.composite
def transactions(draw: st.DrawFn, day: SearchStrategy[dt.date] | None = None) -> dict[str, Any]:
    """A valid transaction as a JSON-like dict."""
    number = draw(st.integers(min_value=1, max_value=10**9))
    return {
        "transaction_id": f"GEN-{number}",
        "date": draw(day or dates()),
        "kind": draw(st.sampled_from(list(TransactionKind))).value,
        "export_country": draw(st.sampled_from(COUNTRIES)),
        "destination_country": draw(st.sampled_from(COUNTRIES)),
        "end_use": draw(st.sampled_from(list(EndUse))).value,
        "parties": draw(st.lists(parties(), min_size=1, max_size=3)),
        "items": draw(st.lists(items(), min_size=1, max_size=3)),
    }


def transaction_models(day: SearchStrategy[dt.date] | None = None) -> SearchStrategy[Transaction]:
    """Validated :class:`~compliance.model.Transaction` objects."""
    return transactions(day).map(Transaction.model_validate)


# --- random rulesets -----------------------------------------------------------------------------------

_ITEM_LEAVES = (
    "item.tpp >= {tpp}",
    "item.tpp < {tpp}",
    "item.performance_density >= {pd}",
    "item.performance_density < {pd}",
    "item.designed_for_datacenter == True",
    "item.designed_for_datacenter != True",
    "item.tpp is None",
    "item.category == 'integrated_circuit'",
    "item.eccn_base in ('3D991', '3E991', '3D006')",
    "item.dram_bandwidth_gbps < param('gen.bw')",
    "item.tpp >= param('gen.tpp')",
    "item.element is not None",
    "item.china_origin_content_pct >= 0.1",
)
_PARTY_LEAVES = (
    "party.country == '{cc}'",
    "party.country != '{cc}'",
    "in_group(party.country, 'G1')",
    "party.entity_listed == True",
    "party.el_footnote1 == True",
    "party.role == 'end_user'",
    "party.listed_owner_pct >= 50",
    "in_group(party.hq_country, 'G1')",
    "party.nationality is None",
)
_TXN_LEAVES = (
    "txn.destination_country == '{cc}'",
    "in_group(txn.destination_country, 'G1')",
    "txn.kind == 'export'",
    "txn.end_use in ('supercomputer', 'military')",
    "txn.total_tpp >= {tpp}",
    "txn.destination_country in param('gen.dest')",
)


@st.composite
def _leaf(draw: st.DrawFn, pool: tuple[str, ...]) -> str:
    template = draw(st.sampled_from(pool))
    return template.format(
        tpp=draw(st.sampled_from(TPP_THRESHOLDS)),
        pd=draw(st.sampled_from(PD_THRESHOLDS)),
        cc=draw(st.sampled_from(COUNTRIES)),
    )


def _expression(pool: tuple[str, ...]) -> SearchStrategy[str]:
    return st.recursive(
        _leaf(pool),
        lambda inner: st.one_of(
            st.tuples(inner, st.sampled_from(("and", "or")), inner).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
            inner.map(lambda e: f"not ({e})"),
        ),
        max_leaves=4,
    )


@st.composite
def conditions(draw: st.DrawFn, facts: tuple[str, ...] = ()) -> str:
    """A condition in the language: conjuncts over txn+item and txn+party, optionally holds(...)."""
    parts = []
    if draw(st.booleans()):
        parts.append(draw(_expression(_ITEM_LEAVES + _TXN_LEAVES)))
    if draw(st.booleans()):
        parts.append(draw(_expression(_PARTY_LEAVES + _TXN_LEAVES)))
    use_fact = draw(st.booleans())
    if facts and use_fact:
        parts.append(f"holds('{draw(st.sampled_from(facts))}')")
    if not parts:
        parts.append(draw(_expression(_TXN_LEAVES)))
    return " and ".join(parts)


_DAY_CHOICES = (dt.date(2020, 1, 1), dt.date(2023, 11, 17), dt.date(2025, 5, 23), dt.date(2025, 7, 2))


@st.composite
def _window(draw: st.DrawFn) -> dict[str, Any]:
    start = draw(st.sampled_from(_DAY_CHOICES))
    window: dict[str, Any] = {"effective_from": start}
    later = [d for d in _DAY_CHOICES if d > start]
    bounded = draw(st.booleans())
    if later and bounded:
        window["effective_until"] = draw(st.sampled_from(later))
    return window


@st.composite
def ruleset_documents(draw: st.DrawFn, max_rules: int = 6) -> list[tuple[str, dict[str, Any]]]:
    """A small random ruleset: a group, three parameters, derive rules feeding finding rules."""
    base: dict[str, Any] = {
        "ruleset": {"id": "generated", "title": "Generated", "jurisdiction": "US", "authority": "BIS"},
        "country_groups": [
            {
                "name": "G1",
                "citation": "generated",
                "confidence": "S",
                "members": draw(st.lists(st.sampled_from(COUNTRIES), max_size=4, unique=True)),
                "changes": [{"country": "MO", "from": dt.date(2023, 1, 17)}],
            }
        ],
        "parameters": [
            _param("gen.tpp", [(dt.date(2019, 1, 1), Decimal(4800)), (dt.date(2025, 1, 1), Decimal(2400))]),
            _param("gen.bw", [(dt.date(2026, 1, 15), Decimal(6500))]),
            _param("gen.dest", [(dt.date(2019, 1, 1), ("CN", "MO"))]),
        ],
    }
    derives = draw(st.integers(min_value=0, max_value=2))
    facts = tuple(f"fact_{n}" for n in range(derives))
    rules: list[dict[str, Any]] = []
    for number, fact in enumerate(facts):
        earlier = facts[:number]
        rules.append(_rule(f"GEN-D{number}", draw(conditions(earlier)), draw(_window()), derive=fact))
    for number in range(draw(st.integers(min_value=1, max_value=max_rules))):
        severity = draw(st.sampled_from(("info", "review", "license_required", "prohibited")))
        rules.append(_rule(f"GEN-F{number}", draw(conditions(facts)), draw(_window()), severity=severity))
    base["rules"] = rules
    return [("generated.toml", base)]


def _param(name: str, values: list[tuple[dt.date, Any]]) -> dict[str, Any]:
    return {
        "name": name,
        "values": [{"from": day, "value": value, "citation": "generated", "confidence": "S"} for day, value in values],
    }


def _rule(
    rule_id: str, when: str, window: dict[str, Any], derive: str | None = None, severity: str | None = None
) -> dict[str, Any]:
    rule: dict[str, Any] = {
        "id": rule_id,
        "title": f"Generated rule {rule_id}",
        "citation": "generated",
        "confidence": "S",
        "when": when,
        "explain": f"{rule_id} applies.",
        **window,
    }
    if derive:
        rule.update(kind="derive", derive=derive)
    else:
        rule["severity"] = severity
    return rule
