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
    if limit == 0:
        return 0.0, ""
    if is_truncation(a, b):
        return 1.0 - 0.6 * (len(b) - len(a)) / len(b), "cut short"
    if abs(len(a) - len(b)) > limit:
        return 0.0, ""
    edits = OSA.distance(a, b, score_cutoff=limit + 1)
    if edits == 2 and limit == 1 and is_moved_letter(a, b):
        edits = 1  # one slip of the hand, although OSA counts two
    if edits == 1 and limit == 1 and not is_plausible_substitution(a, b):
        return 0.0, ""
    if edits > limit:
        return 0.0, ""
    return 1.0 - 0.6 * edits / max(len(a), len(b)), f"{edits} edit{'s' if edits > 1 else ''}"


_KEYBOARD = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_NEIGHBOURS: dict[str, frozenset[str]] = {
    key: frozenset(
        other
        for r, other_row in enumerate(_KEYBOARD)
        for c, other in enumerate(other_row)
        if abs(r - row) <= 1 and abs(c - col) <= 1 and other != key
    )
    for row, letters in enumerate(_KEYBOARD)
    for col, key in enumerate(letters)
}
_VOWELS = frozenset("aeiouy")


def is_plausible_substitution(a: str, b: str) -> bool:
    """False when *a* and *b* differ in one substituted letter that is neither a vowel for a vowel
    (a transliteration: "Ahmed", "Ahmad") nor a neighbouring key (a typo: "Hisilicom"). In a short word
    any other letter makes another name ("Huawen" is not "Huawei"); other differences pass.
    """
    if len(a) != len(b):
        return True
    differ = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    if len(differ) != 1:
        return True
    x, y = differ[0]
    return (x in _VOWELS and y in _VOWELS) or y in _NEIGHBOURS.get(x, frozenset())


def is_moved_letter(a: str, b: str) -> bool:
    """Whether *a* is *b* with one letter moved by up to two places: "could" for "cloud"."""
    if len(a) != len(b) or a[0] != b[0] or sorted(a) != sorted(b):
        return False
    differ = [i for i in range(len(a)) if a[i] != b[i]]
    return len(differ) == 3 and differ[-1] - differ[0] == 2


TRUNCATION_SHARE = 0.7
"""How much of a listed word a query word must keep to read as that word cut short ("Nation")."""


def is_truncation(query: str, listed: str) -> bool:
    """Whether the query word is the listed word cut short: at least 5 letters and ``TRUNCATION_SHARE``."""
    return (
        len(query) >= 5
        and len(query) < len(listed)
        and listed.startswith(query)
        and (len(query) >= TRUNCATION_SHARE * len(listed))
    )


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


INITIALS_SIMILARITY = 0.9
"""How much a run of initials counts for the words it abbreviates ("GD" for "General Dynamics")."""


def merge_initials(query: tuple[str, ...], listed: tuple[str, ...]) -> tuple[tuple[str, ...], dict[str, str]]:
    """*listed* with each run of two to four words whose initials spell a query word replaced by that word.

    "GD Land Systems" against "General Dynamics Land Systems" gives ``("gd", "land", "system")`` and
    ``{"gd": "general dynamics"}``: an acronym the list does not carry still pairs with what it abbreviates.
    Only part of a name, beside other query words: initials alone ("SMI") corroborate nothing.
    """
    merged = list(listed)
    found: dict[str, str] = {}
    if len(query) < 2:
        return listed, found
    for word in query:
        size = len(word)
        if not (2 <= size <= 4 and word.isalpha()) or word in merged or size >= len(merged):
            continue
        for start in range(len(merged) - size + 1):
            run = merged[start : start + size]
            if all(len(part) > 1 and part not in found for part in run) and "".join(p[0] for p in run) == word:
                found[word] = " ".join(run)
                merged[start : start + size] = [word]
                break
    return tuple(merged), found


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
    listed, initials = merge_initials(query, listed)
    pairs = [
        TokenPair(p.query, initials[p.query], INITIALS_SIMILARITY, "initials")
        if p.query in initials and p.listed == p.query
        else p
        for p in _pair_up(query, listed)
    ]
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
        unmatched_listed=_leftover(listed, [p.query if p.how == "initials" else p.listed for p in pairs]),
        reordered=reordered,
    )
