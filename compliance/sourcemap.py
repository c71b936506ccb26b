"""Line numbers for TOML tables and keys (tomllib reports values, not positions)."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class SourceMap:
    """Where each ``[[section]]`` entry of a TOML file starts, and where its keys are."""

    lines: tuple[str, ...]

    @classmethod
    def of(cls, text: str) -> SourceMap:
        """Index *text*."""
        return cls(tuple(text.splitlines()))

    def entry_starts(self, section: str) -> list[int]:
        """1-based line numbers of every ``[[section]]`` header, in order."""
        pattern = re.compile(rf"^\s*\[\[\s*{re.escape(section)}\s*\]\]")
        return [n + 1 for n, line in enumerate(self.lines) if pattern.match(line)]

    def entry_line(self, section: str, index: int) -> int | None:
        """The header line of the *index*-th entry of *section*."""
        starts = self.entry_starts(section)
        return starts[index] if index < len(starts) else None

    def key_line(self, section: str, index: int, key: str) -> int | None:
        """The line of ``key = ...`` inside the *index*-th ``[[section]]`` entry, else its header line."""
        start = self.entry_line(section, index)
        if start is None:
            return None
        end = self._entry_end(start)
        pattern = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=")
        for number in range(start, end):
            if pattern.match(self.lines[number - 1]):
                return number
        return start

    def _entry_end(self, start: int) -> int:
        header = re.compile(r"^\s*\[\[?\s*[A-Za-z_]+\s*\]\]?\s*(#.*)?$")
        for number in range(start + 1, len(self.lines) + 1):
            if header.match(self.lines[number - 1]):
                return number
        return len(self.lines) + 1

    def find(self, needle: str) -> int | None:
        """The first line containing *needle*."""
        for number, line in enumerate(self.lines, start=1):
            if needle in line:
                return number
        return None
