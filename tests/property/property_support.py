"""Shared engines and strategies for the property suite (imported as a plain module by the tests here)."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from compliance.declared import DeclaredScreener
from compliance.evaluate import Engine
from compliance.model import Decision
from compliance.ruleset import Ruleset, load
from compliance.testing import (
    COUNTRIES,
    chips,
    known_chips,
    parties,
    ruleset_dates,
)

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "rulesets"
SCENARIOS = tuple(sorted((RULES / "scenarios").glob("*.toml")))
ADVANCED_COMPUTING = tuple(
    RULES / name
    for name in ("us/advanced-computing.toml", "us/country-groups.toml", "us/foreign-produced.toml", "context.toml")
)
"""The 3A090/4A090 rules with what they need: country groups, subject_to_ear, context events."""

D5_FIRST_DAY = dt.date(2023, 11, 17)
SCREENER = DeclaredScreener()


@functools.cache
def bundled_ruleset(scenario: Path | None = None) -> Ruleset:
    """Every bundled rule file, with an optional scenario."""
    return load([RULES], [scenario] if scenario else [])


@functools.cache
def bundled(backend: str = "durable") -> Engine:
    """A long-lived engine over the bundled rules, screening with the bundled lists."""
    return Engine(bundled_ruleset(), backend=backend)  # type: ignore[arg-type]


@functools.cache
def advanced_computing(scenario: Path | None = None, backend: str = "durable") -> Engine:
    """An engine over the 3A090/4A090 rules only (optionally with a scenario), declared screening."""
    ruleset = load(list(ADVANCED_COMPUTING), [scenario] if scenario else [])
    return Engine(ruleset, screener=SCREENER, backend=backend)  # type: ignore[arg-type]


def live_sessions(engine: Engine) -> int:
    """Open durable sessions across an engine's compiled epochs (0 for the reference backend)."""
    return sum(getattr(b, "live_sessions", lambda: 0)() for b in engine._backends.values())


def item_rules(decision: Decision, item: int) -> set[str]:
    """Rule ids of the open findings about *item*."""
    return {f.rule_id for f in decision.findings if f.item == item}


def all_certifications(given: bool) -> dict[str, bool]:
    """The six 2026 certifications, all given or none."""
    names = (
        "commercially_available_in_us",
        "us_supply_sufficient",
        "no_foundry_diversion",
        "china_volume_within_half_of_us",
        "consignee_kyc_and_remote_access_controls",
        "us_third_party_testing",
    )
    return dict.fromkeys(names, given)


@st.composite
def chip_transactions(draw: st.DrawFn, day: st.SearchStrategy[dt.date] | None = None) -> dict[str, Any]:
    """A transaction of one to two chips, biased towards the 3A090 destinations and the 2026 band."""
    ruleset = advanced_computing().ruleset
    destination = draw(st.sampled_from(("CN", "MO", "RU", "VN", "SA", "AE", "US", "DE", "JP", "SG", "HK")))
    kind = draw(st.sampled_from(("export", "export", "reexport", "export_from_abroad", "transfer_in_country")))
    return {
        "transaction_id": "CHIPS-1",
        "date": draw(ruleset_dates(ruleset) if day is None else day),
        "kind": kind,
        "export_country": draw(st.sampled_from(("US", "US", "TW", "KR", "MY"))),
        "destination_country": destination,
        "parties": draw(st.lists(parties(st.sampled_from(("Acme Cloud Ltd", "Orion Data"))), min_size=1, max_size=2)),
        "items": draw(st.lists(st.one_of(chips(), known_chips()), min_size=1, max_size=2)),
        "certifications": all_certifications(draw(st.booleans())),
    }


def country_codes() -> st.SearchStrategy[str]:
    """The countries the public strategies draw from."""
    return st.sampled_from(COUNTRIES)
