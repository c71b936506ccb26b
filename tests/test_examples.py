"""Acceptance tests over examples/ and the rulesets' own cases.

EXPECTED states, for every example transaction, the outcome a compliance officer would expect, the rules
(measures) that must be cited, and why in one line. The rulesets' *.cases.toml are run here too, so the
pytest suite and `python -m compliance.cases rulesets` check the same cases.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import NamedTuple

import pytest

import compliance
from compliance.cases import load_cases, run_case

ROOT = Path(__file__).resolve().parents[1]
RULESETS = ROOT / "rulesets"
EXAMPLES = ROOT / "examples"


class Expect(NamedTuple):
    """What a compliance officer expects for one example."""

    outcome: str
    cites: tuple[str, ...]
    reason: str
    policy: str | None = None


EXPECTED: dict[str, Expect] = {
    "a100-cn-2022-12": Expect(
        "license_required",
        ("US-EAR-ADV-2022-LIC",),
        "A100 meets the Oct-2022 test: TPP 4992 >= 4800 and NVLink 600 GB/s >= 600.",
    ),
    "a800-cn-2023-06": Expect("clear", (), "A800's 400 GB/s NVLink fails the 2022 interconnect test."),
    "a800-cn-2023-12": Expect(
        "license_required",
        ("US-EAR-ADV-LIC-D5", "US-EAR-3A090-A1"),
        "From 2023-11-17 the interconnect test is gone: TPP 4992 is 3A090.a.1.",
        "presumption_of_denial",
    ),
    "h800-cn-2023-03": Expect("clear", (), "H800's 400 GB/s NVLink fails the 2022 interconnect test."),
    "h800-cn-2024-02": Expect(
        "license_required",
        ("US-EAR-ADV-LIC-D5", "US-EAR-3A090-A1"),
        "H800 (TPP 15,832) is 3A090.a.1 under the Oct-2023 rule.",
        "presumption_of_denial",
    ),
    "h100-sa-2024-06": Expect(
        "license_required",
        ("US-EAR-ADV-LIC-D1D4",),
        "Saudi Arabia is D:4 (not D:5, A:5, A:6): licence, presumption of approval, ACA.",
        "presumption_of_approval",
    ),
    "h100-nudt-2024-01": Expect(
        "license_required",
        ("US-EAR-EL-744.11", "US-EAR-ADV-LIC-D5"),
        "NUDT is on the Entity List, and H100 to China needs a 3A090 licence anyway.",
    ),
    "h20-cn-2024-09": Expect("clear", (), "H20 (TPP 2368, PD 2.91) is below 3A090.b; no is-informed letter yet."),
    "h20-cn-2025-05": Expect(
        "license_required", ("US-EAR-H20-ISINFORMED",), "April 2025 is-informed letter: licence for H20 to China."
    ),
    "h20-cn-2025-09": Expect(
        "license_required",
        ("US-EAR-H20-ISINFORMED", "US-EAR-H20-LICENSING-2025"),
        "Licence still required; Commerce reportedly issuing H20 licences from 2025-08-08.",
    ),
    "h200-cn-2025-10": Expect(
        "license_required",
        ("US-EAR-ADV-LIC-D5",),
        "H200 is 3A090.a.1; before 2026-01-15 presumption of denial.",
        "presumption_of_denial",
    ),
    "h200-cn-2026-02": Expect(
        "license_required",
        ("US-EAR-ADV-CBC-2026",),
        "H200 (TPP 15,832 < 21,000; 4,800 < 6,500 GB/s) from the US with all certifications: case-by-case.",
        "case_by_case",
    ),
    "h200-sg-prc-hq-2026-02": Expect(
        "license_required",
        ("US-EAR-ADV-HQ",),
        "PRC-headquartered entity in Singapore: HQ rule, outside the case-by-case band.",
        "presumption_of_denial",
    ),
    "b200-cn-2026-03": Expect(
        "license_required",
        ("US-EAR-ADV-LIC-D5-2026",),
        "B200 (TPP 36,000; 8,000 GB/s) is above the 2026 band: presumption of denial.",
        "presumption_of_denial",
    ),
    "rtx4090-cn-2024-03": Expect(
        "license_required",
        ("US-EAR-ADV-LIC-D5", "US-EAR-3A090-A1"),
        "RTX 4090 TPP 5,285 >= 4800 is 3A090.a.1 even as a consumer card (NAC-eligible).",
    ),
    "rtx4090-cn-nac-2024-05": Expect(
        "clear", (), "Same RTX 4090 shipment under License Exception NAC: finding resolved."
    ),
    "rtx4090d-cn-2024-03": Expect("clear", (), "RTX 4090D TPP 4,707 < 4800 and not for datacenters: Note 2."),
    "ad102-datacenter-cn-2024-03": Expect(
        "license_required",
        ("US-EAR-ADV-LIC-D5", "US-EAR-3A090-A2"),
        "Same silicon marketed for datacenters: PD 7.74 >= 5.92 is 3A090.a.2; NAC "
        "not available for datacenter 3A090.a.",
    ),
    "hbm-cn-2024-10": Expect("clear", (), "HBM before 3A090.c existed (2024-12-02)."),
    "hbm-cn-2025-01": Expect(
        "license_required",
        ("US-EAR-HBM-LIC", "US-EAR-DEMINIMIS-25"),
        "HBM at 9.8 GB/s/mm2 > 2 is 3A090.c; 30% US content makes it subject to the EAR.",
    ),
    "eda-cn-2025-06": Expect(
        "license_required",
        ("US-EAR-EDA-ISINFORMED-2025",),
        "3D991 EDA to a party in China inside the 2025-05-23..2025-07-01 window.",
    ),
    "eda-cn-2025-07": Expect("clear", (), "The EDA is-informed requirement was lifted on 2025-07-02."),
    "gaafet-ecad-cn-2023-05": Expect(
        "license_required", ("US-EAR-3D006-GAAFET",), "3D006 GAAFET ECAD (NS controls) to China since 2022-10-14."
    ),
    "ascend-910b-my-2025-06": Expect(
        "review",
        ("US-EAR-GP10-PRC-IC",),
        "BIS guidance of 2025-05-13: dealing in Ascend 910B risks General Prohibition 10.",
    ),
    "drives-huawei-2021-03": Expect(
        "license_required",
        ("US-EAR-FDP-FN1",),
        "Foreign-made drives made with US technology, Huawei a party: footnote-1 FDP.",
        "presumption_of_denial",
    ),
    "huawei-alias-2024-01": Expect(
        "license_required",
        ("US-EAR-EL-HUAWEI",),
        "'Hua Wei Technologies Company Limited' is the listed Huawei entity spelled differently.",
        "presumption_of_denial",
    ),
    "huawei-lookalike-2024-01": Expect(
        "review",
        ("US-EAR-SCREENING-REVIEW",),
        "Name only resembles a Huawei entity: resolve the match before shipping.",
    ),
    "deemed-prc-student-2024-09": Expect(
        "license_required",
        ("US-EAR-DEEMED-734.13",),
        "Releasing 3E001 technology to a PRC national in the US is an export to China.",
    ),
    "deemed-green-card-2024-09": Expect(
        "info", ("US-EAR-DEEMED-EXCLUDED-PERSON",), "Green-card holders are not foreign persons: no deemed export."
    ),
    "dysprosium-cn-us-2025-06": Expect(
        "license_required", ("CN-ANN18-2025",), "Dy is one of the seven rare earths of MOFCOM Ann. 18 (2025-04-04)."
    ),
    "gallium-cn-us-2025-03": Expect(
        "prohibited",
        ("CN-ANN46-2-GA-GE-SB",),
        "Ann. 46 clause 2: in principle no licences for gallium to the US.",
        "no_licences_in_principle",
    ),
    "gallium-cn-us-2025-12": Expect(
        "license_required",
        ("CN-GA-GE-2023",),
        "Clause 2 suspended from 2025-11-09; the ordinary Ga licence still applies.",
    ),
    "magnet-jp-us-2026-03": Expect("clear", (), "Ann. 61 (0.1% China-origin RE) is suspended by Ann. 70."),
    "magnet-jp-us-2026-12": Expect(
        "license_required",
        ("CN-ANN61-2025",),
        "After the suspension, 0.8% China-origin Dy value >= 0.1%: MOFCOM licence.",
    ),
    "magnet-jp-us-2026-08": Expect("clear", (), "Still inside the Ann. 70 suspension (through 2026-11-10)."),
    "gallium-cn-us-2026-08": Expect(
        "license_required",
        ("CN-GA-GE-2023",),
        "Clause 2 of Ann. 46 suspended until 2026-11-27; the Ga licence still applies.",
    ),
    "huawei-jv-2025-10": Expect(
        "license_required",
        ("US-EAR-AFFILIATES-50",),
        "JV 60% owned by Huawei: Affiliates rule (2025-09-29) before its suspension.",
        "presumption_of_denial",
    ),
    "huawei-jv-2026-03": Expect(
        "review", ("US-EAR-AFFILIATES-50-REDFLAG",), "Affiliates rule suspended 2025-11-10..2026-11-09: red flag only."
    ),
    "huawei-jv-2026-12": Expect(
        "license_required", ("US-EAR-AFFILIATES-50",), "Suspension lapsed on 2026-11-10: Affiliates rule applies again."
    ),
    "l20-cluster-cn-2024-06": Expect(
        "review",
        ("US-EAR-CLUSTER-REVIEW",),
        "4,000 L20s (7.6M TPP) could build a supercomputer: establish the end use.",
    ),
    "l20-supercomputer-cn-2024-06": Expect(
        "license_required",
        ("US-EAR-744.23-SUPERCOMPUTER",),
        "Known supercomputer end use in China: 744.23 licence even for uncontrolled chips.",
    ),
    "smic-etch-parts-2025-02": Expect(
        "license_required",
        ("US-EAR-FDP-FN5",),
        "Foreign-made parts made with US technology for a footnote-5 SMIC affiliate.",
    ),
}

# Every measure of issue 3 and the rule ids that cite it; each must be cited by at least one example.
MEASURES: dict[str, tuple[str, ...]] = {
    "3A090 Oct-2022 test": ("US-EAR-ADV-2022-LIC",),
    "3A090/4A090 Oct-2023 (D:5/Macau)": ("US-EAR-ADV-LIC-D5", "US-EAR-ADV-LIC-D5-2026"),
    "3A090 D:1/D:4": ("US-EAR-ADV-LIC-D1D4",),
    "headquartered rule": ("US-EAR-ADV-HQ",),
    "2026 case-by-case": ("US-EAR-ADV-CBC-2026",),
    "NAC": ("US-EAR-ADV-LIC-D5",),
    "HBM 3A090.c": ("US-EAR-HBM-LIC",),
    "H20 is-informed": ("US-EAR-H20-ISINFORMED",),
    "EDA is-informed": ("US-EAR-EDA-ISINFORMED-2025",),
    "3D006 GAAFET ECAD": ("US-EAR-3D006-GAAFET",),
    "Huawei Entity List": ("US-EAR-EL-HUAWEI",),
    "FDP footnote 1": ("US-EAR-FDP-FN1",),
    "GP10 Ascend guidance": ("US-EAR-GP10-PRC-IC",),
    "de minimis": ("US-EAR-DEMINIMIS-25",),
    "deemed exports": ("US-EAR-DEEMED-734.13", "US-EAR-DEEMED-EXCLUDED-PERSON"),
    "Affiliates rule": ("US-EAR-AFFILIATES-50", "US-EAR-AFFILIATES-50-REDFLAG"),
    "supercomputer end use": ("US-EAR-744.23-SUPERCOMPUTER",),
    "cluster review": ("US-EAR-CLUSTER-REVIEW",),
    "other listed parties": ("US-EAR-EL-744.11", "US-EAR-FDP-FN5"),
    "China Ann. 18": ("CN-ANN18-2025",),
    "China Ann. 46": ("CN-ANN46-2-GA-GE-SB",),
    "China Ann. 61": ("CN-ANN61-2025",),
}


def cited(decision: compliance.Decision) -> set[str]:
    """Rule ids of open and resolved findings plus derived facts' rules."""
    return {f.rule_id for f in (*decision.findings, *decision.authorized)} | {d.rule_id for d in decision.derived}


@pytest.fixture(scope="module")
def engine() -> compliance.Engine:
    return compliance.load_rules(RULESETS)


@pytest.fixture(scope="module")
def decisions(engine: compliance.Engine) -> dict[str, compliance.Decision]:
    return {p.stem: engine.evaluate(json.loads(p.read_text(encoding="utf-8"))) for p in sorted(EXAMPLES.glob("*.json"))}


def test_every_example_has_an_expectation_and_vice_versa() -> None:
    on_disk = {p.stem for p in EXAMPLES.glob("*.json")}
    assert on_disk == set(EXPECTED), (on_disk - set(EXPECTED), set(EXPECTED) - on_disk)
    assert len(on_disk) >= 25


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_outcome_and_citations(name: str, decisions: dict[str, compliance.Decision]) -> None:
    expect, decision = EXPECTED[name], decisions[name]
    assert not decision.errors, decision.errors
    assert decision.outcome.value == expect.outcome, f"{name}: {expect.reason}"
    missing = set(expect.cites) - cited(decision)
    assert not missing, f"{name}: expected {sorted(missing)} to be cited ({expect.reason})"
    if expect.policy is not None:
        policies = {f.review_policy.value for f in decision.findings if f.review_policy is not None}
        assert expect.policy in policies, f"{name}: expected review policy {expect.policy}, got {policies}"


def test_clear_examples_cite_nothing_open(decisions: dict[str, compliance.Decision]) -> None:
    for name, expect in EXPECTED.items():
        if expect.outcome == "clear":
            assert decisions[name].findings == (), name


def test_every_measure_is_cited_by_some_example(decisions: dict[str, compliance.Decision]) -> None:
    all_cited = set().union(*(cited(d) for d in decisions.values()))
    uncited = {m: ids for m, ids in MEASURES.items() if not set(ids) & all_cited}
    assert not uncited


def test_findings_carry_citation_and_dates(decisions: dict[str, compliance.Decision]) -> None:
    for name, decision in decisions.items():
        for finding in (*decision.findings, *decision.authorized):
            assert finding.citation, (name, finding.rule_id)
            assert finding.effective_from is not None, (name, finding.rule_id)
            assert finding.explanation and "{" not in finding.explanation, (name, finding.rule_id)


def test_reference_backend_agrees_on_examples(decisions: dict[str, compliance.Decision]) -> None:
    reference = compliance.load_rules(RULESETS, backend="reference")
    for p in sorted(EXAMPLES.glob("*.json")):
        other = reference.evaluate(json.loads(p.read_text(encoding="utf-8")))
        assert cited(other) == cited(decisions[p.stem]), p.stem
        assert other.outcome == decisions[p.stem].outcome, p.stem


# ---------------------------------------------------------------- the rulesets' own cases

CASES = load_cases(RULESETS)


@pytest.mark.parametrize("case", CASES, ids=[f"{Path(c.file).name}:{c.spec.name}" for c in CASES])
def test_ruleset_case(case: object, engine: compliance.Engine) -> None:
    result = run_case(engine, case)  # type: ignore[arg-type]
    assert result.passed, str(result)


def test_at_least_80_cases() -> None:
    assert len(CASES) >= 80


def test_every_rule_has_a_firing_and_a_silent_case(engine: compliance.Engine) -> None:
    fires = {f for c in CASES for f in c.spec.fires}
    silent = {s for c in CASES for s in c.spec.silent}
    ids = {r.id for r in engine.ruleset.rules}
    assert not ids - fires, sorted(ids - fires)
    assert not ids - silent, sorted(ids - silent)
