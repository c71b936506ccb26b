"""Caches that cannot serve a stale answer.

* :class:`CachedScreener` remembers a party's screening per *list epoch* (the dates where some list entry
  starts, ends or gains a footnote), so two dates with the same lists in force share one result.
* :class:`DecisionCache` keys a decision on exactly what it can depend on: the epoch, the values of the
  fields the epoch's rules read (conditions, exception conditions and explanation templates, derived from
  the parsed rules), the item ECCNs and the authorizations (which resolve findings), and the date itself
  only when an authorization has a validity window. Anything outside the key cannot change the decision
  except its ``transaction_id`` and ``as_of``, which are put back on a hit.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import OrderedDict
from collections.abc import Hashable, Iterable, Mapping
from typing import Any, Generic, TypeVar

from compliance import conditions as cond
from compliance.declared import PartyScreener
from compliance.facts import Facts
from compliance.model import Decision, Party, PartyScreening, Transaction
from compliance.ruleset import PLACEHOLDER, Rule

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class LRU(Generic[K, V]):
    """A small least-recently-used map with hit and miss counters."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._data: OrderedDict[K, V] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def get(self, key: K) -> V | None:
        """The value for *key*, refreshed as most recent; None when absent."""
        value = self._data.get(key)
        if value is None:
            self.misses += 1
            return None
        self.hits += 1
        self._data.move_to_end(key)
        return value

    def put(self, key: K, value: V) -> None:
        """Store *value*, evicting the least recent entry when full."""
        self._data[key] = value
        self._data.move_to_end(key)
        if len(self._data) > self.capacity:
            self._data.popitem(last=False)

    def __len__(self) -> int:
        return len(self._data)


def list_boundaries(screener: PartyScreener) -> tuple[dt.date, ...] | None:
    """Dates where the screener's lists change, or None when it does not say (then cache per day)."""
    if isinstance(screener, CachedScreener):
        return screener.boundaries
    entries = getattr(screener, "entries", None)
    if entries is None:
        return None  # a screener that does not show its entries may change on any day
    dates = {
        day
        for entry in entries
        for day in (
            getattr(entry, "start_date", None),
            getattr(entry, "end_date", None),
            getattr(entry, "footnotes_from", None),
        )
        if day is not None
    }
    return tuple(sorted(dates))


class CachedScreener:
    """Wraps a screener; results are cached per (party, list epoch)."""

    def __init__(self, inner: PartyScreener, capacity: int = 16384) -> None:
        self.inner = inner
        self.boundaries = list_boundaries(inner)
        self.cache: LRU[tuple[Party, Any], PartyScreening] = LRU(capacity)

    @property
    def sources(self) -> tuple[str, ...]:
        """The lists used."""
        return self.inner.sources

    def epoch(self, day: dt.date) -> Any:
        """The list epoch of *day* (the day itself when the screener gives no boundaries)."""
        return day if self.boundaries is None else bisect.bisect_right(self.boundaries, day)

    def screen_party(self, party: Party, as_of: dt.date) -> PartyScreening:
        """The inner screener's result, cached."""
        key = (party, self.epoch(as_of))
        found = self.cache.get(key)
        if found is None:
            found = self.inner.screen_party(party, as_of)
            self.cache.put(key, found)
        return found


def fields_read(rules: Iterable[Rule], templates: bool = True) -> dict[str, frozenset[str]]:
    """Per variable, every field path the rules read in conditions and exception conditions, and (with
    *templates*) in explanation and remedy templates. Item ECCNs are always included: licences cover by ECCN."""
    paths: dict[str, set[str]] = {"txn": set(), "item": {"eccn"}, "party": set()}
    for rule in rules:
        nodes = [rule.condition, *(node for _, node, _ in rule.exceptions if node is not None)]
        for node in nodes:
            for target in cond.fields_read(node):
                paths[target.var].add(target.path)
        for text in (rule.spec.explain, rule.spec.remedy or "") if templates else ():
            for placeholder in PLACEHOLDER.findall(text):
                var, _, path = placeholder.partition(".")
                if var in paths:
                    paths[var].add(path)
    return {var: frozenset(found) for var, found in paths.items()}


class DecisionCache:
    """Decisions keyed on the facts their epoch's conditions read.

    Template-only fields (a party's name in an explanation) are not in the key: a hit re-renders each
    finding's explanation and remedy from the current transaction (see :meth:`Engine._decide`)."""

    def __init__(self, capacity: int = 4096) -> None:
        self.cache: LRU[Hashable, Decision] = LRU(capacity)
        self._fields: dict[int, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {}

    def register(self, epoch: int, rules: Iterable[Rule]) -> None:
        """Remember which fields epoch *epoch*'s rules read."""
        read = fields_read(rules, templates=False)
        self._fields[epoch] = (tuple(sorted(read["txn"])), tuple(sorted(read["item"])), tuple(sorted(read["party"])))

    def key(self, epoch: int, facts: Facts, txn: Transaction, day: dt.date) -> Hashable:
        """The cache key of a decision."""
        txn_fields, item_fields, party_fields = self._fields[epoch]
        dated = any(a.valid_from or a.valid_until for a in txn.authorizations)
        return (
            epoch,
            _project(facts.txn, txn_fields),
            tuple(_project(item, item_fields) for item in facts.items),
            tuple(_project(party, party_fields) for party in facts.parties),
            txn.authorizations,
            day if dated else None,
        )

    def get(self, key: Hashable, txn: Transaction, day: dt.date) -> Decision | None:
        """The cached decision re-labelled for this transaction and date, or None."""
        found = self.cache.get(key)
        if found is None:
            return None
        return Decision.build(**{**found.__dict__, "transaction_id": txn.transaction_id, "as_of": day})

    def put(self, key: Hashable, decision: Decision) -> None:
        """Store a decision (never an error decision: failures are not remembered)."""
        self.cache.put(key, decision)


def _project(values: Mapping[str, Any], paths: tuple[str, ...]) -> tuple[Any, ...]:
    return tuple(values.get(path) for path in paths)
