"""From candidates and declared listings to the party facts the rules test (``PartyScreening``).

``listed`` means on any list in ``RESTRICTIVE_LISTS`` (every known list except the Unverified List);
a UVL match is a red flag and sets ``screening_review`` instead. Fuzzy ("review") candidates never set
a list flag: they set ``screening_review``, unless the party is already listed on that same list (an
exact Huawei match also half-matches Huawei's foreign affiliates; that adds nothing to review).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from compliance.model import Listing, PartyScreening, ScreeningHit
from compliance.screening.candidates import Candidate
from compliance.screening.codes import LIST_CODES, RED_FLAG_LISTS, RESTRICTIVE_LISTS, list_code_for_source

_FLAGS: dict[str, str] = {
    "EL": "entity_listed",
    "MEU": "meu_listed",
    "SDN": "sdn_listed",
    "CN-UEL": "cn_uel_listed",
    "CN-CCL": "cn_control_listed",
}


def canonical_list(code: str) -> str:
    """A declared list name as a list code: ``"el"`` -> ``EL``; unknown names are kept, upper-cased."""
    upper = code.strip().upper()
    if upper in LIST_CODES:
        return upper
    return list_code_for_source(code) or upper


def declared_hit(name: str, listing: Listing) -> ScreeningHit:
    """A declared listing as a hit, so it shows in the evidence like a screened one."""
    code = canonical_list(listing.list)
    footnotes = (listing.footnote,) if listing.footnote is not None and code == "EL" else ()
    return ScreeningHit(
        list=code,
        entry_name=name,
        matched_name=name,
        level="review" if code in RED_FLAG_LISTS else "listed",
        score=100.0,
        why=f"declared listing on {code}" + (f" with footnote {listing.footnote}" if footnotes else ""),
        footnotes=footnotes,
        source="declared",
    )


def _is_restrictive(code: str) -> bool:
    # An unknown declared list fails closed: it counts as restrictive.
    return code in RESTRICTIVE_LISTS or code not in LIST_CODES


def party_facts(
    candidates: Sequence[Candidate],
    declared: Iterable[ScreeningHit],
    owner_hits: Iterable[ScreeningHit] = (),
    listed_owner_pct: Decimal = Decimal(0),
) -> PartyScreening:
    """The party facts from its own candidates, its declared listings and its owners' share."""
    own = [*declared, *(c.to_hit() for c in candidates)]
    listed = [h for h in own if h.level == "listed"]
    lists = {h.list for h in listed}
    footnotes = {n for h in listed if h.list == "EL" for n in h.footnotes}
    best = next((c for c in sorted(candidates, key=lambda c: c.sort_key)), None)
    flags = {flag: code in lists for code, flag in _FLAGS.items()}
    return PartyScreening(
        listed=any(_is_restrictive(code) for code in lists),
        el_footnote1=1 in footnotes,
        el_footnote4=4 in footnotes,
        el_footnote5=5 in footnotes,
        listed_owner_pct=listed_owner_pct,
        screening_review=any(h.level == "review" and h.list not in lists for h in own) or bool(lists & RED_FLAG_LISTS),
        screening_match=best.entry.name if best else None,
        hits=(*own, *owner_hits),
        **flags,
    )
