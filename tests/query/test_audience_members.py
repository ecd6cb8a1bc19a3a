"""Each audience's profiles, grouped once, are exactly the profiles a member or connection test finds (no Qt)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from viewer.query.audience_members import AudienceMembers

_IDS = st.lists(st.integers(0, 6), max_size=4).map(tuple)


@given(members=st.lists(_IDS, max_size=30), connected=st.dictionaries(st.integers(0, 29), _IDS, max_size=10),
       asked=st.sets(st.integers(0, 7), max_size=3))
def test_the_grouped_members_are_the_profiles_in_the_audiences(members, connected, asked) -> None:
    connected = {k: v for k, v in connected.items() if k < len(members) and v}
    expected = [i for i, ids in enumerate(members) if set(ids) & asked or set(connected.get(i, ())) & asked]
    assert AudienceMembers(members, connected).profiles_in(asked) == expected


def test_ids_numpy_cannot_hold_leave_the_test_to_the_caller() -> None:
    assert AudienceMembers([(1 << 70,), (2,)], {}).profiles_in([2]) is None
    assert AudienceMembers([("7",)], {}).profiles_in([7]) is None
    assert AudienceMembers([], {}).profiles_in([1]) == []


def test_grouping_stops_when_asked() -> None:
    import pytest

    import viewer

    with pytest.raises(viewer.LoadCancelled):
        AudienceMembers([(1,)] * 10, {}, poll=lambda: True)
