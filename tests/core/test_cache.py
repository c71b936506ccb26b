"""The decision cache cannot serve a stale decision: cached and uncached engines agree on random streams."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.declared import DeclaredScreener
from compliance.evaluate import Engine
from compliance.ruleset import load_documents
from compliance.testing import boundary_dates, ruleset_documents, transactions

DAYS = boundary_dates([dt.date(2023, 1, 17), dt.date(2023, 11, 17), dt.date(2025, 5, 23), dt.date(2026, 1, 15)])


@st.composite
def streams(draw: st.DrawFn) -> list[dict[str, Any]]:
    """A stream drawn from a small pool, re-labelled and re-dated, so the cache is hit often."""
    pool = draw(st.lists(transactions(day=DAYS), min_size=1, max_size=4))
    stream = []
    for number in range(draw(st.integers(min_value=2, max_value=12))):
        base = dict(draw(st.sampled_from(pool)))
        base["transaction_id"] = f"S-{number}"
        base["date"] = draw(st.one_of(st.just(base["date"]), DAYS))
        if draw(st.booleans()):
            base["items"] = [{**item, "description": f"line {number}"} for item in base["items"]]
        stream.append(base)
    return stream


@settings(max_examples=120)
@given(documents=ruleset_documents(), stream=streams())
def test_cached_equals_uncached(documents: list[tuple[str, dict[str, Any]]], stream: list[dict[str, Any]]) -> None:
    ruleset = load_documents(documents)
    cached = Engine(ruleset, screener=DeclaredScreener(), cache=True)
    uncached = Engine(ruleset, screener=DeclaredScreener(), cache=False)
    for raw in stream:
        assert cached.evaluate(raw) == uncached.evaluate(raw)


def test_the_cache_is_actually_hit() -> None:
    from tests.core.helpers import engine, rule, txn

    eng = engine(rule("R", "item.tpp >= 4800"))
    first = eng.evaluate(txn(transaction_id="A"))
    second = eng.evaluate(txn(transaction_id="B", date=dt.date(2024, 3, 2)))
    assert eng.decisions is not None and eng.decisions.cache.hits == 1
    assert (second.transaction_id, second.as_of) == ("B", dt.date(2024, 3, 2))
    assert second.findings == first.findings


def test_a_hit_renders_the_explanation_of_the_transaction_at_hand() -> None:
    from tests.core.helpers import engine, rule, txn

    eng = engine(
        rule("R", "party.country == 'CN' and item.tpp >= 1", explain="Licence for {party.name} ({item.description}).")
    )
    eng.evaluate(txn(transaction_id="A"))
    parties = [{"name": "Another Buyer Co.", "role": "end_user", "country": "CN"}]
    second = eng.evaluate(txn(transaction_id="B", parties=parties))
    assert eng.decisions is not None and eng.decisions.cache.hits == 1
    assert second.findings[0].explanation == "Licence for Another Buyer Co. (Nvidia H100 SXM)."


def test_a_screener_that_hides_its_entries_is_cached_per_day() -> None:
    from compliance.cache import CachedScreener
    from compliance.model import Party, PartyScreening

    class Dated:
        """Lists a party from 2025-01-01; screens names too, but does not expose its entries."""

        sources = ("custom",)

        def screen(self, name: str) -> list[str]:
            return []

        def screen_party(self, party: Party, as_of: dt.date) -> PartyScreening:
            return PartyScreening(listed=as_of >= dt.date(2025, 1, 1))

    cached = CachedScreener(Dated())
    party = Party(name="Acme", role="end_user", country="CN")  # type: ignore[arg-type]
    assert not cached.screen_party(party, dt.date(2024, 12, 31)).listed
    assert cached.screen_party(party, dt.date(2025, 1, 1)).listed
