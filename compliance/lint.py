"""``compliance rules lint``: small validators over a loaded ruleset, in the style of pySigma's rule validators.

Each validator sees every rule (:meth:`Validator.validate`) and then reports what only the whole ruleset
shows (:meth:`Validator.finalize`). Issues carry a code, the file and line, the rule and a hint. Loading
already rejects what is invalid; lint flags what is valid but suspicious: missing links, odd dates, rules
no case exercises, rules that can never fire, facts, parameters and groups nobody uses.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from compliance import conditions as cond
from compliance.cases import Case
from compliance.errors import ConditionError
from compliance.ruleset import PLACEHOLDER, Location, Rule, Ruleset

EARLIEST = dt.date(1990, 1, 1)
LATEST = dt.date(2100, 1, 1)
PLACEHOLDER_TEXT = re.compile(r"^\s*(todo|tbd|xxx|n/?a|none|unknown|\?+)\s*$", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Issue:
    """One lint finding: where, which rule, what and how to fix it."""

    file: str
    line: int
    code: str
    message: str
    rule_id: str | None = None
    hint: str | None = None

    def __str__(self) -> str:
        rule = f"rule {self.rule_id}: " if self.rule_id else ""
        hint = f" {self.hint}" if self.hint else ""
        return f"{self.file}:{self.line}: {self.code} {rule}{self.message}{hint}"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view."""
        return {
            "file": self.file,
            "line": self.line,
            "code": self.code,
            "rule_id": self.rule_id,
            "message": self.message,
            "hint": self.hint,
        }


def issue(code: str, location: Location, message: str, rule_id: str | None = None, hint: str | None = None) -> Issue:
    """An issue at *location* (line 0 when unknown)."""
    return Issue(location.file, location.line or 0, code, message, rule_id, hint)


@dataclass
class LintContext:
    """What validators may look at besides the rule: the ruleset and the test cases."""

    ruleset: Ruleset
    cases: Sequence[Case] = ()


class Validator:
    """Base class: ``validate`` each rule, then ``finalize`` once. Both return issues."""

    code: ClassVar[str] = ""
    description: ClassVar[str] = ""

    def __init__(self, context: LintContext) -> None:
        self.context = context

    def validate(self, rule: Rule) -> list[Issue]:
        """Issues about one rule."""
        return []

    def finalize(self) -> list[Issue]:
        """Issues only the whole ruleset shows."""
        return []


class CitationValidator(Validator):
    """Every rule cites its source, and not with a placeholder."""

    code = "CIT001"
    description = "citation missing or a placeholder"

    def validate(self, rule: Rule) -> list[Issue]:
        """A placeholder citation such as TODO."""
        if PLACEHOLDER_TEXT.match(rule.spec.citation):
            return [
                issue(
                    self.code,
                    rule.location,
                    f"citation is a placeholder ('{rule.spec.citation}').",
                    rule.id,
                    "Cite the Federal Register notice, CFR section or announcement.",
                )
            ]
        return []


class UrlValidator(Validator):
    """Every rule links to its source over http(s)."""

    code = "URL001"
    description = "url missing or not http(s)"

    def validate(self, rule: Rule) -> list[Issue]:
        """A missing or non-http url."""
        url = rule.spec.url
        if not url:
            return [
                issue(
                    self.code, rule.location, "no url.", rule.id, 'Add url = "https://..." pointing at the cited text.'
                )
            ]
        if not url.startswith(("https://", "http://")):
            return [
                issue(
                    self.code,
                    rule.location,
                    f"url '{url}' is not an http(s) link.",
                    rule.id,
                    "Use the https:// address of the cited text.",
                )
            ]
        return []


class DatesValidator(Validator):
    """Dates are plausible and suspensions sit inside the rule's window."""

    code = "DAT001"
    description = "implausible effective dates or suspensions"

    def validate(self, rule: Rule) -> list[Issue]:
        """Dates outside 1990-2100, suspensions outside the window or overlapping."""
        spec = rule.spec
        found = []
        for name, day in (("effective_from", spec.effective_from), ("effective_until", spec.effective_until)):
            if day is not None and not EARLIEST <= day < LATEST:
                found.append(
                    issue(
                        self.code,
                        rule.location,
                        f"{name} {day} is outside {EARLIEST.year}-{LATEST.year - 1}.",
                        rule.id,
                        "Check the year.",
                    )
                )
        windows = sorted(spec.suspended, key=lambda w: w.from_)
        for window in windows:
            before = window.until is not None and window.until <= spec.effective_from
            after = spec.effective_until is not None and window.from_ >= spec.effective_until
            if before or after:
                found.append(
                    issue(
                        self.code,
                        rule.location,
                        f"suspension from {window.from_} does not overlap the rule's effective window.",
                        rule.id,
                        "Check the suspension dates.",
                    )
                )
        for first, second in itertools.pairwise(windows):
            if first.until is None or second.from_ < first.until:
                found.append(
                    issue(
                        self.code,
                        rule.location,
                        f"suspensions from {first.from_} and {second.from_} overlap.",
                        rule.id,
                        "Merge them into one window.",
                    )
                )
        return found


class ConfidenceNoteValidator(Validator):
    """Confidence M or C always says what is unverified, for rules, parameter values and country groups."""

    code = "CNF001"
    description = "confidence M or C without a note"

    def validate(self, rule: Rule) -> list[Issue]:
        """A rule with M/C and no note (the loader rejects this; kept for rules built in code)."""
        if rule.spec.confidence in ("M", "C") and not rule.spec.confidence_note:
            return [
                issue(
                    self.code,
                    rule.location,
                    f"confidence {rule.spec.confidence} without a confidence_note.",
                    rule.id,
                    "Say what is unverified or in conflict.",
                )
            ]
        return []

    def finalize(self) -> list[Issue]:
        """Parameter values and country groups with M/C and no note."""
        found = []
        for name, param in self.context.ruleset.parameters.items():
            for value in param.spec.values:
                if value.confidence in ("M", "C") and not value.confidence_note:
                    found.append(
                        issue(
                            self.code,
                            param.location,
                            f"parameter '{name}' value from {value.from_} "
                            f"has confidence {value.confidence} without a confidence_note.",
                            hint="Say what is unverified or in conflict.",
                        )
                    )
        for name, group in self.context.ruleset.groups.items():
            if group.spec.confidence in ("M", "C") and not group.spec.confidence_note:
                found.append(
                    issue(
                        self.code,
                        group.location,
                        f"country group '{name}' has confidence {group.spec.confidence} without a confidence_note.",
                        hint="Say what is unverified or in conflict.",
                    )
                )
        return found


class UntestedValidator(Validator):
    """Every rule is named in some case's ``fires`` list (derive rules: or their fact in ``derives``)."""

    code = "TST001"
    description = "rule never exercised by a case"

    def __init__(self, context: LintContext) -> None:
        super().__init__(context)
        self.fired = {rule for case in context.cases for rule in case.spec.fires}
        self.derived = {name for case in context.cases for name in case.spec.derives}

    def validate(self, rule: Rule) -> list[Issue]:
        """A rule no case expects to fire."""
        if rule.id in self.fired or (rule.spec.derive and rule.spec.derive in self.derived):
            return []
        return [
            issue(
                self.code,
                rule.location,
                "no case expects this rule to fire.",
                rule.id,
                f'Add a case with fires = ["{rule.id}"] to a *.cases.toml file.',
            )
        ]


class UnreachableValidator(Validator):
    """A rule that can never fire: in every epoch where it is in force, its condition specialised to that
    epoch's parameters and groups is constant False, or it holds a fact no reachable rule derives."""

    code = "UNR001"
    description = "rule can never fire"

    def __init__(self, context: LintContext) -> None:
        super().__init__(context)
        self.reachable = reachable_rules(context.ruleset)

    def validate(self, rule: Rule) -> list[Issue]:
        """A rule that is reachable in no epoch."""
        if rule.id in self.reachable:
            return []
        return [
            issue(
                self.code,
                rule.location,
                "can never fire: in every period where it is in force its "
                "condition is false given the parameters and country groups of that period.",
                rule.id,
                "Check parameter windows, group membership, effective dates and holds(...) names.",
            )
        ]


def epoch_days(ruleset: Ruleset) -> list[dt.date]:
    """A representative day of every epoch."""
    return [ruleset.representative_day(index) for index in range(len(ruleset.boundaries) + 1)]


def reachable_rules(ruleset: Ruleset) -> set[str]:
    """Ids of rules whose specialised condition is not constant False in some epoch (derived facts chained)."""
    reachable: set[str] = set()
    for day in epoch_days(ruleset):
        state = ruleset.state_at(day)
        live = {rule.id: _specialized(rule, state.params, state.groups) for rule in state.rules}
        facts: set[str] = set()
        changed = True
        while changed:
            changed = False
            for rule in state.rules:
                if _possible(live[rule.id]) and set(cond.held_facts(rule.condition)) <= facts:
                    reachable.add(rule.id)
                    if rule.spec.derive and rule.spec.derive not in facts:
                        facts.add(rule.spec.derive)
                        changed = True
    return reachable


def _specialized(rule: Rule, params: Mapping[str, Any], groups: Mapping[str, frozenset[str]]) -> cond.Node | None:
    try:
        return cond.specialize(rule.condition, params, groups)
    except ConditionError:
        return None


def _possible(node: cond.Node | None) -> bool:
    return node is not None and not (isinstance(node, cond.Const) and node.value is not True)


class UnusedFactValidator(Validator):
    """Every derived fact is tested by some rule's ``holds(...)``."""

    code = "USE001"
    description = "derived fact nobody uses"

    def finalize(self) -> list[Issue]:
        """Derive rules whose fact no rule holds."""
        used = {name for rule in self.context.ruleset.rules for name in cond.held_facts(rule.condition)}
        return [
            issue(
                self.code,
                rule.location,
                f"derived fact '{rule.spec.derive}' is never tested with holds(...).",
                rule.id,
                "Use it in a rule, or remove the derive rule.",
            )
            for rule in self.context.ruleset.rules
            if rule.spec.derive and rule.spec.derive not in used
        ]


class UnusedParameterValidator(Validator):
    """Every parameter is read by a condition, a licence exception condition or a template."""

    code = "USE002"
    description = "parameter nobody reads"

    def finalize(self) -> list[Issue]:
        """Parameters no rule reads."""
        used = set().union(*(parameters_read(rule) for rule in self.context.ruleset.rules))
        return [
            issue(
                self.code,
                param.location,
                f"parameter '{name}' is not read by any rule.",
                hint="Use it with param('...'), or remove it.",
            )
            for name, param in sorted(self.context.ruleset.parameters.items())
            if name not in used
        ]


def parameters_read(rule: Rule) -> set[str]:
    """Parameters a rule reads in its condition, its exception conditions and its templates."""
    nodes = [rule.condition, *(node for _, node, _ in rule.exceptions if node is not None)]
    names = {name for node in nodes for name in cond.params_read(node)}
    for text in (rule.spec.explain, rule.spec.remedy or ""):
        names.update(p.removeprefix("param.") for p in PLACEHOLDER.findall(text) if p.startswith("param."))
    return names


class UnusedGroupValidator(Validator):
    """Every country group is read by some condition."""

    code = "USE003"
    description = "country group nobody reads"

    def finalize(self) -> list[Issue]:
        """Groups no rule reads."""
        used: set[str] = set()
        for rule in self.context.ruleset.rules:
            nodes = [rule.condition, *(node for _, node, _ in rule.exceptions if node is not None)]
            used.update(name for node in nodes for name in cond.groups_read(node))
        return [
            issue(
                self.code,
                group.location,
                f"country group '{name}' is not read by any rule.",
                hint="Use it with in_group(..., '...'), or remove it.",
            )
            for name, group in sorted(self.context.ruleset.groups.items())
            if name not in used
        ]


VALIDATORS: tuple[type[Validator], ...] = (
    CitationValidator,
    UrlValidator,
    DatesValidator,
    ConfidenceNoteValidator,
    UntestedValidator,
    UnreachableValidator,
    UnusedFactValidator,
    UnusedParameterValidator,
    UnusedGroupValidator,
)


@dataclass
class LintReport:
    """Every issue, sorted by file and line."""

    issues: list[Issue] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """Issues per code."""
        out: dict[str, int] = {}
        for found in self.issues:
            out[found.code] = out.get(found.code, 0) + 1
        return dict(sorted(out.items()))


def lint(
    ruleset: Ruleset,
    cases: Sequence[Case] = (),
    ignore: Iterable[str] = (),
    validators: Sequence[type[Validator]] = VALIDATORS,
) -> LintReport:
    """Run *validators* (minus the *ignore*d codes) over every rule; return the sorted issues."""
    skipped = {code.upper() for code in ignore}
    context = LintContext(ruleset, cases)
    active = [v(context) for v in validators if v.code not in skipped]
    issues: list[Issue] = []
    for rule in ruleset.rules:
        for validator in active:
            issues.extend(validator.validate(rule))
    for validator in active:
        issues.extend(validator.finalize())
    return LintReport(sorted(issues))
