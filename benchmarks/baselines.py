"""The benchmark decision (benchmarks/rulesets/3a090.toml) written by hand twice, as baselines:

* :func:`python_decide`: plain Python, the practical speed limit;
* :class:`DurableBaseline`: directly against durable-rules, the way one would without this project
  (one session per transaction, item and party facts with the transaction's fields copied in, each rule
  with its classification and dates inline, a sync host, ``delete_state`` in ``finally``).

Both return the set of firings ``(rule_id, item_index, party_index_or_None)``, the same set the engine
reports as findings plus derived facts; run.py checks that all three agree before it times anything.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import durable_rules_engine
from durable import engine
from durable.engine import MessageNotHandledException

D5 = frozenset({"CN", "RU", "IR", "KP", "BY", "VE", "MM", "SY", "CU"})
Firing = tuple[str, int, int | None]


def _specs(item: dict[str, Any]) -> tuple[float | None, float | None]:
    tops = item.get("dense_tops") or {}
    tpp = max((float(v) * int(k) for k, v in tops.items()), default=None)
    area = item.get("applicable_die_area_mm2")
    density = round(tpp / float(area), 6) if tpp is not None and area else None
    return tpp, density


def _class_a(tpp: float | None, pd: float | None, dc: Any) -> bool:
    if tpp is None:
        return False
    return tpp >= 4800 or (tpp >= 1600 and pd is not None and pd >= 5.92 and dc is True)


def _class_b(tpp: float | None, pd: float | None, dc: Any) -> bool:
    if tpp is None or pd is None or dc is not True or tpp >= 4800:
        return False
    return (tpp >= 2400 and 1.6 <= pd < 5.92) or (tpp >= 1600 and 3.2 <= pd < 5.92)


def python_decide(txn: dict[str, Any]) -> set[Firing]:
    """The benchmark decision in plain Python."""
    day, dest = txn["date"], txn["destination_country"]
    out: set[Firing] = set()
    for n, item in enumerate(txn["items"]):
        if item.get("category") != "integrated_circuit":
            continue
        tpp, pd = _specs(item)
        dc = item.get("designed_for_datacenter")
        if "2022-10-07" <= day < "2023-11-17":
            link = item.get("interconnect_bandwidth_gbps")
            if tpp is not None and tpp >= 4800 and link is not None and link >= 600:
                out.add(("B-2022", n, None))
                if dest == "CN" or (dest == "MO" and day >= "2023-01-17"):
                    out.add(("B-LIC-2022", n, None))
        if day < "2023-11-17":
            continue
        in_scope = dest in D5 or dest == "MO"
        if _class_a(tpp, pd, dc):
            out.add(("B-A", n, None))
            if in_scope:
                out.add(("B-LIC-A", n, None))
            for p, party in enumerate(txn["parties"]):
                hq = party.get("headquarters_country") or party["country"]
                if hq in D5 or hq == "MO":
                    out.add(("B-HQ", n, p))
            dram = item.get("dram_bandwidth_gbps")
            if (
                day >= "2026-01-15"
                and txn["export_country"] == "US"
                and dest in ("CN", "MO")
                and tpp is not None
                and tpp < 21000
                and dram is not None
                and dram < 6500
            ):
                out.add(("B-CBC", n, None))
        if _class_b(tpp, pd, dc):
            out.add(("B-B", n, None))
            if in_scope:
                out.add(("B-LIC-B", n, None))
    return out


def _day_number(iso: str) -> int:
    return int(iso[0:4]) * 10000 + int(iso[5:7]) * 100 + int(iso[8:10])


_IC = {"kind": "item"}
_A = {"$or": [{"$gte": {"tpp": 4800}}, {"$and": [{"$gte": {"tpp": 1600}}, {"$gte": {"pd": 5.92}}, {"dc": True}]}]}
_B = {
    "$and": [
        {"dc": True},
        {"$lt": {"tpp": 4800}},
        {
            "$or": [
                {"$and": [{"$gte": {"tpp": 2400}}, {"$gte": {"pd": 1.6}}, {"$lt": {"pd": 5.92}}]},
                {"$and": [{"$gte": {"tpp": 1600}}, {"$gte": {"pd": 3.2}}, {"$lt": {"pd": 5.92}}]},
            ]
        },
    ]
}
_IN_SCOPE = {"$or": [{"dest": c} for c in sorted(D5 | {"MO"})]}
_HQ_SCOPE = {"$or": [{"hq": c} for c in sorted(D5 | {"MO"})]}
_FROM_2023 = {"$gte": {"day": 20231117}}
_Y2022 = {
    "$and": [{"$gte": {"day": 20221007}}, {"$lt": {"day": 20231117}}, {"$gte": {"tpp": 4800}}, {"$gte": {"link": 600}}]
}
_CN_2022 = {"$or": [{"dest": "CN"}, {"$and": [{"dest": "MO"}, {"$gte": {"day": 20230117}}]}]}
_CBC = {
    "$and": [
        {"$gte": {"day": 20260115}},
        {"exp": "US"},
        {"$or": [{"dest": "CN"}, {"dest": "MO"}]},
        {"$lt": {"tpp": 21000}},
        {"$lt": {"dram": 6500}},
    ]
}

RULES: dict[str, list[dict[str, Any]]] = {
    "B-2022": [{"i": {"$and": [_IC, _Y2022]}}],
    "B-LIC-2022": [{"i": {"$and": [_IC, _Y2022, _CN_2022]}}],
    "B-A": [{"i": {"$and": [_IC, _FROM_2023, _A]}}],
    "B-B": [{"i": {"$and": [_IC, _FROM_2023, _B]}}],
    "B-LIC-A": [{"i": {"$and": [_IC, _FROM_2023, _A, _IN_SCOPE]}}],
    "B-LIC-B": [{"i": {"$and": [_IC, _FROM_2023, _B, _IN_SCOPE]}}],
    "B-HQ": [{"i": {"$and": [_IC, _FROM_2023, _A]}}, {"p": {"$and": [{"kind": "party"}, _HQ_SCOPE]}}],
    "B-CBC": [{"i": {"$and": [_IC, _FROM_2023, _A, _CBC]}}],
}


class _SyncHost(engine.Host):  # type: ignore[misc]
    def _run(self) -> None:
        return None


class DurableBaseline:
    """The benchmark decision written directly against durable-rules."""

    _names = itertools.count(1)

    def __init__(self) -> None:
        self.name = f"baseline_{next(self._names)}"
        self.results: dict[str, set[Firing]] = {}
        self.sids = itertools.count(1)
        self.host = _SyncHost()
        rules = {rule_id: {"all": aliases, "run": self._action(rule_id)} for rule_id, aliases in RULES.items()}
        rules["open"] = {"all": [{"s": {"kind": "open"}}], "run": lambda c: None}
        self.host.register_rulesets({self.name: rules})

    def _action(self, rule_id: str) -> Callable[[Any], None]:
        def action(c: Any) -> None:
            message = c._m
            party = message["p"]["n"] if "p" in message else None
            self.results[c.s.sid].add((rule_id, message["i"]["n"], party))

        return action

    def decide(self, txn: dict[str, Any]) -> set[Firing]:
        """Evaluate one transaction in a fresh session."""
        sid = str(next(self.sids))
        found = self.results[sid] = set()
        base = {
            "sid": sid,
            "day": _day_number(txn["date"]),
            "dest": txn["destination_country"],
            "exp": txn["export_country"],
        }
        facts: list[dict[str, Any]] = [{"sid": sid, "kind": "open"}]
        for n, party in enumerate(txn["parties"]):
            facts.append({**base, "kind": "party", "n": n, "hq": party.get("headquarters_country") or party["country"]})
        for n, item in enumerate(txn["items"]):
            if item.get("category") != "integrated_circuit":
                continue
            tpp, pd = _specs(item)
            fact = {
                **base,
                "kind": "item",
                "n": n,
                "tpp": tpp,
                "pd": pd,
                "dc": item.get("designed_for_datacenter"),
                "link": item.get("interconnect_bandwidth_gbps"),
                "dram": item.get("dram_bandwidth_gbps"),
            }
            facts.append({k: v for k, v in fact.items() if v is not None})
        try:
            for fact in facts:
                try:
                    self.host.assert_fact(self.name, fact)
                except MessageNotHandledException:
                    pass
        finally:
            self.results.pop(sid)
            try:
                self.host.delete_state(self.name, sid)
            except durable_rules_engine.error:
                pass
        return found
