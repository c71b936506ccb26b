"""The bundled TOML lists load, carry what every entry needs, and bad files fail with file:line."""

from __future__ import annotations

import datetime as dt

import pytest

from compliance.screening import ScreeningListError, load_bundled
from compliance.screening.tomllists import parse_toml_list

GOOD = """\
[list]
title = "Test list"
snapshot = 2026-11-28

[[entries]]
id = "EL-TEST"
list = "EL"
name = "Test Co., Ltd."
country = "CN"
footnotes = [1]
start_date = 2020-01-01
confidence = "S"
source_note = "a test"
"""


def test_bundled_lists_load_with_snapshots() -> None:
    entries, sources = load_bundled()
    assert sources == (
        "bundled:china-ccl.toml@2026-11-28",
        "bundled:china-uel.toml@2026-11-28",
        "bundled:huawei.toml@2026-11-28",
        "bundled:nudt.toml@2026-11-28",
        "bundled:semiconductor.toml@2026-11-28",
    )
    assert len({e.id for e in entries}) == len(entries)


def test_every_bundled_entry_is_dated_tagged_and_sourced() -> None:
    entries, _ = load_bundled()
    for entry in entries:
        assert entry.start_date is not None, entry.id
        assert entry.confidence in {"V", "S", "M", "C"}, entry.id
        assert entry.source_note and entry.citation, entry.id


def test_bundled_footnotes() -> None:
    entries = {e.id: e for e in load_bundled()[0]}
    assert entries["EL-HUAWEI-TECHNOLOGIES"].footnotes == (1,)
    assert entries["EL-HUAWEI-TECHNOLOGIES"].footnotes_on(dt.date(2019, 6, 1)) == ()
    assert entries["EL-HUAWEI-TECHNOLOGIES"].footnotes_on(dt.date(2020, 5, 15)) == (1,)
    assert entries["EL-HISILICON"].confidence == "M"
    assert entries["EL-SWAYSURE"].footnotes == (5,)
    assert entries["EL-NUDT"].footnotes == (4,)
    assert {e.list for e in entries.values()} >= {"EL", "CN-UEL", "CN-CCL"}


def test_good_file_parses() -> None:
    (entry,) = parse_toml_list(GOOD, "t.toml", "t.toml@2026-11-28")
    assert (entry.id, entry.list, entry.footnotes, entry.source) == ("EL-TEST", "EL", (1,), "t.toml@2026-11-28")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("start_date = 2020-01-01", 'start_date = "2020-01-01"'),
            r"t.toml:11: entry EL-TEST: start_date: .*such as 2019-05-16",
        ),
        (('country = "CN"', 'contry = "CN"'), r"t.toml:9: entry EL-TEST: contry: .*Did you mean 'country'\?"),
        (('list = "EL"', 'list = "ELL"'), r"t.toml:7: entry EL-TEST: list: 'ELL' is not a list code.*'EL'\?"),
        (('country = "CN"', 'country = "XX"'), r"t.toml:9: entry EL-TEST: country: 'XX' is not an ISO 3166-1"),
        (('list = "EL"', 'list = "MEU"'), r"t.toml:10: entry EL-TEST: footnotes: footnotes belong to Entity List"),
        (('confidence = "S"', 'confidence = "X"'), r"t.toml:12: entry EL-TEST: confidence: Input should be"),
        (("snapshot = 2026-11-28", 'snapshot = "2026-11-28"'), r"t.toml:3: \[list\] snapshot: .*such as 2019-05-16"),
    ],
)
def test_problems_say_where_and_how_to_fix(change: tuple[str, str], expected: str) -> None:
    with pytest.raises(ScreeningListError, match=expected):
        parse_toml_list(GOOD.replace(*change), "t.toml", "t.toml@2026-11-28")


def test_every_problem_is_reported_at_once() -> None:
    text = GOOD + GOOD.split("\n\n", 1)[1].replace('country = "CN"', 'country = "XX"')
    with pytest.raises(ScreeningListError) as caught:
        parse_toml_list(text, "t.toml", "t.toml@2026-11-28")
    messages = [str(p) for p in caught.value.problems]
    assert any("id is used twice" in m for m in messages)
    assert any("'XX' is not an ISO" in m for m in messages)
