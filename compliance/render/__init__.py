"""Renderers for ``compliance check``: one module per output format, all streaming where the format allows.

A renderer receives results one by one (:meth:`Renderer.result`) and the final :class:`~compliance.runner.Tally`
(:meth:`Renderer.finish`). Renderers only format; they never decide anything.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TextIO

import click

from compliance.model import Decision
from compliance.runner import Evaluated, Failed, Result, Tally

REPORT_SCHEMA = "compliance/report@1"
FORMATS = ("table", "json", "jsonl", "sarif", "markdown", "csv")
WIDTH = 80
OUTCOME_STYLES: Mapping[str, dict[str, Any]] = {
    "clear": {"fg": "green"},
    "info": {"fg": "blue"},
    "review": {"fg": "yellow"},
    "license_required": {"fg": "magenta", "bold": True},
    "prohibited": {"fg": "red", "bold": True},
    "error": {"fg": "red", "reverse": True},
    "invalid": {"fg": "red"},
}


@dataclass(frozen=True)
class RunInfo:
    """What the run used: the ruleset digest, scenarios, rules paths, --fail-on, --as-of and the version."""

    ruleset_digest: str
    scenarios: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    fail_on: str = "license_required"
    as_of: str | None = None
    version: str = "0.1.0"
    rule_urls: Mapping[str, str | None] = field(default_factory=dict)

    def summary(self, tally: Tally) -> dict[str, Any]:
        """The report's ``summary`` object."""
        return {
            **tally.to_dict(),
            "ruleset_digest": self.ruleset_digest,
            "scenarios": list(self.scenarios),
            "as_of": self.as_of,
            "version": self.version,
        }


class Renderer:
    """Base class: dispatches results to :meth:`decision` and :meth:`error`; subclasses format them."""

    def __init__(self, out: TextIO, info: RunInfo, color: bool = False) -> None:
        self.out = out
        self.info = info
        self.color = color

    def start(self) -> None:
        """Called before the first result."""

    def result(self, result: Result) -> None:
        """Render one result."""
        if isinstance(result, Evaluated):
            self.decision(result)
        else:
            self.error(result)

    def decision(self, result: Evaluated) -> None:
        """Render one decision."""
        raise NotImplementedError

    def error(self, result: Failed) -> None:
        """Render one record that could not be evaluated."""
        raise NotImplementedError

    def finish(self, tally: Tally) -> None:
        """Called after the last result."""

    def write(self, text: str = "") -> None:
        """Write one line (ANSI styles are kept only when colour is on)."""
        click.echo(text, file=self.out, color=self.color)

    def paint(self, text: str, outcome: str) -> str:
        """*text* in the colour of *outcome* when colour is on."""
        return click.style(text, **OUTCOME_STYLES.get(outcome, {})) if self.color else text


def decision_dict(result: Evaluated) -> dict[str, Any]:
    """A decision as the report writes it: ``Decision.model_dump(mode="json")`` plus its ``source``."""
    return {**result.decision.model_dump(mode="json"), "source": result.where.to_dict()}


def summary_line(tally: Tally) -> str:
    """``3 records read: 2 decisions, 1 error; outcomes: 1 license_required, 1 clear.``"""
    outcomes = ", ".join(f"{n} {name}" for name, n in sorted(tally.outcomes.items(), key=_by_rank) if n)
    errors = "error" if tally.errors == 1 else "errors"
    decisions = "decision" if tally.decisions == 1 else "decisions"
    records = "record" if tally.records == 1 else "records"
    text = f"{tally.records} {records} read: {tally.decisions} {decisions}, {tally.errors} {errors}"
    return text + (f"; outcomes: {outcomes}." if outcomes else ".")


def _by_rank(entry: tuple[str, int]) -> int:
    from compliance.model import Outcome

    return -Outcome(entry[0]).rank


def finding_location(decision: Decision, item: int | None, party: int | None) -> str:
    """``item 0, party 2`` (empty when the finding binds neither)."""
    del decision
    parts = [f"item {item}" if item is not None else "", f"party {party}" if party is not None else ""]
    return ", ".join(p for p in parts if p)


def make(name: str, out: TextIO, info: RunInfo, color: bool = False) -> Renderer:
    """The renderer for format *name*."""
    return _registry()[name](out, info, color)


def _registry() -> dict[str, Callable[[TextIO, RunInfo, bool], Renderer]]:
    from compliance.render import csv, json, jsonl, markdown, sarif, table

    return {
        "table": table.TableRenderer,
        "json": json.JsonRenderer,
        "jsonl": jsonl.JsonlRenderer,
        "sarif": sarif.SarifRenderer,
        "markdown": markdown.MarkdownRenderer,
        "csv": csv.CsvRenderer,
    }
