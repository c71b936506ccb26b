"""The project's own screening lists, in TOML: one ``[list]`` table and ``[[entries]]``.

```toml
[list]
title = "Huawei Technologies Co., Ltd. and listed affiliates"
snapshot = 2026-11-28

[[entries]]
id = "EL-HUAWEI-TECHNOLOGIES"
list = "EL"
name = "Huawei Technologies Co., Ltd."
country = "CN"
addresses = [{ address = "Huawei Base, Bantian, Longgang District", city = "Shenzhen", country = "CN" }]
footnotes = [1]
citation = "84 FR 22961"
start_date = 2019-05-16
confidence = "V"
source_note = "thompsonhine 2019/05"
```
"""

from __future__ import annotations

import builtins
import datetime as dt
import tomllib
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from compliance.countries import COUNTRIES
from compliance.errors import Problem, did_you_mean
from compliance.screening.codes import LIST_CODES
from compliance.screening.entries import Address, ListEntry
from compliance.screening.errors import ScreeningListError
from compliance.sourcemap import SourceMap

DATE_HINT = "Write dates as TOML dates without quotes, such as 2019-05-16."


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class AddressSpec(_Strict):
    """An address as written in a TOML list."""

    address: str = ""
    city: str = ""
    state: str = ""
    postal_code: str = ""
    country: str | None = None


class EntrySpec(_Strict):
    """One ``[[entries]]`` table as written in a TOML list."""

    id: str = Field(pattern=r"^[A-Z0-9][A-Z0-9.-]*$")
    list: str
    name: str = Field(min_length=1)
    aliases: builtins.list[str] = []
    type: Literal["Entity", "Individual", "Vessel", "Aircraft"] = "Entity"
    country: str | None = None
    addresses: builtins.list[AddressSpec] = []
    footnotes: builtins.list[int] = []
    footnotes_from: dt.date | None = None
    citation: str | None = None
    start_date: dt.date
    end_date: dt.date | None = None
    confidence: Literal["V", "S", "M", "C"]
    source_note: str = Field(min_length=1)


class ListSpec(_Strict):
    """The ``[list]`` table: what the file is and the date its contents were checked."""

    title: str = Field(min_length=1)
    snapshot: dt.date
    description: str | None = None


def _pydantic_problems(
    error: ValidationError, where: str, line_of: Callable[[str], int | None], fields: Sequence[str]
) -> list[Problem]:
    problems = []
    for item in error.errors():
        line = line_of(str(item["loc"][0])) if item["loc"] else line_of("")
        key = ".".join(str(part) for part in item["loc"]) or "(table)"
        hint = None
        if item["type"] == "extra_forbidden":
            hint = did_you_mean(str(item["loc"][0]), fields) or f"Known keys: {', '.join(fields)}."
        elif "date" in item["type"]:
            hint = DATE_HINT
        problems.append(Problem(f"{where}{key}: {item['msg']}", line=line, hint=hint))
    return problems


def _semantic_problems(spec: EntrySpec) -> list[tuple[str, str, str | None]]:
    """(key, what, hint) for every rule the schema cannot say."""
    found: list[tuple[str, str, str | None]] = []
    if spec.list not in LIST_CODES:
        found.append(("list", f"'{spec.list}' is not a list code", did_you_mean(spec.list, sorted(LIST_CODES))))
    countries = [spec.country, *(a.country for a in spec.addresses)]
    for code in (c for c in countries if c is not None and c not in COUNTRIES):
        found.append(("country", f"'{code}' is not an ISO 3166-1 alpha-2 code", "Use e.g. 'CN' or 'US'."))
    bad = [n for n in spec.footnotes if not 1 <= n <= 9]
    if bad:
        found.append(("footnotes", f"{bad} are not Entity List footnote numbers", "Use 1-9, e.g. [1]."))
    if spec.footnotes and spec.list != "EL":
        found.append(("footnotes", f"footnotes belong to Entity List entries, not {spec.list}", None))
    if spec.end_date is not None and spec.end_date <= spec.start_date:
        found.append(("end_date", "end_date must be after start_date (end_date is the first day off)", None))
    return found


def _entry(spec: EntrySpec, source: str) -> ListEntry:
    addresses = tuple(Address(**a.model_dump()) for a in spec.addresses)
    fields = spec.model_dump(exclude={"addresses", "aliases", "footnotes", "type"})
    return ListEntry(
        **fields,
        source=source,
        aliases=tuple(spec.aliases),
        addresses=addresses,
        footnotes=tuple(sorted(set(spec.footnotes))),
        type=spec.type,
    )


def parse_toml_list(text: str, file: str, source: str) -> list[ListEntry]:
    """Entries of a TOML list given as *text*; *file* names it in errors, *source* in results.

    Raises ScreeningListError with every problem found, each with its line.
    """
    try:
        data: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ScreeningListError([Problem(f"not valid TOML: {error}", file=file)]) from error
    smap = SourceMap.of(text)
    problems = _header_problems(data, smap)
    entries: list[ListEntry] = []
    seen: set[str] = set()
    raw_entries = data.get("entries", [])
    if not isinstance(raw_entries, list) or not raw_entries:
        problems.append(Problem("no [[entries]] tables", hint="Add at least one [[entries]] table."))
        raw_entries = []
    for index, raw in enumerate(raw_entries):
        line = smap.entry_line("entries", index)
        label = f"entry {raw.get('id', index + 1)}: " if isinstance(raw, dict) else ""
        try:
            spec = EntrySpec.model_validate(raw)
        except ValidationError as error:
            line_of = partial(smap.key_line, "entries", index)
            problems += _pydantic_problems(error, label, line_of, list(EntrySpec.model_fields))
            continue
        for key, what, hint in _semantic_problems(spec):
            problems.append(Problem(f"{label}{key}: {what}", line=smap.key_line("entries", index, key), hint=hint))
        if spec.id in seen:
            problems.append(Problem(f"{label}id is used twice", line=line, hint="Ids must be unique in a file."))
        seen.add(spec.id)
        entries.append(_entry(spec, source))
    if problems:
        raise ScreeningListError([_located(p, file) for p in problems])
    return entries


def list_snapshot(text: str) -> dt.date | None:
    """The ``[list] snapshot`` date of a TOML list, or None when missing or malformed."""
    try:
        value = tomllib.loads(text).get("list", {}).get("snapshot")
    except tomllib.TOMLDecodeError:
        return None
    return value if isinstance(value, dt.date) else None


def _header_problems(data: dict[str, Any], smap: SourceMap) -> list[Problem]:
    line = smap.find("[list]") or 1
    if "list" not in data:
        return [Problem("no [list] table", line=1, hint="Add [list] with title and snapshot = 2026-11-28.")]
    unknown = set(data) - {"list", "entries"}
    problems = [
        Problem(f"unknown top-level key '{key}'", line=smap.find(key), hint=did_you_mean(key, ["list", "entries"]))
        for key in sorted(unknown)
    ]
    try:
        ListSpec.model_validate(data["list"])
    except ValidationError as error:
        problems += _pydantic_problems(
            error, "[list] ", lambda key: smap.find(f"{key} =") or line, list(ListSpec.model_fields)
        )
    return problems


def _located(problem: Problem, file: str) -> Problem:
    return Problem(problem.message, file=file, line=problem.line, hint=problem.hint)
