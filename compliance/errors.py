"""Error classes. Each carries where (file, line, record, rule, field), what is wrong and how to fix it."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem found in a file or record, with its location."""

    message: str
    file: str | None = None
    line: int | None = None
    rule_id: str | None = None
    field: str | None = None
    hint: str | None = None

    def __str__(self) -> str:
        where = ":".join(str(x) for x in (self.file, self.line) if x is not None)
        parts = [f"{where}: " if where else ""]
        if self.rule_id:
            parts.append(f"rule {self.rule_id}: ")
        if self.field:
            parts.append(f"{self.field}: ")
        parts.append(self.message if self.message.endswith((".", "?", "!")) else self.message + ".")
        if self.hint:
            parts.append(f" {self.hint}")
        return "".join(parts)


class ComplianceError(Exception):
    """Base class of every error this package raises on purpose."""

    exit_code = 3


class RulesetError(ComplianceError):
    """A ruleset, scenario or cases file is invalid. Holds every problem found, not just the first."""

    exit_code = 2

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class ConditionError(ComplianceError):
    """A condition string is invalid; raised while parsing, re-raised as a Problem by the loader."""

    exit_code = 2

    def __init__(self, message: str, hint: str | None = None) -> None:
        self.message = message
        self.hint = hint
        super().__init__(message + (f" {hint}" if hint else ""))


class InputError(ComplianceError):
    """A transaction record is invalid."""

    exit_code = 2

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class EngineError(ComplianceError):
    """The inference engine failed; the decision is reported as ``error`` (fail closed)."""

    exit_code = 3


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The closest choice to *word*, or None when nothing is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """Return ``"Did you mean 'x'?"`` for the closest choice, or None."""
    close = closest(word, choices)
    return f"Did you mean '{close}'?" if close else None
