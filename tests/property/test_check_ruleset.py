"""check_ruleset and the pytest plugin: the invariants pass on the bundled rules and catch a planted bug."""

from __future__ import annotations

from pathlib import Path

import pytest
from property_support import RULES

import compliance.backend as backend_module
from compliance.backend import Firing, ReferenceBackend
from compliance.facts import Facts
from compliance.testing import INVARIANTS, check_ruleset

MINE = """\
[ruleset]
id = "mine"
title = "My rules"
jurisdiction = "US"
authority = "BIS"

[[rules]]
id = "MY-BIG-CHIPS"
title = "Big chips to Russia need a look"
citation = "Internal policy 7"
confidence = "S"
severity = "review"
effective_from = 2024-01-01
effective_until = 2025-01-01
when = "item.tpp >= 4800 and txn.destination_country == 'RU'"
explain = "{item.description} has TPP {item.tpp} and goes to Russia."
"""


def test_bundled_rules_pass_every_invariant() -> None:
    report = check_ruleset(RULES, max_examples=10)
    assert report.ok, str(report)
    assert [r.name for r in report.results] == list(INVARIANTS)


def test_a_planted_disagreement_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "mine.toml").write_text(MINE, encoding="utf-8")
    original = ReferenceBackend.run

    def forgetful(self: ReferenceBackend, facts: Facts) -> frozenset[Firing]:
        return frozenset(f for f in original(self, facts) if f.rule_id != "MY-BIG-CHIPS")

    monkeypatch.setattr(backend_module.ReferenceBackend, "run", forgetful)
    report = check_ruleset(tmp_path, max_examples=50, invariants=["agreement"])
    assert not report.ok
    assert "MY-BIG-CHIPS" in report.results[0].detail
    assert "FAIL agreement" in str(report)
