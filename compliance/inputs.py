"""Read transaction records from JSON, JSON Lines, TOML and CSV files, directories or stdin.

Every reader yields :class:`Record` objects in input order. A record holds either a transaction as a plain
dict (validated later by the engine) or the problems that stopped it from being read, with the file, line and
record number, so one bad record never stops a batch. JSON Lines is streamed line by line in flat memory;
the other formats are read whole. The CSV column mapping is documented in ``docs/csv.md``.
"""

from __future__ import annotations

import csv
import io
import json
import re
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any, Literal

from compliance.errors import Problem, did_you_mean
from compliance.model import Authorization, Certifications, Item, Party, PartyRole
from compliance.sourcemap import SourceMap

InputFormat = Literal["json", "jsonl", "toml", "csv"]
INPUT_FORMATS: tuple[str, ...] = ("auto", "json", "jsonl", "toml", "csv")
EXTENSIONS: Mapping[str, InputFormat] = {
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".toml": "toml",
    ".csv": "csv",
}
SKIPPED_SUFFIXES = (".cases.toml", ".fixtures.toml")
STDIN = "-"
FORMAT_HINT = "Name the file *.json, *.jsonl, *.toml or *.csv, or pass --input-format."


@dataclass(frozen=True)
class Where:
    """Where a record came from: file (``<stdin>`` for ``-``), 1-based line and 1-based record number."""

    file: str
    line: int | None = None
    record: int | None = None

    def __str__(self) -> str:
        return ":".join(str(x) for x in (self.file, self.line) if x is not None)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view."""
        return {"file": self.file, "line": self.line, "record": self.record}


@dataclass(frozen=True)
class Record:
    """One input record: a transaction dict, or the problems that stopped it from being read.

    ``columns`` (CSV only) maps a model path such as ``items.0.quantity`` to the line and column it came
    from, so that validation errors name the cell.
    """

    where: Where
    transaction: dict[str, Any] | None = None
    problems: tuple[Problem, ...] = ()
    columns: Mapping[str, tuple[int, str | None]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when the record was read (it may still fail validation)."""
        return self.transaction is not None and not self.problems

    @property
    def transaction_id(self) -> str | None:
        """The transaction id when the record names one."""
        value = (self.transaction or {}).get("transaction_id")
        return value if isinstance(value, str) else None


def failed(where: Where, message: str, field_name: str | None = None, hint: str | None = None) -> Record:
    """A record that could not be read, with one problem located at *where*."""
    return Record(where, problems=(Problem(message, file=where.file, line=where.line, field=field_name, hint=hint),))


def locate(record: Record, problems: Iterable[Problem]) -> tuple[Problem, ...]:
    """Give validation problems (which name model paths) the record's file and line, or the CSV cell."""
    located = []
    for problem in problems:
        line, column = _cell(record, problem.field)
        located.append(
            replace(problem, file=record.where.file, line=line or record.where.line, field=column or problem.field)
        )
    return tuple(located)


def _cell(record: Record, path: str | None) -> tuple[int | None, str | None]:
    parts = (path or "").split(".")
    for size in range(len(parts), 0, -1):
        found = record.columns.get(".".join(parts[:size]))
        if found is not None:
            return found
    return None, None


# --- dispatch ------------------------------------------------------------------------------------------

Opener = Callable[[], IO[bytes]]


def read(paths: Sequence[str], stdin: Opener, input_format: str = "auto") -> Iterator[Record]:
    """Every record of every path, in order; directories are searched recursively, ``-`` is stdin."""
    for path in paths:
        if path == STDIN:
            yield from read_stream(stdin(), "<stdin>", input_format)
        elif Path(path).is_dir():
            for found in input_files(Path(path)):
                yield from read_file(found, input_format)
        else:
            yield from read_file(Path(path), input_format)


def input_files(root: Path) -> list[Path]:
    """Input files under *root* with a known extension, sorted; hidden files and rule cases skipped."""
    return [
        p
        for p in sorted(root.rglob("*"))
        if p.is_file()
        and p.suffix in EXTENSIONS
        and not p.name.startswith(".")
        and not p.name.endswith(SKIPPED_SUFFIXES)
    ]


def read_file(path: Path, input_format: str = "auto") -> Iterator[Record]:
    """The records of one file; the format comes from *input_format* or the extension, else is sniffed."""
    try:
        stream = path.open("rb")
    except OSError as exc:
        yield failed(Where(str(path)), f"cannot read file: {exc.strerror}.")
        return
    with stream:
        chosen = input_format if input_format != "auto" else EXTENSIONS.get(path.suffix, "auto")
        yield from read_stream(stream, str(path), chosen)


def read_stream(stream: IO[bytes], name: str, input_format: str = "auto") -> Iterator[Record]:
    """The records of a binary stream in *input_format* (``auto``: sniffed from its first line)."""
    if input_format == "jsonl":
        yield from read_jsonl(stream, name)
        return
    first = stream.readline()
    if input_format == "auto":
        input_format = sniff(first)
    if input_format == "jsonl":
        yield from read_jsonl(_chain(first, stream), name)
        return
    try:
        text = (first + stream.read()).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        yield failed(
            Where(name), f"the file is not UTF-8 text ({exc.reason} at byte {exc.start}).", hint="Save it as UTF-8."
        )
        return
    readers: dict[str, Callable[[str, str], Iterator[Record]]] = {
        "json": read_json,
        "toml": read_toml,
        "csv": read_csv,
    }
    if input_format not in readers:
        yield failed(Where(name, 1), "cannot tell whether this is JSON, JSON Lines, TOML or CSV.", hint=FORMAT_HINT)
        return
    yield from readers[input_format](text, name)


def sniff(first_line: bytes) -> str:
    """Guess the format from the first line: a whole JSON object is JSON Lines, ``[``/``{`` JSON, ..."""
    text = first_line.decode("utf-8-sig", errors="replace").strip()
    if text.startswith("{"):
        try:
            return "jsonl" if isinstance(json.loads(text), dict) else "json"
        except ValueError:
            return "json"
    if re.match(r"^(\[\[?\s*transactions?\s*\]|#|[A-Za-z_]+\s*=)", text):
        return "toml"
    if text.startswith("["):
        return "json"
    if "transaction_id" in text and "," in text:
        return "csv"
    return "auto"


def _chain(first: bytes, rest: IO[bytes]) -> Iterator[bytes]:
    yield first
    yield from rest


# --- JSON Lines (streamed) -------------------------------------------------------------------------------


def read_jsonl(lines: Iterable[bytes], name: str) -> Iterator[Record]:
    """One record per non-blank line, read lazily: memory stays flat however long the input is."""
    record = 0
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        record += 1
        where = Where(name, number, record)
        try:
            text = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            yield failed(
                where, f"the line is not UTF-8 text ({exc.reason} at byte {exc.start}).", hint="Save the file as UTF-8."
            )
            continue
        yield _json_record(text, where)


def _json_record(text: str, where: Where) -> Record:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        return failed(
            where, f"invalid JSON: {exc.msg} at column {exc.colno}.", hint="Each line must be one complete JSON object."
        )
    return _object_record(value, where)


def _object_record(value: Any, where: Where) -> Record:
    if not isinstance(value, dict):
        return failed(
            where,
            f"expected a JSON object (one transaction), got {_json_type(value)}.",
            hint='Write each transaction as {"transaction_id": ..., ...}.',
        )
    return Record(where, transaction=value)


def _json_type(value: Any) -> str:
    names = {list: "an array", str: "a string", bool: "a boolean", int: "a number", float: "a number"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


# --- JSON ------------------------------------------------------------------------------------------------

_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"\s*")


def read_json(text: str, name: str) -> Iterator[Record]:
    """One transaction object, or an array of them; records before a syntax error are still read."""
    start = _SPACE.match(text, 0).end()  # type: ignore[union-attr]
    if text.startswith("[", start):
        yield from _json_array(text, name, start + 1)
        return
    try:
        value, end = _DECODER.raw_decode(text, start)
    except json.JSONDecodeError as exc:
        yield _json_error(exc, name, 1)
        return
    if text[end:].strip():
        yield failed(
            Where(name, _line(text, end), 1),
            "extra data after the JSON value.",
            hint="Put several transactions in a JSON array, or use JSON Lines.",
        )
        return
    yield _object_record(value, Where(name, _line(text, start), 1))


def _json_array(text: str, name: str, position: int) -> Iterator[Record]:
    record = 0
    while True:
        position = _SPACE.match(text, position).end()  # type: ignore[union-attr]
        if text.startswith("]", position):
            return
        record += 1
        try:
            value, end = _DECODER.raw_decode(text, position)
        except json.JSONDecodeError as exc:
            yield _json_error(exc, name, record)
            return
        yield _object_record(value, Where(name, _line(text, position), record))
        position = _SPACE.match(text, end).end()  # type: ignore[union-attr]
        if text.startswith(",", position):
            position += 1
        elif not text.startswith("]", position):
            yield failed(
                Where(name, _line(text, position), record + 1),
                "invalid JSON: expected ',' or ']' after an array element.",
                hint="Separate transactions with commas and close the array with ].",
            )
            return


def _json_error(exc: json.JSONDecodeError, name: str, record: int) -> Record:
    return failed(
        Where(name, exc.lineno, record),
        f"invalid JSON: {exc.msg} at column {exc.colno}.",
        hint="Check quotes, commas and brackets; records after this point were not read.",
    )


def _line(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


# --- TOML ------------------------------------------------------------------------------------------------


def read_toml(text: str, name: str) -> Iterator[Record]:
    """A ``[transaction]`` table or ``[[transactions]]`` array of tables."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        yield failed(
            Where(name, int(line.group(1)) if line else None, 1),
            f"invalid TOML: {exc}.",
            hint="Check quoting; dates are written unquoted, like 2025-05-23.",
        )
        return
    source = SourceMap.of(text)
    unknown = sorted(set(data) - {"transaction", "transactions"})
    if unknown or not data:
        yield _toml_shape_error(unknown[0] if unknown else None, source, name)
        return
    if "transaction" in data:
        yield _object_record(data["transaction"], Where(name, source.find("[transaction]"), 1))
    for index, value in enumerate(data.get("transactions", [])):
        offset = 1 if "transaction" in data else 0
        yield _object_record(value, Where(name, source.entry_line("transactions", index), index + 1 + offset))


def _toml_shape_error(key: str | None, source: SourceMap, name: str) -> Record:
    shape = "Write one [transaction] table or a [[transactions]] array."
    if key is None:
        return failed(Where(name, 1, 1), "no [transaction] or [[transactions]] table.", hint=shape)
    return failed(
        Where(name, source.find(key), 1),
        f"unknown top-level key '{key}'.",
        hint=did_you_mean(key, ["transaction", "transactions"]) or shape,
    )


# --- CSV -------------------------------------------------------------------------------------------------

TXN_COLUMNS = (
    "transaction_id",
    "date",
    "kind",
    "export_country",
    "destination_country",
    "end_use",
    "description",
)
ROLE_PREFIXES: Mapping[str, str] = {
    "intermediate_consignee": PartyRole.INTERMEDIATE_CONSIGNEE.value,
    "ultimate_consignee": PartyRole.ULTIMATE_CONSIGNEE.value,
    "consignee": PartyRole.ULTIMATE_CONSIGNEE.value,
    "purchaser": PartyRole.PURCHASER.value,
    "exporter": PartyRole.EXPORTER.value,
    "end_user": PartyRole.END_USER.value,
}
PARTY_COLUMNS = tuple(n for n in Party.model_fields if n not in ("role", "owners"))
ITEM_COLUMNS = tuple(n for n in Item.model_fields if n != "dense_tops")
AUTH_COLUMNS = tuple(Authorization.model_fields)
CERT_COLUMNS = tuple(Certifications.model_fields)
TOPS_BITS = (4, 8, 16, 32, 64)
LIST_SEPARATOR = ";"
CSV_HINT = "See docs/csv.md for the column mapping."


@dataclass(frozen=True)
class Column:
    """Where a CSV column goes: the part of the transaction (txn, item, party, auth, cert) and the field."""

    part: str
    field: str
    role: str | None = None


def csv_columns() -> list[str]:
    """Every column name the CSV mapping accepts (consignee_* is an alias of ultimate_consignee_*)."""
    names = [*TXN_COLUMNS, *(f"item_{n}" for n in ITEM_COLUMNS), *(f"item_tops_{b}" for b in TOPS_BITS)]
    names += [f"{prefix}_{n}" for prefix in ROLE_PREFIXES for n in PARTY_COLUMNS]
    names += [f"auth_{n}" for n in AUTH_COLUMNS] + [f"cert_{n}" for n in CERT_COLUMNS]
    return names


def column_for(name: str) -> Column | None:
    """Map a header cell to its place in the transaction, or None when the mapping has no such column."""
    if name in TXN_COLUMNS:
        return Column("txn", name)
    sections = (
        ("item_tops_", "tops", tuple(map(str, TOPS_BITS))),
        ("item_", "item", ITEM_COLUMNS),
        ("auth_", "auth", AUTH_COLUMNS),
        ("cert_", "cert", CERT_COLUMNS),
    )
    for prefix, part, fields in sections:
        if name.startswith(prefix) and name[len(prefix) :] in fields:
            return Column(part, name[len(prefix) :])
    for prefix, role in ROLE_PREFIXES.items():  # longest prefixes first, so consignee_ never steals ultimate_
        rest = name.removeprefix(prefix + "_")
        if rest != name and rest in PARTY_COLUMNS:
            return Column("party", rest, role)
    return None


def read_csv(text: str, name: str) -> Iterator[Record]:
    """One record per transaction_id: rows with the same id are one transaction, one item per row."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [cell.strip() for cell in next(reader)]
    except StopIteration:
        return
    except csv.Error as exc:
        yield failed(Where(name, 1, 1), f"invalid CSV header: {exc}.", hint=CSV_HINT)
        return
    columns, problem = _header(header, name)
    if problem is not None:
        yield problem
        return
    groups, bad = _rows(reader, header, columns, name)
    yield from _csv_records(groups, bad, name)


def _header(header: list[str], name: str) -> tuple[list[Column], Record | None]:
    columns = []
    for index, cell in enumerate(header, start=1):
        column = column_for(cell)
        if column is None:
            hint = did_you_mean(cell, csv_columns()) or CSV_HINT
            return [], failed(
                Where(name, 1, 1),
                f"column {index} '{cell}' is not in the CSV mapping; no row of this file was read.",
                hint=hint,
            )
        columns.append(column)
    if "transaction_id" not in header:
        return [], failed(Where(name, 1, 1), "the header has no transaction_id column; no row was read.", hint=CSV_HINT)
    return columns, None


Row = tuple[int, dict[str, str]]


def _rows(
    reader: Any, header: list[str], columns: list[Column], name: str
) -> tuple[dict[str, list[Row]], list[Record]]:
    groups: dict[str, list[Row]] = {}
    bad: list[Record] = []
    line = 1
    while True:
        start = line + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            bad.append(failed(Where(name, start), f"invalid CSV: {exc}.", hint=CSV_HINT))
            break
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            message = f"the row has {len(cells)} cells; the header has {len(header)}."
            bad.append(failed(Where(name, start), message, hint="Quote cells that contain commas."))
            continue
        row = {h: c.strip() for h, c in zip(header, cells, strict=True) if c.strip()}
        txn_id = row.get("transaction_id")
        if not txn_id:
            bad.append(
                failed(
                    Where(name, start),
                    "the row has no transaction_id.",
                    field_name="transaction_id",
                    hint="Fill it in.",
                )
            )
            continue
        groups.setdefault(txn_id, []).append((start, row))
    return groups, bad


def _csv_records(groups: dict[str, list[Row]], bad: list[Record], name: str) -> Iterator[Record]:
    """Transactions and bad rows in the order they first appear, numbered as records."""
    ordered: list[tuple[int, int, Record | list[Row]]] = [(rows[0][0], 0, rows) for rows in groups.values()]
    ordered += [(rec.where.line or 0, 1, rec) for rec in bad]
    for number, (_, _, entry) in enumerate(sorted(ordered, key=lambda e: (e[0], e[1])), start=1):
        if isinstance(entry, Record):
            yield replace(entry, where=replace(entry.where, record=number))
        else:
            yield _build_transaction(entry, number, name)


def _build_transaction(rows: list[Row], number: int, source: str) -> Record:
    first_line = rows[0][0]
    txn: dict[str, Any] = {}
    items: list[dict[str, Any]] = []
    parties: list[dict[str, Any]] = []
    auths: list[dict[str, Any]] = []
    certs: dict[str, Any] = {}
    cells: dict[str, tuple[int, str | None]] = {}
    problems: list[Problem] = []
    for line, row in rows:
        parts = _split_row(row)
        for key, value in parts["txn"].items():
            if key in txn and txn[key] != value:
                problems.append(
                    Problem(
                        f"'{value}' differs from '{txn[key]}' on an earlier row of this transaction.",
                        line=line,
                        field=key,
                        hint="Transaction-level cells must agree on every row.",
                    )
                )
            txn.setdefault(key, value)
            cells.setdefault(key, (line, key))
        certs.update(parts["cert"])
        for key in parts["cert"]:
            cells.setdefault(f"certifications.{key}", (line, f"cert_{key}"))
        if parts["item"]:
            cells[f"items.{len(items)}"] = (line, None)
            for key in parts["item"]:
                cells[f"items.{len(items)}.{key}"] = (line, _item_column(key))
            items.append(parts["item"])
        for party in parts["parties"]:
            _add_unique(parties, party, "parties", line, cells, _role_prefix(party) + "_")
        if parts["auth"]:
            _add_unique(auths, parts["auth"], "authorizations", line, cells, "auth_")
    if certs:
        txn["certifications"] = certs
    txn.update({"parties": parties, "items": items})
    if auths:
        txn["authorizations"] = auths
    where = Where(source, first_line, number)
    return Record(where, transaction=txn, problems=tuple(replace(p, file=source) for p in problems), columns=cells)


def _add_unique(
    entries: list[dict[str, Any]],
    entry: dict[str, Any],
    path: str,
    line: int,
    cells: dict[str, tuple[int, str | None]],
    prefix: str,
) -> None:
    if entry in entries:
        return
    index = len(entries)
    cells[f"{path}.{index}"] = (line, None)
    for key in entry:
        if key != "role":
            cells[f"{path}.{index}.{key}"] = (line, prefix + key)
    entries.append(entry)


def _role_prefix(party: Mapping[str, Any]) -> str:
    role = party.get("role")
    return next(p for p, r in ROLE_PREFIXES.items() if r == role and p != "consignee")


def _item_column(key: str) -> str:
    return "item_tops_*" if key == "dense_tops" else f"item_{key}"


def _split_row(row: Mapping[str, str]) -> dict[str, Any]:
    """Split a row's non-empty cells into transaction, item, party, authorization and certification fields."""
    txn: dict[str, Any] = {}
    item: dict[str, Any] = {}
    auth: dict[str, Any] = {}
    cert: dict[str, Any] = {}
    parties: dict[str, dict[str, Any]] = {}
    for name, value in row.items():
        column = column_for(name)
        assert column is not None  # the header was checked
        if column.part == "txn":
            txn[column.field] = value
        elif column.part == "item":
            item[column.field] = value
        elif column.part == "tops":
            item.setdefault("dense_tops", {})[column.field] = value
        elif column.part == "auth":
            auth[column.field] = _split_list(value) if column.field in ("covers_rules", "eccns") else value
        elif column.part == "cert":
            cert[column.field] = value
        else:
            assert column.role is not None
            party = parties.setdefault(column.role, {"role": column.role})
            party[column.field] = _listings(value) if column.field == "listings" else value
    return {"txn": txn, "item": item, "auth": auth, "cert": cert, "parties": list(parties.values())}


def _split_list(value: str) -> list[str]:
    return [part.strip() for part in value.split(LIST_SEPARATOR) if part.strip()]


def _listings(value: str) -> list[dict[str, Any]]:
    """``EL:4; MEU`` -> [{"list": "EL", "footnote": "4"}, {"list": "MEU"}]."""
    out: list[dict[str, Any]] = []
    for part in _split_list(value):
        code, _, footnote = part.partition(":")
        out.append({"list": code.strip(), **({"footnote": footnote.strip()} if footnote.strip() else {})})
    return out
