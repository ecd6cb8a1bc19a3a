"""Search terms about the CSV files opened beside the profiles: sessions, points, tiers, member lists.

``sessions>3`` compares the number of the profile's sessions; ``points>=100``
the current points summed over its loyalty balances (``Decimal``: exact);
``tier:gold`` finds a current tier (balances) or a tier period's name
(lowercase substring); ``in:vip`` a members file whose name contains the text.
Operators: ``>``, ``>=``, ``<``, ``<=``, ``=``. Without companion files no
profile matches these terms.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from viewer.model.companions import NO_COMPANIONS, Companions
from viewer.model.profile import Profile

KINDS = frozenset({"sessions", "points", "tier", "member"})
COMPARISON = re.compile(r"(sessions|points)(>=|<=|>|<|=)([+-]?\d+(?:\.\d+)?)\Z", re.IGNORECASE)
_OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    ">": operator.gt, ">=": operator.ge, "<": operator.lt, "<=": operator.le, "=": operator.eq,
}
_SEP = "\x1f"


@dataclass(frozen=True, slots=True)
class CompanionColumns:
    """Per profile (by index): session count, current points, tier names and member list names (lowercase)."""

    sessions: list[int]
    points: list[Decimal]
    tiers: list[str]
    members: list[str]

    @classmethod
    def build(cls, profiles: Sequence[Profile]) -> CompanionColumns | None:
        """The columns of ``profiles``; ``None`` when no companion file is attached to them."""
        if not profiles:
            return None
        companions: Companions = getattr(profiles[0], "companions", NO_COMPANIONS)
        if not companions:
            return None
        sessions: list[int] = []
        points: list[Decimal] = []
        tiers: list[str] = []
        members: list[str] = []
        zero = Decimal(0)
        for profile in profiles:
            owner = profile.integration_id
            sessions.append(len(companions.sessions_for(owner)))
            balances = companions.balances_for(owner)
            points.append(sum((b.current for b in balances if b.current is not None), zero))
            names = [b.tier for b in balances if b.tier] + [t.tier for t in companions.tiers_for(owner) if t.tier]
            tiers.append(_SEP.join(names).lower())
            members.append(_SEP.join(companions.member_lists_for(owner)).lower())
        return cls(sessions, points, tiers, members)

    def match(self, kind: str, value: str, op: str | None, candidates: Iterable[int]) -> list[int]:
        """The candidates that satisfy one term (``kind`` in ``KINDS``)."""
        if kind in ("sessions", "points"):
            compare = _OPERATORS[op] if op in _OPERATORS else _OPERATORS["="]
            try:
                wanted = Decimal(value)
            except InvalidOperation:
                return []
            numbers: Sequence[int | Decimal] = self.sessions if kind == "sessions" else self.points
            return [i for i in candidates if compare(numbers[i], wanted)]
        blobs = self.tiers if kind == "tier" else self.members
        return [i for i in candidates if value in blobs[i]]
