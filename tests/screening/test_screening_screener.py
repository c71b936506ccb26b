"""Screening names: levels, explanations, country evidence, dates, blocking, sources."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from compliance.screening import ListEntry, Screener
from compliance.screening.evaluation import load_cases
from compliance.screening.match import score_tokens
from compliance.screening.normalize import fuzzy_tokens, name_tokens

AS_OF = dt.date(2026, 11, 28)
FIXTURES = Path(__file__).parent / "fixtures"


def test_exact_name_is_listed_and_says_why(bundled: Screener) -> None:
    best = bundled.screen("HUAWEI TECHNOLOGIES CO LTD", country="CN", as_of=AS_OF)[0]
    assert (best.entry.id, best.level, best.score) == ("EL-HUAWEI-TECHNOLOGIES", "listed", 100.0)
    assert "exact name match" in best.why and "country CN agrees" in best.why
    assert best.footnotes == (1,)


def test_alias_is_listed(bundled: Screener) -> None:
    best = bundled.screen("HiSilicon", as_of=AS_OF)[0]
    assert (best.entry.id, best.level, best.how) == ("EL-HISILICON", "listed", "exact alias")


def test_misspelling_is_review_with_the_edit_explained(bundled: Screener) -> None:
    best = bundled.screen("Hauwei Technologies", country="CN", as_of=AS_OF)[0]
    assert (best.entry.id, best.level) == ("EL-HUAWEI-TECHNOLOGIES", "review")
    assert "hauwei~huawei (1 edit)" in best.why


def test_reordered_name_is_review_not_listed(bundled: Screener) -> None:
    best = bundled.screen("Technologies Huawei", country="CN", as_of=AS_OF)[0]
    assert best.level == "review" and "another order" in best.why


def test_contradicting_country_demotes_an_exact_match_to_review(bundled: Screener) -> None:
    found = {c.entry.id: c for c in bundled.screen("Huawei Technologies Co., Ltd.", country="US", as_of=AS_OF)}
    assert found["EL-HUAWEI-TECHNOLOGIES"].level == "review"
    assert "country US contradicts the entry (CN)" in found["EL-HUAWEI-TECHNOLOGIES"].why


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Hua Wei Trading Pty Ltd", "AU"),
        ("Huaweisheng Electronics Co Ltd", "CN"),
        ("National Defense Technology Corp", "US"),
        ("Defense Technology Co Ltd", None),
    ],
)
def test_hard_negatives_are_not_flagged(bundled: Screener, name: str, country: str | None) -> None:
    assert bundled.screen(name, country=country, as_of=AS_OF) == []


def test_name_alone_is_a_review_candidate(bundled: Screener) -> None:
    assert bundled.screen("Huawei", as_of=AS_OF) == []  # 85: below review without support
    found = bundled.screen("Huawei", country="CN", as_of=AS_OF)
    assert found and all(c.level == "review" for c in found)


def test_entries_apply_from_their_start_date(bundled: Screener) -> None:
    assert bundled.screen("SwaySure", as_of=dt.date(2024, 12, 1)) == []
    assert bundled.screen("SwaySure", as_of=dt.date(2024, 12, 2))[0].entry.id == "EL-SWAYSURE"
    assert bundled.screen("SwaySure")[0].entry.id == "EL-SWAYSURE"  # no date: every entry


def test_footnotes_apply_from_their_own_date(bundled: Screener) -> None:
    before = bundled.screen("SMIC Beijing", as_of=dt.date(2024, 12, 1))[0]
    after = bundled.screen("SMIC Beijing", as_of=dt.date(2024, 12, 2))[0]
    assert (before.footnotes, after.footnotes) == ((), (5,))


def test_address_is_supporting_evidence(bundled: Screener) -> None:
    plain = bundled.screen("Huawei Technologies Ltd Shenzhen", as_of=AS_OF)[0]
    placed = bundled.screen("Huawei Technologies Ltd Shenzhen", address="Bantian, Longgang, Shenzhen", as_of=AS_OF)[0]
    assert placed.score > plain.score
    assert "address shares bantian, longgang" in placed.why


def test_thresholds_are_arguments() -> None:
    entries = [ListEntry(id="X", list="EL", name="Huawei Technologies Co., Ltd.", source="t")]
    strict = Screener(entries, review_threshold=99.0)
    lax = Screener(entries, review_threshold=80.0)
    assert strict.screen("Huawei") == []
    assert lax.screen("Huawei")[0].level == "review"
    assert Screener(entries, listed_threshold=90.0).screen("Huawie Technologies")[0].level == "listed"


def test_hits_and_sources_record_the_list_and_snapshot(bundled: Screener) -> None:
    hit = bundled.screen("NUDT", as_of=AS_OF)[0].to_hit()
    assert (hit.list, hit.source, hit.footnotes) == ("EL", "bundled:nudt.toml@2026-11-28", (4,))
    assert "bundled:huawei.toml@2026-11-28" in bundled.sources


def test_from_paths_mixes_formats() -> None:
    screener = Screener.from_paths([FIXTURES / "csl-fixture-2026-11-20.csv", FIXTURES / "csl-fixture.json"])
    assert screener.sources == ("csl-fixture-2026-11-20.csv@2026-11-20", "csl-fixture.json@2026-11-19")
    assert screener.screen("CETC 14", as_of=AS_OF)[0].entry.footnotes == (3,)


def test_blocking_finds_what_scoring_everything_finds(combined: Screener) -> None:
    """On the labelled queries, the blocked shortlist keeps the best name a full scan would score."""
    cases = load_cases(Path(__file__).parent / "labelled.toml")
    active = [v for v in combined._index.variants if combined.entries[v.entry].active_on(AS_OF)]
    for case in cases:
        query = fuzzy_tokens(name_tokens(case.query))
        best_full = max(score_tokens(query, v.tokens).score for v in active)
        if best_full >= 88.0:
            found = combined.screen(case.query, as_of=AS_OF)
            assert found and found[0].name_score >= best_full, case.query
