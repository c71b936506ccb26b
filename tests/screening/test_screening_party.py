"""Party facts: screened and declared listings, footnotes, red flags, and listed ownership."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from compliance.model import Listing, Owner, Party, PartyRole
from compliance.screening import ListEntry, Screener

AS_OF = dt.date(2026, 11, 28)


def party(name: str, country: str = "CN", **fields: object) -> Party:
    return Party.model_validate({"name": name, "role": PartyRole.END_USER, "country": country, **fields})


def test_huawei_end_user_is_entity_listed_with_footnote_1(bundled: Screener) -> None:
    facts = bundled.screen_party(party("Huawei Technologies Co., Ltd."), AS_OF)
    assert facts.listed and facts.entity_listed and facts.el_footnote1
    assert not (facts.el_footnote4 or facts.el_footnote5 or facts.meu_listed or facts.screening_review)
    assert facts.screening_match == "Huawei Technologies Co., Ltd."
    assert facts.hits[0].source == "bundled:huawei.toml@2026-11-28"


def test_footnote_1_only_from_its_date(bundled: Screener) -> None:
    facts = bundled.screen_party(party("Huawei Technologies Co., Ltd."), dt.date(2019, 6, 1))
    assert facts.entity_listed and not facts.el_footnote1
    assert not bundled.screen_party(party("Huawei Technologies Co., Ltd."), dt.date(2019, 5, 15)).listed


def test_footnotes_4_and_5(bundled: Screener) -> None:
    assert bundled.screen_party(party("NUDT"), AS_OF).el_footnote4
    assert bundled.screen_party(party("Shenzhen Pengxinwei IC Co., Ltd."), AS_OF).el_footnote5


def test_fuzzy_match_sets_review_only(bundled: Screener) -> None:
    facts = bundled.screen_party(party("Hauwei Technologies"), AS_OF)
    assert facts.screening_review and not facts.listed and not facts.entity_listed
    assert facts.screening_match == "Huawei Technologies Co., Ltd."


def test_declared_listing_counts() -> None:
    screener = Screener([])
    facts = screener.screen_party(party("Acme", listings=[Listing(list="EL", footnote=1)]), AS_OF)
    assert facts.listed and facts.entity_listed and facts.el_footnote1
    assert facts.hits[0].why == "declared listing on EL with footnote 1"


def test_declared_uvl_is_a_red_flag_not_a_listing() -> None:
    facts = Screener([]).screen_party(party("Acme", listings=[Listing(list="uvl")]), AS_OF)
    assert facts.screening_review and not facts.listed


def test_unknown_declared_list_fails_closed() -> None:
    facts = Screener([]).screen_party(party("Acme", listings=[Listing(list="Some national list")]), AS_OF)
    assert facts.listed


def test_screened_uvl_is_review_not_listed() -> None:
    uvl = ListEntry(id="U1", list="UVL", name="Ararat Sanat Trading", country="AM", source="csl.csv@2026-11-20")
    facts = Screener([uvl]).screen_party(party("Ararat Sanat Trading", country="AM"), AS_OF)
    assert facts.screening_review and not facts.listed


def test_china_lists(bundled: Screener) -> None:
    assert bundled.screen_party(party("Cubic Corporation", country="US"), AS_OF).cn_uel_listed
    assert bundled.screen_party(party("General Dynamics Land Systems", country="US"), AS_OF).cn_control_listed


def test_listed_ownership_adds_up_owners_declared_and_screened(bundled: Screener) -> None:
    owners = [
        Owner(name="Huawei Technologies Co., Ltd.", country="CN", percent=Decimal("30")),
        Owner(name="Some Holding Ltd", country="HK", percent=Decimal("25"), listings=[Listing(list="MEU")]),
        Owner(name="Acme Capital", country="US", percent=Decimal("45")),
    ]
    facts = bundled.screen_party(party("Joint Venture Co", owners=owners), AS_OF)
    assert facts.listed_owner_pct == Decimal("55")
    assert not facts.listed
    assert any(h.why.startswith("owner 'Huawei Technologies Co., Ltd.' (30%)") for h in facts.hits)


def test_owner_on_a_china_list_does_not_count_for_the_affiliates_rule(bundled: Screener) -> None:
    owners = [Owner(name="Cubic Corporation", country="US", percent=Decimal("60"))]
    assert bundled.screen_party(party("Cubic JV", owners=owners), AS_OF).listed_owner_pct == 0


def test_listed_ownership_is_capped_at_100() -> None:
    owners = [Owner(name=f"O{i}", percent=Decimal("60"), listings=[Listing(list="SDN")]) for i in range(2)]
    assert Screener([]).screen_party(party("X", owners=owners), AS_OF).listed_owner_pct == 100
