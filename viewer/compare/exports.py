"""What changed between two exports of the same audience: ``compare(old, new)``.

Profiles are matched by ``id`` when every profile of both exports has one,
otherwise by integration ID and environment (``matched_by`` says which); a
profile with neither cannot be matched and counts as removed or added. When an
export repeats a key, its first profile is compared and the repeats are counted.

Unchanged profiles cost little: matching reads the reader's columns, and a
matched pair whose exact text is equal (the file's own bytes) is unchanged
without building either profile (see ``viewer.compare.sides``). Only pairs
whose texts differ are built, flattened and compared path by path, so
reordered keys or numbers spelled differently end up unchanged, just more
slowly (see ``viewer.compare.values``). For two 100,000-profile exports with
10 % changed this takes 0.8-1.4 times a bare ``orjson.loads`` of both files
(``tests/benchmarks/bench_compare.py``).

Audience moves and total sales count the profiles found in both exports;
total sales also say what the added and removed profiles bring and take.
Money is summed as exact Decimals, never as floats.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Context, Decimal
from typing import Any, Final, Literal

from viewer.compare.profiles import changed_paths
from viewer.compare.sides import Side
from viewer.compare.values import exact_decimal, flatten, value_text
from viewer.model.export import Export
from viewer.model.profile import AudienceMembership, Profile
from viewer.reading.gc_pause import collector_paused

MatchedBy = Literal["id", "integrationId"]
TRANSITIONS_KEPT: Final = 5
_POLL: Final = 2048  # profiles between two looks at ``cancelled``
_EXACT: Final = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN)  # sums of any size, never rounded
_AUDIENCES: Final = "audienceMemberships"
_SALES: Final = "totalSales"


class ComparisonCancelled(Exception):
    """The caller's ``cancelled()`` said stop."""


@dataclass(frozen=True, slots=True)
class Transition:
    """A value changed from ``before`` to ``after`` (as the files wrote them) in ``profiles`` profiles."""

    before: str
    after: str
    profiles: int

    def __str__(self) -> str:
        return f"{self.before} → {self.after} {self.profiles:,}"


@dataclass(frozen=True, slots=True)
class FieldChange:
    """How many matched profiles changed at ``path`` and the most common transitions there."""

    path: str
    profiles: int
    transitions: tuple[Transition, ...]


@dataclass(frozen=True, slots=True)
class AudienceMove:
    """Matched profiles that joined or left one audience (named by ID, else by name)."""

    audience_id: int | None
    name: str | None
    joined: int
    left: int

    @property
    def label(self) -> str:
        """``Churn risk (13)``, or whichever of the two the file gives."""
        if self.name and self.audience_id is not None:
            return f"{self.name} ({self.audience_id})"
        return self.name or (f"Audience {self.audience_id}" if self.audience_id is not None else "Audience without ID")


@dataclass(frozen=True, slots=True)
class ChangedProfile:
    """A profile of both exports whose values differ, and the paths that differ."""

    old: Profile
    new: Profile
    paths: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SalesMoved:
    """Total sales moved (exact): among changed profiles, brought by added ones, taken by removed ones."""

    changed: Decimal
    added: Decimal
    removed: Decimal

    @property
    def net(self) -> Decimal:
        """New export's total minus the old one's."""
        return _EXACT.subtract(_EXACT.add(self.changed, self.added), self.removed)


@dataclass(frozen=True, slots=True)
class ExportComparison:
    """What changed from ``old`` to ``new``: see the module docstring."""

    matched_by: MatchedBy
    added: tuple[Profile, ...]
    removed: tuple[Profile, ...]
    changed: tuple[ChangedProfile, ...]
    unchanged: int
    fields: tuple[FieldChange, ...]
    audiences: tuple[AudienceMove, ...]
    total_sales: SalesMoved
    old_repeats: int = 0
    new_repeats: int = 0

    @property
    def same(self) -> bool:
        """Whether both exports hold the same profiles with the same values."""
        return not (self.added or self.removed or self.changed)


def compare(
    old: Export,
    new: Export,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ExportComparison:
    """Compare two exports; ``progress(done, total)`` and ``cancelled()`` as ``viewer.load`` takes them.

    Raises ``ComparisonCancelled`` when ``cancelled()`` turns true. The cyclic garbage
    collector is paused meanwhile, as ``viewer.load`` does: its full collections over
    the loaded exports held the GIL for 150-200 ms at a time during a comparison in
    the window's worker.
    """
    with collector_paused():
        return _compare(old, new, progress, cancelled)


def _compare(old: Export, new: Export, progress: Callable[[int, int], None] | None,
             cancelled: Callable[[], bool] | None) -> ExportComparison:
    olds, news = Side(old), Side(new)
    by_id = None not in olds.ids and None not in news.ids
    total, done = olds.count + news.count, 0

    def step() -> None:
        if cancelled is not None and cancelled():
            raise ComparisonCancelled
        if progress is not None:
            progress(done, total)

    remaining: dict[Hashable, int] = {}
    old_repeats = 0
    for done, k in enumerate(_keys(olds, by_id), 1):
        if not done % _POLL:
            step()
        if k in remaining:
            old_repeats += 1
        else:
            remaining[k] = done - 1
    tally = _Tally()
    seen: set[Hashable] = set()
    added: list[Profile] = []
    new_repeats = unchanged = 0
    for index, k in enumerate(_keys(news, by_id)):
        if not (index + 1) % _POLL:
            done = olds.count + index + 1
            step()
        if k in seen:
            new_repeats += 1
            continue
        seen.add(k)
        before = remaining.pop(k, None)
        if before is None:
            added.append(news.profile(index))
            continue
        text = olds.text(before)
        if text is not None and text == news.text(index):
            unchanged += 1
            continue
        old_profile, new_profile = olds.profile(before), news.profile(index)
        differences = changed_paths(flatten(old_profile), flatten(new_profile))
        if differences:
            tally.add(old_profile, new_profile, differences)
        else:
            unchanged += 1
    done = total
    step()
    removed = tuple(olds.profile(i) for i in remaining.values())
    return ExportComparison(
        matched_by="id" if by_id else "integrationId",
        added=tuple(added),
        removed=removed,
        changed=tuple(tally.changed),
        unchanged=unchanged,
        fields=tally.fields(),
        audiences=tally.audiences(),
        total_sales=SalesMoved(tally.sales, _sales(added), _sales(removed)),
        old_repeats=old_repeats,
        new_repeats=new_repeats,
    )


def _keys(side: Side, by_id: bool) -> list[Hashable]:
    """What matches a profile across the exports: its ID, or its integration ID and environment."""
    if by_id:
        return list(side.ids)
    return [(iid, sandbox) if iid is not None else object()  # no integration ID: matches nothing
            for iid, sandbox in zip(side.integration_ids, side.sandboxes)]


def _sales(profiles: Iterable[Profile]) -> Decimal:
    total = Decimal(0)
    for profile in profiles:
        value = exact_decimal(profile.total_sales)
        if value is not None:
            total = _EXACT.add(total, value)
    return total


class _Tally:
    """Counts per path, transitions, audience moves and sales over the changed pairs."""

    def __init__(self) -> None:
        self.changed: list[ChangedProfile] = []
        self.sales = Decimal(0)
        self._paths: Counter[str] = Counter()
        self._transitions: dict[str, Counter[tuple[str, str]]] = {}
        self._joined: Counter[Hashable] = Counter()
        self._left: Counter[Hashable] = Counter()
        self._names: dict[Hashable, AudienceMembership] = {}

    def add(self, old: Profile, new: Profile, differences: list[tuple[str, Any, Any]]) -> None:
        paths = tuple(path for path, _, _ in differences)
        self.changed.append(ChangedProfile(old, new, paths))
        self._paths.update(paths)
        for path, before, after in differences:
            counter = self._transitions.get(path)
            if counter is None:
                counter = self._transitions[path] = Counter()
            counter[(value_text(before), value_text(after))] += 1
            if path == _AUDIENCES:
                self._move(old.audience_memberships, new.audience_memberships)
            elif path == _SALES:
                delta = _EXACT.subtract(exact_decimal(new.total_sales) or Decimal(0),
                                        exact_decimal(old.total_sales) or Decimal(0))
                self.sales = _EXACT.add(self.sales, delta)

    def _move(self, before: tuple[AudienceMembership, ...], after: tuple[AudienceMembership, ...]) -> None:
        old_keys = {self._audience_key(m) for m in before}
        new_keys = {self._audience_key(m) for m in after}
        self._joined.update(new_keys - old_keys)
        self._left.update(old_keys - new_keys)

    def _audience_key(self, membership: AudienceMembership) -> Hashable:
        key: Hashable = ("id", membership.id) if membership.id is not None else ("name", membership.name)
        if membership.name or key not in self._names:
            self._names[key] = membership
        return key

    def fields(self) -> tuple[FieldChange, ...]:
        ordered = sorted(self._paths.items(), key=lambda item: (-item[1], item[0]))
        return tuple(
            FieldChange(path, count, tuple(Transition(b, a, n) for (b, a), n in
                                           self._transitions[path].most_common(TRANSITIONS_KEPT)))
            for path, count in ordered
        )

    def audiences(self) -> tuple[AudienceMove, ...]:
        moves = [AudienceMove(self._names[k].id, self._names[k].name, self._joined[k], self._left[k])
                 for k in self._joined.keys() | self._left.keys()]
        return tuple(sorted(moves, key=lambda m: (-(m.joined + m.left), m.label)))
