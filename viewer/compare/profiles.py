"""Two profiles side by side: every field and attribute path aligned, each marked same, changed or one-sided.

Rows follow the left profile's file order; a path only the right profile has
comes right after the last path before it that both have, so a new attribute
sits beside its siblings instead of at the bottom.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from viewer.compare.values import MISSING, flatten, same
from viewer.model.profile import Profile


class Difference(StrEnum):
    """How one path of two profiles compares."""

    SAME = "same"
    CHANGED = "changed"
    ONLY_LEFT = "only left"
    ONLY_RIGHT = "only right"


@dataclass(frozen=True, slots=True)
class PathDiff:
    """One aligned row: the path, how it differs, and each side's value (``MISSING`` when absent)."""

    path: str
    difference: Difference
    left: Any
    right: Any


@dataclass(frozen=True, slots=True)
class ProfileDiff:
    """Two profiles compared path by path."""

    left: Profile
    right: Profile
    rows: tuple[PathDiff, ...]

    @property
    def differences(self) -> tuple[PathDiff, ...]:
        """The rows that are not the same."""
        return tuple(row for row in self.rows if row.difference is not Difference.SAME)

    @property
    def same(self) -> bool:
        """Whether the two profiles hold the same values (key order and number spelling aside)."""
        return all(row.difference is Difference.SAME for row in self.rows)


def diff_profiles(left: Profile, right: Profile) -> ProfileDiff:
    """Compare two profiles path by path (see ``viewer.compare.values`` for what counts as the same)."""
    return ProfileDiff(left, right, tuple(aligned_rows(flatten(left), flatten(right))))


def aligned_rows(left: dict[str, Any], right: dict[str, Any]) -> list[PathDiff]:
    """The rows of two flattened profiles, aligned as the module docstring says."""
    followers: dict[str | None, list[str]] = {}
    anchor: str | None = None
    for path in right:
        if path in left:
            anchor = path
        else:
            followers.setdefault(anchor, []).append(path)
    rows = [PathDiff(path, Difference.ONLY_RIGHT, MISSING, right[path]) for path in followers.get(None, ())]
    for path, value in left.items():
        if path in right:
            other = right[path]
            rows.append(PathDiff(path, Difference.SAME if same(value, other) else Difference.CHANGED, value, other))
        else:
            rows.append(PathDiff(path, Difference.ONLY_LEFT, value, MISSING))
        rows.extend(PathDiff(p, Difference.ONLY_RIGHT, MISSING, right[p]) for p in followers.get(path, ()))
    return rows


def changed_paths(left: dict[str, Any], right: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """``(path, left value, right value)`` of every path that differs, ``MISSING`` for an absent side."""
    out: list[tuple[str, Any, Any]] = []
    for path, value in left.items():
        other = right.get(path, MISSING)
        kind = type(value)
        if kind is type(other) and kind in _SCALARS:  # most leaves: == is exact for two of a kind
            if value != other:
                out.append((path, value, other))
        elif other is MISSING or not same(value, other):
            out.append((path, value, other))
    out.extend((path, MISSING, value) for path, value in right.items() if path not in left)
    return out


_SCALARS = frozenset({str, int, bool, float, type(None)})
