"""A list entry as every loader produces it, whatever the file format."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Address:
    """One address of a listed party. CSL files flatten addresses, so ``address`` may hold all of it."""

    address: str = ""
    city: str = ""
    state: str = ""
    postal_code: str = ""
    country: str | None = None

    @property
    def text(self) -> str:
        """The address as one line, empty parts left out."""
        parts = (self.address, self.city, self.state, self.postal_code, self.country or "")
        return ", ".join(p for p in parts if p)


@dataclass(frozen=True, slots=True)
class ListEntry:
    """One party on one list, as of the list's snapshot.

    Dates are half-open: the entry applies from ``start_date`` (inclusive) until ``end_date`` (the first
    day it no longer applies), like rule dates. Footnotes apply from ``footnotes_from`` when given (a
    footnote added to an older listing), else from ``start_date``.
    """

    id: str
    list: str
    name: str
    source: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    addresses: tuple[Address, ...] = ()
    footnotes: tuple[int, ...] = ()
    footnotes_from: dt.date | None = None
    citation: str | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    confidence: str = "V"
    source_note: str | None = None
    type: str | None = None
    programs: tuple[str, ...] = ()
    license_requirement: str | None = None
    license_policy: str | None = None
    countries: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        found = {a.country for a in self.addresses if a.country}
        if self.country:
            found.add(self.country)
        object.__setattr__(self, "countries", frozenset(found))

    def active_on(self, as_of: dt.date | None) -> bool:
        """Whether the entry applies on *as_of*; ``None`` means no date filter."""
        if as_of is None:
            return True
        if self.start_date is not None and as_of < self.start_date:
            return False
        return self.end_date is None or as_of < self.end_date

    def footnotes_on(self, as_of: dt.date | None) -> tuple[int, ...]:
        """The Entity List footnotes in force on *as_of*."""
        since = self.footnotes_from or self.start_date
        if as_of is not None and since is not None and as_of < since:
            return ()
        return self.footnotes
