"""Restricted-party screening: lists, name matching, ownership, and the party facts the rules test.

The engine uses ``Screener``::

    screener = Screener.bundled()                      # or Screener.from_paths([Path("csl.csv")])
    screener.screen("Huawei Technologies Co Ltd", country="CN", as_of=date(2026, 1, 1))
    screener.screen_party(party, as_of)                # -> compliance.model.PartyScreening
    screener.sources                                   # the list files and snapshot dates used
"""

from __future__ import annotations

from compliance.screening.candidates import Candidate, Level
from compliance.screening.codes import (
    AFFILIATES_RULE_LISTS,
    CSL_SOURCES,
    LIST_CODES,
    RED_FLAG_LISTS,
    RESTRICTIVE_LISTS,
    list_code_for_source,
    parse_footnotes,
)
from compliance.screening.csl import CSL_HEADER
from compliance.screening.entries import Address, ListEntry
from compliance.screening.errors import ScreeningListError
from compliance.screening.lists import load_bundled, load_path, load_paths
from compliance.screening.normalize import name_tokens
from compliance.screening.screener import MatchPolicy, Screener

__all__ = [
    "AFFILIATES_RULE_LISTS",
    "CSL_HEADER",
    "CSL_SOURCES",
    "LIST_CODES",
    "RED_FLAG_LISTS",
    "RESTRICTIVE_LISTS",
    "Address",
    "Candidate",
    "Level",
    "ListEntry",
    "MatchPolicy",
    "Screener",
    "ScreeningListError",
    "list_code_for_source",
    "load_bundled",
    "load_path",
    "load_paths",
    "name_tokens",
    "parse_footnotes",
]
