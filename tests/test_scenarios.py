"""Which example decisions change under each what-if scenario (rulesets/scenarios/*.toml)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import NamedTuple

import pytest

import compliance

ROOT = Path(__file__).resolve().parents[1]
RULESETS = ROOT / "rulesets"
SCENARIOS = RULESETS / "scenarios"
EXAMPLES = ROOT / "examples"


class Change(NamedTuple):
    """How one example's decision changes: outcome and cited rules before -> after."""

    before: str
    after: str
    gains: tuple[str, ...]
    loses: tuple[str, ...]
    reason: str


EXPECTED_CHANGES: dict[str, dict[str, Change]] = {
    "affiliates-suspension-extended": {
        "huawei-jv-2026-12": Change(
            "license_required",
            "review",
            ("US-EAR-AFFILIATES-50-REDFLAG",),
            ("US-EAR-AFFILIATES-50",),
            "The suspension now runs to 2027-11-10, so in Dec 2026 the JV is a red flag only.",
        ),
    },
    "blackwell-band": {
        "b200-cn-2026-03": Change(
            "license_required",
            "license_required",
            ("US-EAR-ADV-CBC-2026",),
            ("US-EAR-ADV-LIC-D5-2026",),
            "B200 (TPP 36,000; 8,000 GB/s) falls inside a 40,000 / 10,000 GB/s band: "
            "case-by-case instead of presumption of denial.",
        ),
    },
    "cn-suspensions-lapse-early": {
        "magnet-jp-us-2026-08": Change(
            "clear", "license_required", ("CN-ANN61-2025",), (), "Ann. 61 applies again from 2026-06-01."
        ),
        "gallium-cn-us-2026-08": Change(
            "license_required",
            "prohibited",
            ("CN-ANN46-2-GA-GE-SB",),
            (),
            "Clause 2 of Ann. 46 applies again from 2026-06-01.",
        ),
    },
}


def open_rules(decision: compliance.Decision) -> set[str]:
    return {f.rule_id for f in decision.findings}


def evaluate_all(engine: compliance.Engine) -> dict[str, compliance.Decision]:
    return {p.stem: engine.evaluate(json.loads(p.read_text(encoding="utf-8"))) for p in sorted(EXAMPLES.glob("*.json"))}


@pytest.fixture(scope="module")
def baseline() -> dict[str, compliance.Decision]:
    return evaluate_all(compliance.load_rules(RULESETS))


def test_every_scenario_file_is_tested() -> None:
    on_disk = {p.stem for p in SCENARIOS.glob("*.toml")}
    assert on_disk == set(EXPECTED_CHANGES)
    assert len(on_disk) >= 2


@pytest.mark.parametrize("scenario", sorted(EXPECTED_CHANGES))
def test_scenario_changes_exactly_the_expected_examples(
    scenario: str, baseline: dict[str, compliance.Decision]
) -> None:
    engine = compliance.load_rules(RULESETS, scenarios=[SCENARIOS / f"{scenario}.toml"])
    after = evaluate_all(engine)
    changed = {
        name
        for name in baseline
        if baseline[name].outcome != after[name].outcome or open_rules(baseline[name]) != open_rules(after[name])
    }
    expected = EXPECTED_CHANGES[scenario]
    assert changed == set(expected), (sorted(changed - set(expected)), sorted(set(expected) - changed))
    for name, change in expected.items():
        before, now = baseline[name], after[name]
        assert before.outcome.value == change.before, f"{name} before: {change.reason}"
        assert now.outcome.value == change.after, f"{name} after: {change.reason}"
        assert set(change.gains) <= open_rules(now) - open_rules(before), (name, change.reason)
        assert set(change.loses) <= open_rules(before) - open_rules(now), (name, change.reason)
        assert scenario in now.scenarios


def test_blackwell_band_changes_review_policy(baseline: dict[str, compliance.Decision]) -> None:
    engine = compliance.load_rules(RULESETS, scenarios=[SCENARIOS / "blackwell-band.toml"])
    b200 = json.loads((EXAMPLES / "b200-cn-2026-03.json").read_text(encoding="utf-8"))
    policies = {f.review_policy.value for f in engine.evaluate(b200).findings if f.review_policy}
    assert policies == {"case_by_case"}
    assert {f.review_policy.value for f in baseline["b200-cn-2026-03"].findings if f.review_policy} == {
        "presumption_of_denial"
    }
