"""Screening from the listings a transaction declares itself, without any list files.

:class:`DeclaredScreener` is the full screener over an empty list: parties and owners count only through
their declared listings, with exactly the same rules (list codes, footnotes, the Affiliates-rule share) as
when list files are loaded.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from compliance.model import Party, PartyScreening
from compliance.screening import Screener


class PartyScreener(Protocol):
    """Anything that screens a party as of a date."""

    def screen_party(self, party: Party, as_of: dt.date) -> PartyScreening:
        """What the lists say about *party* on *as_of*."""
        ...

    @property
    def sources(self) -> tuple[str, ...]:
        """The lists used, with their snapshot dates."""
        ...


class DeclaredScreener(Screener):
    """A screener with no list entries: only declared listings count."""

    def __init__(self) -> None:
        super().__init__([], sources=("declared",))
