"""The Screener: list entries in, candidates and party facts out."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from compliance.model import Owner, Party, PartyScreening
from compliance.screening.candidates import Candidate, Level
from compliance.screening.entries import ListEntry
from compliance.screening.evidence import Evidence, address_evidence, country_evidence
from compliance.screening.facts import canonical_list, declared_hit, party_facts
from compliance.screening.index import BlockIndex, Variant, make_variant
from compliance.screening.lists import load_bundled, load_paths
from compliance.screening.match import NameScore, score_tokens
from compliance.screening.normalize import (
    canonical,
    clean_alias,
    exact_keys,
    fuzzy_tokens,
    literal_tokens,
    name_variants,
    query_variants,
)
from compliance.screening.ownership import OwnerVerdict, listed_owner_percent


@dataclass(frozen=True, slots=True)
class MatchPolicy:
    """The numbers that turn scores into levels. Scores run 0-100."""

    review_threshold: float = 88.0
    listed_threshold: float = 100.0
    country_bonus: float = 5.0
    country_penalty: float = 10.0
    address_bonus: float = 5.0
    max_candidates: int = 30
    near_penalty: float = 5.0
    max_scored: int = 5


def entry_variants(number: int, entry: ListEntry) -> list[Variant]:
    """Every way *entry* is written: name and aliases, each with and without parenthesised parts."""
    found = [make_variant(number, text, is_alias=False) for text in name_variants(entry.name)]
    for alias in entry.aliases:
        found += [make_variant(number, text, is_alias=True) for text in name_variants(clean_alias(alias))]
    return [v for v in found if v is not None]


class Screener:
    """Screens names and parties against list entries.

    >>> from compliance.screening import Screener
    >>> [c.level for c in Screener.bundled().screen("HUAWEI TECHNOLOGIES CO LTD", country="CN")][:1]
    ['listed']
    """

    def __init__(
        self,
        entries: Sequence[ListEntry],
        *,
        review_threshold: float = 88.0,
        listed_threshold: float = 100.0,
        country_bonus: float = 5.0,
        country_penalty: float = 10.0,
        address_bonus: float = 5.0,
        max_candidates: int = 30,
        near_penalty: float = 5.0,
        max_scored: int = 5,
        sources: Sequence[str] | None = None,
    ) -> None:
        self.entries = tuple(entries)
        self.policy = MatchPolicy(
            review_threshold,
            listed_threshold,
            country_bonus,
            country_penalty,
            address_bonus,
            max_candidates,
            near_penalty,
            max_scored,
        )
        variants = [v for number, entry in enumerate(self.entries) for v in entry_variants(number, entry)]
        self._index = BlockIndex(variants)
        labels = sources if sources is not None else (e.source for e in self.entries)
        self._sources = tuple(dict.fromkeys(labels))

    @classmethod
    def bundled(cls, **options: Any) -> Screener:
        """A screener over the lists shipped in ``compliance/data/lists``; *options* as for ``Screener``."""
        entries, sources = load_bundled()
        return cls(entries, sources=sources, **options)

    @classmethod
    def from_paths(cls, paths: Sequence[Path], **options: Any) -> Screener:
        """A screener over TOML lists, CSL ``.csv`` and CSL ``.json`` files; *options* as for ``Screener``."""
        entries, sources = load_paths(paths)
        return cls(entries, sources=sources, **options)

    @property
    def sources(self) -> tuple[str, ...]:
        """The list files and snapshot dates used, e.g. ``("bundled:huawei.toml@2026-11-28",)``."""
        return self._sources

    def screen(
        self,
        name: str,
        *,
        country: str | None = None,
        address: str | None = None,
        as_of: dt.date | None = None,
        limit: int = 10,
    ) -> list[Candidate]:
        """Candidates for *name*, best first: one per entry, entries in force on *as_of* (None: any date).

        A name with a parenthesised acronym ("... Corporation (SMIC)") is also tried without it and as
        the acronym alone; one with another parenthesised qualifier ("SMIC (Beijing)") also without the
        qualifier, but then it can only reach review.
        """
        best: dict[int, Candidate] = {}
        for text, reduced in query_variants(name):
            for number, found in self._screen_text(text, reduced, country, address, as_of):
                if number not in best or found.sort_key < best[number].sort_key:
                    best[number] = found
        return sorted(best.values(), key=lambda c: c.sort_key)[:limit]

    def _screen_text(
        self, text: str, reduced: bool, country: str | None, address: str | None, as_of: dt.date | None
    ) -> list[tuple[int, Candidate]]:
        """(entry number, candidate) for one form of the queried name."""
        literal = literal_tokens(text)
        if not literal:
            return []
        keys, query = exact_keys(literal), fuzzy_tokens(canonical(literal))
        blocked = self._index.candidates(query, self.policy.max_candidates)
        shortlist = self._index.closest(query, blocked, self.policy.max_scored)
        found = []
        for number in dict.fromkeys([*self._index.exact(keys), *shortlist]):
            variant = self._index.variants[number]
            entry = self.entries[variant.entry]
            judged = entry.active_on(as_of) and self._judge(
                variant, entry, keys, query, reduced, country, address, as_of
            )
            if judged:
                found.append((variant.entry, judged))
        return found

    def _judge(
        self,
        variant: Variant,
        entry: ListEntry,
        keys: frozenset[str],
        query: tuple[str, ...],
        reduced: bool,
        country: str | None,
        address: str | None,
        as_of: dt.date | None,
    ) -> Candidate | None:
        policy = self.policy
        exact = not reduced and not variant.keys.isdisjoint(keys)
        named = self._name_score(variant, query, exact, reduced)
        if named.score < policy.review_threshold - policy.country_bonus - policy.address_bonus:
            return None
        evidence = self._evidence(entry, country, address)
        score = max(0.0, min(100.0, named.score + sum(e.points for e in evidence)))
        level = level_for(named.score, score, any(e.points < 0 for e in evidence), policy)
        if level is None:
            return None
        how = f"{'exact' if exact else 'fuzzy'} {'alias' if variant.is_alias else 'name'}"
        why = _why(how, variant, named, evidence, score, level, exact)
        return Candidate(entry, variant.text, level, round(score, 1), named.score, how, why, entry.footnotes_on(as_of))

    def _name_score(self, variant: Variant, query: tuple[str, ...], exact: bool, reduced: bool) -> NameScore:
        if exact:
            return NameScore(100.0, (), (), ())
        named = score_tokens(query, variant.tokens, self.policy.near_penalty)
        if reduced:  # a qualifier was dropped from the query: near, not exact
            return dataclasses.replace(named, score=min(named.score, 100.0 - self.policy.near_penalty))
        return named

    def _evidence(self, entry: ListEntry, country: str | None, address: str | None) -> list[Evidence]:
        policy = self.policy
        found = (
            country_evidence(country, entry, bonus=policy.country_bonus, penalty=policy.country_penalty),
            address_evidence(address, entry, bonus=policy.address_bonus),
        )
        return [e for e in found if e is not None]

    def screen_party(self, party: Party, as_of: dt.date) -> PartyScreening:
        """The party facts as of *as_of*: its own matches, declared listings and listed ownership.

        Owners' candidates are appended to ``hits`` with ``why`` starting "owner '<name>' (<percent>%): ",
        so the listed ownership share is explained; they set no list flag of the party itself.
        """
        candidates = self.screen(party.name, country=party.country, address=party.address, as_of=as_of)
        declared = [declared_hit(party.name, listing) for listing in party.listings]
        screened = [(owner, self.screen(owner.name, country=owner.country, as_of=as_of)) for owner in party.owners]
        verdicts = [owner_verdict(owner, found) for owner, found in screened]
        owner_hits = [
            c.to_hit(prefix=f"owner '{owner.name}' ({owner.percent}%): ") for owner, found in screened for c in found
        ]
        return party_facts(candidates, declared, owner_hits, listed_owner_percent(verdicts))


def level_for(name_score: float, score: float, contradicted: bool, policy: MatchPolicy) -> Level | None:
    """ "listed" for a name at the listed threshold that nothing contradicts; "review" for a total score at
    the review threshold; else None."""
    if name_score >= policy.listed_threshold and not contradicted:
        return "listed"
    return "review" if score >= policy.review_threshold else None


def owner_verdict(owner: Owner, candidates: Sequence[Candidate]) -> OwnerVerdict:
    """Which lists *owner* is on: its declared listings plus its "listed" candidates."""
    declared = sorted({canonical_list(listing.list) for listing in owner.listings})
    screened = [c for c in candidates if c.level == "listed"]
    via = [f"declared {code}" for code in declared] + [f"{c.entry.list}: {c.entry.name}" for c in screened]
    lists = frozenset(declared) | {c.entry.list for c in screened}
    return OwnerVerdict(owner, lists, ", ".join(via) or "not listed")


def _why(
    how: str,
    variant: Variant,
    named: NameScore,
    evidence: list[Evidence],
    score: float,
    level: Level,
    exact: bool,
) -> str:
    if exact:
        text = f"{how} match: '{variant.text}' normalises to the same words"
    else:
        text = f"{how} match to '{variant.text}' scores {named.score:g}: {named.explain()}"
    for item in evidence:
        text += f"; {item.text} ({item.points:+g})"
    if evidence:
        text += f"; total {score:g}"
    return f"{text} -> {level}"
