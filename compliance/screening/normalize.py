"""Name normalisation: the same party written two ways gives the same tokens.

Case, diacritics, punctuation, spacing and legal-form words (Co., Ltd., Inc., LLC, GmbH, S.A., ...) are
noise; so is the Entity List's "and any successor, sub-unit, or subsidiary thereof".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz.distance import OSA

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
        "private", "public", "holdings", "kabushiki kaisha", "yugen kaisha", "joint stock company",
        "public joint stock company", "open joint stock company", "closed joint stock company",
        "limited liability company", "limited liability partnership", "limited partnership",
        "sociedad anonima", "societe anonyme",
    )
)  # fmt: skip
"""Legal-form words stripped from the start and end of a name (``holdings`` too: it names no one)."""

_LEADING_FORMS: frozenset[tuple[str, ...]] = frozenset(
    tuple(form.split())
    for form in (
        "the", "ooo", "oao", "zao", "ao", "pao", "jsc", "ojsc", "pjsc", "cjsc", "llc", "tov", "joint stock",
        "mv", "m v", "mt", "m t",
        "joint stock company", "public joint stock company", "open joint stock company",
        "closed joint stock company", "limited liability company",
    )
)  # fmt: skip
_MAX_FORM = max(len(form) for form in LEGAL_FORMS)

STOPWORDS: frozenset[str] = frozenset(
    {"of", "the", "and", "for", "de", "del", "la", "le", "du", "des", "a", "do", "da", "dos", "das", "und"}
)
"""Words that carry no identity; left out of fuzzy comparison, kept in exact keys."""

GENERIC_WORDS: frozenset[str] = frozenset(
    """
    technology technical international trading trade industrial industry
    electronics electronic electric science sciences scientific group china chinese national development
    research institute engineering systems import export imp exp global services solutions
    enterprise enterprises manufacturing products product equipment materials material center
    branch office beijing shanghai shenzhen guangzhou hong kong hangzhou chengdu wuhan tianjin xian nanjing
    dalian suzhou shenyang changsha hefei xiamen chongqing qingdao guiyang city province new general
    digital information communication communications network networks software computer computing
    devices device intelligent smart energy investment management logistics supply marketing sales
    shipping maritime marine bank banking finance financial capital partners associates consulting
    construction chemical chemicals pharmaceutical medical agricultural machinery instruments optical
    power resources metals mining oil gas petroleum automotive motor motors aviation aerospace security
    holding
    """.split()  # noqa: SIM905
)
"""Common words in company names, as written; ``GENERIC`` holds their canonical forms."""

GENERIC_WEIGHT = 0.35
"""How much a generic word counts relative to a distinctive one in fuzzy scores."""


def fold(text: str) -> str:
    """Lower-case *text* and strip diacritics: ``"Société Générale"`` -> ``"societe generale"``."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


CANONICAL: dict[str, tuple[str, ...]] = {
    word: tuple(target.split())
    for word, target in {
        "tech": "technology", "techs": "technology", "intl": "international", "mfg": "manufacturing",
        "univ": "university", "inst": "institute", "natl": "national", "elec": "electronic",
        "electronics": "electronic", "sci": "science", "eng": "engineering", "engg": "engineering",
        "centre": "center", "defence": "defense", "sys": "system", "telecom": "telecommunication",
        "grp": "group", "hldgs": "holding", "svc": "service", "svcs": "service", "hk": "hong kong",
        "nat": "national", "ic": "integrated circuit", "ics": "integrated circuit", "imp": "import",
        "exp": "export", "ste": "societe", "cie": "compagnie",
        # exonyms: the same place written in its own language
        "deutschland": "germany", "munchen": "munich", "koln": "cologne", "brasil": "brazil",
        "espana": "spain", "italia": "italy", "osterreich": "austria", "schweiz": "switzerland",
        "suisse": "switzerland", "nippon": "japan", "moskva": "moscow", "wien": "vienna",
        "praha": "prague", "warszawa": "warsaw", "kairo": "cairo", "peking": "beijing",
    }.items()
}  # fmt: skip
"""Abbreviations and variant spellings, mapped to one form before any comparison."""


def stem(word: str) -> str:
    """A light plural stem, the same on both sides of a comparison: "technologies" -> "technology"."""
    if len(word) > 5 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def canonical(words: tuple[str, ...]) -> tuple[str, ...]:
    """*words* with abbreviations expanded and plurals stemmed."""
    return tuple(stem(part) for word in words for part in CANONICAL.get(word, (word,)))


def words(text: str) -> tuple[str, ...]:
    """Folded alphanumeric words of *text*, successor clause removed; nothing else changed."""
    folded = _SUCCESSOR.sub(" ", fold(text)).replace("&", " and ")
    return tuple(_SEPARATORS.sub(" ", _JOINERS.sub("", folded)).split())


def raw_tokens(text: str) -> tuple[str, ...]:
    """Canonical words of *text*, legal forms kept."""
    return canonical(words(text))


_LONG_FORMS: tuple[str, ...] = tuple(sorted(form[0] for form in LEGAL_FORMS if len(form) == 1 and len(form[0]) >= 6))
"""Single-word legal forms long enough to be recognised misspelt ("Corportion", "Limted", "Compnay")."""


@lru_cache(maxsize=1 << 14)
def is_misspelt_form(word: str) -> bool:
    """Whether *word* is a long legal-form word with a typo: one edit for 6-9 letters, two from 10."""
    if len(word) < 6 or not word.isalpha() or (word,) in LEGAL_FORMS:
        return False
    limit = 1 if len(word) < 10 else 2
    return any(
        abs(len(form) - len(word)) <= limit and OSA.distance(word, form, score_cutoff=limit) <= limit
        for form in _LONG_FORMS
    )


def strip_legal_forms(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """*tokens* without leading and trailing legal-form words; never strips a name to nothing.

    A long trailing form written with a typo ("Cubic Corportion") goes too.
    """
    start, end = 0, len(tokens)
    changed = True
    while changed:
        changed = False
        for size in range(_MAX_FORM, 0, -1):
            if end - start > size and tokens[end - size : end] in LEGAL_FORMS:
                end, changed = end - size, True
                break
        if not changed and end - start > 1 and is_misspelt_form(tokens[end - 1]):
            end, changed = end - 1, True
        for size in range(_MAX_FORM, 0, -1):
            if end - start > size and tokens[start : start + size] in _LEADING_FORMS:
                start, changed = start + size, True
                break
    return tokens[start:end]


GENERIC: frozenset[str] = frozenset(canonical(tuple(GENERIC_WORDS)))
"""Canonical common words: they count in fuzzy scores, but for little (weight ``GENERIC_WEIGHT``)."""


def literal_tokens(text: str) -> tuple[str, ...]:
    """The words of a name without legal forms, as written: no abbreviation expanded, no stemming."""
    return strip_legal_forms(words(text))


def name_tokens(text: str) -> tuple[str, ...]:
    """The tokens that identify a name: folded, punctuation-free, legal forms stripped, canonical."""
    return canonical(literal_tokens(text))


def exact_keys(literal: tuple[str, ...]) -> frozenset[str]:
    """The exact-match keys of a name's ``literal_tokens``: canonical and literal, joined without spaces.

    Joining makes "Hua Wei" and "Huawei" agree; the literal key keeps "Tech Insights" equal to
    "TechInsights" although "tech" alone reads as "technology".
    """
    return frozenset(key for key in ("".join(canonical(literal)), "".join(literal)) if key)


_INNER_FORMS: frozenset[str] = frozenset(
    "co ltd limited inc llc gmbh corp corporation sa spa srl sarl bv nv plc pty pte kk jsc pjsc ooo ltda".split()  # noqa: SIM905
)


def fuzzy_tokens(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """*tokens* without stopwords and unambiguous legal-form words (kept when nothing else is left).

    Legal forms at the ends are already gone; these are the ones inside a name, as in
    "Example SA Geneva" or "Group Corp. 14th Research Institute".
    """
    kept = tuple(t for t in tokens if t not in STOPWORDS and t not in _INNER_FORMS)
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
    """*name* plus, when it holds a parenthesised acronym, its forms without and as the acronym.

    ``"Academy of Aerospace Solid Propulsion Technology (AASPT)"`` also gives the name without
    ``(AASPT)`` and ``"AASPT"``, as the CSL puts acronyms in parentheses. A qualifier such as the
    ``(UK)`` of ``"Huawei Technologies (UK) Co., Ltd."`` stays part of the name.
    """
    outer = " ".join(_PARENTHESISED.sub(" ", name).split())
    inner = [m.strip() for m in _PARENTHESISED.findall(name) if is_acronym_of(m, outer)]
    if not inner or not outer:
        return (name,)
    return tuple(dict.fromkeys([name, outer, *inner]))


def query_variants(name: str) -> tuple[tuple[str, bool], ...]:
    """The forms of a queried name to try, each with whether a qualifier was dropped from it.

    Besides ``name_variants``, a query with a parenthesised qualifier ("SMIC (Beijing)") is also tried
    without it ("SMIC"): a match found that way is near, not exact.
    """
    found = [(text, False) for text in name_variants(name)]
    outer = " ".join(_PARENTHESISED.sub(" ", name).split())
    if outer and all(outer != text for text, _ in found):
        found.append((outer, True))
    head = before_trailing_qualifier(words(outer or name))
    if head and all(head != text for text, _ in found):
        found.append((head, True))
    return tuple(found)


MAX_QUALIFIER_WORDS = 3
"""How many words after an inner legal form read as a qualifier ("... GmbH Düsseldorf", "... Ltd Shenzhen Branch")."""


def before_trailing_qualifier(tokens: tuple[str, ...]) -> str | None:
    """The name up to its last inner legal form, when at most ``MAX_QUALIFIER_WORDS`` words follow it.

    "Huawei Technologies Deutschland GmbH Düsseldorf" gives "huawei technologies deutschland gmbh": a city
    or branch written after the legal form qualifies the company, as a parenthesised one would.
    """
    tokens = strip_legal_forms(tokens)
    for cut in range(len(tokens) - 1, max(0, len(tokens) - MAX_QUALIFIER_WORDS - 1), -1):
        for size in range(min(_MAX_FORM, cut - 1), 0, -1):
            if tokens[cut - size : cut] in LEGAL_FORMS:
                return " ".join(tokens[:cut])
    return None


def clean_alias(alias: str) -> str:
    """An alias as listed, without the leading "and " the Entity List puts before the last one."""
    text = alias.strip().rstrip(";,").strip()
    return text[4:].strip() if text.lower().startswith("and ") else text
