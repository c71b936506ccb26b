"""The US Consolidated Screening List (trade.gov) in its published CSV and JSON formats.

The CSV has one exact header (``CSL_HEADER``); multi-value cells are joined by ``"; "`` and addresses
are flattened to ``"street, city, state, postal, CC; ..."``. Entity List addresses may themselves
contain ``"; and "`` between streets, so address pieces are grouped until one ends in a country code.
The JSON is a list of records, or an object holding them under ``results`` (the search API envelope).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Mapping
from typing import Any

import orjson

from compliance.countries import COUNTRIES
from compliance.errors import Problem, did_you_mean
from compliance.screening.codes import CSL_SOURCES, list_code_for_source, parse_footnotes
from compliance.screening.entries import Address, ListEntry
from compliance.screening.errors import ScreeningListError
from compliance.screening.normalize import clean_alias

CSL_HEADER: tuple[str, ...] = tuple(
    (  # noqa: SIM905
        "_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,start_date,"
        "end_date,standard_order,license_requirement,license_policy,call_sign,vessel_type,gross_tonnage,"
        "gross_registered_tonnage,vessel_flag,vessel_owner,remarks,source_list_url,alt_names,citizenships,"
        "dates_of_birth,nationalities,places_of_birth,source_information_url,ids"
    ).split(",")
)
"""The exact CSV header of the published CSL file."""

SEPARATOR = "; "


def split_multi(cell: str) -> tuple[str, ...]:
    """A multi-value CSV cell as its values."""
    return tuple(v.strip() for v in cell.split(SEPARATOR) if v.strip())


def _country_of(piece: str) -> str | None:
    last = piece.rsplit(",", 1)[-1].strip()
    return last if last in COUNTRIES else None


def parse_flat_addresses(cell: str) -> tuple[Address, ...]:
    """Addresses from a flattened CSV cell; pieces are grouped until one ends in a country code.

    >>> parse_flat_addresses("Shenyang, CN; Pyongyang, KP")[1].country
    'KP'
    """
    out: list[Address] = []
    pending: list[str] = []
    for piece in split_multi(cell):
        pending.append(piece)
        country = _country_of(piece)
        if country is not None:
            text = SEPARATOR.join(pending)
            out.append(Address(address=text.rsplit(",", 1)[0].strip() if "," in text else "", country=country))
            pending = []
    if pending:
        out.append(Address(address=SEPARATOR.join(pending)))
    return tuple(out)


def _date(value: Any, field: str, problems: list[str]) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        problems.append(f"{field}: '{value}' is not a date; the CSL writes dates like 2023-07-19")
        return None


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _many(value: Any) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        return split_multi(value)
    return tuple(_text(v) for v in value if _text(v))


def _address_dicts(values: Iterable[Mapping[str, Any]]) -> tuple[Address, ...]:
    fields = ("address", "city", "state", "postal_code")
    out = []
    for value in values:
        country = _text(value.get("country")).upper() or None
        out.append(Address(**{f: _text(value.get(f)) for f in fields}, country=country))
    return tuple(out)


def csl_entry(record: Mapping[str, Any], source: str) -> tuple[ListEntry | None, list[str]]:
    """A ListEntry from one CSL record (CSV row or JSON object), or None and what is wrong."""
    problems: list[str] = []
    code = list_code_for_source(_text(record.get("source")))
    if code is None:
        hint = did_you_mean(_text(record.get("source")), CSL_SOURCES) or "See CSL_SOURCES for the known strings."
        problems.append(f"source: '{_text(record.get('source'))}' names no known list. {hint}")
    name = _text(record.get("name"))
    if not name:
        problems.append("name: empty; every CSL record names its party")
    raw_addresses = record.get("addresses")
    addresses = (
        parse_flat_addresses(raw_addresses) if isinstance(raw_addresses, str) else _address_dicts(raw_addresses or ())
    )
    start, end = (
        _date(record.get("start_date"), "start_date", problems),
        _date(record.get("end_date"), "end_date", problems),
    )
    if problems or code is None:
        return None, problems
    people = _many(record.get("citizenships")) + _many(record.get("nationalities"))
    requirement = _text(record.get("license_requirement")) or None
    entry = ListEntry(
        id=_text(record.get("_id") or record.get("id")) or f"{code}:{name}",
        list=code,
        name=name,
        source=source,
        aliases=tuple(a for a in (clean_alias(v) for v in _many(record.get("alt_names"))) if a),
        country=next((a.country for a in addresses if a.country), None) or next(iter(people), None),
        addresses=addresses,
        footnotes=parse_footnotes(requirement) if code == "EL" else (),
        citation=_text(record.get("federal_register_notice")) or None,
        start_date=start,
        end_date=end,
        confidence="V",
        source_note=f"CSL: {_text(record.get('source'))}",
        type=_text(record.get("type")) or None,
        programs=_many(record.get("programs")),
        license_requirement=requirement,
        license_policy=_text(record.get("license_policy")) or None,
    )
    return entry, []


def parse_csl_csv(text: str, file: str, source: str) -> list[ListEntry]:
    """Entries of a CSL CSV file given as *text*. Raises ScreeningListError with file:line problems."""
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    header = tuple(next(reader, ()))
    if header != CSL_HEADER:
        missing = [c for c in CSL_HEADER if c not in header]
        extra = [c for c in header if c not in CSL_HEADER]
        what = f"missing {missing}" if missing else f"unexpected {extra}" if extra else "columns out of order"
        raise ScreeningListError(
            [
                Problem(
                    f"not the CSL CSV header: {what}",
                    file=file,
                    line=1,
                    hint=f"Expected: {','.join(CSL_HEADER)}",
                )
            ]
        )
    entries, problems = [], []
    for row in reader:
        if not any(row):
            continue
        if len(row) != len(CSL_HEADER):
            problems.append(Problem(f"{len(row)} cells, expected {len(CSL_HEADER)}", file=file, line=reader.line_num))
            continue
        entry, found = csl_entry(dict(zip(CSL_HEADER, row, strict=True)), source)
        problems += [Problem(p, file=file, line=reader.line_num) for p in found]
        entries += [entry] if entry else []
    if problems:
        raise ScreeningListError(problems)
    return entries


def csl_json_records(text: str | bytes, file: str) -> tuple[list[Mapping[str, Any]], dt.date | None]:
    """The records of a CSL JSON document and, from a search envelope, its newest source date."""
    try:
        data = orjson.loads(text)
    except orjson.JSONDecodeError as error:
        raise ScreeningListError([Problem(f"not valid JSON: {error}", file=file)]) from error
    records = data.get("results") if isinstance(data, dict) else data
    if not isinstance(records, list):
        hint = "Give a list of CSL records, or an object with them under 'results'."
        raise ScreeningListError([Problem("no CSL records found", file=file, hint=hint)])
    updated = [_date(s.get("source_last_updated"), "", []) for s in _sources_used(data)]
    return records, max((d for d in updated if d), default=None)


def _sources_used(data: Any) -> list[Mapping[str, Any]]:
    used = data.get("sources_used") if isinstance(data, dict) else None
    return [s for s in used if isinstance(s, dict)] if isinstance(used, list) else []


def parse_csl_json(records: list[Mapping[str, Any]], file: str, source: str) -> list[ListEntry]:
    """Entries of CSL JSON *records*. Raises ScreeningListError naming each bad record by index and id."""
    entries, problems = [], []
    for index, record in enumerate(records):
        if not isinstance(record, dict):
            problems.append(Problem(f"record {index}: not an object", file=file))
            continue
        entry, found = csl_entry(record, source)
        where = f"record {index} (id {_text(record.get('id') or record.get('_id')) or '?'}): "
        problems += [Problem(where + p, file=file) for p in found]
        entries += [entry] if entry else []
    if problems:
        raise ScreeningListError(problems)
    return entries
