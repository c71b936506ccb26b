"""The vocabulary of the condition language: every field a rule may test, its type and where it comes from."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from operator import attrgetter
from typing import Any

from compliance.model import (
    Certifications,
    EndUse,
    Item,
    ItemCategory,
    Party,
    PartyRole,
    PartyScreening,
    PublicBasis,
    Transaction,
    TransactionKind,
)

NUMBER = "number"
STRING = "string"
BOOL = "bool"
COUNTRY = "country"
ENUM = "enum"

VARIABLES = ("txn", "item", "party")
RESERVED_NAMES = frozenset({"id", "sid"})


@dataclass(frozen=True)
class FieldSpec:
    """A field's type and, for enumerations, its allowed values."""

    type: str
    values: tuple[str, ...] = ()


def _enum(cls: type[Enum]) -> FieldSpec:
    return FieldSpec(ENUM, tuple(str(m.value) for m in cls))


TXN_FIELDS: dict[str, FieldSpec] = {
    "kind": _enum(TransactionKind),
    "export_country": FieldSpec(COUNTRY),
    "destination_country": FieldSpec(COUNTRY),
    "end_use": _enum(EndUse),
    "item_count": FieldSpec(NUMBER),
    "total_tpp": FieldSpec(NUMBER),
    "total_fp64_pflops": FieldSpec(NUMBER),
    "total_fp32_pflops": FieldSpec(NUMBER),
    "certifications.all_given": FieldSpec(BOOL),
    **{f"certifications.{name}": FieldSpec(BOOL) for name in Certifications.model_fields},
    "batch.end_user_tpp": FieldSpec(NUMBER),
    "batch.end_user_orders": FieldSpec(NUMBER),
}

BATCH_FIELDS = frozenset(name for name in TXN_FIELDS if name.startswith("batch."))
"""Transaction facts that come from the other transactions of a batch (compliance.batch), not the record."""

ITEM_FIELDS: dict[str, FieldSpec] = {
    "description": FieldSpec(STRING),
    "category": _enum(ItemCategory),
    "model": FieldSpec(STRING),
    "manufacturer": FieldSpec(STRING),
    "eccn": FieldSpec(STRING),
    "eccn_base": FieldSpec(STRING),
    "hs_code": FieldSpec(STRING),
    "quantity": FieldSpec(NUMBER),
    "value": FieldSpec(NUMBER),
    "origin_country": FieldSpec(COUNTRY),
    "designer_country": FieldSpec(COUNTRY),
    "tpp": FieldSpec(NUMBER),
    "performance_density": FieldSpec(NUMBER),
    "applicable_die_area_mm2": FieldSpec(NUMBER),
    "designed_for_datacenter": FieldSpec(BOOL),
    "dram_bandwidth_gbps": FieldSpec(NUMBER),
    "interconnect_bandwidth_gbps": FieldSpec(NUMBER),
    "memory_bandwidth_density": FieldSpec(NUMBER),
    "copackaged_with_logic": FieldSpec(BOOL),
    "us_controlled_content_pct": FieldSpec(NUMBER),
    "made_with_us_technology": FieldSpec(BOOL),
    "produced_by_us_origin_plant": FieldSpec(BOOL),
    "china_origin_content_pct": FieldSpec(NUMBER),
    "element": FieldSpec(STRING),
    "public_basis": _enum(PublicBasis),
    "source_code": FieldSpec(BOOL),
    "total_tpp": FieldSpec(NUMBER),
    "total_fp64_pflops": FieldSpec(NUMBER),
    "total_fp32_pflops": FieldSpec(NUMBER),
}

SCREENING_FIELDS: tuple[str, ...] = (
    "listed",
    "entity_listed",
    "el_footnote1",
    "el_footnote4",
    "el_footnote5",
    "meu_listed",
    "sdn_listed",
    "cn_uel_listed",
    "cn_control_listed",
    "screening_review",
)

SCREENING_FACTS = frozenset({*SCREENING_FIELDS, "listed_owner_pct", "screening_match"})
"""Party facts that come from screening; when no rule in force reads one, screening is skipped."""

PARTY_FIELDS: dict[str, FieldSpec] = {
    "name": FieldSpec(STRING),
    "role": _enum(PartyRole),
    "country": FieldSpec(COUNTRY),
    "hq_country": FieldSpec(COUNTRY),
    "parent_country": FieldSpec(COUNTRY),
    "nationality": FieldSpec(COUNTRY),
    "permanent_residency": FieldSpec(COUNTRY),
    "us_citizen": FieldSpec(BOOL),
    "green_card_holder": FieldSpec(BOOL),
    "protected_individual": FieldSpec(BOOL),
    "foreign_person": FieldSpec(BOOL),
    "military_end_user": FieldSpec(BOOL),
    **{name: FieldSpec(BOOL) for name in SCREENING_FIELDS},
    "listed_owner_pct": FieldSpec(NUMBER),
    "screening_match": FieldSpec(STRING),
}

FIELDS: dict[str, dict[str, FieldSpec]] = {"txn": TXN_FIELDS, "item": ITEM_FIELDS, "party": PARTY_FIELDS}


def _plain(value: Any) -> Any:
    """Enum members become their string value; everything else is kept."""
    return value.value if isinstance(value, Enum) else value


def txn_values(txn: Transaction, names: Iterable[str] | None = None) -> dict[str, Any]:
    """The transaction-level field values (None where unknown); only *names* when given."""
    wanted = TXN_FIELDS if names is None else names
    return {name: _TXN_GETTERS[name](txn) if name in _TXN_GETTERS else None for name in wanted}


_TXN_GETTERS: dict[str, Callable[[Transaction], Any]] = {
    "kind": lambda t: t.kind.value,
    "export_country": lambda t: t.export_country,
    "destination_country": lambda t: t.destination_country,
    "end_use": lambda t: t.end_use.value,
    "item_count": lambda t: Decimal(len(t.items)),
    "total_tpp": lambda t: _sum_known([i.total_tpp for i in t.items]),
    "total_fp64_pflops": lambda t: _sum_known([i.total_fp64_pflops for i in t.items]),
    "total_fp32_pflops": lambda t: _sum_known([i.total_fp32_pflops for i in t.items]),
    "certifications.all_given": lambda t: t.certifications.all_given,
    **{f"certifications.{name}": attrgetter(f"certifications.{name}") for name in Certifications.model_fields},
}


def _sum_known(values: list[Decimal | None]) -> Decimal | None:
    known = [v for v in values if v is not None]
    return sum(known, Decimal(0)) if known else None


def item_values(item: Item, names: Iterable[str] | None = None) -> dict[str, Any]:
    """An item's field values, including the derived ones (TPP, performance density, ...); only *names* when
    given."""
    return {name: _plain(getattr(item, name)) for name in (ITEM_FIELDS if names is None else names)}


def party_values(party: Party, screening: PartyScreening, names: Iterable[str] | None = None) -> dict[str, Any]:
    """A party's field values joined with its screening result; only *names* when given."""
    values: dict[str, Any] = {
        "name": party.name,
        "role": party.role.value,
        "country": party.country,
        "hq_country": party.hq_country,
        "parent_country": party.parent_country,
        "nationality": party.nationality,
        "permanent_residency": party.permanent_residency,
        "us_citizen": party.us_citizen,
        "green_card_holder": party.green_card_holder,
        "protected_individual": party.protected_individual,
        "foreign_person": party.foreign_person,
        "military_end_user": party.military_end_user,
        "listed_owner_pct": screening.listed_owner_pct,
        "screening_match": screening.screening_match,
    }
    for name in SCREENING_FIELDS:
        values[name] = getattr(screening, name)
    return values if names is None else {name: values[name] for name in names}
