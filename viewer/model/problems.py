"""Problems found while reading an export: what was odd, and where."""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

REPEATED_WORDING = "appears again"
"""How the reader words a profile seen twice (same ID and environment): ``is:repeated`` finds them."""


class Severity(enum.Enum):
    """How much a problem matters to someone reading the export."""

    ERROR = "error"  # data was lost or could not be read
    WARNING = "warning"  # data was read but is not what the API promises
    INFO = "info"  # worth knowing, nothing wrong with the data

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Problem:
    """One oddity of an export.

    ``path`` locates it for people (``"[3].totalSales"``, ``"file"``);
    ``profile_index`` and ``field`` (the Python attribute name) locate it for
    code, so a view can jump to the profile and the field.
    """

    path: str
    message: str
    severity: Severity = Severity.WARNING
    profile_index: int | None = None
    field: str | None = None
    line: int | None = None
    column: int | None = None
    source: str | None = None

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f" (line {self.line}, column {self.column})" if self.column is not None else f" (line {self.line})"
        return f"{self.severity}: {where}: {self.message}"


KEEP_PER_KIND = 100  # problems of one kind kept with their place; the rest are counted
MAX_KINDS = 1000  # kinds told apart; problems of further kinds are counted as one more kind
_DETAIL = re.compile(r'\([^()]*\)|"(?:[^"\\]|\\.)*"|\d[\d,.]*')
_WORDINGS_CACHED = 4096


def problem_kind(problem: Problem) -> tuple[object, ...]:
    """What makes two problems "alike": severity, source, field and the message's wording.

    Numbers, quoted text and parenthesised details are left out of the wording,
    so ``[3]: not a customer profile (the number 1)`` and ``[4]: ... (a boolean)``
    are one kind.
    """
    return (problem.severity, problem.source, problem.field, _DETAIL.sub("#", problem.message))


class ProblemCollector:
    """Collects the problems of one load, keeping at most ``keep`` of each kind.

    Problems that belong to no profile (junk elements, damaged text) can be as
    many as the elements of a file: 1,000,000 ``1,`` after one profile made
    1,000,000 ``Problem`` objects, a 258 MB peak (tracemalloc); collected here,
    34 MB and 101 problems. The first ``keep`` of each kind are stored with
    their line and column; later ones are only counted, and :meth:`finished`
    puts one summary after the last kept one ("… and 999,900 more like this").
    Problems of a profile (``profile_index`` set) are all kept: there are at
    most a few per profile, and the profile's panel lists them.
    """

    def __init__(self, keep: int = KEEP_PER_KIND, max_kinds: int = MAX_KINDS) -> None:
        self._keep = keep
        self._max_kinds = max_kinds
        self._stored: list[Problem] = []
        self._kinds: dict[tuple[object, ...], list[Any]] = {}  # kind -> [stored, counted, last counted]
        self._wordings: dict[str, str] = {}  # message -> wording, for messages seen again

    def append(self, problem: Problem) -> None:
        """Record ``problem`` (stored, or counted when its kind already has ``keep``)."""
        if problem.profile_index is not None:
            self._stored.append(problem)
            return
        message = problem.message
        wording = self._wordings.get(message)
        if wording is None:
            if len(self._wordings) >= _WORDINGS_CACHED:
                self._wordings.clear()
            wording = self._wordings[message] = _DETAIL.sub("#", message)
        kind: tuple[object, ...] = (problem.severity, problem.source, problem.field, wording)
        entry = self._kinds.get(kind)
        if entry is None:
            if len(self._kinds) >= self._max_kinds:
                kind = ("other",)  # too many kinds: count the rest together
                entry = self._kinds.setdefault(kind, [self._keep, 0, problem])
            else:
                entry = self._kinds[kind] = [0, 0, problem]
        if entry[0] < self._keep:
            entry[0] += 1
            self._stored.append(problem)
        else:
            entry[1] += 1
            entry[2] = problem

    def insert(self, placed: Sequence[tuple[int, Problem]]) -> None:
        """Put problems of profiles where they would be had each been appended when ``len(self)`` was its number.

        ``placed`` is in order (numbers never decrease); problems of profiles are always stored.
        """
        if not placed:
            return
        stored = self._stored
        merged: list[Problem] = []
        done = 0
        for position, problem in placed:
            assert problem.profile_index is not None
            merged.extend(stored[done:position])
            merged.append(problem)
            done = max(done, position)
        merged.extend(stored[done:])
        self._stored = merged

    def __iter__(self) -> Iterator[Problem]:
        """The stored problems, in the order they came (summaries not included)."""
        return iter(self._stored)

    def __len__(self) -> int:
        return len(self._stored)

    def counted(self) -> int:
        """Problems counted but not stored."""
        return sum(entry[1] for entry in self._kinds.values())

    def finished(self) -> list[Problem]:
        """The stored problems with one summary after the last kept problem of each counted kind."""
        counted = [(kind, entry) for kind, entry in self._kinds.items() if entry[1]]
        if not counted:
            return list(self._stored)
        last: dict[tuple[object, ...], int] = {}
        for position, problem in enumerate(self._stored):
            if problem.profile_index is None:
                last[problem_kind(problem)] = position
        after: dict[int, list[Problem]] = {}
        for kind, (_, count, latest) in counted:
            summary = Problem(latest.path, f"… and {count:,} more like this (the last at {latest.path})",
                              latest.severity, None, latest.field, source=latest.source)
            after.setdefault(last.get(kind, len(self._stored) - 1), []).append(summary)
        result: list[Problem] = []
        for position, problem in enumerate(self._stored):
            result.append(problem)
            result.extend(after.pop(position, ()))
        for rest in after.values():
            result.extend(rest)
        return result
