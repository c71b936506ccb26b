"""Name normalisation: the same party written two ways gives the same tokens and keys."""

from __future__ import annotations

import pytest

from compliance.screening.normalize import (
    exact_keys,
    fold,
    is_acronym_of,
    literal_tokens,
    name_tokens,
    name_variants,
    query_variants,
)


@pytest.mark.parametrize(
    ("name", "tokens"),
    [
        ("Huawei Technologies Co., Ltd.", ("huawei", "technology")),
        ("HUAWEI TECHNOLOGIES COMPANY LIMITED", ("huawei", "technology")),
        ("Huawei Technologies Coöperatief U.A.", ("huawei", "technology")),
        ("TNK Trading International S.A.", ("tnk", "trading", "international")),
        ("JSC SME BANK", ("sme", "bank")),
        ("PUBLIC JOINT STOCK COMPANY NORTHERN GAS", ("northern", "gas")),
        ("Sinobright Import and Export Company; and any successor, sub-unit, or subsidiary thereof",
         ("sinobright", "import", "and", "export")),
        ("Fathi Mohammed QAR'AWI", ("fathi", "mohammed", "qarawi")),
        ("Société Générale S. A.", ("societe", "generale")),
        ("Mert Yıldırımoğlu", ("mert", "yildirimoglu")),
        ("Huawei Cloud HK", ("huawei", "cloud", "hong", "kong")),
        ("Natl Univ of Defence Tech", ("national", "university", "of", "defense", "technology")),
        ("M/V Sea Lotus", ("sea", "lotus")),
    ],
)  # fmt: skip
def test_name_tokens(name: str, tokens: tuple[str, ...]) -> None:
    assert name_tokens(name) == tokens


def test_legal_forms_never_strip_a_name_to_nothing() -> None:
    assert name_tokens("Limited") == ("limited",)
    assert name_tokens("Co Ltd") == ("co",)


def test_fold_strips_diacritics_and_special_letters() -> None:
    assert fold("Øresund Łódź Straße") == "oresund lodz strasse"


def test_spacing_does_not_change_the_exact_key() -> None:
    assert exact_keys(literal_tokens("Hua Wei Technologies")) & exact_keys(literal_tokens("Huawei Technologies"))


def test_literal_key_keeps_a_word_that_canonical_form_splits() -> None:
    assert exact_keys(literal_tokens("Tech Insights")) & exact_keys(literal_tokens("TechInsights Inc."))


@pytest.mark.parametrize(
    ("short", "name", "expected"),
    [
        ("NUDT", "National University of Defense Technology", True),
        ("CETC 13", "China Electronics Technology Group Corporation 13th Research Institute", True),
        ("UK", "Huawei Technologies Co., Ltd.", False),
        ("Beijing", "Semiconductor Manufacturing International Corporation", False),
    ],
)
def test_is_acronym_of(short: str, name: str, expected: bool) -> None:
    assert is_acronym_of(short, name) is expected


def test_name_variants_split_off_a_parenthesised_acronym_only() -> None:
    assert name_variants("Academy of Aerospace Solid Propulsion Technology (AASPT)") == (
        "Academy of Aerospace Solid Propulsion Technology (AASPT)",
        "Academy of Aerospace Solid Propulsion Technology",
        "AASPT",
    )
    assert name_variants("Huawei Technologies (UK) Co., Ltd.") == ("Huawei Technologies (UK) Co., Ltd.",)


def test_query_variants_drop_a_qualifier_as_a_reduced_form() -> None:
    assert query_variants("SMIC (Beijing)") == (("SMIC (Beijing)", False), ("SMIC", True))
