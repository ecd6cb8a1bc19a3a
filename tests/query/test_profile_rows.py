"""The list's rows: a sort order, then a search's answer, kept in that order (no Qt)."""

from __future__ import annotations

import random

from viewer.query.profile_rows import ProfileRows


def test_a_search_answer_over_a_sorted_list_keeps_the_sort_order() -> None:
    rows = ProfileRows()
    rows.set_profiles([object()] * 1_000)  # type: ignore[list-item]
    order = list(range(1_000))
    random.Random(4).shuffle(order)
    rows.set_order(order)
    answer = sorted(random.Random(5).sample(range(1_000), 300))
    assert rows.set_filter(answer)
    shown = [rows.profile_index(row) for row in range(len(rows))]
    assert shown == [i for i in order if i in set(answer)]
    assert [rows.row_of(i) for i in range(1_000)] == [shown.index(i) if i in answer else -1 for i in range(1_000)]
    assert not rows.set_filter(list(answer))  # the same answer again: nothing changes
    rows.set_order(list(reversed(order)))  # sorted the other way: the answer stays, in the new order
    assert [rows.profile_index(row) for row in range(len(rows))] == list(reversed(shown))
    rows.set_filter(None)
    assert [rows.profile_index(row) for row in range(len(rows))] == list(reversed(order))
    rows.set_filter([])
    assert len(rows) == 0 and rows.profile_index(0) is None


def test_an_answer_holding_every_profile_shows_the_sorted_order() -> None:
    rows = ProfileRows()
    rows.set_profiles([object()] * 5)  # type: ignore[list-item]
    rows.set_order([3, 1, 4, 0, 2])
    rows.set_filter([0, 1, 2, 3, 4])
    assert [rows.profile_index(row) for row in range(len(rows))] == [3, 1, 4, 0, 2]
    assert rows.row_of(4) == 2


def test_a_total_beyond_a_doubles_range_sorts_exactly_among_the_others() -> None:
    import json

    import viewer
    from viewer.model.profile_columns import SALES
    from viewer.query.profile_rows import sorted_rows

    for count in (10, 3_000):  # sorted in Python, and through numpy
        rows = [{"id": n, "integrationId": f"u{n}", "totalSales": n} for n in range(count)]
        rows[5]["totalSales"], rows[7]["totalSales"] = None, 0
        text = json.dumps(rows).replace('"totalSales": 3}', '"totalSales": ' + "9" * 400 + "}")  # (no float holds it)
        profiles = viewer.load(text.encode()).profiles
        descending = sorted_rows(profiles, {}, SALES, True)
        assert descending[0] == 3 and descending[-1] == 5  # the 400 digits first, the profile without a total last
        assert descending[1:-1] == sorted(set(range(count)) - {3, 5}, key=lambda n: (-rows[n]["totalSales"], n))
