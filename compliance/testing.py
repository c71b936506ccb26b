"""Hypothesis strategies and invariant checks for rulesets and the engine; public, typed, importable by users.

    from hypothesis import given
    from compliance.testing import transactions

    @given(transactions())
    def test_never_crashes(txn): ...

What is here:

- **Transactions, parties, items** as plain dicts (what a JSON file holds): :func:`transactions`,
  :func:`parties`, :func:`items`, :func:`chips` (TPP and performance density straddling every 3A090
  threshold), :func:`known_chips` (approximate datasheet figures of real accelerators);
  :func:`transaction_models` gives validated models.
- **Names**: :func:`listed_names` (a bundled list entry and its name with case, punctuation, spacing and
  legal-form noise), :func:`noisy_name`, :func:`unrelated_names`, :func:`party_names`.
- **Dates**: :func:`dates`, :func:`boundary_dates`, :func:`ruleset_dates` (near every effective-date
  boundary of a loaded ruleset).
- **Rulesets**: :func:`conditions` (the condition language), :func:`ruleset_documents` (small random
  rulesets, loadable with :func:`compliance.ruleset.load_documents`), :func:`rulesets`.
- **Helpers**: :func:`dump_toml` (write ruleset documents back as TOML), :func:`decision_key` (compare
  decisions modulo item and party renumbering), :func:`finding_problems` (what is wrong with a finding's
  explanation), and :func:`check_ruleset`, which runs the generic invariants (backend agreement, time
  windows, explanations, determinism) against a ruleset directory and returns a :class:`Report`.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import random
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from compliance.model import Decision, EndUse, Finding, ItemCategory, PartyRole, Transaction, TransactionKind
from compliance.ruleset import Ruleset, load, load_documents, ruleset_files

if TYPE_CHECKING:
    from compliance.evaluate import Engine
    from compliance.screening import ListEntry

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
    """Any item: mostly chips (generated around the thresholds, or real ones), some other items."""
    return st.one_of(chips(), known_chips(), other_items())


@st.composite
def parties(
    draw: st.DrawFn, names: SearchStrategy[str] | None = None, countries: Sequence[str] = COUNTRIES
) -> dict[str, Any]:
    """A party with a role, country and optional headquarters, owners and declared listings.

    Names default to :func:`party_names`: some are listed names with noise, so screening finds them.
    """
    party: dict[str, Any] = {
        "name": draw(party_names() if names is None else names),
        "role": draw(st.sampled_from(list(PartyRole))).value,
        "country": draw(st.sampled_from(countries)),
    }
    if draw(st.booleans()):
        party["headquarters_country"] = draw(st.sampled_from(countries))
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
        party["nationality"] = draw(st.sampled_from(countries))
    return party


@st.composite
def transactions(
    draw: st.DrawFn,
    day: SearchStrategy[dt.date] | None = None,
    names: SearchStrategy[str] | None = None,
    countries: Sequence[str] = COUNTRIES,
) -> dict[str, Any]:
    """A valid transaction as a JSON-like dict; *day* and party *names* default to :func:`dates` and
    :func:`party_names`; countries are drawn from *countries* (see :func:`ruleset_countries`)."""
    number = draw(st.integers(min_value=1, max_value=10**9))
    return {
        "transaction_id": f"GEN-{number}",
        "date": draw(day if day is not None else dates()),
        "kind": draw(st.sampled_from(list(TransactionKind))).value,
        "export_country": draw(st.sampled_from(countries)),
        "destination_country": draw(st.sampled_from(countries)),
        "end_use": draw(st.sampled_from(list(EndUse))).value,
        "parties": draw(st.lists(parties(names, countries), min_size=1, max_size=3)),
        "items": draw(st.lists(items(), min_size=1, max_size=3)),
    }


def transaction_models(
    day: SearchStrategy[dt.date] | None = None, names: SearchStrategy[str] | None = None
) -> SearchStrategy[Transaction]:
    """Validated :class:`~compliance.model.Transaction` objects."""
    return transactions(day, names).map(Transaction.model_validate)


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
    def extend(inner: SearchStrategy[str]) -> SearchStrategy[str]:
        pair = st.tuples(inner, st.sampled_from(("and", "or")), inner).map(lambda t: f"({t[0]} {t[1]} {t[2]})")
        return st.one_of(pair, inner.map(lambda e: f"not ({e})"))

    return st.recursive(_leaf(pool), extend, max_leaves=4)


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


def _explain(rule_id: str, when: str) -> str:
    """An explanation with placeholders for what the condition binds (so renderings are exercised)."""
    parts = [f"{rule_id} applies to {{txn.destination_country}}"]
    if "item." in when:
        parts.append("item {item.description} (TPP {item.tpp})")
    if "party." in when:
        parts.append("party {party.name}")
    return "; ".join(parts) + "."


def _rule(
    rule_id: str, when: str, window: dict[str, Any], derive: str | None = None, severity: str | None = None
) -> dict[str, Any]:
    rule: dict[str, Any] = {
        "id": rule_id,
        "title": f"Generated rule {rule_id}",
        "citation": "generated",
        "confidence": "S",
        "when": when,
        "explain": _explain(rule_id, when),
        **window,
    }
    if derive:
        rule.update(kind="derive", derive=derive)
    else:
        rule["severity"] = severity
    return rule


def rulesets(max_rules: int = 6) -> SearchStrategy[Ruleset]:
    """Small random rulesets (see :func:`ruleset_documents`), loaded and checked."""
    return ruleset_documents(max_rules).map(load_documents)


_QUOTED_CODE = re.compile(r"""['"]([A-Z]{2})['"]""")


def ruleset_countries(ruleset: Ruleset) -> tuple[str, ...]:
    """:data:`COUNTRIES` plus every country code a rule names or a country group of *ruleset* holds, so
    generated transactions reach the rules' own destinations."""
    from compliance.countries import COUNTRIES as ASSIGNED

    named = {code for rule in ruleset.rules for code in _QUOTED_CODE.findall(rule.spec.when)}
    grouped = {
        c for group in ruleset.groups.values() for c in (*group.spec.members, *(x.country for x in group.spec.changes))
    }
    return tuple(sorted(set(COUNTRIES) | ((named | grouped) & set(ASSIGNED))))


def ruleset_transactions(ruleset: Ruleset) -> SearchStrategy[dict[str, Any]]:
    """Transactions aimed at *ruleset*: its countries (:func:`ruleset_countries`; those its rules name drawn
    about half the time) and dates near its boundaries."""
    named = sorted({code for rule in ruleset.rules for code in _QUOTED_CODE.findall(rule.spec.when)})
    pool = ruleset_countries(ruleset)
    weighted = (*pool, *[c for c in named if c in pool] * max(1, len(pool) // max(1, len(named))))
    return transactions(day=ruleset_dates(ruleset), countries=weighted)


def ruleset_dates(ruleset: Ruleset) -> SearchStrategy[dt.date]:
    """Dates on and next to every boundary of *ruleset* (rule windows, suspensions, parameter values and
    country-group changes), mixed with dates anywhere in 2019-2026."""
    return st.one_of(boundary_dates(ruleset.boundaries), dates())


# --- realistic chips -----------------------------------------------------------------------------------

# Approximate public datasheet figures (dense, non-sparse), for tests only; not classification advice.
KNOWN_CHIPS: tuple[dict[str, Any], ...] = (
    {"model": "H100 SXM", "tops": {8: Decimal(1979), 16: Decimal("989.5")}, "area": 814, "dc": True, "dram": 3350},
    {"model": "H800 SXM", "tops": {8: Decimal(1979), 16: Decimal("989.5")}, "area": 814, "dc": True, "dram": 3350},
    {"model": "H200", "tops": {8: Decimal(1979), 16: Decimal("989.5")}, "area": 814, "dc": True, "dram": 4800},
    {"model": "H20", "tops": {8: Decimal(296), 16: Decimal(148)}, "area": 814, "dc": True, "dram": 4000},
    {"model": "A100", "tops": {16: Decimal(312)}, "area": 826, "dc": True, "dram": 2039},
    {"model": "L40S", "tops": {8: Decimal("733"), 16: Decimal("366")}, "area": 609, "dc": True, "dram": 864},
    {"model": "RTX 4090", "tops": {8: Decimal("660.6"), 16: Decimal("165.2")}, "area": 609, "dc": False},
    {"model": "B200", "tops": {8: Decimal(4500), 16: Decimal(2250)}, "area": 1600, "dc": True, "dram": 8000},
    {"model": "MI300X", "tops": {8: Decimal(2615), 16: Decimal("1307.4")}, "area": 1017, "dc": True, "dram": 5300},
    {"model": "Ascend 910B", "tops": {16: Decimal(320)}, "area": 665, "dc": True, "dram": 1600},
    {"model": "Gaudi 2", "tops": {8: Decimal(865), 16: Decimal(432)}, "area": 850, "dc": True, "dram": 2450},
)


@st.composite
def known_chips(draw: st.DrawFn) -> dict[str, Any]:
    """A real accelerator with approximate datasheet figures; optional fields sometimes left out."""
    spec = draw(st.sampled_from(KNOWN_CHIPS))
    chip: dict[str, Any] = {
        "description": spec["model"],
        "model": spec["model"],
        "category": ItemCategory.INTEGRATED_CIRCUIT.value,
        "quantity": draw(st.integers(min_value=1, max_value=2000)),
        "dense_tops": dict(spec["tops"]),
    }
    if draw(st.integers(0, 4)):
        chip["applicable_die_area_mm2"] = Decimal(spec["area"])
    if draw(st.integers(0, 4)):
        chip["designed_for_datacenter"] = spec["dc"]
    if "dram" in spec and draw(st.integers(0, 4)):
        chip["dram_bandwidth_gbps"] = Decimal(spec["dram"])
    return chip


# --- names ---------------------------------------------------------------------------------------------

LEGAL_SUFFIXES = ("Co., Ltd.", "Co Ltd", "Ltd", "Ltd.", "Limited", "Inc.", "Inc", "LLC", "GmbH", "Corporation",
                  "Corp.", "S.A.", "Pte. Ltd.", "plc", "AG", "B.V.")  # fmt: skip
_SYLLABLES = ("zo", "ra", "vik", "ke", "lu", "mir", "ta", "nor", "qui", "sel", "dor", "ban", "ex", "pol", "yar",
              "fen", "gri", "tho", "wul", "jas", "oru", "ska", "bel", "tri")  # fmt: skip
_GENERIC_WORDS = ("Technology", "Trading", "Electronics", "International", "Cloud", "Semiconductor", "Beijing",
                  "Shenzhen", "Digital", "Systems", "Research Institute", "Holdings")  # fmt: skip


@functools.cache
def bundled_entries() -> tuple[ListEntry, ...]:
    """The list entries shipped in ``compliance/data/lists`` (needs the screening package)."""
    from compliance.screening import load_bundled

    entries, _ = load_bundled()
    return tuple(entries)


@st.composite
def noisy_name(draw: st.DrawFn, name: str) -> str:
    """*name* written another way: case, punctuation (. and ,), spacing and legal-form noise.

    Every change is one a name-screening tool must see through: letters, their order and any parenthesised
    part are kept; only legal-form words at the end are added or dropped.
    """
    words = name.split()
    trailing = [s for s in LEGAL_SUFFIXES if name.lower().endswith(" " + s.lower())]
    drop: bool = draw(st.booleans())
    if trailing and drop:
        words = words[: -len(trailing[0].split())]
    if draw(st.booleans()):
        words += draw(st.sampled_from(LEGAL_SUFFIXES)).split()
    cased = [_recase(w, draw(st.sampled_from(("keep", "lower", "upper", "title", "swap")))) for w in words]
    punctuated = [_repunctuate(w, draw(st.sampled_from(("keep", "strip", "dot", "comma")))) for w in cased]
    gaps = [draw(st.sampled_from((" ", " ", "  ", "\t", " \u00a0"))) for _ in punctuated[1:]]
    lead, trail = draw(st.sampled_from(("", " ", "  "))), draw(st.sampled_from(("", " ", "\n")))
    text = punctuated[0] + "".join(gap + word for gap, word in zip(gaps, punctuated[1:], strict=True))
    return lead + text + trail


def _recase(word: str, how: str) -> str:
    return {"lower": word.lower(), "upper": word.upper(), "title": word.title(), "swap": word.swapcase()}.get(how, word)


def _repunctuate(word: str, how: str) -> str:
    bare = word.rstrip(".,")
    if how == "strip" and bare:
        return bare.replace(".", "")
    if how in ("dot", "comma") and bare and bare[-1].isalnum():
        return bare + ("." if how == "dot" else ",")
    return word


@st.composite
def listed_names(draw: st.DrawFn, entries: Sequence[ListEntry] | None = None) -> tuple[ListEntry, str]:
    """A list entry (default: the bundled lists) and its name or one of its aliases, with noise."""
    entry = draw(st.sampled_from(list(entries if entries is not None else bundled_entries())))
    written = draw(st.sampled_from((entry.name, *entry.aliases)))
    return entry, draw(noisy_name(written))


@st.composite
def unrelated_names(draw: st.DrawFn) -> str:
    """A made-up company name of invented words, sometimes with generic words and a legal form.

    Not on any list: the invented words are built from syllables no listed name is made of.
    """
    words = [
        "".join(draw(st.lists(st.sampled_from(_SYLLABLES), min_size=2, max_size=4))).capitalize()
        for _ in range(draw(st.integers(1, 3)))
    ]
    if draw(st.booleans()):
        words.append(draw(st.sampled_from(_GENERIC_WORDS)))
    if draw(st.booleans()):
        words.append(draw(st.sampled_from(LEGAL_SUFFIXES)))
    return " ".join(words)


def party_names() -> SearchStrategy[str]:
    """Party names: plain, made up, or a listed name with noise (so screening hits happen)."""
    plain = st.sampled_from(("Acme Cloud Ltd", "Orion Data Center", "Example University"))
    return st.one_of(plain, unrelated_names(), listed_names().map(lambda pair: pair[1]))


# --- TOML ----------------------------------------------------------------------------------------------

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def dump_toml(document: Mapping[str, Any]) -> str:
    """A ruleset, scenario or transaction document as TOML text that ``tomllib`` reads back.

    Top-level tables become ``[name]``, lists of tables ``[[name]]``; deeper tables are written inline.
    ``None`` values are left out (TOML has no null); tuples are arrays; dates stay dates; Decimals are
    written as numbers (read them back with ``tomllib.loads(text, parse_float=Decimal)`` to keep them exact).
    """
    lines = [f"{_key(k)} = {_value(v)}" for k, v in document.items() if v is not None and not _is_table(v)]
    for key, value in document.items():
        if isinstance(value, Mapping):
            lines += ["", f"[{_key(key)}]", *_pairs(value)]
        elif _is_table_list(value):
            for entry in value:
                lines += ["", f"[[{_key(key)}]]", *_pairs(entry)]
    return "\n".join(lines).lstrip("\n") + "\n"


def _is_table(value: Any) -> bool:
    return isinstance(value, Mapping) or _is_table_list(value)


def _is_table_list(value: Any) -> bool:
    return isinstance(value, list | tuple) and bool(value) and all(isinstance(v, Mapping) for v in value)


def _pairs(table: Mapping[str, Any]) -> list[str]:
    return [f"{_key(k)} = {_value(v)}" for k, v in table.items() if v is not None]


def _key(key: Any) -> str:
    text = str(key)
    return text if _BARE_KEY.match(text) else json.dumps(text, ensure_ascii=False)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal):
        return _number(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, Mapping):
        return "{ " + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items() if v is not None) + " }"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} to TOML: {value!r}")


def _number(value: int | Decimal) -> str:
    if isinstance(value, int) or value == value.to_integral_value():
        return str(int(value))
    text = format(value, "f")
    return text if "." in text else text + ".0"


def toml_data(document: Mapping[str, Any]) -> dict[str, Any]:
    """What ``tomllib.loads(dump_toml(document), parse_float=Decimal)`` gives: Nones dropped, tuples as
    lists, keys as strings, integral Decimals as ints, fractional ones as Decimals."""
    return {str(k): _plain(v) for k, v in document.items() if v is not None}


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return toml_data(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else Decimal(_number(value))
    return value


# --- comparing decisions -------------------------------------------------------------------------------


def decision_key(
    decision: Decision, items: Sequence[int] | None = None, parties: Sequence[int] | None = None
) -> dict[str, Any]:
    """A decision as comparable data, item and party indexes mapped through *items* and *parties*.

    When a transaction's items were permuted so that new item ``i`` is old item ``items[i]`` (likewise
    parties), ``decision_key(new, items, parties) == decision_key(old)`` says the decisions agree.
    """

    def remap(entry: dict[str, Any]) -> dict[str, Any]:
        out = dict(entry)
        if items is not None and out.get("item") is not None:
            out["item"] = items[out["item"]]
        if parties is not None and out.get("party") is not None:
            out["party"] = parties[out["party"]]
        if "derived_from" in out:
            out["derived_from"] = _sorted([remap(d) for d in out["derived_from"]])
        return out

    data = decision.model_dump(mode="json")
    for name in ("findings", "authorized", "derived"):
        data[name] = _sorted([remap(entry) for entry in data[name]])
    return data


def _sorted(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(entries, key=lambda e: json.dumps(e, sort_keys=True))


_UNRENDERED = re.compile(r"\{[A-Za-z_][A-Za-z0-9_.:]*\}")


def finding_problems(finding: Finding) -> list[str]:
    """What is wrong with a finding as an explanation: no citation, no evidence, a placeholder left over."""
    problems = []
    if not finding.citation.strip():
        problems.append(f"{finding.rule_id}: no citation")
    if not finding.evidence and not any(d.evidence for d in finding.derived_from):
        problems.append(f"{finding.rule_id}: no evidence")
    for text in (finding.explanation, finding.remedy or ""):
        for placeholder in _UNRENDERED.findall(text):
            problems.append(f"{finding.rule_id}: unrendered {placeholder} in {text!r}")
    return problems


# --- checking a user's ruleset -------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckResult:
    """One invariant checked against a ruleset: passed, or the smallest failing example found."""

    name: str
    description: str
    passed: bool
    detail: str = ""


@dataclass(frozen=True)
class Report:
    """The result of :func:`check_ruleset`; ``str(report)`` is a readable summary."""

    path: str
    rules: int
    examples: int
    results: tuple[CheckResult, ...] = field(default=())

    @property
    def ok(self) -> bool:
        """True when every invariant held."""
        return all(r.passed for r in self.results)

    def __str__(self) -> str:
        head = f"{self.path}: {self.rules} rules, up to {self.examples} generated transactions per invariant"
        lines = [head]
        for result in self.results:
            lines.append(f"  {'ok  ' if result.passed else 'FAIL'} {result.name}: {result.description}")
            lines += [f"       {line}" for line in result.detail.splitlines() if not result.passed]
        return "\n".join(lines)


Invariant = Callable[["_Subject", dict[str, Any], dt.date], list[str]]


@dataclass
class _Subject:
    """What the invariants run against: engines over the same rules, loaded two ways."""

    ruleset: Ruleset
    durable: Engine
    reference: Engine
    reversed_files: Engine


def _agreement(subject: _Subject, txn: dict[str, Any], day: dt.date) -> list[str]:
    durable, reference = subject.durable.evaluate(txn, day), subject.reference.evaluate(txn, day)
    if decision_key(durable) == decision_key(reference):
        return []
    return [f"durable gives {_summary(durable)} but the reference evaluator gives {_summary(reference)}"]


def _time_windows(subject: _Subject, txn: dict[str, Any], day: dt.date) -> list[str]:
    decision = subject.durable.evaluate(txn, day)
    problems = []
    for finding in (*decision.findings, *decision.authorized):
        spec = subject.ruleset.rule(finding.rule_id).spec
        if not spec.in_force(day):
            problems.append(f"{finding.rule_id} fired on {day}, outside its window or while suspended")
    return problems


def _explanations(subject: _Subject, txn: dict[str, Any], day: dt.date) -> list[str]:
    decision = subject.durable.evaluate(txn, day)
    return [p for finding in (*decision.findings, *decision.authorized) for p in finding_problems(finding)]


def _determinism(subject: _Subject, txn: dict[str, Any], day: dt.date) -> list[str]:
    first = subject.durable.evaluate(txn, day)
    again = subject.durable.evaluate(txn, day)
    other_order = subject.reversed_files.evaluate(txn, day)
    rng = random.Random(json.dumps(txn, sort_keys=True, default=str))
    item_order, party_order = _shuffled(len(txn["items"]), rng), _shuffled(len(txn["parties"]), rng)
    shuffled = {
        **txn,
        "items": [txn["items"][i] for i in item_order],
        "parties": [txn["parties"][i] for i in party_order],
    }
    permuted = subject.durable.evaluate(shuffled, day)
    problems = []
    if decision_key(again) != decision_key(first):
        problems.append(f"the same transaction evaluated twice: {_summary(first)}, then {_summary(again)}")
    if decision_key(other_order) != decision_key(first):
        problems.append(f"rule files loaded in reverse order give {_summary(other_order)}, not {_summary(first)}")
    if decision_key(permuted, item_order, party_order) != decision_key(first):
        problems.append(
            f"items in order {item_order} and parties in order {party_order} give {_summary(permuted)}, "
            f"not {_summary(first)}"
        )
    return problems


def _shuffled(size: int, rng: random.Random) -> list[int]:
    order = list(range(size))
    rng.shuffle(order)
    return order


def _summary(decision: Decision) -> str:
    rules = ", ".join(sorted({f"{f.rule_id}@{f.item},{f.party}" for f in decision.findings})) or "no findings"
    errors = f"; errors: {'; '.join(decision.errors)}" if decision.errors else ""
    return f"{decision.outcome.value} ({rules}){errors}"


INVARIANTS: Mapping[str, tuple[str, Invariant]] = {
    "agreement": ("durable-rules and the reference evaluator give the same decision", _agreement),
    "time-windows": ("no finding comes from a rule outside its effective window", _time_windows),
    "explanations": ("every finding has a citation, evidence and no unrendered placeholder", _explanations),
    "determinism": (
        "the same decision twice, with rule files in another order, and with items and parties shuffled",
        _determinism,
    ),
}
"""The generic invariants :func:`check_ruleset` runs: name -> (what it says, the check)."""


def check_ruleset(
    path: str | Path | Sequence[str | Path],
    *,
    scenarios: Sequence[str | Path] = (),
    max_examples: int = 50,
    transactions_strategy: SearchStrategy[dict[str, Any]] | None = None,
    invariants: Sequence[str] = tuple(INVARIANTS),
    derandomize: bool = True,
) -> Report:
    """Run the generic invariants against the rules under *path* (files or directories).

    Each invariant is checked on up to *max_examples* generated transactions (default:
    :func:`ruleset_transactions`), evaluated on their own date or one near a boundary of the ruleset; a
    failure is shrunk to a small example, given in the result's ``detail``. Loading errors raise
    :class:`~compliance.RulesetError`.

    >>> report = check_ruleset("rulesets", max_examples=10)   # doctest: +SKIP
    >>> report.ok, str(report)                                  # doctest: +SKIP
    """
    from compliance.evaluate import Engine

    paths = [path] if isinstance(path, str | Path) else list(path)
    ruleset = load(paths, scenarios)
    files = ruleset_files(paths)
    subject = _Subject(
        ruleset,
        Engine(ruleset, backend="durable"),
        Engine(ruleset, backend="reference"),
        Engine(load(files[::-1], scenarios), backend="durable"),
    )
    strategy = transactions_strategy or ruleset_transactions(ruleset)
    results = tuple(
        _run(name, subject, strategy, max_examples, derandomize) for name in invariants if name in INVARIANTS
    )
    label = ", ".join(str(p) for p in paths)
    return Report(label, len(ruleset.rules), max_examples, results)


def _run(
    name: str, subject: _Subject, strategy: SearchStrategy[dict[str, Any]], max_examples: int, derandomize: bool
) -> CheckResult:
    description, invariant = INVARIANTS[name]

    @settings(
        max_examples=max_examples,
        derandomize=derandomize,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(txn=strategy, day=st.one_of(st.none(), ruleset_dates(subject.ruleset)))
    def check(txn: dict[str, Any], day: dt.date | None) -> None:
        problems = invariant(subject, txn, day or txn["date"])
        assert not problems, "\n".join(problems)

    try:
        check()
    except AssertionError as exc:
        notes = "\n".join(getattr(exc, "__notes__", []))
        return CheckResult(name, description, False, f"{exc}\n{notes}".strip())
    return CheckResult(name, description, True)
