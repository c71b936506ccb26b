"""Aggregate ownership by listed parties, for the Affiliates rule (>= 50%, 90 FR 47201).

Owners' shares add up "individually or in aggregate": two Entity-Listed owners with 30% and 25% make
55%. An owner counts when it declares a listing on one of the counted lists or screens as listed on one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from compliance.model import Owner
from compliance.screening.codes import AFFILIATES_RULE_LISTS


@dataclass(frozen=True, slots=True)
class OwnerVerdict:
    """Which lists an owner is on, and how that was found."""

    owner: Owner
    lists: frozenset[str]
    via: str


def counts(verdict: OwnerVerdict, lists: frozenset[str] = AFFILIATES_RULE_LISTS) -> bool:
    """Whether the owner's share counts towards listed ownership."""
    return bool(verdict.lists & lists)


def listed_owner_percent(verdicts: Iterable[OwnerVerdict], lists: frozenset[str] = AFFILIATES_RULE_LISTS) -> Decimal:
    """The aggregate percent owned by owners listed on *lists*, capped at 100."""
    total = sum((v.owner.percent for v in verdicts if counts(v, lists)), Decimal(0))
    return min(total, Decimal(100))


def explain_ownership(verdicts: Iterable[OwnerVerdict], lists: frozenset[str] = AFFILIATES_RULE_LISTS) -> str:
    """One line naming each counted owner, its share and why it counts."""
    parts = [f"{v.owner.name} {v.owner.percent}% ({v.via})" for v in verdicts if counts(v, lists)]
    return "; ".join(parts) if parts else "no listed owners"
