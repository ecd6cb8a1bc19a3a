"""The list's sort order: exact for money, counts, IDs and times, missing last, equal values in file order."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.query import sort_order
from viewer.query.sort_order import MICROSECOND_SECONDS, instant, ordered, seconds


@pytest.fixture(autouse=True)
def _through_numpy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sort_order, "NUMPY_FROM", 0)  # the fast path even for a handful of keys


def test_amounts_one_float_apart_sort_by_their_digits() -> None:
    # both are 0.1 as a float: only the exact value tells them apart
    keys = [Decimal("0.1000000000000000055511151231257828"), Decimal("0.1"), Decimal("0.10000000000000000555")]
    assert ordered(keys, descending=False, numeric=True) == [1, 2, 0]
    assert ordered(keys, descending=True, numeric=True) == [0, 2, 1]


def test_missing_values_go_last_in_either_direction() -> None:
    keys = [Decimal("5"), None, Decimal("1"), None, Decimal("3")]
    assert ordered(keys, descending=False, numeric=True) == [2, 4, 0, 1, 3]
    assert ordered(keys, descending=True, numeric=True) == [0, 4, 2, 1, 3]


def test_equal_values_keep_file_order_both_ways() -> None:
    keys = [Decimal("2.50"), Decimal("1"), Decimal("2.5"), Decimal("1.0")]
    assert ordered(keys, descending=False, numeric=True) == [1, 3, 0, 2]
    assert ordered(keys, descending=True, numeric=True) == [0, 2, 1, 3]


def test_integers_beyond_a_double_sort_exactly() -> None:
    big = 10**400  # float() refuses it: the plain sort orders them
    keys = [big + 1, big, 2**53 + 1, 2**53]
    assert ordered(keys, descending=False, numeric=True) == [3, 2, 1, 0]


def test_ids_past_53_bits_that_share_a_float_sort_exactly() -> None:
    keys = [2**60 + 1, 2**60, 2**60 + 3]
    assert ordered(keys, descending=False, numeric=True) == [1, 0, 2]


def test_times_in_the_same_microsecond_sort_by_their_nanoseconds() -> None:
    texts = ["2024-05-01T10:00:00.123456789Z", "2024-05-01T10:00:00.123456001Z", "2024-05-01T12:00:00.123456+02:00"]
    keys = [seconds(text) for text in texts]
    assert keys[0] == keys[1] == keys[2]  # one float for all three
    assert ordered(keys, descending=False, numeric=True, exact=lambda i: instant(texts[i])) == [2, 1, 0]


def test_times_far_from_today_that_share_a_float_sort_exactly() -> None:
    texts = ["2300-01-01T00:00:00.000002Z", "2300-01-01T00:00:00.000001Z", "2300-01-01T00:00:00Z"]
    keys = [seconds(text) for text in texts]
    assert keys[0] == keys[1]  # two microseconds, one float, in the year 2300
    assert ordered(keys, False, numeric=True, exact=lambda i: instant(texts[i]),
                   exact_below=MICROSECOND_SECONDS) == [2, 1, 0]


def test_times_in_an_export_sort_by_every_digit_they_hold(tmp_path) -> None:
    import json

    import viewer
    from viewer.model.profile_columns import LAST_ACTIVITY
    from viewer.query.profile_rows import sorted_rows

    times = ["2024-05-01T10:00:00.123456789Z", "2024-05-01T10:00:00.123456001Z", "2024-05-01T09:00:00Z", None]
    rows = [{"id": n + 1, "integrationId": f"c{n}", "lastActivity": t} for n, t in enumerate(times)]
    path = tmp_path / "customers.json"
    path.write_text(json.dumps(rows))
    profiles = viewer.load(path).profiles
    assert sorted_rows(profiles, {}, LAST_ACTIVITY, descending=False) == [2, 1, 0, 3]
    assert sorted_rows(profiles, {}, LAST_ACTIVITY, descending=True) == [0, 1, 2, 3]


def test_a_time_that_is_no_time_has_no_key() -> None:
    assert seconds("yesterday") is None
    assert instant("yesterday") is None


money = st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**20), max_value=10**20, places=None)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.none(), money), max_size=60), st.booleans())
def test_the_order_is_pythons_sort_of_the_exact_values(keys: list[Decimal | None], descending: bool) -> None:
    present = [i for i, key in enumerate(keys) if key is not None]
    expected = sorted(present, key=lambda i: keys[i], reverse=descending)  # type: ignore[arg-type, return-value]
    expected += [i for i, key in enumerate(keys) if key is None]
    assert ordered(keys, descending, numeric=True) == expected


@given(st.lists(st.one_of(st.none(), money), max_size=60), st.booleans())
def test_the_pre_keys_kept_as_one_array_give_the_same_exact_order(keys: list[Decimal | None], descending: bool) -> None:
    from viewer.query.sort_order import float_keys

    present = [i for i, key in enumerate(keys) if key is not None]
    expected = sorted(present, key=lambda i: keys[i], reverse=descending)  # type: ignore[arg-type, return-value]
    expected += [i for i, key in enumerate(keys) if key is None]
    kept = float_keys([None if key is None else float(key) for key in keys])
    assert kept.nbytes == 8 * len(keys)  # a float each, not a Python object
    assert ordered(kept, descending, numeric=True, exact=keys.__getitem__) == expected
