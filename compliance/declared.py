"""Screening from the listings a transaction declares itself, without any list files.

The full screener (:mod:`compliance.screening`) adds list matching; this is its floor and its fallback.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Protocol

from compliance.model import Listing, Party, PartyScreening

RESTRICTIVE_LISTS = frozenset({"EL", "MEU", "SDN", "DPL", "CN-UEL", "CN-CCL"})


class PartyScreener(Protocol):
    """Anything that screens a party as of a date."""

    def screen_party(self, party: Party, as_of: dt.date) -> PartyScreening:
        """What the lists say about *party* on *as_of*."""
        ...

    @property
    def sources(self) -> tuple[str, ...]:
        """The lists used, with their snapshot dates."""
        ...


def screening_from_listings(listings: Iterable[Listing], listed_owner_pct: Decimal = Decimal(0)) -> PartyScreening:
    """The screening result implied by declared listings."""
    codes = {entry.list.upper() for entry in listings}
    footnotes = {entry.footnote for entry in listings if entry.list.upper() == "EL"}
    return PartyScreening(
        listed=bool(codes & RESTRICTIVE_LISTS),
        entity_listed="EL" in codes,
        el_footnote1=1 in footnotes,
        el_footnote4=4 in footnotes,
        el_footnote5=5 in footnotes,
        meu_listed="MEU" in codes,
        sdn_listed="SDN" in codes,
        cn_uel_listed="CN-UEL" in codes,
        cn_control_listed="CN-CCL" in codes,
        listed_owner_pct=listed_owner_pct,
        screening_review="UVL" in codes,
    )


class DeclaredScreener:
    """Uses only the listings declared on parties and their owners."""

    sources: tuple[str, ...] = ("declared",)

    def screen_party(self, party: Party, as_of: dt.date) -> PartyScreening:
        """Screen *party* from its declared listings; owners with restrictive listings count towards 50%."""
        owned = sum(
            (o.percent for o in party.owners if {x.list.upper() for x in o.listings} & RESTRICTIVE_LISTS),
            Decimal(0),
        )
        return screening_from_listings(party.listings, min(owned, Decimal(100)))
