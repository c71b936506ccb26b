"""A screening candidate: a list entry a name matched, at which level, with what score and why."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from compliance.model import ScreeningHit
from compliance.screening.entries import ListEntry

Level = Literal["listed", "review"]
LEVEL_RANK: dict[str, int] = {"listed": 2, "review": 1}


@dataclass(frozen=True, slots=True)
class Candidate:
    """One list entry a queried name matched.

    ``level`` is "listed" for an exact name or alias match (after normalisation) whose country does not
    contradict the entry, and "review" for a fuzzy match at or above the review threshold.
    ``name_score`` is the name alone; ``score`` adds the country and address evidence.
    """

    entry: ListEntry
    matched_name: str
    level: Level
    score: float
    name_score: float
    how: str
    why: str
    footnotes: tuple[int, ...] = ()

    @property
    def sort_key(self) -> tuple[int, float, float, str]:
        """Best first when sorted ascending."""
        return (-LEVEL_RANK[self.level], -self.score, -self.name_score, self.entry.id)

    def to_hit(self, prefix: str = "") -> ScreeningHit:
        """This candidate as the model's ScreeningHit; *prefix* goes before ``why``."""
        return ScreeningHit(
            list=self.entry.list,
            entry_name=self.entry.name,
            matched_name=self.matched_name,
            level=self.level,
            score=self.score,
            why=prefix + self.why,
            footnotes=self.footnotes,
            citation=self.entry.citation,
            source=self.entry.source,
        )
