"""The bundled rulesets on the bundled examples: durable-path throughput and memory over many evaluations.

    python benchmarks/bundled.py --evaluations 1000000

Cycles through examples/*.json with the transaction id and date varied, so every evaluation is a new
transaction. Prints throughput with caches off (every evaluation runs screening, durable-rules and the
explanations) and on, and resident memory at checkpoints; the last line is key=value pairs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import compliance  # noqa: E402


def examples() -> list[dict[str, Any]]:
    """Every example transaction."""
    found = []
    for path in sorted((ROOT / "examples").glob("*.json")):
        data = json.loads(path.read_text())
        found.extend(data if isinstance(data, list) else [data])
    return found


def stream(base: list[dict[str, Any]], count: int) -> Iterator[dict[str, Any]]:
    """*count* transactions: the examples in turn, each with its own id and a date shifted by 0-6 days."""
    for number in range(count):
        record = base[number % len(base)]
        day = dt.date.fromisoformat(str(record["date"])) + dt.timedelta(days=number % 7)
        yield {**record, "transaction_id": f"B-{number}", "date": day.isoformat()}


def rss_mb() -> float:
    """Peak resident memory so far, MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(cache: bool, count: int, checkpoints: set[int]) -> tuple[float, dict[int, float]]:
    """Transactions per second and RSS at each checkpoint."""
    engine = compliance.load_rules(ROOT / "rulesets")
    engine = compliance.Engine(engine.ruleset, cache=cache)
    base = examples()
    for record in base:
        engine.evaluate(record)  # compile every epoch the examples need before timing
    memory = {}
    start = time.perf_counter()
    for number, record in enumerate(stream(base, count), start=1):
        decision = engine.evaluate(record)
        assert decision.outcome is not compliance.Outcome.ERROR, decision.errors
        if number in checkpoints:
            memory[number] = rss_mb()
    return count / (time.perf_counter() - start), memory


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--evaluations", type=int, default=1_000_000, help="evaluations with caches on")
    parser.add_argument("--uncached", type=int, default=20_000, help="evaluations with caches off")
    args = parser.parse_args()
    uncached_tps, uncached_memory = run(False, args.uncached, {1_000, args.uncached})
    marks = {n for n in (1_000, 10_000, 100_000, 1_000_000, args.evaluations) if n <= args.evaluations}
    cached_tps, memory = run(True, args.evaluations, marks)
    print(f"examples={len(examples())} uncached_tps={uncached_tps:.0f} cached_tps={cached_tps:.0f}")
    for label, marks_seen in (("caches off", uncached_memory), ("caches on", memory)):
        for number, value in sorted(marks_seen.items()):
            print(f"peak rss after {number:>9,} evaluations ({label}): {value:6.1f} MB")
    summary = {f"rss_{n}": f"{v:.1f}" for n, v in sorted(memory.items())}
    print(
        " ".join(
            [
                f"uncached_tps={uncached_tps:.0f}",
                f"cached_tps={cached_tps:.0f}",
                *(f"{k}={v}" for k, v in summary.items()),
            ]
        )
    )


if __name__ == "__main__":
    main()
