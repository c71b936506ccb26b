"""A vendored, minimal structural check of SARIF 2.1.0 (the parts code-scanning tools rely on).

It checks what the SARIF 2.1.0 schema requires of the log, runs, tool.driver, rules and results, plus the
result properties we promise (ruleId, level, message, locations). It is not the full JSON Schema.
"""

from __future__ import annotations

from typing import Any

LEVELS = {"none", "note", "warning", "error"}


def problems(log: Any) -> list[str]:
    """Every structural problem found; empty when the log passes."""
    out: list[str] = []
    if not isinstance(log, dict):
        return ["log: not an object"]
    if log.get("version") != "2.1.0":
        out.append("version: must be '2.1.0'")
    if not str(log.get("$schema", "")).endswith(("sarif-2.1.0.json", "sarif-schema-2.1.0.json")):
        out.append("$schema: must name the SARIF 2.1.0 schema")
    runs = log.get("runs")
    if not isinstance(runs, list):
        return [*out, "runs: must be an array"]
    for n, run in enumerate(runs):
        out += _run(run, f"runs[{n}]")
    return out


def _run(run: Any, at: str) -> list[str]:
    out: list[str] = []
    driver = (run.get("tool") or {}).get("driver") if isinstance(run, dict) else None
    if not isinstance(driver, dict) or not isinstance(driver.get("name"), str):
        return [f"{at}.tool.driver.name: required string"]
    rules = driver.get("rules", [])
    if not isinstance(rules, list):
        return [f"{at}.tool.driver.rules: must be an array"]
    ids = []
    for n, rule in enumerate(rules):
        if not isinstance(rule, dict) or not isinstance(rule.get("id"), str):
            out.append(f"{at}.tool.driver.rules[{n}].id: required string")
            continue
        ids.append(rule["id"])
        for key in ("shortDescription", "fullDescription"):
            if key in rule and not isinstance(rule[key].get("text"), str):
                out.append(f"{at}.tool.driver.rules[{n}].{key}.text: required string")
    for n, result in enumerate(run.get("results", [])):
        out += _result(result, f"{at}.results[{n}]", ids)
    for n, invocation in enumerate(run.get("invocations", [])):
        if not isinstance(invocation.get("executionSuccessful"), bool):
            out.append(f"{at}.invocations[{n}].executionSuccessful: required boolean")
    return out


def _result(result: Any, at: str, ids: list[str]) -> list[str]:
    out: list[str] = []
    if not isinstance(result.get("message", {}).get("text"), str):
        out.append(f"{at}.message.text: required string")
    if result.get("ruleId") not in ids:
        out.append(f"{at}.ruleId: not in tool.driver.rules")
    index = result.get("ruleIndex")
    if index is not None and (not isinstance(index, int) or index >= len(ids) or ids[index] != result["ruleId"]):
        out.append(f"{at}.ruleIndex: does not point at ruleId")
    if result.get("level") not in LEVELS:
        out.append(f"{at}.level: must be one of {sorted(LEVELS)}")
    locations = result.get("locations")
    if not isinstance(locations, list) or not locations:
        out.append(f"{at}.locations: required non-empty array")
        return out
    for n, location in enumerate(locations):
        physical = location.get("physicalLocation", {})
        if not isinstance(physical.get("artifactLocation", {}).get("uri"), str):
            out.append(f"{at}.locations[{n}].physicalLocation.artifactLocation.uri: required string")
        line = physical.get("region", {}).get("startLine", 1)
        if not isinstance(line, int) or line < 1:
            out.append(f"{at}.locations[{n}].physicalLocation.region.startLine: integer >= 1")
    return out
