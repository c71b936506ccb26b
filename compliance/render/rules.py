"""Rules as text, JSON and a Markdown reference (``compliance rules list|show|docs``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from compliance.render.explain import wrap
from compliance.render.table import fit
from compliance.ruleset import Rule, Ruleset


def dates(rule: Rule) -> str:
    """``2025-05-23 until 2025-07-02`` (until is exclusive) or ``since 2023-11-17``."""
    spec = rule.spec
    if spec.effective_until:
        return f"{spec.effective_from.isoformat()} until {spec.effective_until.isoformat()}"
    return f"since {spec.effective_from.isoformat()}"


def kind(rule: Rule) -> str:
    """The severity of a finding rule, or ``derive:fact`` for a derive rule."""
    return (
        f"derive:{rule.spec.derive}" if rule.spec.derive else (rule.spec.severity.value if rule.spec.severity else "-")
    )


def rules_table(rules: Iterable[Rule]) -> str:
    """One line per rule: id, kind, dates, confidence."""
    lines = [f"{fit('RULE', 34)}  {fit('KIND', 18)}  {fit('IN FORCE', 19)}  C"]
    for rule in rules:
        lines.append(f"{fit(rule.id, 34)}  {fit(kind(rule), 18)}  {fit(dates(rule), 19)}  {rule.spec.confidence}")
    return "\n".join(lines)


def rule_dict(rule: Rule) -> dict[str, Any]:
    """A rule's spec as written, with where it is defined."""
    return {
        **rule.spec.model_dump(mode="json", by_alias=True, exclude_none=True),
        "location": {"file": rule.location.file, "line": rule.location.line},
        "ruleset": rule.ruleset_id,
    }


def rule_text(rule: Rule) -> str:
    """Everything about one rule."""
    spec = rule.spec
    where = f"{rule.location.file}:{rule.location.line}" if rule.location.line else rule.location.file
    lines = [f"{rule.id}  ({where})"]
    lines += wrap(spec.title, 2)
    rows: list[tuple[str, str | None]] = [
        ("kind", kind(rule)),
        ("jurisdiction", rule.jurisdiction),
        ("authority", spec.authority),
        ("citation", spec.citation),
        ("url", spec.url),
        ("confidence", spec.confidence + (f" ({spec.confidence_note})" if spec.confidence_note else "")),
        ("in force", dates(rule)),
        *(
            (
                "suspended",
                f"{w.from_.isoformat()} until {w.until.isoformat() if w.until else 'further notice'}"
                + (f" ({w.note})" if w.note else ""),
            )
            for w in spec.suspended
        ),
        ("review policy", spec.review_policy.value if spec.review_policy else None),
        *(
            ("licence exception", f"{code}" + (f" when {e.when}" if e.when else ""))
            for code, e in ((e.code, e) for e in spec.license_exceptions)
        ),
        ("when", spec.when),
        ("explain", spec.explain),
        ("remedy", spec.remedy),
        ("context", ", ".join(spec.context) or None),
        ("tags", ", ".join(spec.tags) or None),
        ("status", spec.status),
    ]
    for label, value in rows:
        if value:
            lines += wrap(f"{label}: {value}", 2)
    return "\n".join(lines)


def docs_markdown(ruleset: Ruleset) -> str:
    """A Markdown reference of every rule, grouped by file: citation, url, dates, confidence."""
    lines = [
        "# Rule reference",
        "",
        f"{len(ruleset.rules)} rules; ruleset digest `{ruleset.digest}`."
        + (f" Scenarios: {', '.join(ruleset.scenarios)}." if ruleset.scenarios else ""),
        "",
        "Dates are half-open: a rule applies from `effective_from` up to, not including, `effective_until`.",
    ]
    by_file: dict[str, list[Rule]] = {}
    for rule in ruleset.rules:
        by_file.setdefault(rule.location.file, []).append(rule)
    for file in sorted(by_file):
        lines += ["", f"## `{file}`"]
        for rule in sorted(by_file[file], key=lambda r: r.location.line or 0):
            lines += ["", *_rule_markdown(rule)]
    return "\n".join(lines) + "\n"


def _rule_markdown(rule: Rule) -> list[str]:
    spec = rule.spec
    cite = f"[{_cell(spec.citation)}]({spec.url})" if spec.url else _cell(spec.citation)
    confidence = spec.confidence + (f": {_cell(spec.confidence_note)}" if spec.confidence_note else "")
    rows = [
        ("Kind", f"`{kind(rule)}`"),
        ("Jurisdiction / authority", f"{rule.jurisdiction} / {spec.authority or '-'}"),
        ("Citation", cite),
        ("In force", dates(rule)),
        ("Confidence", confidence),
    ]
    rows += [
        ("Suspended", f"{w.from_.isoformat()} until {w.until.isoformat() if w.until else 'further notice'}")
        for w in spec.suspended
    ]
    if spec.review_policy:
        rows.append(("Review policy", spec.review_policy.value))
    if spec.license_exceptions:
        rows.append(("Licence exceptions", ", ".join(e.code for e in spec.license_exceptions)))
    rows.append(("Condition", f"`{_cell(spec.when)}`"))
    return [
        f"### {rule.id}",
        "",
        _cell(spec.title),
        "",
        "| | |",
        "|---|---|",
        *(f"| {label} | {value} |" for label, value in rows),
    ]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
