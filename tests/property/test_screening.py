"""Screening: case, punctuation, spacing and legal-form noise on a listed name keeps it listed; a made-up
name is never listed."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.model import Party
from compliance.screening import ListEntry, Screener
from compliance.testing import COUNTRIES, dates, listed_names, unrelated_names


@functools.cache
def screener() -> Screener:
    return Screener.bundled()


def active_day(entry: ListEntry, offset: int) -> dt.date:
    start = entry.start_date or dt.date(2019, 1, 1)
    return start + dt.timedelta(days=offset)


@settings(max_examples=200)
@given(pair=listed_names(), offset=st.integers(0, 2000), with_country=st.booleans())
def test_noise_on_a_listed_name_keeps_it_listed(pair: tuple[ListEntry, str], offset: int, with_country: bool) -> None:
    entry, noisy = pair
    day = active_day(entry, offset)
    country = entry.country if with_country else None
    listed = {c.entry.id for c in screener().screen(noisy, country=country, as_of=day) if c.level == "listed"}
    assert entry.id in listed, f"{noisy!r} is not listed as {entry.name!r}"


@settings(max_examples=100)
@given(pair=listed_names(), offset=st.integers(0, 2000), role=st.sampled_from(("end_user", "purchaser")))
def test_a_party_with_a_noisy_listed_name_is_screened_as_listed(
    pair: tuple[ListEntry, str], offset: int, role: str
) -> None:
    entry, noisy = pair
    party = Party.model_validate({"name": noisy.strip(), "role": role, "country": entry.country or "CA"})
    assert screener().screen_party(party, active_day(entry, offset)).listed


@settings(max_examples=200)
@given(name=unrelated_names(), country=st.one_of(st.none(), st.sampled_from(COUNTRIES)), day=dates())
def test_an_unrelated_name_is_never_listed(name: str, country: str | None, day: dt.date) -> None:
    found: list[Any] = screener().screen(name, country=country, as_of=day)
    assert [c.entry.name for c in found if c.level == "listed"] == []
    party = Party.model_validate({"name": name, "role": "end_user", "country": country or "DE"})
    assert not screener().screen_party(party, day).listed
