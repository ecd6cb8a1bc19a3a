"""Search terms about the CSV files opened beside the profiles: sessions, points, tiers, member lists.

``sessions>3`` compares the number of the profile's sessions; ``points>=100``
the current points summed over its loyalty balances (``Decimal``: exact; a
profile without a balance has no points and matches no ``points`` term, as a
profile without ``totalSales`` matches no ``totalSales`` comparison);
``tier:gold`` finds a current tier (balances) or a tier period's name
(lowercase substring); ``session:closed`` a profile with a session in that
state (the whole state, any case); ``in:vip`` a members file whose name
contains the text. Operators: ``>``, ``>=``, ``<``, ``<=``, ``=``. Without
companion files no profile matches these terms.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from itertools import repeat
from typing import Any, cast

from viewer.model.companions import NO_COMPANIONS, Companions
from viewer.model.profile import Profile
from viewer.reading.companion_rows import balance_points, balance_tiers, session_states, tier_names
from viewer.reading.load_errors import LoadCancelled

KINDS = frozenset({"sessions", "points", "tier", "member", "session"})
KEYED = {"tier": "tier", "in": "member", "session": "session"}
"""The ``key:text`` terms of the companion files: the word before the colon -> the term's kind."""
COMPARISON = re.compile(r"(sessions|points)(>=|<=|>|<|=)([+-]?\d+(?:\.\d+)?)\Z", re.IGNORECASE)
_OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    ">": operator.gt, ">=": operator.ge, "<": operator.lt, "<=": operator.le, "=": operator.eq,
}
_SEP = "\x1f"
POLL_OWNERS = 2000  # profiles between two polls of ``cancelled`` (a few ms of work)


@dataclass(frozen=True, slots=True)
class CompanionColumns:
    """Per profile (by index): session count, current points, tier names, member lists and session states."""

    sessions: list[int]
    points: list[Decimal | None]  # None: no balance
    tiers: list[str]  # lowercase
    members: list[str]  # lowercase
    owners: Sequence[str | None]  # integration IDs
    companions: Companions
    _states: list[list[str]] = field(default_factory=list)  # filled when a ``session:`` term first asks
    ids: Sequence[int | None] = ()  # the profiles' IDs, when an integration ID is shared (``Companions.shared``)

    @property
    def states(self) -> list[str]:
        """Per profile its distinct session states, lowercase, between separators.

        Read on first use, not with the search index: a 1,000,000-row sessions file's state column
        takes about 1 s to read, and the index is built right after the list appears, while the
        GUI thread paints it.
        """
        if not self._states:
            sessions_for = self.companions.sessions_for
            found = []
            for owner, ident in zip(self.owners, self.ids or repeat(None)):
                rows = sessions_for(owner, ident)
                found.append(f"{_SEP}{_SEP.join(set(session_states(rows)))}{_SEP}".lower() if rows else "")
            self._states.append(found)
        return self._states[0]

    @classmethod
    def build(cls, profiles: Sequence[Profile],
              cancelled: Callable[[], bool] | None = None) -> CompanionColumns | None:
        """The columns of ``profiles``; ``None`` when no companion file is attached to them.

        Column by column, and only the columns of the kinds opened: beside a sessions file alone,
        100,000 profiles took 0.5-1.5 s when every profile asked every kind (holding the interpreter
        while the GUI thread painted the new list: a 258 ms stall), now about 30 ms.
        ``cancelled()`` is polled every ``POLL_OWNERS`` profiles (``viewer.LoadCancelled`` when true).
        """
        if not profiles:
            return None
        companions: Companions = getattr(profiles[0], "companions", NO_COMPANIONS)
        if not companions:
            return None
        owners = integration_ids(profiles)
        count = len(owners)
        poll = _poller(cancelled)
        sessions: list[int] = [0] * count
        if companions.sessions:
            counts = cast("dict[str | None, int]", companions.session_counts or {
                owner: len(rows) for owner, rows in companions.sessions.items()})  # a None key: no count
            sessions = []
            for part in _parts(owners, poll):
                sessions += map(counts.get, part, repeat(0))  # at C speed: no Python call per profile
            if companions.shared:  # a live and a sandbox profile with one integration ID: each its own
                ids = profile_ids(profiles)
                for at in [i for i, owner in enumerate(owners) if owner in companions.shared]:
                    sessions[at] = companions.session_count(owners[at], ids[at])
        points: list[Decimal | None] = [None] * count
        tiers: list[str] = [""] * count
        if companions.balances or companions.tiers:
            points, tiers = [], []
            zero = Decimal(0)
            balances_for, tiers_for = companions.balances_for, companions.tiers_for
            for part in _parts(owners, poll):
                for owner in part:
                    balances = balances_for(owner)
                    amounts = [amount for amount in balance_points(balances) if amount is not None]
                    points.append(sum(amounts, zero) if amounts else None)
                    names = [n for n in balance_tiers(balances) if n] + [n for n in tier_names(tiers_for(owner)) if n]
                    tiers.append(_SEP.join(names).lower())
        members: list[str] = [""] * count
        if companions.members:
            get_members = companions.members.get
            members = []
            for part in _parts(owners, poll):
                members += [_SEP.join(get_members(owner, ())).lower() if owner is not None else "" for owner in part]
        return cls(sessions, points, tiers, members, owners, companions,
                   ids=profile_ids(profiles) if companions.shared else ())

    def holds(self, kind: str) -> bool:
        """Whether the files opened have anything for a ``kind`` term (``tier:`` needs a balances or tiers file)."""
        if kind in ("sessions", "session"):
            return any(self.sessions)
        if kind == "points":
            return any(p is not None for p in self.points)
        return any(self.tiers if kind == "tier" else self.members)

    def match(self, kind: str, value: str, op: str | None, candidates: Iterable[int]) -> list[int]:
        """The candidates that satisfy one term (``kind`` in ``KINDS``)."""
        if kind in ("sessions", "points"):
            compare = _OPERATORS[op] if op in _OPERATORS else _OPERATORS["="]
            try:
                wanted = Decimal(value)
            except InvalidOperation:
                return []
            numbers: Sequence[int | Decimal | None] = self.sessions if kind == "sessions" else self.points
            return [i for i in candidates if (number := numbers[i]) is not None and compare(number, wanted)]
        if kind == "session":
            whole = f"{_SEP}{value}{_SEP}"
            states = self.states
            return [i for i in candidates if whole in states[i]]
        blobs = self.tiers if kind == "tier" else self.members
        return [i for i in candidates if value in blobs[i]]


def integration_ids(profiles: Sequence[Profile]) -> Sequence[str | None]:
    """Each profile's integration ID; from the loader's columns when there are (no profile is built)."""
    column = getattr(getattr(profiles, "columns", None), "integration_id", None)
    if isinstance(column, list) and len(column) == len(profiles):
        return [value if type(value) is str else None for value in column]
    return [profile.integration_id for profile in profiles]


def profile_ids(profiles: Sequence[Profile]) -> Sequence[int | None]:
    """Each profile's ID; from the loader's columns when there are (no profile is built)."""
    column = getattr(getattr(profiles, "columns", None), "id", None)
    if isinstance(column, list) and len(column) == len(profiles):
        return [value if type(value) is int else None for value in column]
    return [profile.id for profile in profiles]


def _poller(cancelled: Callable[[], bool] | None) -> Callable[[], None]:
    def poll() -> None:
        if cancelled is not None and cancelled():
            raise LoadCancelled()
    return poll


def _parts(owners: Sequence[str | None], poll: Callable[[], None]) -> Iterator[Sequence[str | None]]:
    """``owners`` ``POLL_OWNERS`` at a time, ``poll()`` before each."""
    for first in range(0, len(owners), POLL_OWNERS):
        poll()
        yield owners[first:first + POLL_OWNERS]
