"""Raw records in, serialized decisions out, as fast as correctness allows.

A stream from an order book repeats itself: the same items to the same parties on other dates. A record
whose content, apart from ``transaction_id`` and ``date``, was already decided in the same rules epoch and
list epoch gets the earlier decision's serialized bytes with its own id and date put back: no validation,
screening, inference or serialization is repeated. The first occurrence of any content takes the full
path (:meth:`Engine.evaluate`), so an invalid record always gets its full error. Records whose
authorizations have validity windows are keyed on their exact date as well.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Hashable, Mapping
from typing import Any, TypeVar

import orjson
from pydantic import BaseModel, ValidationError

from compliance.cache import LRU, CachedScreener
from compliance.evaluate import Engine, parse_transaction
from compliance.model import TRANSACTION_ID_PATTERN, Decision, Item, Outcome, Party, Transaction

_ID = re.compile(TRANSACTION_ID_PATTERN)
M = TypeVar("M", bound=BaseModel)
_PREFIX = b'{"transaction_id":'


class StreamEvaluator:
    """Evaluates raw transaction records to JSON decision lines (bytes, no newline)."""

    def __init__(self, engine: Engine, capacity: int = 16384) -> None:
        self.engine = engine
        self.lines: LRU[Hashable, bytes] = LRU(capacity)
        self.items: LRU[bytes, Item] = LRU(capacity)
        self.parties: LRU[bytes, Party] = LRU(capacity)

    def decide(self, raw: Mapping[str, Any], as_of: dt.date | None = None) -> tuple[bytes, Outcome]:
        """The decision line for *raw* and its outcome. Invalid input raises InputError."""
        key = self._key(raw, as_of)
        cached = self.lines.get(key) if key is not None else None
        if cached is not None:
            return self._relabel(cached, raw, as_of), _outcome(cached)
        decision = self.engine.evaluate(self._transaction(raw), as_of)
        line = decision.model_dump_json().encode()
        if key is not None and decision.outcome is not Outcome.ERROR:
            self.lines.put(key, _tail(line, decision))
        return line, decision.outcome

    def _transaction(self, raw: Mapping[str, Any]) -> Transaction:
        """Validate *raw*, reusing items and parties already validated (order books repeat them).

        Any problem falls back to validating the whole record, so errors keep their full locations."""
        try:
            items = tuple(self._part(Item, self.items, entry) for entry in raw["items"])
            parties = tuple(self._part(Party, self.parties, entry) for entry in raw["parties"])
            return Transaction.model_validate({**raw, "items": items, "parties": parties})
        except (ValidationError, KeyError, TypeError):
            return parse_transaction(raw)

    @staticmethod
    def _part(model: type[M], cache: LRU[bytes, M], entry: Any) -> M:
        key = orjson.dumps(entry, option=orjson.OPT_SORT_KEYS, default=str)
        found = cache.get(key)
        if found is None:
            found = model.model_validate(entry)
            cache.put(key, found)
        return found

    def decision(self, line: bytes) -> Decision:
        """Parse a line back into a :class:`Decision` (for tests and renderers)."""
        return Decision.model_validate_json(line)

    def _key(self, raw: Mapping[str, Any], as_of: dt.date | None) -> Hashable | None:
        day = as_of or _date(raw.get("date"))
        ident = raw.get("transaction_id")
        if day is None or not isinstance(ident, str) or len(ident) > 100 or not _ID.match(ident):
            return None  # let the full path produce the precise error
        rest = {k: v for k, v in raw.items() if k not in ("transaction_id", "date")}
        try:
            content = orjson.dumps(rest, option=orjson.OPT_SORT_KEYS, default=str)
        except TypeError:
            return None
        screener = self.engine.screener
        lists = screener.epoch(day) if isinstance(screener, CachedScreener) else day
        dated = any(
            isinstance(a, Mapping) and (a.get("valid_from") or a.get("valid_until"))
            for a in rest.get("authorizations", ()) or ()
        )
        return self.engine.ruleset.epoch_index(day), lists, day if dated else None, content

    @staticmethod
    def _relabel(tail: bytes, raw: Mapping[str, Any], as_of: dt.date | None) -> bytes:
        day = as_of or _date(raw.get("date"))
        assert day is not None
        ident = orjson.dumps(raw["transaction_id"])
        return b"".join((_PREFIX, ident, b',"as_of":"', day.isoformat().encode(), b'"', tail))


def _tail(line: bytes, decision: Decision) -> bytes:
    head = b"".join(
        (_PREFIX, orjson.dumps(decision.transaction_id), b',"as_of":"', decision.as_of.isoformat().encode(), b'"')
    )
    if not line.startswith(head):
        raise AssertionError("Decision JSON no longer starts with transaction_id, as_of")
    return line[len(head) :]


def _outcome(tail: bytes) -> Outcome:
    start = tail.index(b'"outcome":"') + len(b'"outcome":"')
    return Outcome(tail[start : tail.index(b'"', start)].decode())


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None
