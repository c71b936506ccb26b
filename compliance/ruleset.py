"""Load rulesets and scenarios from TOML, check them, and answer "what is in force on this date".

Every problem in every file is collected before :class:`RulesetError` is raised, each with file:line, the
rule id and a hint.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import json
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from compliance import conditions as cond
from compliance.errors import ConditionError, Problem, RulesetError, did_you_mean
from compliance.fields import FIELDS
from compliance.sourcemap import SourceMap
from compliance.specs import (
    CountryGroupSpec,
    EventSpec,
    ParameterSpec,
    PatchSpec,
    RulesetFile,
    RulesetHeader,
    RuleSpec,
    ScenarioHeader,
)

SECTION_SPECS: dict[str, type[BaseModel]] = {
    "rules": RuleSpec,
    "parameters": ParameterSpec,
    "country_groups": CountryGroupSpec,
    "events": EventSpec,
}
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
FIXED_PLACEHOLDERS = frozenset({"effective_from", "effective_until", "rule.id", "rule.citation", "rule.title"})


@dataclass(frozen=True)
class Location:
    """Where something was defined."""

    file: str
    line: int | None


@dataclass(frozen=True)
class Rule:
    """A checked rule: its spec, parsed condition, the entities it binds and where it came from."""

    spec: RuleSpec
    condition: cond.Node
    binds: frozenset[str]
    exceptions: tuple[tuple[str, cond.Node | None, str | None], ...]
    location: Location
    ruleset_id: str

    @property
    def id(self) -> str:
        """The rule's stable id."""
        return self.spec.id

    @property
    def jurisdiction(self) -> str:
        """Jurisdiction, defaulted from the file's [ruleset] table."""
        return self.spec.jurisdiction or "unknown"


@dataclass(frozen=True)
class Parameter:
    """A dated parameter."""

    spec: ParameterSpec
    type: str
    location: Location

    def value_at(self, day: dt.date) -> Any:
        """The value in force on *day*, or None when undefined."""
        for value in self.spec.values:
            if value.from_ <= day and (value.until is None or day < value.until):
                return _param_value(value.value)
        return None


@dataclass(frozen=True)
class CountryGroup:
    """A country group with dated membership."""

    spec: CountryGroupSpec
    location: Location

    def members_at(self, day: dt.date) -> frozenset[str]:
        """Members on *day*."""
        dated = {c.country for c in self.spec.changes if c.from_ <= day and (c.until is None or day < c.until)}
        return frozenset(self.spec.members) | dated


@dataclass(frozen=True)
class EpochState:
    """What is in force during one epoch: rules, parameter values, group members."""

    index: int
    start: dt.date | None
    end: dt.date | None
    rules: tuple[Rule, ...]
    params: Mapping[str, Any]
    groups: Mapping[str, frozenset[str]]


@dataclass(frozen=True)
class Ruleset:
    """A checked set of rules, parameters, groups and events, with scenarios already applied."""

    rules: tuple[Rule, ...]
    parameters: Mapping[str, Parameter]
    groups: Mapping[str, CountryGroup]
    events: Mapping[str, EventSpec]
    derived_scopes: Mapping[str, frozenset[str]]
    scenarios: tuple[str, ...]
    files: tuple[str, ...]
    digest: str
    boundaries: tuple[dt.date, ...] = field(default=())

    def rule(self, rule_id: str) -> Rule:
        """The rule with *rule_id*; KeyError with a suggestion otherwise."""
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(f"no rule '{rule_id}'. {did_you_mean(rule_id, [r.id for r in self.rules]) or ''}".strip())

    def epoch_index(self, day: dt.date) -> int:
        """Which epoch (interval between consecutive boundaries) *day* falls in."""
        return bisect.bisect_right(self.boundaries, day)

    def epoch_bounds(self, index: int) -> tuple[dt.date | None, dt.date | None]:
        """Start (inclusive) and end (exclusive) of an epoch."""
        start = self.boundaries[index - 1] if index > 0 else None
        end = self.boundaries[index] if index < len(self.boundaries) else None
        return start, end

    def state_at(self, day: dt.date) -> EpochState:
        """Rules, parameters and groups in force on *day*."""
        index = self.epoch_index(day)
        start, end = self.epoch_bounds(index)
        return EpochState(
            index=index,
            start=start,
            end=end,
            rules=tuple(r for r in self.rules if r.spec.in_force(day)),
            params={name: p.value_at(day) for name, p in self.parameters.items()},
            groups={name: g.members_at(day) for name, g in self.groups.items()},
        )

    def representative_day(self, index: int) -> dt.date:
        """A day inside epoch *index*."""
        start, end = self.epoch_bounds(index)
        if start is not None:
            return start
        assert end is not None
        return end - dt.timedelta(days=1)


def _param_value(value: Any) -> Any:
    if isinstance(value, bool | str | tuple):
        return value
    return cond.quantize(Decimal(value))


# --- loading -------------------------------------------------------------------------------------------


@dataclass
class _Collected:
    """Raw specs collected from files, with locations, before checking conditions."""

    rules: dict[str, tuple[RuleSpec, Location, str]] = field(default_factory=dict)
    parameters: dict[str, tuple[ParameterSpec, Location]] = field(default_factory=dict)
    groups: dict[str, tuple[CountryGroupSpec, Location]] = field(default_factory=dict)
    events: dict[str, tuple[EventSpec, Location]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)


def ruleset_files(paths: Iterable[Path | str]) -> list[Path]:
    """Every ruleset file under *paths* (directories recursively), skipping cases, fixtures and scenarios."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(p for p in sorted(path.rglob("*.toml")) if is_ruleset_file(p, path))
        elif path.exists():
            found.append(path)
        else:
            raise RulesetError([Problem(f"no such file or directory: {path}", hint="Pass a rulesets directory.")])
    return found


def is_ruleset_file(path: Path, root: Path) -> bool:
    """True for rule files; False for ``*.cases.toml``, ``*.fixtures.toml`` and anything under scenarios/."""
    name = path.name
    relative = path.relative_to(root).parts
    return not (name.endswith((".cases.toml", ".fixtures.toml")) or "scenarios" in relative[:-1])


def load(paths: Sequence[Path | str], scenarios: Sequence[Path | str] = ()) -> Ruleset:
    """Load and check ruleset files or directories, then apply *scenarios* in order."""
    collected = _Collected()
    for path in ruleset_files(paths):
        data = _read_toml(path, collected)
        if data is not None:
            _collect_document(str(path), data, collected)
    scenario_ids = [_apply_scenario(Path(s), collected) for s in scenarios]
    return _check(collected, tuple(scenario_ids))


def load_documents(documents: Sequence[tuple[str, Mapping[str, Any]]]) -> Ruleset:
    """Load rulesets already parsed from TOML (name, data); used by generated rulesets in tests."""
    collected = _Collected()
    for name, data in documents:
        _collect_document(name, dict(data), collected)
    return _check(collected, ())


def _read_toml(path: Path, collected: _Collected) -> dict[str, Any] | None:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        collected.problems.append(Problem(f"cannot read file: {exc}", file=str(path)))
        return None
    collected.texts[str(path)] = text
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        collected.problems.append(
            Problem(
                f"invalid TOML: {exc}",
                file=str(path),
                line=int(line.group(1)) if line else None,
                hint="Check quoting and that dates are written like 2025-05-23.",
            )
        )
        return None


def _collect_document(path: str, data: dict[str, Any], collected: _Collected) -> None:
    collected.files.append(path)
    source = SourceMap.of(collected.texts.get(path, ""))
    try:
        shape = RulesetFile.model_validate(data)
    except ValidationError as exc:
        collected.problems.extend(_problems(exc, path, source, None, None))
        return
    stem = Path(path).stem
    header = shape.ruleset or RulesetHeader(id=re.sub(r"[^a-z0-9-]", "-", stem.lower()) or "ruleset", title=stem)
    for section, entries in (
        ("rules", shape.rules),
        ("parameters", shape.parameters),
        ("country_groups", shape.country_groups),
        ("events", shape.events),
    ):
        for index, entry in enumerate(entries):
            raw = _with_defaults(section, entry, header)
            spec = _validate(section, raw, path, source, index, collected)
            if spec is not None:
                _add(section, spec, Location(path, source.entry_line(section, index)), header.id, collected)


def _with_defaults(section: str, entry: dict[str, object], header: RulesetHeader) -> dict[str, object]:
    if section != "rules":
        return entry
    defaults = {"jurisdiction": header.jurisdiction, "authority": header.authority}
    return {**{k: v for k, v in defaults.items() if v is not None}, **entry}


def _validate(
    section: str, raw: dict[str, object], file: str, source: SourceMap, index: int, collected: _Collected
) -> BaseModel | None:
    try:
        return SECTION_SPECS[section].model_validate(raw)
    except ValidationError as exc:
        rule_id = raw.get("id") if section == "rules" else None
        collected.problems.extend(_problems(exc, file, source, section, index, str(rule_id) if rule_id else None))
        return None


def _problems(
    exc: ValidationError,
    file: str,
    source: SourceMap,
    section: str | None,
    index: int | None,
    rule_id: str | None = None,
) -> list[Problem]:
    problems = []
    for error in exc.errors():
        loc = [str(part) for part in error["loc"]]
        key = loc[0] if loc else None
        line = None
        if section and index is not None:
            key = key or _mentioned_key(error["msg"], section)
            line = source.key_line(section, index, key) if key else source.entry_line(section, index)
        message = error["msg"].removeprefix("Value error, ")
        hint = _hint_for(error["type"], key, section)
        problems.append(Problem(message, file=file, line=line, rule_id=rule_id, field=".".join(loc) or None, hint=hint))
    return problems


def _mentioned_key(message: str, section: str) -> str | None:
    """For whole-entry errors: the first field of the section the message names (to point at its line)."""
    spec = SECTION_SPECS.get(section)
    names = sorted(spec.model_fields, key=len, reverse=True) if spec else []
    found = [(message.find(n), n) for n in names if re.search(rf"\b{n}\b", message)]
    return min(found)[1] if found else None


def _hint_for(error_type: str, key: str | None, section: str | None) -> str | None:
    if error_type == "extra_forbidden" and key and section in SECTION_SPECS:
        fields = SECTION_SPECS[section].model_fields
        names = [f.alias or n for n, f in fields.items()]
        return did_you_mean(key, names) or f"Known keys: {', '.join(sorted(names))}."
    if error_type.startswith("date"):
        return "Write dates unquoted, such as 2025-05-23."
    if error_type == "missing":
        return "Add it."
    return None


def _add(section: str, spec: BaseModel, location: Location, ruleset_id: str, collected: _Collected) -> None:
    key = spec.id if isinstance(spec, RuleSpec | EventSpec) else spec.name  # type: ignore[attr-defined]
    tables: dict[str, dict[str, Any]] = {
        "rules": collected.rules,
        "parameters": collected.parameters,
        "country_groups": collected.groups,
        "events": collected.events,
    }
    table = tables[section]
    if key in table:
        first = table[key][1]
        collected.problems.append(
            Problem(
                f"duplicate {section[:-1].replace('_', ' ')} '{key}'; first defined at {first.file}:{first.line}.",
                file=location.file,
                line=location.line,
                hint="Ids are unique and never reused.",
            )
        )
        return
    table[key] = (spec, location, ruleset_id) if section == "rules" else (spec, location)


# --- scenarios -----------------------------------------------------------------------------------------


def _apply_scenario(path: Path, collected: _Collected) -> str:
    data = _read_toml(path, collected)
    if data is None:
        return path.stem
    source = SourceMap.of(collected.texts[str(path)])
    known = {"scenario", "patch", "parameters", "country_groups", "rules", "remove_rules"}
    for key in set(data) - known:
        collected.problems.append(
            Problem(
                f"unknown key '{key}' in a scenario file.",
                file=str(path),
                line=source.find(key),
                hint=did_you_mean(key, known),
            )
        )
    try:
        header = ScenarioHeader.model_validate(data.get("scenario", {}))
    except ValidationError as exc:
        collected.problems.extend(_problems(exc, str(path), source, None, None))
        return path.stem
    for rule_id in data.get("remove_rules", []):
        if collected.rules.pop(rule_id, None) is None:
            collected.problems.append(_unknown_rule(rule_id, path, source, collected))
    for index, raw in enumerate(data.get("patch", [])):
        _apply_patch(raw, index, path, source, collected)
    for index, raw in enumerate(data.get("parameters", [])):
        spec = _validate("parameters", raw, str(path), source, index, collected)
        if isinstance(spec, ParameterSpec):
            collected.parameters[spec.name] = (spec, Location(str(path), source.entry_line("parameters", index)))
    for index, raw in enumerate(data.get("country_groups", [])):
        _merge_group(raw, index, path, source, collected)
    for index, raw in enumerate(data.get("rules", [])):
        spec = _validate("rules", raw, str(path), source, index, collected)
        if spec is not None:
            _add("rules", spec, Location(str(path), source.entry_line("rules", index)), header.id, collected)
    collected.files.append(str(path))
    return header.id


def _unknown_rule(rule_id: str, path: Path, source: SourceMap, collected: _Collected) -> Problem:
    return Problem(
        f"scenario names rule '{rule_id}', which is not loaded.",
        file=str(path),
        line=source.find(rule_id),
        hint=did_you_mean(rule_id, collected.rules),
    )


def _apply_patch(raw: dict[str, Any], index: int, path: Path, source: SourceMap, collected: _Collected) -> None:
    try:
        patch = PatchSpec.model_validate(raw)
    except ValidationError as exc:
        collected.problems.extend(_problems(exc, str(path), source, "patch", index))
        return
    if patch.rule not in collected.rules:
        collected.problems.append(_unknown_rule(patch.rule, path, source, collected))
        return
    spec, location, ruleset_id = collected.rules[patch.rule]
    changes = {k: v for k, v in raw.items() if k != "rule"}
    if {"id", "kind"} & set(changes):
        collected.problems.append(
            Problem(
                "a patch may not change id or kind.",
                file=str(path),
                line=source.entry_line("patch", index),
                rule_id=patch.rule,
            )
        )
        return
    merged = {**spec.model_dump(by_alias=True, exclude_none=True), **changes}
    try:
        collected.rules[patch.rule] = (RuleSpec.model_validate(merged), location, ruleset_id)
    except ValidationError as exc:
        collected.problems.extend(_problems(exc, str(path), source, "patch", index, patch.rule))


def _merge_group(raw: dict[str, Any], index: int, path: Path, source: SourceMap, collected: _Collected) -> None:
    name = raw.get("name")
    if name not in collected.groups:
        collected.problems.append(
            Problem(
                f"scenario changes country group '{name}', which is not defined.",
                file=str(path),
                line=source.entry_line("country_groups", index),
                hint=did_you_mean(str(name), collected.groups),
            )
        )
        return
    spec, location = collected.groups[str(name)]
    merged = spec.model_dump(by_alias=True)
    merged["members"] = [*merged["members"], *raw.get("members", [])]
    merged["changes"] = [*merged["changes"], *raw.get("changes", [])]
    try:
        collected.groups[str(name)] = (CountryGroupSpec.model_validate(merged), location)
    except ValidationError as exc:
        collected.problems.extend(_problems(exc, str(path), source, "country_groups", index))


# --- checking ------------------------------------------------------------------------------------------


def _check(collected: _Collected, scenario_ids: tuple[str, ...]) -> Ruleset:
    """Check conditions, scopes and templates; raise with every problem found, structural ones first."""
    problems: list[Problem] = list(collected.problems)
    parameters = _check_parameters(collected, problems)
    groups = _check_groups(collected, problems)
    schema = cond.Schema(
        params={name: p.type for name, p in parameters.items()},
        groups=frozenset(groups),
        derived=frozenset(s.derive for s, _, _ in collected.rules.values() if s.derive),
    )
    parsed = _parse_rules(collected, schema, problems)
    scopes = _derive_scopes(parsed, collected, problems)
    rules = tuple(
        _finish_rule(spec, node, scopes, loc, rs, schema, collected, problems) for spec, node, loc, rs in parsed
    )
    if problems:
        raise RulesetError(problems)
    events = {k: v[0] for k, v in collected.events.items()}
    return Ruleset(
        rules=tuple(sorted(rules, key=lambda r: r.id)),
        parameters=parameters,
        groups=groups,
        events=events,
        derived_scopes=scopes,
        scenarios=scenario_ids,
        files=tuple(collected.files),
        digest=_digest(collected),
        boundaries=_boundaries(rules, parameters, groups),
    )


def _check_parameters(collected: _Collected, problems: list[Problem]) -> dict[str, Parameter]:
    result = {}
    for name, (spec, loc) in collected.parameters.items():
        types = {_value_type(v.value) for v in spec.values}
        if len(types) > 1:
            problems.append(
                Problem(
                    f"parameter '{name}' mixes value types {sorted(types)}.",
                    file=loc.file,
                    line=loc.line,
                    hint="Every dated value of a parameter has one type.",
                )
            )
            continue
        for value in spec.values:
            if isinstance(value.value, Decimal) and value.value != cond.quantize(value.value):
                problems.append(
                    Problem(
                        f"parameter '{name}': {value.value} has more than six decimal places.",
                        file=loc.file,
                        line=loc.line,
                    )
                )
        result[name] = Parameter(spec, types.pop(), loc)
    return result


def _value_type(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, tuple):
        return "list"
    return "number" if isinstance(value, Decimal) else "string"


def _check_groups(collected: _Collected, problems: list[Problem]) -> dict[str, CountryGroup]:
    from compliance.countries import COUNTRIES

    result = {}
    for name, (spec, loc) in collected.groups.items():
        codes = [*spec.members, *(c.country for c in spec.changes)]
        for code in codes:
            if code not in COUNTRIES:
                problems.append(
                    Problem(
                        f"country group '{name}': '{code}' is not an ISO 3166-1 alpha-2 code.",
                        file=loc.file,
                        line=loc.line,
                    )
                )
        result[name] = CountryGroup(spec, loc)
    return result


def _source(collected: _Collected, file: str) -> SourceMap:
    return SourceMap.of(collected.texts.get(file, ""))


def _rule_line(collected: _Collected, spec: RuleSpec, loc: Location, key: str) -> int | None:
    source = _source(collected, loc.file)
    starts = source.entry_starts("rules")
    if loc.line in starts:
        return source.key_line("rules", starts.index(loc.line), key)
    return loc.line


def _parse_rules(
    collected: _Collected, schema: cond.Schema, problems: list[Problem]
) -> list[tuple[RuleSpec, cond.Node, Location, str]]:
    parsed = []
    for spec, loc, ruleset_id in collected.rules.values():
        try:
            node = cond.parse(spec.when, schema)
        except ConditionError as exc:
            problems.append(_condition_problem(exc, collected, spec, loc, "when"))
            continue
        parsed.append((spec, node, loc, ruleset_id))
    return parsed


def _condition_problem(
    err: ConditionError, collected: _Collected, spec: RuleSpec, loc: Location, field: str
) -> Problem:
    """A condition error located at the rule's ``when`` line."""
    line = _rule_line(collected, spec, loc, "when")
    return Problem(err.message, file=loc.file, line=line, rule_id=spec.id, field=field, hint=err.hint)


def _derive_scopes(
    parsed: list[tuple[RuleSpec, cond.Node, Location, str]], collected: _Collected, problems: list[Problem]
) -> dict[str, frozenset[str]]:
    """The entities each derived fact binds: the union over its rule's fields and the facts it holds."""
    direct = {spec.id: cond.entity_vars(node) for spec, node, _, _ in parsed}
    held = {spec.id: cond.held_facts(node) for spec, node, _, _ in parsed}
    producers: dict[str, list[RuleSpec]] = {}
    for spec, _, _, _ in parsed:
        if spec.derive:
            producers.setdefault(spec.derive, []).append(spec)
    scopes: dict[str, frozenset[str]] = {}
    visiting: set[str] = set()

    def scope_of(fact: str) -> frozenset[str]:
        if fact in scopes:
            return scopes[fact]
        if fact in visiting:
            raise ConditionError(f"derived fact '{fact}' depends on itself.")
        visiting.add(fact)
        found = {_rule_scope(s.id) for s in producers.get(fact, [])}
        visiting.discard(fact)
        if len(found) > 1:
            raise ConditionError(
                f"derive rules for '{fact}' bind different entities: {sorted(sorted(f) for f in found)}.",
                "Every rule that derives one fact must bind the same entities (item, party or both).",
            )
        scopes[fact] = found.pop() if found else frozenset()
        return scopes[fact]

    def _rule_scope(rule_id: str) -> frozenset[str]:
        return direct[rule_id].union(*(scope_of(f) for f in held[rule_id]))

    for spec, _, loc, _ in parsed:
        if spec.derive:
            try:
                scope_of(spec.derive)
            except ConditionError as exc:
                problems.append(Problem(exc.message, file=loc.file, line=loc.line, rule_id=spec.id, hint=exc.hint))
    return scopes


def _finish_rule(
    spec: RuleSpec,
    node: cond.Node,
    scopes: Mapping[str, frozenset[str]],
    loc: Location,
    ruleset_id: str,
    schema: cond.Schema,
    collected: _Collected,
    problems: list[Problem],
) -> Rule:
    binds = cond.entity_vars(node).union(*(scopes.get(f, frozenset()) for f in cond.held_facts(node)))
    exceptions = []
    for exc_spec in spec.license_exceptions:
        exc_node = None
        if exc_spec.when:
            try:
                exc_node = cond.parse(exc_spec.when, schema)
                extra = cond.entity_vars(exc_node) - binds
                if extra:
                    raise ConditionError(
                        f"the {exc_spec.code} condition reads {sorted(extra)}, which the rule does not bind."
                    )
            except ConditionError as err:
                problems.append(
                    _condition_problem(err, collected, spec, loc, f"license_exceptions.{exc_spec.code}.when")
                )
        exceptions.append((exc_spec.code, exc_node, exc_spec.note))
    for key in ("explain", "remedy"):
        _check_template(spec, key, binds, schema, loc, collected, problems)
    for event in spec.context:
        if event not in collected.events:
            problems.append(
                Problem(
                    f"context event '{event}' is not defined.",
                    file=loc.file,
                    line=_rule_line(collected, spec, loc, "context"),
                    rule_id=spec.id,
                    hint=did_you_mean(event, collected.events) or "Define it under [[events]].",
                )
            )
    return Rule(spec, node, binds, tuple(exceptions), loc, ruleset_id)


def _check_template(
    spec: RuleSpec,
    key: str,
    binds: frozenset[str],
    schema: cond.Schema,
    loc: Location,
    collected: _Collected,
    problems: list[Problem],
) -> None:
    text = getattr(spec, key)
    for placeholder in PLACEHOLDER.findall(text or ""):
        message = _placeholder_problem(placeholder, binds, schema)
        if message:
            problems.append(
                Problem(
                    message[0],
                    file=loc.file,
                    line=_rule_line(collected, spec, loc, key),
                    rule_id=spec.id,
                    field=key,
                    hint=message[1],
                )
            )


def _placeholder_problem(placeholder: str, binds: frozenset[str], schema: cond.Schema) -> tuple[str, str] | None:
    if placeholder in FIXED_PLACEHOLDERS:
        return None
    var, _, path = placeholder.partition(".")
    if var == "param":
        if path in schema.params:
            return None
        return (
            f"placeholder {{{placeholder}}} names no parameter.",
            did_you_mean(path, schema.params) or "Define it under [[parameters]].",
        )
    if var in FIELDS and path in FIELDS[var]:
        if var != "txn" and var not in binds:
            return (
                f"placeholder {{{placeholder}}}: the rule's condition binds no {var}.",
                f"Test {'an' if var == 'item' else 'a'} {var} field in 'when', or drop the placeholder.",
            )
        return None
    choices = [
        *FIXED_PLACEHOLDERS,
        *(f"{v}.{f}" for v, fs in FIELDS.items() for f in fs),
        *(f"param.{p}" for p in schema.params),
    ]
    return f"placeholder {{{placeholder}}} does not resolve.", did_you_mean(placeholder, choices) or ""


def _boundaries(
    rules: Iterable[Rule], parameters: Mapping[str, Parameter], groups: Mapping[str, CountryGroup]
) -> tuple[dt.date, ...]:
    dates: set[dt.date] = set()
    for rule in rules:
        dates.add(rule.spec.effective_from)
        dates.update(d for d in (rule.spec.effective_until,) if d)
        for window in rule.spec.suspended:
            dates.add(window.from_)
            dates.update(d for d in (window.until,) if d)
    for param in parameters.values():
        for value in param.spec.values:
            dates.add(value.from_)
            dates.update(d for d in (value.until,) if d)
    for group in groups.values():
        for change in group.spec.changes:
            dates.add(change.from_)
            dates.update(d for d in (change.until,) if d)
    return tuple(sorted(dates))


def _digest(collected: _Collected) -> str:
    payload = {
        "rules": {k: v[0].model_dump(mode="json", by_alias=True) for k, v in sorted(collected.rules.items())},
        "parameters": {k: v[0].model_dump(mode="json", by_alias=True) for k, v in sorted(collected.parameters.items())},
        "groups": {k: v[0].model_dump(mode="json", by_alias=True) for k, v in sorted(collected.groups.items())},
    }
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()[:16]
