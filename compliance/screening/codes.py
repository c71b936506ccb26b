"""List codes, the CSL ``source`` strings that name them, and what each list means for a party.

A list code is short and stable (``EL``, ``MEU``, ``CN-UEL``); the CSL spells lists out in its ``source``
column, e.g. ``"Entity List (EL) - Bureau of Industry and Security"``.
"""

from __future__ import annotations

import re

CSL_SOURCES: dict[str, str] = {
    "Entity List (EL) - Bureau of Industry and Security": "EL",
    "Military End User (MEU) List - Bureau of Industry and Security": "MEU",
    "Unverified List (UVL) - Bureau of Industry and Security": "UVL",
    "Denied Persons List (DPL) - Bureau of Industry and Security": "DPL",
    "Nonproliferation Sanctions (ISN) - State Department": "ISN",
    "ITAR Debarred (DTC) - State Department": "DTC",
    "Specially Designated Nationals (SDN) - Treasury Department": "SDN",
    "Sectoral Sanctions Identifications List (SSI) - Treasury Department": "SSI",
    "Foreign Sanctions Evaders (FSE) - Treasury Department": "FSE",
    "Palestinian Legislative Council List (PLC) - Treasury Department": "PLC",
    "Non-SDN Menu-Based Sanctions List (NS-MBS List) - Treasury Department": "MBS",
    "Non-SDN Chinese Military-Industrial Complex Companies List (CMIC) - Treasury Department": "CMIC",
    "Correspondent Account or Payable-Through Account Sanctions (CAPTA) - Treasury Department": "CAP",
}
"""Exact ``source`` strings seen in published CSL files, by list code."""

_PAREN_CODES: dict[str, str] = {
    "EL": "EL", "MEU": "MEU", "UVL": "UVL", "DPL": "DPL", "ISN": "ISN", "DTC": "DTC", "SDN": "SDN",
    "SSI": "SSI", "FSE": "FSE", "PLC": "PLC", "NS-MBS": "MBS", "MBS": "MBS", "CMIC": "CMIC",
    "NS-CMIC": "CMIC", "CAPTA": "CAP", "CAP": "CAP",
}  # fmt: skip

US_LISTS: frozenset[str] = frozenset(CSL_SOURCES.values())
"""The US lists the CSL consolidates."""

CHINA_LISTS: frozenset[str] = frozenset({"CN-UEL", "CN-CCL"})
"""China's Unreliable Entity List (MOFCOM) and Export Control Control List."""

LIST_CODES: frozenset[str] = US_LISTS | CHINA_LISTS
"""Every list code this package knows."""

RED_FLAG_LISTS: frozenset[str] = frozenset({"UVL"})
"""Lists that call for more diligence but restrict nothing by themselves: a hit means review, not listed."""

RESTRICTIVE_LISTS: frozenset[str] = LIST_CODES - RED_FLAG_LISTS
"""Lists whose parties count as ``listed``."""

AFFILIATES_RULE_LISTS: frozenset[str] = frozenset({"EL", "MEU", "SDN"})
"""Lists whose owners count towards the 50% Affiliates rule (90 FR 47201)."""

_PAREN = re.compile(r"\(([A-Z][A-Z-]*)(?: List)?\)")


def list_code_for_source(source: str) -> str | None:
    """The list code for a CSL ``source`` string, or None when it names no known list.

    Exact published strings are looked up first; otherwise the code in parentheses decides, so
    ``"Non-SDN Chinese Military-Industrial Complex Companies List (CMIC) - Treasury"`` maps to ``CMIC``.
    """
    text = source.strip()
    if text in CSL_SOURCES:
        return CSL_SOURCES[text]
    if text in LIST_CODES:
        return text
    found = _PAREN.search(text)
    return _PAREN_CODES.get(found.group(1)) if found else None


# A footnote marker follows a closing parenthesis of a CFR paragraph, e.g. "734.9(g),3 746.8(a)(3)"
# (flattened superscript) or "(e)(2)(i)1;"; or it is spelled out as "footnote 1".
_MARKER = re.compile(r"\)\s?,?\s?([1-9])(?![\d(.]|\s*\()")
_SPELLED = re.compile(r"\bfootnote\s+([1-9])\b", re.IGNORECASE)


def parse_footnotes(license_requirement: str | None) -> tuple[int, ...]:
    """Entity List footnote numbers marked inline in a CSL ``license_requirement`` text, sorted.

    >>> parse_footnotes("For all items subject to the EAR. (See §§ 734.9(g),3 746.8(a)(3), and 744.21(b))")
    (3,)
    """
    if not license_requirement:
        return ()
    found = {int(m) for m in _MARKER.findall(license_requirement)}
    found |= {int(m) for m in _SPELLED.findall(license_requirement)}
    return tuple(sorted(found))
