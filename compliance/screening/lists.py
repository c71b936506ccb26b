"""Loading screening lists from files: which loader by file type, and the snapshot date of each.

Every entry carries a source label ``"<file>@<snapshot>"`` (``"bundled:huawei.toml@2026-11-28"`` for the
lists shipped in ``compliance/data/lists``), so each result says which list and which snapshot it used.
A TOML list states its snapshot in ``[list] snapshot``; a CSL JSON search envelope in ``sources_used``;
otherwise a date in the file name (``consolidated-2026-11-20.csv``) or, failing that, the file's
modification date is used.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from compliance.errors import Problem
from compliance.screening.csl import csl_json_records, parse_csl_csv, parse_csl_json
from compliance.screening.entries import ListEntry
from compliance.screening.errors import ScreeningListError
from compliance.screening.tomllists import list_snapshot, parse_toml_list

_DATE_IN_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})")
SUFFIXES = (".toml", ".csv", ".json")
"""File types ``load_path`` reads."""


def snapshot_from_name(path: Path) -> dt.date | None:
    """The ISO date in a file's name, if any: ``consolidated-2026-11-20.csv`` -> 2026-11-20."""
    found = _DATE_IN_NAME.search(path.name)
    if not found:
        return None
    try:
        return dt.date.fromisoformat(found.group(1))
    except ValueError:
        return None


def _modified(path: Path) -> dt.date:
    return dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC).date()


def source_label(name: str, snapshot: dt.date) -> str:
    """The label results carry for a list file: ``"csl.csv@2026-11-20"``."""
    return f"{name}@{snapshot.isoformat()}"


def load_path(path: Path) -> tuple[list[ListEntry], str]:
    """Entries of one list file (TOML, CSL CSV or CSL JSON) and its source label."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        hint = f"Give a {', '.join(SUFFIXES)} file."
        raise ScreeningListError(
            [Problem(f"cannot read '{suffix}' files as a screening list", file=str(path), hint=hint)]
        )
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ScreeningListError([Problem(f"cannot read: {error.strerror}", file=str(path))]) from error
    if suffix == ".json":
        records, updated = csl_json_records(data, str(path))
        source = source_label(path.name, updated or snapshot_from_name(path) or _modified(path))
        return parse_csl_json(records, str(path), source), source
    text = _decode(data, path)
    if suffix == ".toml":
        source = source_label(path.name, list_snapshot(text) or snapshot_from_name(path) or _modified(path))
        return parse_toml_list(text, str(path), source), source
    source = source_label(path.name, snapshot_from_name(path) or _modified(path))
    return parse_csl_csv(text, str(path), source), source


def _decode(data: bytes, path: Path) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        where = f"byte {error.start}"
        raise ScreeningListError(
            [Problem(f"not UTF-8 at {where}", file=str(path), hint="Save it as UTF-8.")]
        ) from error


def _gather(loads: Iterable[Callable[[], tuple[list[ListEntry], str]]]) -> tuple[list[ListEntry], tuple[str, ...]]:
    """Run every loader; raise the problems of all files at once."""
    entries: list[ListEntry] = []
    sources: list[str] = []
    problems: list[Problem] = []
    for load in loads:
        try:
            found, source = load()
        except ScreeningListError as error:
            problems.extend(error.problems)
            continue
        entries.extend(found)
        sources.append(source)
    if problems:
        raise ScreeningListError(problems)
    return entries, tuple(sources)


def load_paths(paths: Sequence[Path]) -> tuple[list[ListEntry], tuple[str, ...]]:
    """Entries of every file in *paths* and their source labels; problems of all files at once."""
    return _gather(partial(load_path, path) for path in paths)


def _bundled_file(item: Traversable) -> tuple[list[ListEntry], str]:
    text = item.read_text(encoding="utf-8")
    snapshot = list_snapshot(text)
    source = source_label(f"bundled:{item.name}", snapshot) if snapshot else f"bundled:{item.name}"
    return parse_toml_list(text, f"compliance/data/lists/{item.name}", source), source


def load_bundled() -> tuple[list[ListEntry], tuple[str, ...]]:
    """The lists shipped in ``compliance/data/lists``, labelled ``bundled:<file>@<snapshot>``."""
    folder = resources.files("compliance") / "data" / "lists"
    items = sorted((f for f in folder.iterdir() if f.name.endswith(".toml")), key=lambda f: f.name)
    return _gather(partial(_bundled_file, item) for item in items)
