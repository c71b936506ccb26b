"""Token similarity and the name score: the typo model, cut-short words, initials, misspelt legal forms."""

from __future__ import annotations

import pytest

from compliance.screening.match import score_tokens, token_similarity
from compliance.screening.normalize import name_tokens, query_variants


@pytest.mark.parametrize(
    ("query", "listed", "matches"),
    [
        ("could", "cloud", True),  # a letter moved: one slip, although OSA counts two
        ("nation", "national", True),  # cut short
        ("ahmed", "ahmad", True),  # a vowel for a vowel
        ("hisilicom", "hisilicon", True),  # a neighbouring key
        ("huawen", "huawei", False),  # another letter in a short word: another name
        ("cubicle", "cubic", False),  # longer, not cut short
        ("north", "northwind", False),  # too little of the word kept
    ],
)
def test_token_similarity(query: str, listed: str, matches: bool) -> None:
    assert (token_similarity(query, listed)[0] > 0) is matches


def test_initials_pair_with_the_words_they_abbreviate() -> None:
    named = score_tokens(("gd", "land", "system"), ("general", "dynamic", "land", "system"))
    assert 90 < named.score < 100
    assert "gd~general dynamic (initials)" in named.explain()
    assert score_tokens(("smi",), ("semiconductor", "manufacturing", "international")).score == 0


def test_a_misspelt_legal_form_is_stripped() -> None:
    assert name_tokens("Cubic Corportion") == ("cubic",)
    assert name_tokens("Corportion") == ("corportion",)


def test_words_after_an_inner_legal_form_are_a_qualifier() -> None:
    assert query_variants("Huawei Technologies Deutschland GmbH Düsseldorf")[-1] == (
        "huawei technologies deutschland gmbh",
        True,
    )
    assert query_variants("Huawei Technologies Co Ltd") == (("Huawei Technologies Co Ltd", False),)
