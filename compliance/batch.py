"""Facts about a transaction that come from the rest of its batch.

Clustering individually uncontrolled chips is a batch-level risk: one end user ordering many small lots can
reach supercomputer scale. :func:`batch_facts` sums, per end user (normalised name and country), the TPP and
the number of orders across a batch, and gives each transaction its end user's totals as ``batch.*`` facts,
which rules test like any other fact (``txn.batch.end_user_tpp >= ...``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from compliance.model import PartyRole, Transaction

_NOISE = re.compile(r"[^a-z0-9]+")


def end_user_key(txn: Transaction) -> tuple[str, str] | None:
    """The transaction's end user as (normalised name, country), or None when it names none."""
    for party in txn.parties:
        if party.role is PartyRole.END_USER:
            return _NOISE.sub(" ", party.name.lower()).strip(), party.country
    return None


def batch_facts(transactions: Iterable[Transaction]) -> dict[str, dict[str, Any]]:
    """Per transaction id, its end user's totals over the batch (transactions without an end user: none)."""
    txns = list(transactions)
    tpp: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    orders: dict[tuple[str, str], int] = defaultdict(int)
    for txn in txns:
        key = end_user_key(txn)
        if key is not None:
            tpp[key] += sum((i.total_tpp for i in txn.items if i.total_tpp is not None), Decimal(0))
            orders[key] += 1
    facts: dict[str, dict[str, Any]] = {}
    for txn in txns:
        key = end_user_key(txn)
        if key is not None:
            facts[txn.transaction_id] = {"batch.end_user_tpp": tpp[key], "batch.end_user_orders": Decimal(orders[key])}
    return facts


def context_for(facts: Mapping[str, Mapping[str, Any]], transaction_id: str | None) -> Mapping[str, Any] | None:
    """The batch facts of one transaction, if any."""
    return facts.get(transaction_id) if transaction_id is not None else None
