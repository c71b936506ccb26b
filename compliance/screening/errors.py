"""The error raised when a screening list cannot be loaded."""

from __future__ import annotations

from collections.abc import Sequence

from compliance.errors import ComplianceError, Problem


class ScreeningListError(ComplianceError):
    """A screening list file (TOML, CSL CSV or CSL JSON) is invalid. Holds every problem found."""

    exit_code = 2

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
