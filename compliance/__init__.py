"""compliance: check hypothetical transactions against declarative export-control rulesets.

Public API::

    import compliance
    engine = compliance.load_rules("rulesets", scenarios=["rulesets/scenarios/x.toml"])
    decision = engine.evaluate(transaction_dict, as_of=datetime.date(2025, 6, 1))
"""

from compliance.errors import ComplianceError, EngineError, InputError, Problem, RulesetError
from compliance.evaluate import Engine, load_rules, parse_transaction
from compliance.model import (
    Decision,
    Evidence,
    Finding,
    Item,
    NearMiss,
    Outcome,
    Party,
    Severity,
    Transaction,
)
from compliance.ruleset import Ruleset, load

__all__ = [
    "ComplianceError",
    "Decision",
    "Engine",
    "EngineError",
    "Evidence",
    "Finding",
    "InputError",
    "Item",
    "NearMiss",
    "Outcome",
    "Party",
    "Problem",
    "Ruleset",
    "RulesetError",
    "Severity",
    "Transaction",
    "load",
    "load_rules",
    "parse_transaction",
]
__version__ = "0.1.0"
