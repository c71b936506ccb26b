"""Compile one epoch's rules to durable-rules and run transactions through it.

This is the only module that imports durable-rules. Its sharp edges, and how each is guarded:

* events fire only the first matching rule: every fact is asserted with ``assert_fact``;
* 1,024 live sessions per ruleset: one session per evaluation, ``delete_state`` in ``finally``; a session in
  which no action ran segfaults on ``delete_state``, so each session opens with a fact that fires a no-op rule;
* exceptions inside actions are swallowed: actions record their own errors and the session state's
  ``exception`` is checked after every assert; either makes the evaluation fail (closed);
* background timer threads race the caller: :class:`_SyncHost` disables them; calls are serialised by a lock;
* missing fields compare TRUE against same-fact references: no condition references another field;
* mixed-type coercion and ``1e-05`` floats: facts are typed and numbers are integer millionths
  (:mod:`compliance.facts`); literals are type-checked at load time;
* regex is unusable (``3A090\\.a.*`` matches ``3A090.b``): the condition language has no regex;
* ``$nex``-only rules loop forever: every alias starts with a positive ``fact`` test;
* no ``$in``: membership compiles to ``$or`` of equalities (groups are small, far below the 511 limit);
* conditions on ``id``/``sid`` can hang: those names are reserved in facts and conditions;
* a batch assert aborts on one unmatched fact: facts are asserted one by one;
* no trace API: every action records its rule and binding (provenance);
* its JSON round trips are the slowest part of its Python glue: they go through orjson (:class:`_Json`).
"""

from __future__ import annotations

import itertools
import json
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import durable_rules_engine
import orjson
from durable import engine
from durable.engine import MessageNotHandledException, MessageObservedException

from compliance import conditions as cond
from compliance.backend import Derived, Epoch, Firing, derived_fact
from compliance.errors import EngineError
from compliance.facts import FACT, Facts, engine_facts, engine_key, engine_value
from compliance.ruleset import Rule

_NAMES = itertools.count(1)
_LOCK = threading.RLock()
MAX_ALTERNATIVES = 500


class _Json:
    """orjson behind durable-rules' ``json.dumps``/``json.loads`` (durable serializes every fact, state update
    and derived fact through them; the standard library's encoder was about a sixth of an evaluation).

    The facts this package sends hold only strings, booleans and integers (compliance.facts), which both
    encoders write identically; anything orjson cannot encode goes to the standard library unchanged."""

    @staticmethod
    def dumps(value: Any, **options: Any) -> str:
        try:
            return orjson.dumps(value).decode()
        except TypeError:
            return json.dumps(value, **options)

    @staticmethod
    def loads(text: str | bytes) -> Any:
        return orjson.loads(text)


engine.json = _Json  # durable.engine is only ever used through this module

_OPEN_RULE = "__open__"


def _opened(c: Any) -> None:
    """Fires on each session's opening fact. A session in which no action ever ran is only half created,
    and ``delete_state`` on it segfaults (measured on 2.0.28); this rule guarantees one action per session."""


class _SyncHost(engine.Host):  # type: ignore[misc]
    """A durable host without the background timer threads (they race the caller and can crash it)."""

    def _run(self) -> None:
        return None


@dataclass
class _Session:
    """What one evaluation's actions record."""

    firings: set[Firing] = field(default_factory=set)
    derived: set[Derived] = field(default_factory=set)
    errors: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Alias:
    """One fact pattern of a compiled rule."""

    name: str
    pattern: dict[str, Any]


class DurableBackend:
    """One compiled durable ruleset for one epoch."""

    def __init__(self, epoch: Epoch) -> None:
        self.epoch = epoch
        self.name = f"compliance_{next(_NAMES)}"
        self._sessions: dict[str, _Session] = {}
        self._sids = itertools.count(1)
        self._rules = {rule.id: rule for rule in epoch.rules}
        self._binders: dict[str, Callable[[Any], tuple[int | None, int | None]]] = {}
        definitions = {}
        for rule in epoch.rules:
            compiled = self._compile(rule)
            if compiled is not None:
                definitions[rule.id] = compiled
        # Facts of a kind no pattern tests would only cost an assert; they are not sent.
        self.kinds = frozenset(_kind(p) for d in definitions.values() for alias in d["all"] for p in alias.values())
        self.compiled_rules = len(definitions)
        definitions[_OPEN_RULE] = {"all": [{"s": {FACT: "session"}}], "run": _opened}
        self._host = _SyncHost()
        if definitions:
            with _LOCK:
                self._host.register_rulesets({self.name: definitions})

    # --- compiling -------------------------------------------------------------------------------------

    def _compile(self, rule: Rule) -> dict[str, Any] | None:
        node = cond.specialize(rule.condition, self.epoch.params, self.epoch.groups)
        if isinstance(node, cond.Const) and node.value is not True:
            return None
        aliases, binder = _aliases(rule, node, self.epoch.derived_scopes)
        self._binders[rule.id] = binder
        return {"all": [{a.name: a.pattern} for a in aliases], "run": self._action(rule.id)}

    def _action(self, rule_id: str) -> Callable[[Any], None]:
        def action(c: Any) -> None:  # exactly one parameter: two would make durable treat it as async
            session = self._sessions.get(str(c.s.sid))
            if session is None:
                return
            try:
                self._fire(c, rule_id, session)
            except BaseException as exc:
                session.errors.append(f"action of rule {rule_id} failed: {type(exc).__name__}: {exc}")

        return action

    def _fire(self, c: Any, rule_id: str, session: _Session) -> None:
        item, party = self._binders[rule_id](c._m)
        firing = Firing(rule_id, item, party)
        session.firings.add(firing)
        rule = self._rules[rule_id]
        if not rule.spec.derive:
            return
        fact = derived_fact(rule, firing, self.epoch.derived_scopes)
        if fact in session.derived:
            return
        session.derived.add(fact)
        payload: dict[str, Any] = {FACT: "derived", "name": fact.name}
        payload.update({k: v for k, v in (("item", fact.item), ("party", fact.party)) if v is not None})
        try:
            c.assert_fact(payload)
        except MessageNotHandledException:
            pass  # no rule in this epoch tests this fact
        except MessageObservedException:
            pass  # already asserted in this session

    # --- running ---------------------------------------------------------------------------------------

    def run(self, facts: Facts) -> frozenset[Firing]:
        """Assert the facts in a fresh session; return every firing. Raises EngineError on any failure."""
        if not self.compiled_rules:
            return frozenset()
        with _LOCK:
            sid = str(next(self._sids))
            session = self._sessions[sid] = _Session()
            try:
                self._assert(sid, {FACT: "session"}, session)
                for fact in engine_facts(facts):
                    if fact[FACT] in self.kinds:
                        self._assert(sid, fact, session)
            finally:
                self._sessions.pop(sid, None)
                self._delete(sid)
        if session.errors:
            raise EngineError("; ".join(session.errors))
        return frozenset(session.firings)

    def _assert(self, sid: str, fact: dict[str, Any], session: _Session) -> None:
        try:
            state = self._host.assert_fact(self.name, {**fact, "sid": sid})
        except MessageNotHandledException:
            return
        except durable_rules_engine.error as exc:
            raise EngineError(f"durable-rules rejected a {fact.get(FACT)} fact: {exc}") from None
        if isinstance(state, dict) and "exception" in state:
            session.errors.append(f"durable-rules action failed: {str(state['exception'])[:300]}")
        elif type(state) is int and state == 0:  # an action ran past durable's 10 s limit: the chain was cut
            session.errors.append("durable-rules timed out inside an action; the evaluation is incomplete")

    def _delete(self, sid: str) -> None:
        try:
            self._host.delete_state(self.name, sid)
        except (durable_rules_engine.error, Exception):
            pass

    def live_sessions(self) -> int:
        """Sessions this backend still tracks (always 0 between evaluations)."""
        return len(self._sessions)


# --- rule to durable JSON ---------------------------------------------------------------------------------


def _aliases(
    rule: Rule, node: cond.Node, scopes: Mapping[str, frozenset[str]]
) -> tuple[list[_Alias], Callable[[Any], tuple[int | None, int | None]]]:
    """The fact patterns of one rule, and a function from a firing's message to its (item, party) binding."""
    parts = [] if isinstance(node, cond.Const) else list(cond.conjuncts(node))
    held = [p.name for p in parts if isinstance(p, cond.Holds)]
    groups: dict[str, list[cond.Node]] = {"item": [], "party": [], "txn": []}
    for part in parts:
        if not isinstance(part, cond.Holds):
            var = next(iter(cond.entity_vars(part)), "txn")
            groups[var].append(part)
    anchors: dict[str, tuple[str, str]] = {}
    aliases: list[_Alias] = []
    for var, short in (("item", "i"), ("party", "p")):
        if var in rule.binds and (groups[var] or not any(var in scopes.get(h, ()) for h in held)):
            anchors[var] = (short, "n")
    txn_home = next((anchors[v][0] for v in ("item", "party") if v in anchors), "t")
    for var, short in (("item", "i"), ("party", "p")):
        if var in anchors:
            extra = groups["txn"] if short == txn_home else []
            aliases.append(_Alias(short, _pattern(var, groups[var] + extra, var)))
    if txn_home == "t" and (groups["txn"] or (not aliases and not held)):
        aliases.append(_Alias("t", _pattern("txn", groups["txn"], "txn")))
    for number, name in enumerate(held):
        alias = f"d{number}"
        links = []
        for var in sorted(scopes.get(name, frozenset())):
            if var in anchors:
                links.append({var: {anchors[var][0]: anchors[var][1]}})
            else:
                anchors[var] = (alias, var)
        aliases.append(_Alias(alias, {"$and": [{FACT: "derived"}, {"name": name}, *links]}))
    return aliases, _binder(anchors)


def _kind(pattern: dict[str, Any]) -> str:
    """The fact kind a compiled pattern tests (its first, positive test)."""
    test = pattern["$and"][0] if "$and" in pattern else pattern
    return str(test[FACT])


def _binder(anchors: Mapping[str, tuple[str, str]]) -> Callable[[Any], tuple[int | None, int | None]]:
    item = anchors.get("item")
    party = anchors.get("party")

    def bind(message: Any) -> tuple[int | None, int | None]:
        return (
            int(message[item[0]][item[1]]) if item else None,
            int(message[party[0]][party[1]]) if party else None,
        )

    return bind


def _pattern(kind: str, parts: list[cond.Node], home: str) -> dict[str, Any]:
    tests = [_expr(p, home) for p in parts]
    return {"$and": [{FACT: kind}, *tests]} if tests else {FACT: kind}


def _key(target: cond.Field, home: str) -> str:
    if target.var == "txn" and home != "txn":
        return "txn__" + engine_key(target.path)
    return engine_key(target.path)


_OPS = {"!=": "$neq", "<": "$lt", "<=": "$lte", ">": "$gt", ">=": "$gte"}


def _expr(node: cond.Node, home: str) -> dict[str, Any]:
    if isinstance(node, cond.And | cond.Or):
        return {"$and" if isinstance(node, cond.And) else "$or": [_expr(p, home) for p in node.parts]}
    if isinstance(node, cond.Cmp):
        key, value = _key(node.field, home), engine_value(node.value)
        return {key: value} if node.op == "==" else {_OPS[node.op]: {key: value}}
    if isinstance(node, cond.In):
        return _membership(_key(node.field, home), node.values, node.negated)  # type: ignore[arg-type]
    if isinstance(node, cond.IsNone):
        return {"$ex" if node.negated else "$nex": {_key(node.field, home): 1}}
    raise EngineError(f"cannot compile {type(node).__name__} inside a fact pattern")


def _membership(key: str, values: tuple[Any, ...], negated: bool) -> dict[str, Any]:
    if len(values) > MAX_ALTERNATIVES:
        raise EngineError(
            f"membership test on {key} has {len(values)} values; the engine's limit is {MAX_ALTERNATIVES}"
        )
    tests = [{"$neq": {key: engine_value(v)}} if negated else {key: engine_value(v)} for v in values]
    if len(tests) == 1:
        return tests[0]
    return {"$and" if negated else "$or": tests}
