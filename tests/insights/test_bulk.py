"""Column passes at C speed: exact sorting and sums of money, whatever the doubles say."""

from __future__ import annotations

import random
from decimal import Decimal

from viewer.insights.bulk import SLICE, exact_sum, sorted_numbers, tally
from viewer.model.numbers import number


def test_numbers_a_double_cannot_tell_apart_sort_exactly() -> None:
    close = [number("0.10000000000000000002"), number("0.10000000000000000001"), number("0.1")]
    assert list(sorted_numbers(close * 3)) == sorted(close * 3)
    assert [v.text for v in sorted_numbers(close)] == ["0.1", "0.10000000000000000001", "0.10000000000000000002"]


def test_sorting_leaves_out_what_is_not_a_number_and_keeps_ints_exact() -> None:
    huge = 10**30
    values = [3, None, True, number("2.5"), huge, -(10**25), False, 1]
    assert list(sorted_numbers(values)) == [-(10**25), 1, number("2.5"), 3, huge]
    assert list(sorted_numbers([5, None, 2**62, -3])) == [-3, 5, 2**62]
    assert list(sorted_numbers([])) == []


def test_many_amounts_sort_like_sorted() -> None:
    rng = random.Random(7)
    amounts = [number(f"{rng.randrange(0, 10**6) / 100}") for _ in range(SLICE + 5000)] + [7, 0, 12]
    assert list(sorted_numbers(amounts)) == sorted(amounts)
    assert list(sorted_numbers(amounts))[len(amounts) // 2] == sorted(amounts)[len(amounts) // 2]


def test_sums_are_exact() -> None:
    assert exact_sum([1, 2, None, True]) == 3 and type(exact_sum([1, 2])) is int
    total = exact_sum([number("0.1")] * 10 + [number("1E-20"), 5])
    assert total == Decimal("6.00000000000000000001")
    assert exact_sum([0.1, 0.2]) == Decimal("0.3")  # floats by the text the file wrote


def test_tally_counts_across_slices() -> None:
    values = ["a", "b"] * SLICE + ["c"]
    assert tally(values) == {"a": SLICE, "b": SLICE, "c": 1}


def test_a_pass_pauses_between_slices_in_its_own_thread_only() -> None:
    import threading

    from viewer.reading.work_pauses import pausing as pacing

    calls: list[str] = []
    values = ["a", "b"] * SLICE + ["c"]
    with pacing(lambda: calls.append(threading.current_thread().name), every=0):
        assert tally(values) == {"a": SLICE, "b": SLICE, "c": 1}
        other = threading.Thread(target=tally, args=(values,), name="other")
        other.start()
        other.join()
    assert calls and set(calls) == {threading.current_thread().name}  # a worker pauses; others do not
    tally(values)
    assert len(calls) == 2  # between the three slices, and no more once the pacing ends


def test_cancelling_a_summary_stops_it_between_slices(load_export, monkeypatch) -> None:
    """Cancel is heard during the key figures too, not only between their two steps."""
    import pytest

    import viewer
    from viewer.reading import work_pauses
    from viewer.reading.load_errors import LoadCancelled

    export = load_export([{"id": n, "totalSales": n, "created": "2024-01-01T00:00:00Z"} for n in range(SLICE + 10)])

    def cancel_after(polls: int):  # noqa: ANN202
        asked: list[int] = []
        return lambda: asked.append(1) or len(asked) > polls

    monkeypatch.setattr(work_pauses, "PAUSE_EVERY", 3600.0)  # never between slices: only the two steps poll
    assert viewer.summarize(export, catalogue=False, cancelled=cancel_after(2)).profiles == SLICE + 10
    monkeypatch.setattr(work_pauses, "PAUSE_EVERY", 0.0)
    with pytest.raises(LoadCancelled):
        viewer.summarize(export, catalogue=False, cancelled=cancel_after(2))
