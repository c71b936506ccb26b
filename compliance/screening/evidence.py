"""Country and address as evidence for or against a name match."""

from __future__ import annotations

from dataclasses import dataclass

from compliance.countries import COUNTRIES
from compliance.screening.entries import ListEntry
from compliance.screening.normalize import GENERIC, STOPWORDS, raw_tokens

_ADDRESS_NOISE = (
    frozenset(
        """road rd street st avenue ave lane district county town village building bldg floor fl room rm
    no number park zone area suite unit block tower north south east west city province""".split()  # noqa: SIM905
    )
    | STOPWORDS
    | GENERIC
)
_COUNTRY_WORDS = frozenset(t for name in COUNTRIES.values() for t in raw_tokens(name))


@dataclass(frozen=True, slots=True)
class Evidence:
    """A score adjustment and its reason."""

    points: float
    text: str


def country_evidence(country: str | None, entry: ListEntry, *, bonus: float, penalty: float) -> Evidence | None:
    """Support when *country* is one of the entry's countries, contradiction when it is not."""
    if not country or not entry.countries:
        return None
    listed = ", ".join(sorted(entry.countries))
    if country in entry.countries:
        return Evidence(bonus, f"country {country} agrees with the entry ({listed})")
    return Evidence(-penalty, f"country {country} contradicts the entry ({listed})")


def address_tokens(text: str) -> frozenset[str]:
    """The identifying words of an address: no street-type words, generic words or country names."""
    return frozenset(t for t in raw_tokens(text) if t not in _ADDRESS_NOISE and t not in _COUNTRY_WORDS)


def address_evidence(address: str | None, entry: ListEntry, *, bonus: float) -> Evidence | None:
    """Support when at least half of the query address's identifying words are in an entry address."""
    if not address or not entry.addresses:
        return None
    query = address_tokens(address)
    if not query:
        return None
    for listed in entry.addresses:
        shared = query & address_tokens(listed.text)
        if len(shared) * 2 >= len(query):
            return Evidence(bonus, f"address shares {', '.join(sorted(shared))} with '{listed.text}'")
    return None
