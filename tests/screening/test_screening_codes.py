"""List codes from CSL source strings, and Entity List footnotes from licence-requirement text."""

from __future__ import annotations

import pytest

from compliance.screening import CSL_SOURCES, RED_FLAG_LISTS, RESTRICTIVE_LISTS, list_code_for_source
from compliance.screening.codes import parse_footnotes


def test_every_published_source_string_maps_to_its_code() -> None:
    assert {list_code_for_source(s) for s in CSL_SOURCES} == {
        "EL", "MEU", "UVL", "DPL", "ISN", "DTC", "SDN", "SSI", "FSE", "PLC", "MBS", "CMIC", "CAP",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("source", "code"),
    [
        ("Non-SDN Menu-Based Sanctions List (NS-MBS List) - Treasury", "MBS"),
        ("Non-SDN Chinese Military-Industrial Complex Companies List (CMIC) - Treasury", "CMIC"),
        ("Correspondent Account or Payable-Through Account Sanctions (CAPTA) - Treasury Department", "CAP"),
        ("EL", "EL"),
        ("Some Other List - Nobody", None),
    ],
)
def test_source_variants(source: str, code: str | None) -> None:
    assert list_code_for_source(source) == code


@pytest.mark.parametrize(
    ("text", "footnotes"),
    [
        ("For all items subject to the EAR. (See §§ 734.9(g),3 746.8(a)(3), and 744.21(b) of the EAR)", (3,)),
        ("For all items subject to the EAR. (See §§ 734.9(e),1 744.11(a)(2)(i) and (ii) of the EAR)", (1,)),
        ("For all items subject to the EAR. (See § 734.9(e)(3),5 of the EAR)", (5,)),
        ("For all items subject to the EAR. (See §§ 734.9(h)(1)(iii)(B),4 and 744.11(a)(2)(ii))", (4,)),
        ("See footnote 1 to supplement no. 4", (1,)),
        ("For any item subject to the EAR listed in supplement no. 2 to part 744.", ()),
        ("", ()),
        (None, ()),
    ],
)
def test_parse_footnotes(text: str | None, footnotes: tuple[int, ...]) -> None:
    assert parse_footnotes(text) == footnotes


def test_uvl_is_a_red_flag_not_a_restrictive_list() -> None:
    assert "UVL" in RED_FLAG_LISTS
    assert "UVL" not in RESTRICTIVE_LISTS
    assert {"EL", "MEU", "SDN", "DPL", "CN-UEL", "CN-CCL"} <= RESTRICTIVE_LISTS
