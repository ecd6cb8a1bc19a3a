"""The most frequent values of a path: most frequent first, ties in the order first met, across many values."""

from __future__ import annotations

from collections import Counter

from viewer.insights.bulk import SLICE
from viewer.insights.number_counts import NumberCounts
from viewer.insights.top_values import top_values


def test_ranks_like_a_stable_sort_across_many_slices() -> None:
    counts: Counter[str] = Counter({f"v{i}": 1 for i in range(2 * SLICE + 10)})
    counts["late"] = 3  # met last, most frequent
    counts["v5"] = 2
    counts["v70000"] = 2
    expected = sorted(counts.items(), key=lambda item: -item[1])[:10]
    assert list(top_values((counts,), 10)) == expected
    assert expected[:4] == [("late", 3), ("v5", 2), ("v70000", 2), ("v0", 1)]


def test_numbers_counted_by_text_come_out_as_numbers_and_booleans_apart() -> None:
    numbers = NumberCounts(Counter({b"1.50": 4, b"2.5": 1}))
    top = top_values((Counter({"x": 2}), numbers, Counter({True: 4})), 3)
    assert [(str(v), n) for v, n in top] == [("1.50", 4), ("True", 4), ("x", 2)]
    assert top[0][0].text == "1.50"
