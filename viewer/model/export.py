"""What ``viewer.load`` returns: the profiles of an export, its problems and its shape."""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from typing import Any

from viewer.model.companions import NO_COMPANIONS, Companions
from viewer.model.problems import REPEATED_WORDING, Problem, Severity
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
        self.duplicate_keys_checked = True  # False: too big to look while loading (``add_problems`` later)
        self._flagged: dict[str, frozenset[int]] | None = None
        if hasattr(profiles, "flags_of"):  # the reader's list: ``is:problem`` in a query asks this export
            # through a weak reference: a bound method made a cycle that the loader's ``gc.freeze`` kept
            # forever, so no export was ever freed (nor its memory, nor its file's descriptor)
            export = weakref.ref(self)
            profiles.flags_of = lambda: flagged() if (flagged := getattr(export(), "flagged_profiles", None)) else {}

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

    def profile_of(self, problem: Problem) -> int | None:
        """The profile ``problem`` concerns: its own, or for a problem of the file (a stray byte) with a line,
        the profile whose text holds that line; None for the file as a whole (the text after the last profile).
        """
        if problem.profile_index is not None or problem.line is None or problem.source is None:
            return problem.profile_index
        holding = getattr(self.profiles, "holding", None)  # the reader's list knows where each profile is written
        return holding(problem.source, problem.line, problem.column or 1) if callable(holding) else None

    def add_problems(self, problems: Sequence[Problem]) -> None:
        """Problems found after loading (duplicate keys of a big file, looked for in the background)."""
        self.problems = [*self.problems, *problems]
        self._by_profile = None
        self._flagged = None

    def flagged_profiles(self) -> dict[str, frozenset[int]]:
        """Profile indices by flag: ``problem`` (a warning or error names it), ``repeated`` (it appears again)."""
        if self._flagged is None:
            troubled: set[int] = set()
            repeated: set[int] = set()
            for problem in self.problems:
                if problem.profile_index is None or problem.severity is Severity.INFO:
                    continue
                troubled.add(problem.profile_index)
                if REPEATED_WORDING in problem.message:
                    repeated.add(problem.profile_index)
            self._flagged = {"problem": frozenset(troubled), "repeated": frozenset(repeated)}
        return self._flagged

    def audience_names(self) -> dict[int, str]:
        """Audience ID -> name, from the first profile that names it (``connectedAudiences`` holds bare IDs)."""
        known = getattr(self.profiles, "audience_names", None)
        if callable(known):  # the reader's profile list keeps them while reading
            return dict(known())
        names: dict[int, str] = {}
        for profile in self.profiles:
            for membership in profile.audience_memberships:
                if membership.id is not None and membership.name is not None:
                    names.setdefault(membership.id, membership.name)
        return names

    def counts(self) -> dict[str, int]:
        """Profiles per environment: ``{"live": n, "sandbox": n, "unknown": n}``."""
        counts = {"live": 0, "sandbox": 0, "unknown": 0}
        for profile in self.profiles:
            counts[profile.environment] += 1
        return counts

    def __repr__(self) -> str:
        return f"Export({len(self.profiles)} profiles, shape={self.shape!r}, {len(self.problems)} problems)"
