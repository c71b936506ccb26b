"""Normalise a transaction into facts: typed, quantized values for the reference evaluator and the
equivalent engine facts for durable-rules (numbers as integer millionths, no nulls, no reserved keys).

Normalising here is what keeps durable-rules' silent failures away: a missing value is absent (never null),
numbers are integers (no ``1e-05`` formatting, no float equality), and every value has the type its field
declares, so no string is ever compared with a number.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from compliance.conditions import QUANTUM
from compliance.fields import item_values, party_values, txn_values
from compliance.model import PartyScreening, Transaction

FACT = "fact"
"""The engine fact key that says what a fact is: txn, item, party or derived (no model field has this name)."""
SCALE = 10**6
ENGINE_MAX = 2**62


@dataclass(frozen=True)
class Facts:
    """A transaction's facts as of one date."""

    txn: Mapping[str, Any]
    items: tuple[Mapping[str, Any], ...]
    parties: tuple[Mapping[str, Any], ...]

    def values(self, item: int | None, party: int | None) -> dict[str, Mapping[str, Any]]:
        """The variable bindings for one item and one party (either may be unbound)."""
        bound: dict[str, Mapping[str, Any]] = {"txn": self.txn}
        if item is not None:
            bound["item"] = self.items[item]
        if party is not None:
            bound["party"] = self.parties[party]
        return bound


def build(
    txn: Transaction,
    screenings: Sequence[PartyScreening],
    reads: Mapping[str, Iterable[str]] | None = None,
    batch: Mapping[str, Any] | None = None,
) -> Facts:
    """Facts for *txn* given each party's screening result (same order as ``txn.parties``).

    With *reads* (field names per variable, see :func:`compliance.cache.fields_read`) only those fields are
    computed: nothing a rule in force cannot read is built or sent to the engine. *batch* supplies the
    ``batch.*`` facts (see :mod:`compliance.batch`); without it they are unknown.
    """
    names = reads or {}
    txn_facts = txn_values(txn, names.get("txn"))
    txn_facts.update((k, v) for k, v in (batch or {}).items() if k in txn_facts)
    return Facts(
        txn=_normalise(txn_facts),
        items=tuple(_normalise(item_values(i, names.get("item"))) for i in txn.items),
        parties=tuple(
            _normalise(party_values(p, s, names.get("party"))) for p, s in zip(txn.parties, screenings, strict=True)
        ),
    )


def _normalise(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: _quantize(v) for k, v in values.items()}


def _quantize(value: Any) -> Any:
    if isinstance(value, Decimal):
        return value.quantize(QUANTUM)
    return value


def engine_value(value: Any) -> Any:
    """A fact value as durable-rules sees it: Decimals become integer millionths."""
    if isinstance(value, bool) or not isinstance(value, Decimal):
        return value
    scaled = int(value * SCALE)
    if abs(scaled) >= ENGINE_MAX:
        raise OverflowError(f"{value} is too large for the engine (limit {ENGINE_MAX // SCALE:,})")
    return scaled


def engine_key(path: str) -> str:
    """A field path as an engine fact key (dots become double underscores; no nesting ambiguity)."""
    return path.replace(".", "__")


def engine_facts(facts: Facts) -> list[dict[str, Any]]:
    """The facts to assert into one durable session: the transaction, each item, each party.

    Transaction fields are copied into item and party facts under ``txn__<field>`` so that a condition
    can mix the transaction with one item or party inside an ``or`` without a join.
    """
    txn = {engine_key(k): engine_value(v) for k, v in facts.txn.items() if v is not None}
    copied = {f"txn__{k}": v for k, v in txn.items()}
    out: list[dict[str, Any]] = [{**txn, FACT: "txn"}]
    for kind, entities in (("item", facts.items), ("party", facts.parties)):
        for index, values in enumerate(entities):
            own = {engine_key(k): engine_value(v) for k, v in values.items() if v is not None}
            out.append({**own, **copied, FACT: kind, "n": index})
    return out
