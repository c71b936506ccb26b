"""The condition language: parse a string into a whitelisted tree, type-check it, evaluate it.

Parsing uses Python's ``ast`` in eval mode only as a parser; nothing is ever evaluated by Python. Only the
node types below are accepted. Semantics are three-valued (Kleene): a comparison with a missing fact is
unknown (``None``); a rule fires only when its condition is ``True``. :func:`evaluate` is the reference
evaluator that the durable-rules backend is tested against.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Union

from compliance.countries import COUNTRIES
from compliance.errors import ConditionError, closest, did_you_mean
from compliance.fields import (
    BOOL,
    COUNTRY,
    ENUM,
    FIELDS,
    NUMBER,
    RESERVED_NAMES,
    STRING,
    FieldSpec,
)
from compliance.model import Evidence

MAX_CONDITION_LENGTH = 4000
MAX_NESTING = 40
DECIMAL_PLACES = 6
QUANTUM = Decimal(1).scaleb(-DECIMAL_PLACES)

Scalar = Union[Decimal, str, bool]
Truth = Union[bool, None]

# --- the tree -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    """A field of the transaction, the bound item or the bound party."""

    var: str
    path: str

    def __str__(self) -> str:
        return f"{self.var}.{self.path}"


@dataclass(frozen=True)
class Param:
    """A dated parameter, resolved per evaluation date."""

    name: str

    def __str__(self) -> str:
        return f"param('{self.name}')"


@dataclass(frozen=True)
class Cmp:
    """``field <op> value``, value a literal or a parameter."""

    field: Field
    op: str
    value: Scalar | Param


@dataclass(frozen=True)
class In:
    """``field in (...)`` or ``field not in (...)``; values a literal tuple or a list parameter."""

    field: Field
    values: tuple[Scalar, ...] | Param
    negated: bool = False


@dataclass(frozen=True)
class IsNone:
    """``field is None`` or, negated, ``field is not None``."""

    field: Field
    negated: bool = False


@dataclass(frozen=True)
class InGroup:
    """``in_group(field, 'D:5')``: dated country-group membership."""

    field: Field
    group: str
    negated: bool = False


@dataclass(frozen=True)
class Holds:
    """``holds('name')``: a derived fact holds for the bound entities."""

    name: str


@dataclass(frozen=True)
class And:
    """All parts are true."""

    parts: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    """Some part is true."""

    parts: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    """Negation (Kleene: not unknown is unknown)."""

    part: Node


@dataclass(frozen=True)
class Const:
    """A folded constant truth value (only produced by :func:`specialize`)."""

    value: Truth


Node = Union[Cmp, In, IsNone, InGroup, Holds, And, Or, Not, Const]

_FLIP = {"==": "==", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<="}
_NEGATE = {"==": "!=", "!=": "==", "<": ">=", "<=": ">", ">": "<=", ">=": "<"}
_AST_OPS = {ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">="}
FUNCTIONS = ("param", "in_group", "holds")

# --- parsing ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Schema:
    """What a condition may name: fields, parameters (name -> type), country groups, derived facts."""

    params: Mapping[str, str]
    groups: frozenset[str]
    derived: frozenset[str]


def parse(text: str, schema: Schema) -> Node:
    """Parse and type-check *text*; raise :class:`ConditionError` saying what is wrong and what would do."""
    if len(text) > MAX_CONDITION_LENGTH:
        raise ConditionError(f"condition is {len(text)} characters long; the limit is {MAX_CONDITION_LENGTH}.")
    if _nesting(text) > MAX_NESTING:
        raise ConditionError(f"condition nests parentheses deeper than {MAX_NESTING}.")
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        raise ConditionError(
            f"cannot parse condition: {exc.msg} at column {exc.offset}.",
            "Write it like: item.tpp >= 4800 and party.country == 'CN'",
        ) from None
    node = _Parser(schema).node(tree.body)
    check_structure(node)
    return node


def _nesting(text: str) -> int:
    depth = deepest = 0
    for char in text:
        depth += char in "([{"
        depth -= char in ")]}"
        deepest = max(deepest, depth)
    return deepest


class _Parser:
    def __init__(self, schema: Schema) -> None:
        self.schema = schema

    def node(self, tree: ast.expr) -> Node:
        if isinstance(tree, ast.BoolOp):
            parts = tuple(self.node(v) for v in tree.values)
            return And(parts) if isinstance(tree.op, ast.And) else Or(parts)
        if isinstance(tree, ast.UnaryOp) and isinstance(tree.op, ast.Not):
            return Not(self.node(tree.operand))
        if isinstance(tree, ast.Compare):
            return self.compare(tree)
        if isinstance(tree, ast.Call):
            return self.call_predicate(tree)
        raise ConditionError(
            f"'{ast.unparse(tree)}' is not a condition.",
            "Use comparisons (==, !=, <, <=, >, >=, in, is None), and/or/not, in_group(...) or holds(...).",
        )

    def compare(self, tree: ast.Compare) -> Node:
        operands = [tree.left, *tree.comparators]
        pairs = zip(operands, tree.ops, operands[1:], strict=False)
        parts = tuple(self.comparison(left, op, right) for left, op, right in pairs)
        return parts[0] if len(parts) == 1 else And(parts)

    def comparison(self, left: ast.expr, op: ast.cmpop, right: ast.expr) -> Node:
        if isinstance(op, ast.Is | ast.IsNot):
            return self.is_none(left, op, right)
        if isinstance(op, ast.In | ast.NotIn):
            return self.membership(left, right, isinstance(op, ast.NotIn))
        symbol = _AST_OPS[type(op)]
        lhs, rhs = self.operand(left), self.operand(right)
        if isinstance(rhs, Field) and not isinstance(lhs, Field):
            lhs, rhs, symbol = rhs, lhs, _FLIP[symbol]
        if not isinstance(lhs, Field):
            raise ConditionError(
                f"'{ast.unparse(left)} {symbol} {ast.unparse(right)}' compares no field.",
                "One side must be a field such as item.tpp.",
            )
        if isinstance(rhs, Field):
            raise ConditionError(
                f"'{lhs} {symbol} {rhs}' compares two fields.",
                "Compare a field with a literal or a param(...).",
            )
        self.check_type(lhs, symbol, rhs)
        return Cmp(lhs, symbol, rhs)

    def is_none(self, left: ast.expr, op: ast.cmpop, right: ast.expr) -> Node:
        target = self.operand(left)
        if not (isinstance(right, ast.Constant) and right.value is None) or not isinstance(target, Field):
            raise ConditionError("'is' is only for 'field is None' or 'field is not None'.")
        return IsNone(target, negated=isinstance(op, ast.IsNot))

    def membership(self, left: ast.expr, right: ast.expr, negated: bool) -> Node:
        target = self.operand(left)
        if not isinstance(target, Field):
            raise ConditionError(f"'{ast.unparse(left)}' is not a field; write field in ('A', 'B').")
        if isinstance(right, ast.Tuple | ast.List):
            values = tuple(self.literal(e) for e in right.elts)
            for value in values:
                self.check_type(target, "==", value)
            return In(target, values, negated)
        param = self.operand(right)
        if isinstance(param, Param) and self.schema.params.get(param.name) == "list":
            return In(target, param, negated)
        raise ConditionError(
            f"'in' needs a literal tuple or a list parameter, not '{ast.unparse(right)}'.",
            "Write item.eccn_base in ('3D991', '3E991').",
        )

    def operand(self, tree: ast.expr) -> Field | Param | Scalar:
        if isinstance(tree, ast.Attribute):
            return self.field(tree)
        if isinstance(tree, ast.Name):
            raise ConditionError(
                f"'{tree.id}' is not a field or value.",
                "Fields start with txn., item. or party.; strings need quotes.",
            )
        if isinstance(tree, ast.Call):
            name, args = self.call(tree)
            if name != "param":
                raise ConditionError(f"{name}(...) is a condition, not a value.")
            return self.param(args)
        return self.literal(tree)

    def field(self, tree: ast.Attribute) -> Field:
        parts: list[str] = []
        node: ast.expr = tree
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        if not isinstance(node, ast.Name) or node.id not in FIELDS:
            raise ConditionError(
                f"'{ast.unparse(tree)}' does not start with txn., item. or party.",
                did_you_mean(ast.unparse(node), FIELDS) or "",
            )
        path = ".".join(reversed(parts))
        known = FIELDS[node.id]
        if path in RESERVED_NAMES:
            raise ConditionError(f"'{node.id}.{path}': the names id and sid are reserved.")
        if path not in known:
            close = closest(path, known)
            raise ConditionError(
                f"'{node.id}.{path}' is not a transaction field.",
                f"Did you mean '{node.id}.{close}'?" if close else f"Fields of {node.id}: {', '.join(sorted(known))}.",
            )
        return Field(node.id, path)

    def literal(self, tree: ast.expr) -> Scalar:
        if isinstance(tree, ast.UnaryOp) and isinstance(tree.op, ast.USub):
            value = self.literal(tree.operand)
            if isinstance(value, Decimal):
                return -value
        if isinstance(tree, ast.Constant) and isinstance(tree.value, bool | str):
            return tree.value
        if isinstance(tree, ast.Constant) and isinstance(tree.value, int | float):
            return to_decimal(tree.value)
        raise ConditionError(
            f"'{ast.unparse(tree)}' is not a literal.",
            "Literals are 'strings', numbers, True or False.",
        )

    def call(self, tree: ast.Call) -> tuple[str, list[str]]:
        if not isinstance(tree.func, ast.Name) or tree.func.id not in FUNCTIONS or tree.keywords:
            name = ast.unparse(tree.func)
            raise ConditionError(
                f"'{name}(...)' is not a function of the condition language.",
                did_you_mean(name, FUNCTIONS) or f"Functions: {', '.join(FUNCTIONS)}.",
            )
        return tree.func.id, [self.string_arg(a) for a in tree.args if not isinstance(a, ast.Attribute)]

    def string_arg(self, tree: ast.expr) -> str:
        if isinstance(tree, ast.Constant) and isinstance(tree.value, str):
            return tree.value
        raise ConditionError(f"'{ast.unparse(tree)}' must be a quoted name.")

    def param(self, args: list[str]) -> Param:
        if len(args) != 1:
            raise ConditionError("param(...) takes one quoted parameter name.")
        if args[0] not in self.schema.params:
            raise ConditionError(
                f"parameter '{args[0]}' is not defined.",
                did_you_mean(args[0], self.schema.params) or "Define it under [[parameters]].",
            )
        return Param(args[0])

    def call_predicate(self, tree: ast.Call) -> Node:
        name, args = self.call(tree)
        if name == "holds":
            if len(args) != 1 or len(tree.args) != 1:
                raise ConditionError("holds(...) takes one quoted fact name.")
            if args[0] not in self.schema.derived:
                raise ConditionError(
                    f"no derive rule adds the fact '{args[0]}'.",
                    did_you_mean(args[0], self.schema.derived) or 'Add a rule with kind = "derive".',
                )
            return Holds(args[0])
        if name == "in_group":
            return self.in_group(tree, args)
        raise ConditionError(f"{name}(...) is a value, not a condition; compare it with a field.")

    def in_group(self, tree: ast.Call, args: list[str]) -> Node:
        if len(tree.args) != 2 or not isinstance(tree.args[0], ast.Attribute) or len(args) != 1:
            raise ConditionError("in_group takes a country field and a quoted group: in_group(party.country, 'D:5').")
        target = self.field(tree.args[0])
        if FIELDS[target.var][target.path].type != COUNTRY:
            raise ConditionError(f"in_group needs a country field; '{target}' is not one.")
        if args[0] not in self.schema.groups:
            raise ConditionError(
                f"country group '{args[0]}' is not defined.",
                did_you_mean(args[0], self.schema.groups) or "Define it under [[country_groups]].",
            )
        return InGroup(target, args[0])

    def check_type(self, target: Field, op: str, value: Scalar | Param) -> None:
        spec = FIELDS[target.var][target.path]
        kind = self.schema.params[value.name] if isinstance(value, Param) else _literal_type(value)
        check_value_type(target, spec, op, kind, value)


def _literal_type(value: Scalar) -> str:
    if isinstance(value, bool):
        return BOOL
    return NUMBER if isinstance(value, Decimal) else STRING


def check_value_type(target: Field, spec: FieldSpec, op: str, kind: str, value: Scalar | Param) -> None:
    """Raise when *value* of type *kind* cannot be compared with field *target* using *op*."""
    expected = {NUMBER: NUMBER, BOOL: BOOL}.get(spec.type, STRING)
    if kind != expected:
        raise ConditionError(
            f"'{target}' is a {spec.type} and cannot be compared with {_show(value)} ({kind}).",
            _example_for(spec),
        )
    if op not in ("==", "!=") and spec.type != NUMBER:
        raise ConditionError(f"'{target}' is a {spec.type}; only == and != (or in) apply to it.")
    if isinstance(value, str) and spec.type == ENUM and value not in spec.values:
        raise ConditionError(
            f"'{value}' is not a value of {target}.",
            did_you_mean(value, spec.values) or f"Values: {', '.join(spec.values)}.",
        )
    if isinstance(value, str) and spec.type == COUNTRY and value not in COUNTRIES:
        raise ConditionError(f"'{value}' is not an ISO 3166-1 alpha-2 country code.", "Use codes like 'CN' or 'MO'.")
    if isinstance(value, Decimal) and value != value.quantize(QUANTUM):
        raise ConditionError(f"{value} has more than {DECIMAL_PLACES} decimal places.")


def _example_for(spec: FieldSpec) -> str:
    examples = {NUMBER: "a number such as 4800", BOOL: "True or False", COUNTRY: "a code such as 'CN'"}
    if spec.type == ENUM:
        return f"Use one of: {', '.join(repr(v) for v in spec.values)}."
    return f"Use {examples.get(spec.type, 'a quoted string')}."


def _show(value: Scalar | Param) -> str:
    return str(value) if isinstance(value, Param) else repr(value) if isinstance(value, str) else str(value)


def to_decimal(value: int | float | Decimal | str) -> Decimal:
    """A number as a Decimal with at most six decimal places (the engine's fixed-point unit)."""
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except InvalidOperation:
        raise ConditionError(f"'{value}' is not a number.") from None
    if not number.is_finite():
        raise ConditionError(f"'{value}' is not a finite number.")
    return number


def quantize(value: Decimal) -> Decimal:
    """Round to the engine's fixed-point unit (one millionth)."""
    return value.quantize(QUANTUM)


# --- structure checks ---------------------------------------------------------------------------------


def leaves(node: Node) -> Iterator[Node]:
    """Every comparison, membership, group, holds and constant below *node*, left to right."""
    if isinstance(node, And | Or):
        for part in node.parts:
            yield from leaves(part)
    elif isinstance(node, Not):
        yield from leaves(node.part)
    else:
        yield node


def entity_vars(node: Node) -> frozenset[str]:
    """The entity variables (item, party) a node refers to through fields."""
    return frozenset(target.var for target in fields_read(node)) - {"txn"}


def conjuncts(node: Node) -> tuple[Node, ...]:
    """The top-level conjuncts of *node* (the node itself when it is not an And)."""
    if isinstance(node, And):
        return tuple(c for part in node.parts for c in conjuncts(part))
    return (node,)


def held_facts(node: Node) -> tuple[str, ...]:
    """Names used in holds(...), in order."""
    return tuple(c.name for c in conjuncts(node) if isinstance(c, Holds))


def check_structure(node: Node) -> None:
    """Reject holds() below or/not and or/not mixing item and party (durable cannot join inside them)."""
    for part in conjuncts(node):
        if isinstance(part, Holds):
            continue
        if _contains_holds(part):
            raise ConditionError(
                "holds(...) may only be a positive top-level conjunct: holds('x') and ...",
                "Derive a combined fact instead of negating or or-ing a derived one.",
            )
        if len(entity_vars(part)) > 1:
            raise ConditionError(
                "an 'or' or 'not' mixes item and party fields.",
                "Split the rule in two, or derive a fact about the item first.",
            )


def _contains_holds(node: Node) -> bool:
    return any(isinstance(leaf, Holds) for leaf in leaves(node))


def fields_read(node: Node) -> frozenset[Field]:
    """Every field the condition reads (used to key the decision cache)."""
    return frozenset(leaf.field for leaf in leaves(node) if isinstance(leaf, Cmp | In | IsNone | InGroup))


def params_read(node: Node) -> frozenset[str]:
    """Every parameter the condition reads."""
    found = set()
    for leaf in leaves(node):
        if isinstance(leaf, Cmp) and isinstance(leaf.value, Param):
            found.add(leaf.value.name)
        elif isinstance(leaf, In) and isinstance(leaf.values, Param):
            found.add(leaf.values.name)
    return frozenset(found)


def groups_read(node: Node) -> frozenset[str]:
    """Every country group the condition reads."""
    return frozenset(leaf.group for leaf in leaves(node) if isinstance(leaf, InGroup))


# --- evaluation (the reference semantics) ---------------------------------------------------------------

Values = Mapping[str, Mapping[str, Any]]
"""Field values per variable: {"txn": {...}, "item": {...}, "party": {...}}; numbers as quantized Decimals."""


@dataclass(frozen=True)
class Context:
    """What a condition is evaluated against, as of one date."""

    values: Values
    params: Mapping[str, Any]
    groups: Mapping[str, frozenset[str]]
    derived: frozenset[str] = frozenset()


def evaluate(node: Node, ctx: Context) -> tuple[Truth, list[Evidence]]:
    """Evaluate *node*; return its Kleene truth value and the evidence of every comparison made."""
    evidence: list[tuple[Evidence, bool]] = []
    return _eval(node, ctx, evidence, False), [e for e, _ in evidence]


def supporting(node: Node, ctx: Context) -> tuple[Truth, list[Evidence]]:
    """Evaluate *node*; return its truth value and the comparisons that support that it is true: those that
    were true, and those that were false under an odd number of ``not``."""
    evidence: list[tuple[Evidence, bool]] = []
    truth = _eval(node, ctx, evidence, False)
    return truth, [e for e, negated in evidence if e.result is (not negated)]


def _eval(node: Node, ctx: Context, out: list[tuple[Evidence, bool]], negated: bool) -> Truth:
    if isinstance(node, And):
        results = [_eval(p, ctx, out, negated) for p in node.parts]
        return False if False in results else None if None in results else True
    if isinstance(node, Or):
        results = [_eval(p, ctx, out, negated) for p in node.parts]
        return True if True in results else None if None in results else False
    if isinstance(node, Not):
        inner = _eval(node.part, ctx, out, not negated)
        return None if inner is None else not inner
    if isinstance(node, Const):
        return node.value
    found: list[Evidence] = []
    result = _leaf(node, ctx, found)
    out.extend((e, negated) for e in found)
    return result


def _leaf(node: Node, ctx: Context, out: list[Evidence]) -> Truth:
    result: Truth
    if isinstance(node, Holds):
        result = node.name in ctx.derived
        out.append(
            Evidence.build(
                path=f"holds('{node.name}')",
                operator="holds",
                actual=result,
                expected=True,
                result=result,
                text=f"{node.name} {'holds' if result else 'does not hold'}",
            )
        )
        return result
    assert isinstance(node, Cmp | In | IsNone | InGroup)
    actual = ctx.values.get(node.field.var, {}).get(node.field.path)
    if isinstance(node, IsNone):
        result = (actual is None) != node.negated
        op = "is not None" if node.negated else "is None"
        out.append(_evidence(node.field, op, actual, None, result))
        return result
    if isinstance(node, InGroup):
        members = ctx.groups.get(node.group, frozenset())
        op = "not in group" if node.negated else "in group"
        result = None if actual is None else (actual in members) != node.negated
        out.append(_evidence(node.field, op, actual, node.group, result))
        return result
    if isinstance(node, In):
        values = ctx.params.get(node.values.name) if isinstance(node.values, Param) else node.values
        op = "not in" if node.negated else "in"
        result = None if actual is None or values is None else (actual in tuple(values)) != node.negated
        out.append(_evidence(node.field, op, actual, tuple(values or ()), result))
        return result
    expected = ctx.params.get(node.value.name) if isinstance(node.value, Param) else node.value
    result = None if actual is None or expected is None else compare(actual, node.op, expected)
    out.append(_evidence(node.field, node.op, actual, expected, result))
    return result


def compare(actual: Any, op: str, expected: Any) -> bool:
    """Two-valued comparison of known values."""
    if op == "==":
        return bool(actual == expected)
    if op == "!=":
        return bool(actual != expected)
    if op == "<":
        return bool(actual < expected)
    if op == "<=":
        return bool(actual <= expected)
    if op == ">":
        return bool(actual > expected)
    return bool(actual >= expected)


def _evidence(target: Field, op: str, actual: Any, expected: Any, result: Truth) -> Evidence:
    shown = "unknown" if actual is None else show_value(actual)
    verdict = {True: "true", False: "false", None: "unknown"}[result]
    text = f"{target} = {shown}; {op} {show_value(expected)}: {verdict}"
    return Evidence.build(
        path=str(target), operator=op, actual=_plain(actual), expected=_plain(expected), result=result, text=text
    )


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, tuple | frozenset | list):
        return tuple(_plain(v) for v in value)
    return value


def show_value(value: Any) -> str:
    """A value as a person reads it: 4,707 not 4707.000000; strings quoted."""
    if isinstance(value, bool) or value is None:
        return str(value)
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return f"{int(value):,}"
        return f"{value.normalize():,f}"
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, tuple | list | frozenset):
        return "(" + ", ".join(show_value(v) for v in value) + ")"
    return str(value)


# --- specialisation for the compiled backend --------------------------------------------------------------


def specialize(node: Node, params: Mapping[str, Any], groups: Mapping[str, frozenset[str]]) -> Node:
    """Negation normal form with parameters and groups of one date substituted and constants folded.

    In negation normal form an unknown constant can be folded to False without changing whether the
    condition is *true* (Kleene logic is monotone), which is all the compiled backend decides.
    """
    return _fold(_nnf(node, params, groups, negate=False))


def _nnf(node: Node, params: Mapping[str, Any], groups: Mapping[str, frozenset[str]], negate: bool) -> Node:
    if isinstance(node, Not):
        return _nnf(node.part, params, groups, not negate)
    if isinstance(node, And | Or):
        parts = tuple(_nnf(p, params, groups, negate) for p in node.parts)
        return (Or if (isinstance(node, And) == negate) else And)(parts)
    if isinstance(node, Cmp):
        value = params.get(node.value.name) if isinstance(node.value, Param) else node.value
        if value is None:
            return Const(None)
        return Cmp(node.field, _NEGATE[node.op] if negate else node.op, value)
    if isinstance(node, In):
        values = params.get(node.values.name) if isinstance(node.values, Param) else node.values
        if values is None:
            return Const(None)
        return In(node.field, tuple(values), node.negated != negate)
    if isinstance(node, IsNone):
        return IsNone(node.field, node.negated != negate)
    if isinstance(node, InGroup):
        members = tuple(sorted(groups.get(node.group, frozenset())))
        return In(node.field, members, node.negated != negate)
    if isinstance(node, Holds):
        if negate:
            raise ConditionError("holds(...) cannot be negated.")
        return node
    assert isinstance(node, Const)
    return Const(None if node.value is None else node.value != negate)


def _fold(node: Node) -> Node:
    if isinstance(node, In) and not node.values:
        return _empty_in(node)
    if not isinstance(node, And | Or):
        return Const(False) if isinstance(node, Const) and node.value is None else node
    parts = [_fold(p) for p in node.parts]
    absorbing, neutral = (False, True) if isinstance(node, And) else (True, False)
    if any(isinstance(p, Const) and p.value is absorbing for p in parts):
        return Const(absorbing)
    kept = tuple(p for p in parts if not (isinstance(p, Const) and p.value is neutral))
    if not kept:
        return Const(neutral)
    return kept[0] if len(kept) == 1 else type(node)(kept)


def _empty_in(node: In) -> Node:
    # x in () is false when x is known, unknown when missing: as a firing test both are "not true".
    # x not in () is true when x is known: the same as "x is not None".
    return IsNone(node.field, negated=True) if node.negated else Const(False)
