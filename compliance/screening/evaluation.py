"""Measuring screening quality on labelled cases: precision, recall and F1.

A case is a query (name, optional country) and the entry name it should match, or none. The
prediction is the best candidate at either level. A right entry is a true positive; a flag where none
is expected, or on the wrong entry, is a false positive (a wrong entry is also a false negative); no
flag where one is expected is a false negative.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from compliance.screening.candidates import Candidate


@dataclass(frozen=True, slots=True)
class LabelledCase:
    """One labelled query."""

    query: str
    country: str | None
    expected: str | None
    level: str | None
    kind: str
    split: str


@dataclass(frozen=True, slots=True)
class Outcome:
    """What screening made of one case."""

    case: LabelledCase
    predicted: Candidate | None

    @property
    def verdict(self) -> str:
        """ "tp", "fp", "fn", "tn" or "wrong" (a flag on the wrong entry: one fp and one fn)."""
        name = self.predicted.entry.name if self.predicted else None
        if self.case.expected is None:
            return "tn" if name is None else "fp"
        if name is None:
            return "fn"
        return "tp" if name == self.case.expected else "wrong"


@dataclass(frozen=True, slots=True)
class Scores:
    """Precision, recall and F1 over a set of outcomes."""

    tp: int
    fp: int
    fn: int
    n: int

    @property
    def precision(self) -> float:
        """TP / (TP + FP); 1.0 when nothing was flagged."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """TP / (TP + FN); 1.0 when nothing was expected."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def load_cases(path: Path) -> list[LabelledCase]:
    """The ``[[cases]]`` of a labelled TOML file."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [
        LabelledCase(
            query=raw["query"],
            country=raw.get("country"),
            expected=raw.get("expected"),
            level=raw.get("level"),
            kind=raw.get("kind", ""),
            split=raw.get("split", ""),
        )
        for raw in data["cases"]
    ]


def run_cases(
    cases: Iterable[LabelledCase], screen: Callable[..., Sequence[Candidate]], as_of: dt.date
) -> list[Outcome]:
    """Screen every case; *screen* is ``Screener.screen``."""
    outcomes = []
    for case in cases:
        found = screen(case.query, country=case.country, as_of=as_of)
        outcomes.append(Outcome(case, found[0] if found else None))
    return outcomes


def score(outcomes: Sequence[Outcome]) -> Scores:
    """Precision/recall counts over *outcomes*."""
    verdicts = [o.verdict for o in outcomes]
    wrong = verdicts.count("wrong")
    return Scores(
        tp=verdicts.count("tp"),
        fp=verdicts.count("fp") + wrong,
        fn=verdicts.count("fn") + wrong,
        n=len(outcomes),
    )


def level_agreement(outcomes: Sequence[Outcome]) -> float:
    """Share of true positives whose level is the labelled one (cases without a level are skipped)."""
    judged = [o for o in outcomes if o.verdict == "tp" and o.case.level and o.predicted]
    agree = [o for o in judged if o.predicted and o.predicted.level == o.case.level]
    return len(agree) / len(judged) if judged else 1.0
