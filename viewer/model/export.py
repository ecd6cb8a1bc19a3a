"""What ``viewer.load`` returns: the profiles of an export, its problems and its shape."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from viewer.model.companions import NO_COMPANIONS, Companions
from viewer.model.problems import Problem
from viewer.model.profile import Profile


class Export:
    """What was read: the profiles in file order, the problems, and the file's shape."""

    def __init__(self, profiles: Sequence[Profile], problems: list[Problem], shape: str,
                 sources: list[str], notes: list[str], page_info: dict[str, Any]) -> None:
        self.profiles: Sequence[Profile] = profiles
        self.problems: list[Problem] = problems
        self.shape = shape
        self.shapes: list[str] = [shape]  # the shape of each source file, in order
        self.sources = sources
        self.notes = notes  # how the bytes were read: "UTF-16", "gzip-compressed", ...
        self.has_more: bool | None = page_info.get("hasMore")
        self.total_result_size: int | None = page_info.get("totalResultSize")
        self._by_profile: dict[int, list[Problem]] | None = None
        self.companions: Companions = NO_COMPANIONS  # the CSV files opened beside the profiles (set by the loader)

    def __len__(self) -> int:
        return len(self.profiles)

    def problems_for(self, index: int) -> list[Problem]:
        """The problems of the profile at ``index``."""
        if self._by_profile is None:
            grouped: dict[int, list[Problem]] = {}
            for problem in self.problems:
                if problem.profile_index is not None:
                    grouped.setdefault(problem.profile_index, []).append(problem)
            self._by_profile = grouped
        return self._by_profile.get(index, [])

    def counts(self) -> dict[str, int]:
        """Profiles per environment: ``{"live": n, "sandbox": n, "unknown": n}``."""
        counts = {"live": 0, "sandbox": 0, "unknown": 0}
        for profile in self.profiles:
            counts[profile.environment] += 1
        return counts

    def __repr__(self) -> str:
        return f"Export({len(self.profiles)} profiles, shape={self.shape!r}, {len(self.problems)} problems)"
