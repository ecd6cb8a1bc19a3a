"""The profiles of an export as a sequence that builds each ``Profile`` when first used."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from itertools import repeat
from typing import Any, overload

from viewer.model.companions import NO_COMPANIONS, Companions
from viewer.model.profile import Profile
from viewer.reading.profile_checks import trusted_profile


class ProfileList(Sequence[Profile]):
    """Profiles in file order.

    Mappings that passed the batch check are wrapped on first access (about a
    microsecond each); the others were built, with their problems, while loading.
    """

    def __init__(self) -> None:
        self._raw: list[dict[str, Any]] = []
        self._built: list[Profile | None] = []
        self._run_starts: list[int] = []
        self._run_info: list[tuple[str | None, bool]] = []
        self.companions: Companions = NO_COMPANIONS  # given to every profile built

    def attach(self, companions: Companions) -> None:
        """Give every profile (built now or later) the export's companion files."""
        self.companions = companions
        for profile in self._built:
            if profile is not None:
                profile.companions = companions

    def integration_ids(self) -> set[str]:
        """The integration IDs of all profiles, read from the mappings (no profile is built)."""
        ids: set[str] = set()
        for data in self._raw:
            value = data.get("integrationId", data.get("integration_id"))
            if type(value) is str:
                ids.add(value)
        return ids

    def extend(self, mappings: list[dict[str, Any]], source: str | None, snake: bool) -> int:
        """Append well-formed (or about to be replaced) mappings; returns the first new index."""
        start = len(self._raw)
        self._run_starts.append(start)
        self._run_info.append((source, snake))
        self._raw.extend(mappings)
        self._built.extend(repeat(None, len(mappings)))
        return start

    def put(self, profile: Profile) -> None:
        """Store a profile built by the full check at its index."""
        profile.companions = self.companions
        self._built[profile.index] = profile

    def __len__(self) -> int:
        return len(self._raw)

    @overload
    def __getitem__(self, index: int) -> Profile: ...

    @overload
    def __getitem__(self, index: slice) -> list[Profile]: ...

    def __getitem__(self, index: int | slice) -> Profile | list[Profile]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self._raw)))]
        if index < 0:
            index += len(self._raw)
        profile = self._built[index]  # IndexError as a list gives it
        if profile is None:
            run = bisect_right(self._run_starts, index) - 1
            source, snake = self._run_info[run]
            profile = self._built[index] = trusted_profile(self._raw[index], index, source, snake)
            profile.companions = self.companions
        return profile

    def __iter__(self) -> Iterator[Profile]:
        for index in range(len(self._raw)):
            yield self[index]

    def __repr__(self) -> str:
        return f"<{len(self)} profiles>"
