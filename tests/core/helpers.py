"""Small builders for core tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from compliance.declared import DeclaredScreener
from compliance.evaluate import Engine
from compliance.ruleset import load_documents

HEADER = {"id": "t", "title": "Test rules", "jurisdiction": "US", "authority": "BIS"}
GROUPS = [
    {
        "name": "D:5",
        "citation": "15 CFR 740 Supp. 1",
        "confidence": "S",
        "members": ["CN", "RU"],
        "changes": [{"country": "MO", "from": dt.date(2023, 1, 17)}],
    }
]


def rule(rule_id: str, when: str, **extra: Any) -> dict[str, Any]:
    """A finding rule with defaults."""
    base: dict[str, Any] = {
        "id": rule_id,
        "title": f"Rule {rule_id}",
        "citation": "test citation",
        "confidence": "S",
        "severity": "license_required",
        "effective_from": dt.date(2020, 1, 1),
        "when": when,
        "explain": f"{rule_id} applies.",
    }
    base.update(extra)
    return base


def engine(
    *rules: dict[str, Any], backend: str = "durable", parameters: list[dict[str, Any]] | None = None, cache: bool = True
) -> Engine:
    """An engine over the given rules, the D:5 group and declared-listing screening."""
    document = {"ruleset": HEADER, "rules": list(rules), "country_groups": GROUPS, "parameters": parameters or []}
    return Engine(load_documents([("test.toml", document)]), screener=DeclaredScreener(), backend=backend, cache=cache)  # type: ignore[arg-type]


def txn(**extra: Any) -> dict[str, Any]:
    """An H100 export from the US to China on 2024-03-01."""
    base: dict[str, Any] = {
        "transaction_id": "T-1",
        "date": dt.date(2024, 3, 1),
        "kind": "export",
        "export_country": "US",
        "destination_country": "CN",
        "parties": [{"name": "Example Cloud Co.", "role": "end_user", "country": "CN"}],
        "items": [
            {
                "description": "Nvidia H100 SXM",
                "category": "integrated_circuit",
                "dense_tops": {8: 1979, 16: 989.5},
                "applicable_die_area_mm2": 814,
                "designed_for_datacenter": True,
            }
        ],
    }
    base.update(extra)
    return base
