"""Scoring one query name against one listed name, and explaining the score.

The score is a weighted token F-measure: each query token is paired with at most one listed token
(same token, a token within a few edits, or two adjacent tokens written as one), generic words such as
"technology" or "international" count for ``GENERIC_WEIGHT``, and the score is the harmonic mean of how
much of the query and how much of the listed name the pairs cover. Numbers must agree exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import OSA

from compliance.screening.normalize import weight

_ORDINAL = re.compile(r"^(\d+)(?:st|nd|rd|th)$")


@dataclass(frozen=True, slots=True)
class TokenPair:
    """A query token paired with a listed token, and how they compare."""

    query: str
    listed: str
    similarity: float
    how: str

    def __str__(self) -> str:
        return self.query if self.how == "same" else f"{self.query}~{self.listed} ({self.how})"


@dataclass(frozen=True, slots=True)
class NameScore:
    """How well a query name matches one listed name, 0-100, with the pairs that made the score."""

    score: float
    pairs: tuple[TokenPair, ...]
    unmatched_query: tuple[str, ...]
    unmatched_listed: tuple[str, ...]
    reordered: bool = False

    def explain(self) -> str:
        """A one-line account of the score."""
        parts = [f"tokens {', '.join(str(p) for p in self.pairs) or 'none'} match"]
        if self.unmatched_query:
            parts.append(f"query has {', '.join(self.unmatched_query)} extra")
        if self.unmatched_listed:
            parts.append(f"listed name has {', '.join(self.unmatched_listed)} unmatched")
        if self.reordered:
            parts.append("same words in another order")
        return "; ".join(parts)


INITIAL_SIMILARITY = 0.8
"""How much an initial counts for the word it abbreviates ("E." for "Esteban")."""


def allowed_edits(length: int) -> int:
    """Edits tolerated between two tokens whose shorter one has *length* characters."""
    if length < 5:
        return 0
    return 1 if length < 8 else 2 if length < 13 else 3


def _number(token: str) -> str:
    found = _ORDINAL.match(token)
    return found.group(1) if found else token


@lru_cache(maxsize=1 << 16)
def token_similarity(a: str, b: str) -> tuple[float, str]:
    """Similarity of two tokens in [0, 1] and how they compare: "same", "N edit(s)" or "" (no match).

    A single letter matches a word with that initial; tokens with digits must be equal (ordinals aside:
    "13th" = "13"); other short tokens must be equal;
    longer ones may differ by ``allowed_edits`` insertions, deletions, substitutions or transpositions.
    """
    if a == b:
        return 1.0, "same"
    if (len(a) == 1 or len(b) == 1) and a[0] == b[0]:
        return INITIAL_SIMILARITY, "initial"
    if not (a.isalpha() and b.isalpha()):
        return (1.0, "same") if _number(a) == _number(b) else (0.0, "")
    limit = allowed_edits(min(len(a), len(b)))
    if limit == 0 or abs(len(a) - len(b)) > limit:
        return 0.0, ""
    edits = OSA.distance(a, b, score_cutoff=limit)
    if edits > limit:
        return 0.0, ""
    return 1.0 - 0.6 * edits / max(len(a), len(b)), f"{edits} edit{'s' if edits > 1 else ''}"


def join_split_tokens(tokens: tuple[str, ...], other: frozenset[str]) -> tuple[str, ...]:
    """*tokens* with adjacent pairs joined where the joined form is a token of *other* ("hua wei")."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        if i + 1 < len(tokens) and tokens[i] + tokens[i + 1] in other:
            out.append(tokens[i] + tokens[i + 1])
            i += 2
        else:
            out.append(tokens[i])
            i += 1
    return tuple(out)


def _pair_up(query: tuple[str, ...], listed: tuple[str, ...]) -> list[TokenPair]:
    """Pair tokens one to one, most similar first."""
    options = []
    for qi, q in enumerate(query):
        for ni, n in enumerate(listed):
            similarity, how = token_similarity(q, n)
            if similarity > 0:
                options.append((-similarity, -weight(n), qi, ni, how))
    options.sort()
    used_q: set[int] = set()
    used_n: set[int] = set()
    pairs: list[TokenPair] = []
    for negative, _, qi, ni, how in options:
        if qi not in used_q and ni not in used_n:
            used_q.add(qi)
            used_n.add(ni)
            pairs.append(TokenPair(query[qi], listed[ni], -negative, how))
    return pairs


def _leftover(tokens: tuple[str, ...], taken: list[str]) -> tuple[str, ...]:
    remaining = list(taken)
    out = []
    for token in tokens:
        if token in remaining:
            remaining.remove(token)
        else:
            out.append(token)
    return tuple(out)


def score_tokens(query: tuple[str, ...], listed: tuple[str, ...], order_penalty: float = 5.0) -> NameScore:
    """Score *query* tokens against *listed* tokens (both already normalised), 0-100.

    The same tokens in another order score ``100 - order_penalty``: close, but not the listed name.
    """
    query = join_split_tokens(query, frozenset(listed))
    listed = join_split_tokens(listed, frozenset(query))
    pairs = _pair_up(query, listed)
    covered_q = sum(weight(p.query) * p.similarity for p in pairs)
    covered_n = sum(weight(p.listed) * p.similarity for p in pairs)
    total_q = sum(weight(t) for t in query)
    total_n = sum(weight(t) for t in listed)
    precision = covered_q / total_q if total_q else 0.0
    recall = covered_n / total_n if total_n else 0.0
    f_measure = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    reordered = query != listed and sorted(query) == sorted(listed)
    score = 100.0 * f_measure - (order_penalty if reordered else 0.0)
    return NameScore(
        score=round(score, 1),
        pairs=tuple(pairs),
        unmatched_query=_leftover(query, [p.query for p in pairs]),
        unmatched_listed=_leftover(listed, [p.listed for p in pairs]),
        reordered=reordered,
    )
