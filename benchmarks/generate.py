"""Reproducible transaction streams in JSON Lines for the benchmarks.

* ``realistic``: an exporter's order book. Items, parties, destinations and quantities are Zipf-distributed
  over fixed catalogues (a few products and customers make most orders); dates are uniform over 2019–2026.
* ``unique``: every transaction distinct (its own customer, quantity and chip throughput, so even the facts
  the rules read never repeat), so no cache can help.

    python benchmarks/generate.py realistic 1000000 --seed 7 > realistic.jsonl
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from collections.abc import Iterator
from typing import Any

import orjson

FIRST_DAY = dt.date(2019, 1, 1)
DAYS = (dt.date(2026, 12, 31) - FIRST_DAY).days + 1

# Dense TOPS per bit length, logic die area, DRAM and interconnect bandwidth (fact sheet section 9).
CHIPS: list[dict[str, Any]] = [
    {
        "description": "Nvidia H100 SXM",
        "dense_tops": {"8": 1979, "16": 989.5},
        "applicable_die_area_mm2": 814,
        "dram_bandwidth_gbps": 3350,
        "interconnect_bandwidth_gbps": 900,
        "designed_for_datacenter": True,
    },
    {
        "description": "Nvidia H20",
        "dense_tops": {"8": 296, "16": 148},
        "applicable_die_area_mm2": 814,
        "dram_bandwidth_gbps": 4000,
        "interconnect_bandwidth_gbps": 900,
        "designed_for_datacenter": True,
    },
    {
        "description": "Nvidia A100 SXM",
        "dense_tops": {"8": 624, "16": 312},
        "applicable_die_area_mm2": 826,
        "dram_bandwidth_gbps": 2039,
        "interconnect_bandwidth_gbps": 600,
        "designed_for_datacenter": True,
    },
    {
        "description": "Nvidia A800 SXM",
        "dense_tops": {"8": 624, "16": 312},
        "applicable_die_area_mm2": 826,
        "dram_bandwidth_gbps": 2039,
        "interconnect_bandwidth_gbps": 400,
        "designed_for_datacenter": True,
    },
    {
        "description": "Nvidia H800 SXM",
        "dense_tops": {"8": 1979, "16": 989.5},
        "applicable_die_area_mm2": 814,
        "dram_bandwidth_gbps": 3350,
        "interconnect_bandwidth_gbps": 400,
        "designed_for_datacenter": True,
    },
    {
        "description": "Nvidia H200 SXM",
        "dense_tops": {"8": 1979, "16": 989.5},
        "applicable_die_area_mm2": 814,
        "dram_bandwidth_gbps": 4800,
        "interconnect_bandwidth_gbps": 900,
        "designed_for_datacenter": True,
    },
    {
        "description": "Nvidia B200",
        "dense_tops": {"8": 4500},
        "applicable_die_area_mm2": 1600,
        "dram_bandwidth_gbps": 8000,
        "interconnect_bandwidth_gbps": 1800,
        "designed_for_datacenter": True,
    },
    {
        "description": "Nvidia RTX 4090",
        "dense_tops": {"8": 660.6},
        "applicable_die_area_mm2": 608.5,
        "dram_bandwidth_gbps": 1008,
        "designed_for_datacenter": False,
    },
    {
        "description": "Nvidia RTX 4090D",
        "dense_tops": {"8": 588.375},
        "applicable_die_area_mm2": 608.5,
        "dram_bandwidth_gbps": 1008,
        "designed_for_datacenter": False,
    },
    {
        "description": "Nvidia L20",
        "dense_tops": {"8": 239, "16": 119.5},
        "applicable_die_area_mm2": 608.5,
        "dram_bandwidth_gbps": 864,
        "designed_for_datacenter": True,
    },
    {
        "description": "AMD MI325X",
        "dense_tops": {"8": 2614.875},
        "applicable_die_area_mm2": 1017,
        "dram_bandwidth_gbps": 6000,
        "designed_for_datacenter": True,
    },
    {
        "description": "Datacenter inference card",
        "dense_tops": {"8": 300},
        "applicable_die_area_mm2": 400,
        "dram_bandwidth_gbps": 1200,
        "designed_for_datacenter": True,
    },
]
OTHER_ITEMS: list[dict[str, Any]] = [
    {"description": "Server chassis", "category": "other"},
    {"description": "QSFP cable", "category": "other"},
    {"description": "Design software seat", "category": "software"},
]
DESTINATIONS = ["CN", "SG", "DE", "JP", "MY", "US", "KR", "MO", "AE", "IN", "HK", "VN", "NL", "RU", "GB", "SA"]
HQ_COUNTRIES = ["CN", "US", "SG", "DE", "JP", "MO", "KR"]
QUANTITIES = [1, 8, 16, 64, 2, 4, 256, 1024, 32, 128]
# Order-book shape, fixed before any measurement: 500 customers (Zipf 1.2: the top ten place about half the
# orders), 15 products (Zipf 1.0), standard pack sizes (Zipf 1.1), mostly single-line orders.
CUSTOMERS = 500
LINES_PER_ORDER = (70, 25, 5)


def zipf_weights(count: int, exponent: float = 1.1) -> list[float]:
    """Weights 1/rank^exponent for ranks 1..count."""
    return [1 / (rank**exponent) for rank in range(1, count + 1)]


def parties(count: int, rng: random.Random) -> list[dict[str, Any]]:
    """A fixed customer catalogue: end users with a country and sometimes a foreign headquarters."""
    found = []
    for number in range(count):
        country = rng.choices(DESTINATIONS, zipf_weights(len(DESTINATIONS)))[0]
        party: dict[str, Any] = {"name": f"Customer {number:05d} Ltd", "role": "end_user", "country": country}
        if rng.random() < 0.2:
            party["headquarters_country"] = rng.choice(HQ_COUNTRIES)
        found.append(party)
    return found


def item(rng: random.Random, catalogue_weights: list[float]) -> dict[str, Any]:
    """One order line from the catalogue."""
    catalogue = CHIPS + OTHER_ITEMS
    base = rng.choices(catalogue, catalogue_weights)[0]
    line = {"category": "integrated_circuit", **base}
    line["quantity"] = rng.choices(QUANTITIES, zipf_weights(len(QUANTITIES)))[0]
    return line


def realistic(count: int, seed: int) -> Iterator[dict[str, Any]]:
    """An order book: Zipf over items, customers, destinations and quantities; dates uniform."""
    rng = random.Random(seed)
    customers = parties(CUSTOMERS, rng)
    customer_weights = zipf_weights(len(customers), 1.2)
    item_weights = zipf_weights(len(CHIPS) + len(OTHER_ITEMS), 1.0)
    for number in range(count):
        customer = rng.choices(customers, customer_weights)[0]
        yield {
            "transaction_id": f"R-{number}",
            "date": (FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))).isoformat(),
            "kind": "export",
            "export_country": "US",
            "destination_country": customer["country"],
            "parties": [customer],
            "items": [item(rng, item_weights) for _ in range(rng.choices((1, 2, 3), LINES_PER_ORDER)[0])],
        }


def unique(count: int, seed: int) -> Iterator[dict[str, Any]]:
    """Every transaction distinct: its own customer, quantity and (for chips) dense throughput."""
    rng = random.Random(seed)
    item_weights = [1.0] * (len(CHIPS) + len(OTHER_ITEMS))
    for number in range(count):
        destination = rng.choice(DESTINATIONS)
        lines = [item(rng, item_weights) for _ in range(rng.choice((1, 2, 3)))]
        lines[0]["quantity"] = 100_000 + number
        if "dense_tops" in lines[0]:  # distinct in what the rules read too, so no cache key repeats
            lines[0]["dense_tops"] = {k: round(v + number * 0.00001, 6) for k, v in lines[0]["dense_tops"].items()}
        party: dict[str, Any] = {"name": f"Unique Customer {number} Ltd", "role": "end_user", "country": destination}
        if rng.random() < 0.2:
            party["headquarters_country"] = rng.choice(HQ_COUNTRIES)
        yield {
            "transaction_id": f"U-{number}",
            "date": (FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))).isoformat(),
            "kind": "export",
            "export_country": "US",
            "destination_country": destination,
            "parties": [party],
            "items": lines,
        }


STREAMS = {"realistic": realistic, "unique": unique}


def lines(kind: str, count: int, seed: int) -> Iterator[bytes]:
    """The stream as JSON Lines (bytes, newline-terminated)."""
    for record in STREAMS[kind](count, seed):
        yield orjson.dumps(record) + b"\n"


def main() -> None:
    """Write a stream to stdout."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("kind", choices=sorted(STREAMS))
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    out = sys.stdout.buffer
    for line in lines(args.kind, args.count, args.seed):
        out.write(line)


if __name__ == "__main__":
    main()
