"""Candidate blocking: an inverted index from token prefixes and suffixes to listed names.

Scoring every query against every listed name is n x m. Instead each listed name is filed under short
keys (the first and last three or four letters of each token, its first two and last two letters
together, and the same for each pair of adjacent tokens written as one), and a query is only scored
against the names sharing the most keys with it. A token with one typo keeps at least one of its keys;
"hua wei" and "huawei" share the keys of "huawei".
Keys that more than 1% of the list shares (at least 100 names; ``<tec``, ``>nal``) are skipped, as they
single out nothing.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise

from rapidfuzz import fuzz, process

from compliance.screening.normalize import canonical, exact_keys, fuzzy_tokens, literal_tokens


@dataclass(frozen=True, slots=True)
class Variant:
    """One way a listed party is written: its name, an alias, or a part of either."""

    entry: int
    text: str
    is_alias: bool
    tokens: tuple[str, ...]
    keys: frozenset[str]


def make_variant(entry: int, text: str, *, is_alias: bool) -> Variant | None:
    """The variant for *text*, or None when nothing identifying is left after normalising."""
    literal = literal_tokens(text)
    if not literal:
        return None
    return Variant(entry, text, is_alias, fuzzy_tokens(canonical(literal)), exact_keys(literal))


def _token_keys(token: str) -> Iterator[str]:
    if any(ch.isdigit() for ch in token):
        return
    if len(token) <= 4:
        yield "=" + token
        return
    size = 3 if len(token) <= 7 else 4
    yield "<" + token[:size]
    yield ">" + token[-size:]
    yield "~" + token[:2] + token[-2:]


def block_keys(tokens: tuple[str, ...]) -> frozenset[str]:
    """The blocking keys of a token sequence: each token's and each adjacent pair's prefix and suffix."""
    joined = (a + b for a, b in pairwise(tokens))
    return frozenset(key for token in (*tokens, *joined) for key in _token_keys(token))


class BlockIndex:
    """Listed-name variants filed by exact key and by blocking key."""

    def __init__(self, variants: Sequence[Variant], *, max_share: float = 0.01, min_cap: int = 100) -> None:
        self.variants = tuple(variants)
        self._exact: dict[str, list[int]] = defaultdict(list)
        self._postings: dict[str, list[int]] = defaultdict(list)
        for number, variant in enumerate(self.variants):
            for key in variant.keys:
                self._exact[key].append(number)
            for key in block_keys(variant.tokens):
                self._postings[key].append(number)
        self._cap = max(min_cap, int(max_share * len(self.variants)))
        self._texts = [" ".join(v.tokens) for v in self.variants]

    def exact(self, keys: frozenset[str]) -> list[int]:
        """Variants sharing an exact key with *keys*."""
        return [number for key in keys for number in self._exact.get(key, ())]

    def candidates(self, tokens: tuple[str, ...], limit: int) -> list[int]:
        """Up to *limit* variants sharing the most blocking keys with *tokens*, most first."""
        # sorted, so that ties among equally shared names break the same way in every run
        keys = sorted(key for key in block_keys(tokens) if key in self._postings)
        usable = [key for key in keys if len(self._postings[key]) <= self._cap]
        if not usable:  # only common keys: fall back to the two rarest
            usable = sorted(keys, key=lambda key: len(self._postings[key]))[:2]
        counts: Counter[int] = Counter()
        for key in usable:
            counts.update(self._postings[key])
        return [number for number, _ in counts.most_common(limit)]

    def closest(self, tokens: tuple[str, ...], numbers: Sequence[int], limit: int) -> list[int]:
        """The *limit* variants among *numbers* closest to *tokens* by rapidfuzz's token-sort ratio.

        A cheap first cut in C, so the explained token-by-token score runs on a few names only.
        """
        if len(numbers) <= limit:
            return list(numbers)
        texts = [self._texts[number] for number in numbers]
        best = process.extract(" ".join(tokens), texts, scorer=fuzz.token_sort_ratio, limit=limit)
        return [numbers[index] for _, _, index in best]
