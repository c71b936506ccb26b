"""The CSL importers read the published CSV and JSON formats, and say where a bad file is wrong."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from compliance.screening import CSL_HEADER, ListEntry, ScreeningListError, load_path
from compliance.screening.csl import parse_csl_csv, parse_flat_addresses

FIXTURES = Path(__file__).parent / "fixtures"
CSL_CSV = FIXTURES / "csl-fixture-2026-11-20.csv"
CSL_JSON = FIXTURES / "csl-fixture.json"


@pytest.fixture(scope="module")
def csv_entries() -> dict[str, ListEntry]:
    entries, _ = load_path(CSL_CSV)
    return {e.name: e for e in entries}


def test_fixture_has_the_published_header_and_quoting() -> None:
    lines = CSL_CSV.read_text(encoding="utf-8").splitlines()
    assert lines[0] == ",".join(CSL_HEADER)
    assert all(line.startswith('"') for line in lines[1:])


def test_csv_reads_every_source(csv_entries: dict[str, ListEntry]) -> None:
    assert {e.list for e in csv_entries.values()} == {
        "EL", "MEU", "UVL", "DPL", "ISN", "DTC", "SDN", "SSI", "FSE", "PLC", "MBS", "CMIC", "CAP",
    }  # fmt: skip


def test_csv_snapshot_comes_from_the_file_name() -> None:
    _, source = load_path(CSL_CSV)
    assert source == "csl-fixture-2026-11-20.csv@2026-11-20"


def test_entity_list_row(csv_entries: dict[str, ListEntry]) -> None:
    cetc = csv_entries["China Electronics Technology Group Corporation 14th Research Institute (CETC 14)"]
    assert cetc.footnotes == (3,)
    assert cetc.start_date == dt.date(2018, 8, 1)
    assert cetc.citation == "83 FR 37423; 87 FR 77505"
    assert cetc.aliases == (
        "Nanjing Research Institute of Electronics Technology",
        "NRIET",
        "CETC Research Institute 14",
    )
    assert len(cetc.addresses) == 1 and cetc.addresses[0].country == "CN"
    assert "; and 1 Zhongshan Road" in cetc.addresses[0].address


def test_footnotes_1_4_5(csv_entries: dict[str, ListEntry]) -> None:
    assert csv_entries["Huawei Technologies Co., Ltd."].footnotes == (1,)
    assert csv_entries["National University of Defense Technology (NUDT)"].footnotes == (4,)
    assert csv_entries["Semiconductor Manufacturing International (Beijing) Corporation"].footnotes == (5,)


def test_quotes_inside_a_cell(csv_entries: dict[str, ListEntry]) -> None:
    assert 'Shenzhen "Bright Star" Microelectronics Co., Ltd.' in csv_entries


def test_individual_country_from_citizenship(csv_entries: dict[str, ListEntry]) -> None:
    assert csv_entries["Mert YILDIRIMOGLU"].countries == frozenset({"TR"})
    assert csv_entries["KIM, Chol Su"].countries == frozenset({"CN", "KP"})


def test_end_date_is_kept(csv_entries: dict[str, ListEntry]) -> None:
    harbour = csv_entries["Glorious Harbour Electronics Trading Limited"]
    assert harbour.active_on(dt.date(2023, 5, 31))
    assert not harbour.active_on(dt.date(2023, 6, 1))


def test_flat_addresses() -> None:
    shenyang, pyongyang = parse_flat_addresses("Shenyang, CN; Pyongyang, KP")
    assert (shenyang.address, shenyang.country) == ("Shenyang", "CN")
    assert pyongyang.country == "KP"
    (only,) = parse_flat_addresses("605 TRAIL LAKE DRIVE, RICHARDSON, TX, 75081, US")
    assert (only.address, only.country) == ("605 TRAIL LAKE DRIVE, RICHARDSON, TX, 75081", "US")


def test_json_search_envelope() -> None:
    entries, source = load_path(CSL_JSON)
    assert source == "csl-fixture.json@2026-11-19"
    huawei = next(e for e in entries if e.name.startswith("Huawei"))
    assert huawei.footnotes == (1,)
    assert huawei.addresses[0].city == "Shenzhen"
    assert huawei.start_date == dt.date(2019, 5, 16)


def test_json_plain_list(tmp_path: Path) -> None:
    path = tmp_path / "consolidated.json"
    path.write_text('[{"id": "x1", "source": "Entity List (EL) - Bureau of Industry and Security", "name": "A Co"}]')
    entries, _ = load_path(path)
    assert [e.name for e in entries] == ["A Co"]


def test_wrong_header_names_the_missing_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(",".join(c for c in CSL_HEADER if c != "alt_names") + "\n")
    with pytest.raises(ScreeningListError, match=r"bad.csv:1: not the CSL CSV header: missing \['alt_names'\]"):
        load_path(path)


def test_bad_rows_are_all_reported_with_their_lines() -> None:
    header = ",".join(CSL_HEADER)
    row = ['"x"', '"Entity Lst - Bureau of Industry and Security"'] + ['""'] * (len(CSL_HEADER) - 2)
    dated = ['"y"', '"Entity List (EL) - Bureau of Industry and Security"', '""', '""', '""', '"B Co"', '""', '""',
             '""', '"2019-13-45"'] + ['""'] * (len(CSL_HEADER) - 10)  # fmt: skip
    text = "\n".join([header, ",".join(row), ",".join(dated), '"short","row"'])
    with pytest.raises(ScreeningListError) as caught:
        parse_csl_csv(text, "csl.csv", "csl.csv@2026-11-20")
    messages = [str(p) for p in caught.value.problems]
    assert any(m.startswith("csl.csv:2: source: 'Entity Lst") and "Did you mean" in m for m in messages)
    assert any(m.startswith("csl.csv:3: start_date: '2019-13-45' is not a date") for m in messages)
    assert any(m.startswith("csl.csv:4: 2 cells, expected 29") for m in messages)


def test_bad_json_record_is_named_by_index_and_id(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_text('{"results": [{"id": "abc", "source": "Nowhere", "name": "X"}]}')
    with pytest.raises(ScreeningListError, match=r"record 0 \(id abc\): source: 'Nowhere' names no known list"):
        load_path(path)


def test_unknown_file_type(tmp_path: Path) -> None:
    path = tmp_path / "list.xlsx"
    path.write_bytes(b"")
    with pytest.raises(ScreeningListError, match=r"cannot read '\.xlsx' files"):
        load_path(path)
