"""Throughput, latency and memory of compliance against baselines run in the same process and run.

    python benchmarks/run.py --quick        # under a minute
    python benchmarks/run.py                # the full run recorded in benchmarks/README.md

Every figure is measured here; ratios compare numbers from this same run (the machines are noisy). The
benchmark decision is benchmarks/rulesets/3a090.toml; the baselines implement it by hand
(benchmarks/baselines.py) and are checked to agree with the engine before anything is timed. The last
line is ``key=value`` pairs.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import multiprocessing
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import orjson
from durable import engine as durable_engine

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import compliance  # noqa: E402
from benchmarks.baselines import DurableBaseline, python_decide  # noqa: E402
from benchmarks.generate import lines  # noqa: E402
from compliance.stream import StreamEvaluator  # noqa: E402
from compliance.timeline import timeline  # noqa: E402

BENCH_RULES = ROOT / "benchmarks" / "rulesets"


def engine(rules: Path = BENCH_RULES, cache: bool = True) -> compliance.Engine:
    """An engine over *rules* (screening is skipped: the benchmark rules read no screening fact)."""
    return compliance.Engine(compliance.load([rules]), cache=cache)


def firings(decision: compliance.Decision) -> set[tuple[str, int, int | None]]:
    """The engine's findings and derived facts, in the baselines' terms."""
    found = {(f.rule_id, f.item or 0, f.party) for f in (*decision.findings, *decision.authorized)}
    return found | {(d.rule_id, d.item or 0, None) for d in decision.derived}


def agreement(records: Sequence[dict[str, Any]]) -> int:
    """Transactions on which the engine, the Python baseline and the durable baseline disagree."""
    eng, durable = engine(cache=False), DurableBaseline()
    return sum(
        1
        for record in records
        if not (firings(eng.evaluate(record)) == python_decide(record) == durable.decide(record))
    )


def rate(count: int, seconds: float) -> float:
    """Transactions per second."""
    return count / seconds if seconds else float("inf")


def timed(work: Callable[[], int]) -> tuple[int, float]:
    """Run *work* (which returns a count) once; the count and the seconds it took."""
    gc.collect()
    start = time.perf_counter()
    count = work()
    return count, time.perf_counter() - start


def python_loop(stream: Sequence[bytes]) -> int:
    """Hand-coded Python, JSON Lines in, JSON Lines out."""
    out = []
    for line in stream:
        record = orjson.loads(line)
        found = sorted(python_decide(record), key=str)
        out.append(orjson.dumps({"transaction_id": record["transaction_id"], "firings": found}))
    return len(out)


@contextlib.contextmanager
def stock_durable() -> Iterator[None]:
    """durable-rules as shipped: compliance.compile routes durable's json through orjson, which a
    hand-written program would not have."""
    patched = durable_engine.json
    durable_engine.json = json
    try:
        yield
    finally:
        durable_engine.json = patched


def durable_loop(stream: Sequence[bytes]) -> int:
    """Hand-written durable-rules (as shipped), JSON Lines in, JSON Lines out."""
    baseline = DurableBaseline()
    out = []
    with stock_durable():
        for line in stream:
            record = orjson.loads(line)
            found = sorted(baseline.decide(record), key=str)
            out.append(orjson.dumps({"transaction_id": record["transaction_id"], "firings": found}))
    return len(out)


def engine_loop(stream: Iterable[bytes], rules: Path = BENCH_RULES) -> int:
    """compliance with full explanations, JSON Lines in, JSON Lines out (a fresh engine: cold caches)."""
    evaluator = StreamEvaluator(engine(rules))
    count = 0
    out = []
    for line in stream:
        decided, _ = evaluator.decide(orjson.loads(line))
        out.append(decided)
        count += 1
        if len(out) >= 10000:
            out.clear()
    return count


_WORKER: StreamEvaluator | None = None


def _init_worker() -> None:
    global _WORKER
    _WORKER = StreamEvaluator(engine())


def _work(chunk: list[bytes]) -> int:
    assert _WORKER is not None
    return sum(1 for line in chunk if _WORKER.decide(orjson.loads(line)))


def parallel_loop(stream: Sequence[bytes], jobs: int) -> tuple[int, float]:
    """The engine in *jobs* worker processes (each builds its own engine); timed after the pool is up."""
    chunks = [list(stream[i : i + 500]) for i in range(0, len(stream), 500)]
    with multiprocessing.get_context("fork").Pool(jobs, initializer=_init_worker) as pool:
        pool.map(_work, [[stream[0]]] * jobs)
        start = time.perf_counter()
        count = sum(pool.imap(_work, chunks))
        return count, time.perf_counter() - start


def latencies(records: Sequence[dict[str, Any]]) -> tuple[float, float]:
    """p50 and p99 of one evaluation in microseconds, caches off (every evaluation does the full work)."""
    eng = engine(cache=False)
    for record in records[:50]:
        eng.evaluate(record)
    samples = []
    for record in records:
        start = time.perf_counter()
        eng.evaluate(record)
        samples.append((time.perf_counter() - start) * 1e6)
    cuts = statistics.quantiles(samples, n=100)
    return cuts[49], cuts[98]


def timeline_ms(records: Sequence[dict[str, Any]]) -> float:
    """Median milliseconds for a 2019-2026 timeline on the bundled rulesets (epochs already compiled)."""
    eng = compliance.load_rules(ROOT / "rulesets")
    timeline(eng, records[0])
    samples = []
    for record in records[1:21]:
        start = time.perf_counter()
        timeline(eng, record)
        samples.append((time.perf_counter() - start) * 1e3)
    return statistics.median(samples)


def peak_rss_mb(kind: str, count: int) -> float:
    """Peak RSS of a separate process streaming *count* generated records through the engine.

    Read from VmHWM: Linux keeps ru_maxrss across exec, so the child would report this process's peak."""
    code = (
        f"import sys; sys.path.insert(0, {str(ROOT)!r})\n"
        "from benchmarks.run import engine_loop; from benchmarks.generate import lines\n"
        f"engine_loop(lines({kind!r}, {count}, 11))\n"
        "print(open('/proc/self/status').read().split('VmHWM:')[1].split()[0])\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(result.stdout.strip().splitlines()[-1]) / 1024


def cli_tps(stream: Sequence[bytes]) -> float:
    """End to end through the `compliance check` command (process start-up included)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "stream.jsonl"
        path.write_bytes(b"".join(stream))
        start = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "compliance.cli",
                "check",
                str(path),
                "--rules",
                str(BENCH_RULES),
                "--format",
                "jsonl",
                "--fail-on",
                "never",
                "--output",
                str(Path(folder) / "out.jsonl"),
            ],
            check=True,
            capture_output=True,
        )
        return rate(len(stream), time.perf_counter() - start)


def main() -> None:
    """Run the benchmarks and print a table and a key=value line."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small streams; finishes in under a minute")
    parser.add_argument("--rss-records", type=int, default=None, help="records for the peak-RSS run")
    args = parser.parse_args()
    n_real, n_unique, n_rss = (60_000, 4_000, 100_000) if args.quick else (1_000_000, 40_000, 10_000_000)
    n_rss = args.rss_records or n_rss
    realistic = list(lines("realistic", n_real, 7))
    unique = list(lines("unique", n_unique, 8))
    sample = [orjson.loads(x) for x in realistic[:1000] + unique[:1000]]
    mismatches = agreement(sample)

    results: dict[str, float] = {"agreement_checked": len(sample), "mismatches": mismatches}
    count, seconds = timed(lambda: python_loop(realistic))
    results["python_tps"] = rate(count, seconds)
    count, seconds = timed(lambda: durable_loop(unique))
    results["durable_tps"] = rate(count, seconds)
    count, seconds = timed(lambda: engine_loop(realistic))
    results["realistic_tps"] = rate(count, seconds)
    count, seconds = timed(lambda: engine_loop(unique))
    results["unique_tps_1proc"] = rate(count, seconds)
    count, seconds = parallel_loop(unique, 2)
    results["unique_tps"] = rate(count, seconds)
    count, seconds = parallel_loop(realistic, 2)
    results["realistic_tps_2proc"] = rate(count, seconds)
    results["cli_realistic_tps"] = cli_tps(realistic[: n_real // 3])
    p50, p99 = latencies([orjson.loads(x) for x in unique[:2000]])
    results["p50_us"], results["p99_us"] = p50, p99
    results["timeline_ms"] = timeline_ms([orjson.loads(x) for x in realistic[:21]])
    results["rss_records"] = n_rss
    results["peak_rss_mb"] = peak_rss_mb("realistic", n_rss)
    results["realistic_vs_python"] = results["realistic_tps"] / results["python_tps"]
    results["unique_vs_durable"] = results["unique_tps"] / results["durable_tps"]
    results["unique_1proc_vs_durable"] = results["unique_tps_1proc"] / results["durable_tps"]
    results["rss_self_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"{'measure':<26}{'value':>14}")
    for key, value in results.items():
        print(f"{key:<26}{value:>14,.2f}")
    print(" ".join(f"{k}={v:.3f}" if isinstance(v, float) and v < 100 else f"{k}={v:.0f}" for k, v in results.items()))


if __name__ == "__main__":
    main()
