"""The shapes of ruleset files (pydantic): rules, parameters, country groups, events, scenarios.

These are the raw, validated specs as written. :mod:`compliance.ruleset` turns them into a checked ruleset.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal, Union

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictStr, model_validator

from compliance.model import ReviewPolicy, Severity

Confidence = Literal["V", "S", "M", "C"]
RULE_ID_PATTERN = r"^[A-Z0-9][A-Z0-9.-]*$"
FACT_NAME_PATTERN = r"^[a-z0-9_]+$"
PARAM_NAME_PATTERN = r"^[a-z0-9_.]+$"
ParamValue = Union[StrictBool, Decimal, StrictStr, tuple[StrictStr, ...]]


class Spec(BaseModel):
    """Base: immutable, unknown keys rejected, no lax coercion of ids and dates."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Window(Spec):
    """A half-open date window [from, until)."""

    from_: dt.date = Field(alias="from")
    until: dt.date | None = None
    citation: str | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Window:
        if self.until is not None and self.until <= self.from_:
            raise ValueError(f"until ({self.until}) must be after from ({self.from_})")
        return self

    def contains(self, day: dt.date) -> bool:
        """True when *day* falls inside the window."""
        return self.from_ <= day and (self.until is None or day < self.until)


class ExceptionSpec(Spec):
    """A licence exception that may resolve a finding, with its eligibility condition."""

    code: str = Field(pattern=r"^[A-Z0-9]+$")
    when: str | None = None
    note: str | None = None


class RuleSpec(Spec):
    """A rule as written in a ruleset file."""

    id: str = Field(pattern=RULE_ID_PATTERN, max_length=80)
    kind: Literal["finding", "derive"] = "finding"
    derive: str | None = Field(default=None, pattern=FACT_NAME_PATTERN)
    title: str = Field(min_length=3)
    jurisdiction: str | None = None
    authority: str | None = None
    citation: str = Field(min_length=3)
    url: str | None = None
    confidence: Confidence
    confidence_note: str | None = None
    severity: Severity | None = None
    effective_from: dt.date
    effective_until: dt.date | None = None
    suspended: tuple[Window, ...] = ()
    when: str = Field(min_length=1)
    explain: str = Field(min_length=1)
    remedy: str | None = None
    review_policy: ReviewPolicy | None = None
    license_exceptions: tuple[ExceptionSpec, ...] = ()
    context: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    status: Literal["stable", "experimental", "deprecated"] = "stable"

    @model_validator(mode="after")
    def _consistent(self) -> RuleSpec:
        if self.effective_until is not None and self.effective_until <= self.effective_from:
            raise ValueError(
                f"effective_until ({self.effective_until}) is not after effective_from ({self.effective_from}); "
                "effective_until is the first day the rule no longer applies"
            )
        if self.kind == "derive" and not self.derive:
            raise ValueError('a derive rule needs derive = "fact_name"')
        if self.kind == "finding" and self.severity is None:
            raise ValueError("a finding rule needs a severity: info, review, license_required or prohibited")
        if self.kind == "finding" and self.derive:
            raise ValueError('derive = ... is only for kind = "derive"')
        if self.confidence in ("M", "C") and not self.confidence_note:
            raise ValueError(f"confidence {self.confidence} needs a confidence_note saying what is unverified")
        return self

    def in_force(self, day: dt.date) -> bool:
        """True when the rule applies on *day* (inside its window and not suspended)."""
        if day < self.effective_from or (self.effective_until is not None and day >= self.effective_until):
            return False
        return not any(w.contains(day) for w in self.suspended)


class ParamValueSpec(Spec):
    """One dated value of a parameter."""

    from_: dt.date = Field(alias="from")
    until: dt.date | None = None
    value: ParamValue
    citation: str = Field(min_length=3)
    confidence: Confidence
    confidence_note: str | None = None


class ParameterSpec(Spec):
    """A named, dated parameter (threshold, list)."""

    name: str = Field(pattern=PARAM_NAME_PATTERN)
    description: str | None = None
    unit: str | None = None
    values: tuple[ParamValueSpec, ...] = Field(min_length=1)


class MemberChange(Spec):
    """A dated membership of one country in a group."""

    country: str = Field(pattern=r"^[A-Z]{2}$")
    from_: dt.date = Field(alias="from")
    until: dt.date | None = None
    citation: str | None = None


class CountryGroupSpec(Spec):
    """A country group with dated membership."""

    name: str = Field(min_length=1)
    citation: str = Field(min_length=3)
    confidence: Confidence
    confidence_note: str | None = None
    members: tuple[str, ...] = ()
    changes: tuple[MemberChange, ...] = ()


class EventSpec(Spec):
    """A dated context event (a truce, a suspension) that explains dates."""

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    date: dt.date
    title: str
    citation: str
    confidence: Confidence
    note: str | None = None


class RulesetHeader(Spec):
    """The ``[ruleset]`` table."""

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    title: str
    jurisdiction: str | None = None
    authority: str | None = None
    description: str | None = None


class RulesetFile(Spec):
    """A whole ruleset file."""

    ruleset: RulesetHeader | None = None
    rules: tuple[dict[str, object], ...] = ()
    parameters: tuple[dict[str, object], ...] = ()
    country_groups: tuple[dict[str, object], ...] = ()
    events: tuple[dict[str, object], ...] = ()


class ScenarioHeader(Spec):
    """The ``[scenario]`` table."""

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    title: str
    description: str | None = None


class PatchSpec(Spec):
    """Fields to change in an existing rule."""

    model_config = ConfigDict(frozen=True, extra="allow")
    rule: str
