"""Two exports, two profiles: what changed (no Qt).

``compare(old, new)`` matches the profiles of two exports and says which were
added, removed, changed or left unchanged, per path how many changed and how,
who joined or left each audience, and how total sales moved.
``diff_profiles(left, right)`` aligns two profiles path by path.
"""

from __future__ import annotations

from viewer.compare.exports import (
    AudienceMove,
    ChangedProfile,
    ComparisonCancelled,
    ExportComparison,
    FieldChange,
    MatchedBy,
    SalesMoved,
    Transition,
    compare,
)
from viewer.compare.profiles import Difference, PathDiff, ProfileDiff, diff_profiles
from viewer.compare.values import MISSING

__all__ = [
    "MISSING",
    "AudienceMove",
    "ChangedProfile",
    "ComparisonCancelled",
    "Difference",
    "ExportComparison",
    "FieldChange",
    "MatchedBy",
    "PathDiff",
    "ProfileDiff",
    "SalesMoved",
    "Transition",
    "compare",
    "diff_profiles",
]
