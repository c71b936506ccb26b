"""JSON Schemas for editors: a transaction (the model) and a ruleset file (built from compliance.specs)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from compliance.model import Transaction
from compliance.specs import CountryGroupSpec, EventSpec, ParameterSpec, RulesetHeader, RuleSpec

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


class RulesetDocument(BaseModel):
    """A ruleset file: an optional [ruleset] table and arrays of rules, parameters, groups and events."""

    model_config = ConfigDict(extra="forbid", title="compliance ruleset file")

    ruleset: RulesetHeader | None = None
    rules: list[RuleSpec] = Field(default_factory=list)
    parameters: list[ParameterSpec] = Field(default_factory=list)
    country_groups: list[CountryGroupSpec] = Field(default_factory=list)
    events: list[EventSpec] = Field(default_factory=list)


def transaction_schema() -> dict[str, Any]:
    """The JSON Schema of one transaction (``Transaction.model_json_schema()``)."""
    return {"$schema": SCHEMA_DIALECT, **Transaction.model_json_schema()}


def ruleset_schema() -> dict[str, Any]:
    """The JSON Schema of a ruleset TOML file (keys as written, e.g. ``from`` in dated values)."""
    return {"$schema": SCHEMA_DIALECT, **RulesetDocument.model_json_schema(by_alias=True)}
