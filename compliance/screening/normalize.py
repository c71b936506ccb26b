"""Name normalisation: the same party written two ways gives the same tokens.

Case, diacritics, punctuation, spacing and legal-form words (Co., Ltd., Inc., LLC, GmbH, S.A., ...) are
noise; so is the Entity List's "and any successor, sub-unit, or subsidiary thereof".
"""

from __future__ import annotations

import re
import unicodedata

# Letters NFKD does not decompose into a base letter plus a combining mark.
_FOLD = str.maketrans({"ø": "o", "đ": "d", "ł": "l", "æ": "ae", "œ": "oe", "ı": "i", "þ": "th", "ð": "d"})
_SUCCESSOR = re.compile(r"[;,]?\s*\band any successors?,?\s*sub-?units?,?\s*or subsidiar(?:y|ies) thereof\b")
_JOINERS = re.compile(r"['’`´.]")  # dropped without a space: "S.A." -> "sa", "Xi'an" -> "xian"
_SEPARATORS = re.compile(r"[^0-9a-z]+")

LEGAL_FORMS: frozenset[tuple[str, ...]] = frozenset(
    tuple(form.split())
    for form in (
        "co", "company", "corp", "corporation", "inc", "incorporated", "ltd", "limited", "llc", "llp",
        "lp", "plc", "pty", "pte", "gmbh", "mbh", "ag", "kg", "se", "sa", "sas", "sarl", "srl", "spa",
        "bv", "nv", "ab", "oy", "as", "asa", "aps", "kk", "ua", "ltda", "sdn bhd", "bhd", "jsc", "ojsc",
        "pjsc", "cjsc", "ooo", "oao", "zao", "pao", "ao", "tov", "fze", "fzco", "fzc", "fzllc", "wll",
        "cooperatief", "cooperatif", "s a", "s p a", "b v", "n v", "k k", "u a", "l l c", "co ltd",
        "sp z oo", "s r o", "sro", "doo", "d o o", "ead", "eood", "kft", "zrt", "gk", "tbk", "pvt",
        "private", "public", "holdings",
    )
)  # fmt: skip
"""Legal-form words stripped from the start and end of a name (``holdings`` too: it names no one)."""

_LEADING_FORMS: frozenset[tuple[str, ...]] = frozenset(
    (form,) for form in ("the", "ooo", "oao", "zao", "ao", "pao", "jsc", "ojsc", "pjsc", "cjsc", "llc", "tov")
)
_MAX_FORM = max(len(form) for form in LEGAL_FORMS)

STOPWORDS: frozenset[str] = frozenset({"of", "the", "and", "for", "de", "del", "la", "le", "du", "des", "a"})
"""Words that carry no identity; left out of fuzzy comparison, kept in exact keys."""

GENERIC: frozenset[str] = frozenset(
    """
    technology technical international trading trade industrial industry
    electronics electronic electric science sciences scientific group china chinese national development
    research institute engineering systems import export imp exp global services solutions
    enterprise enterprises manufacturing products product equipment materials material center
    branch office beijing shanghai shenzhen guangzhou hong kong hangzhou chengdu wuhan tianjin xian nanjing
    dalian suzhou shenyang changsha hefei xiamen chongqing qingdao guiyang city province new general
    digital information communication communications network networks software computer computing
    devices device intelligent smart energy investment management logistics supply marketing sales
    """.split()  # noqa: SIM905
)
"""Common words in company names: they count, but for little (weight ``GENERIC_WEIGHT``)."""

GENERIC_WEIGHT = 0.35
"""How much a generic word counts relative to a distinctive one in fuzzy scores."""


def fold(text: str) -> str:
    """Lower-case *text* and strip diacritics: ``"Société Générale"`` -> ``"societe generale"``."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


CANONICAL: dict[str, str] = {
    "technologies": "technology", "tech": "technology", "techs": "technology", "intl": "international",
    "mfg": "manufacturing", "univ": "university", "inst": "institute", "natl": "national",
    "electronic": "electronics", "elec": "electronics", "sci": "science", "eng": "engineering",
    "engg": "engineering", "centre": "center", "defence": "defense", "industries": "industry",
    "sys": "systems", "system": "systems", "telecom": "telecommunications",
    "grp": "group", "hldgs": "holdings", "svcs": "services", "svc": "services", "service": "services",
    "semiconductors": "semiconductor",
}  # fmt: skip
"""Abbreviations and variant spellings, mapped to one form before any comparison."""


def raw_tokens(text: str) -> tuple[str, ...]:
    """Folded, canonical alphanumeric tokens of *text*, successor clause removed, legal forms kept."""
    folded = _SUCCESSOR.sub(" ", fold(text)).replace("&", " and ")
    words = _SEPARATORS.sub(" ", _JOINERS.sub("", folded)).split()
    return tuple(CANONICAL.get(word, word) for word in words)


def strip_legal_forms(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """*tokens* without leading and trailing legal-form words; never strips a name to nothing."""
    start, end = 0, len(tokens)
    changed = True
    while changed:
        changed = False
        for size in range(_MAX_FORM, 0, -1):
            if end - start > size and tokens[end - size : end] in LEGAL_FORMS:
                end, changed = end - size, True
                break
        if end - start > 1 and (tokens[start],) in _LEADING_FORMS:
            start, changed = start + 1, True
    return tokens[start:end]


def name_tokens(text: str) -> tuple[str, ...]:
    """The tokens that identify a name: folded, punctuation-free, legal forms stripped."""
    return strip_legal_forms(raw_tokens(text))


def exact_key(tokens: tuple[str, ...]) -> str:
    """The exact-match key: tokens joined without spaces, so "Hua Wei" and "Huawei" agree."""
    return "".join(tokens)


def fuzzy_tokens(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """*tokens* without stopwords (kept when nothing else is left)."""
    kept = tuple(t for t in tokens if t not in STOPWORDS)
    return kept or tokens


def weight(token: str) -> float:
    """A token's weight in fuzzy scores: generic words count less."""
    return GENERIC_WEIGHT if token in GENERIC else 1.0


_PARENTHESISED = re.compile(r"\(([^()]*)\)")


def is_acronym_of(short: str, name: str) -> bool:
    """Whether *short* spells initials of *name* in order: "NUDT", "CETC 13", "AASPT" but not "UK"."""
    letters = [ch for ch in fold(short) if ch.isalpha()]
    initials = iter(word[0] for word in raw_tokens(name))
    return len(letters) >= 2 and all(letter in initials for letter in letters)


def name_variants(name: str) -> tuple[str, ...]:
    """*name* plus, when it ends in a parenthesised acronym, its forms without and as the acronym.

    ``"Academy of Aerospace Solid Propulsion Technology (AASPT)"`` also gives the name without
    ``(AASPT)`` and ``"AASPT"``, as the CSL puts acronyms in parentheses; a qualifier such as the
    ``(UK)`` of ``"Huawei Technologies (UK) Co., Ltd."`` stays part of the name.
    """
    outer = " ".join(_PARENTHESISED.sub(" ", name).split())
    inner = [m.strip() for m in _PARENTHESISED.findall(name) if is_acronym_of(m, outer)]
    if not inner or not outer:
        return (name,)
    return tuple(dict.fromkeys([name, outer, *inner]))


def clean_alias(alias: str) -> str:
    """An alias as listed, without the leading "and " the Entity List puts before the last one."""
    text = alias.strip().rstrip(";,").strip()
    return text[4:].strip() if text.lower().startswith("and ") else text
