"""Which profile to select again after a reload."""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from viewer.model.profile import Profile


def kept_profile_index(profiles: Sequence[Profile], identity: Hashable, index: int) -> int | None:
    """The index of the profile with ``identity`` in the reloaded ``profiles``.

    The same position is checked first (the usual case: a value was edited);
    then the whole export, as profiles may have been inserted or removed before
    it. When the profile is gone, the one now at ``index`` (or the last) is
    taken, so the selection stays near where the person was reading.
    """
    if not profiles:
        return None
    if index < len(profiles) and profiles[index].identity == identity:
        return index
    for profile in profiles:
        if profile.identity == identity:
            return profile.index
    return min(index, len(profiles) - 1)
