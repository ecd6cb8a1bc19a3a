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


@given(pool=st.lists(_IDS, min_size=1, max_size=5), picks=st.lists(st.integers(0, 4), max_size=40),
       asked=st.sets(st.integers(0, 7), max_size=3))
def test_profiles_sharing_one_list_of_ids_are_grouped_as_the_reader_shares_them(pool, picks, asked) -> None:
    members = [pool[pick % len(pool)] for pick in picks]  # the very same tuple for equal lists, as the reader's
    connected = {i: pool[(i + 1) % len(pool)] for i in range(0, len(members), 3) if pool[(i + 1) % len(pool)]}
    expected = [i for i, ids in enumerate(members) if set(ids) & asked or set(connected.get(i, ())) & asked]
    assert AudienceMembers(members, connected).profiles_in(asked) == expected


def test_profiles_that_share_no_list_are_grouped_too() -> None:
    members = [(n % 7, n % 5 + 10) for n in range(3000)]  # 3,000 distinct tuples: grouped by pair instead
    connected = {n: (n % 3 + 20,) for n in range(0, 3000, 2)}
    grouped = AudienceMembers(members, connected)
    assert grouped.profiles_in([3]) == [n for n in range(3000) if n % 7 == 3]
    assert grouped.profiles_in([21, 12]) == [n for n in range(3000) if n % 5 == 2 or (n % 2 == 0 and n % 3 == 1)]
