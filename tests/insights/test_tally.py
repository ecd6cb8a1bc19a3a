"""A path's value counts kept in a set while values are mostly different: the same counts and order as a Counter."""

from __future__ import annotations

from collections import Counter
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.insights.catalogue import CatalogueBuilder
from viewer.insights.tally import Mostly, Tally
from viewer.insights.top_values import top_values

VALUES = st.one_of(st.integers(0, 40), st.text("abc", max_size=3), st.none(), st.integers(10**6, 10**9))


def _counted(batches: list[list[Any]], extra: list[tuple[Any, int]]) -> tuple[Tally, Counter[Any]]:
    tally, counter = Tally(), Counter()
    for batch in batches:
        tally.update(batch)
        counter.update(batch)
    for value, n in extra:
        tally.add(value, n)
        if n:  # ``counter[value] += 0`` would put the value in its order with no count
            counter[value] += n
    return tally, counter


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(VALUES, max_size=30), max_size=12),
       st.lists(st.tuples(VALUES, st.integers(0, 3)), max_size=4), st.integers(1, 12))
def test_counts_order_and_top_values_are_a_counters(batches: list[list[Any]], extra: list[tuple[Any, int]],
                                                    n: int) -> None:
    tally, counter = _counted(batches, extra)
    counts = tally.counts()
    counter = +counter
    assert list(counts) == list(counter)  # the order first met
    assert dict(counts.items()) == dict(counter) and list(counts.values()) == list(counter.values())
    assert len(counts) == len(counter) and bool(tally) == bool(counter)
    assert list(top_values((counts,), n)) == sorted(counter.items(), key=lambda item: -item[1])[:n]


def test_mostly_different_values_stay_in_a_set_with_their_few_repeats_counted() -> None:
    tally = Tally()
    for start in range(0, 10_000, 500):
        tally.update([f"user{i}@example.com" for i in range(start, start + 500)])
    tally.update(["user7@example.com", "user7@example.com", "new@example.com"])
    counts = tally.counts()
    assert isinstance(counts, Mostly)
    assert counts["user7@example.com"] == 3 and counts["new@example.com"] == 1 and len(counts) == 10_001
    assert list(counts.values()) == [counts[key] for key in counts] and counts.total() == 10_003
    assert top_values((counts,), 3) == (("user7@example.com", 3), ("user0@example.com", 1),
                                        ("user1@example.com", 1))


def test_the_catalogue_counts_a_nearly_unique_path_exactly() -> None:
    builder = CatalogueBuilder()
    emails = [{"Email": f"p{i}@example.com"} for i in range(3000)]
    emails[2500] = {"Email": "p10@example.com"}  # one address twice
    emails[2600] = {"Email": None}
    for start in range(0, 3000, 512):
        builder.add_attributes(emails[start:start + 512])
    stats = builder.finish().attributes[0]
    assert stats.profiles == 2999 and stats.distinct == 2999  # 2998 addresses and null
    assert dict(stats.types) == {"string": 2999, "null": 1}
    assert stats.top[:2] == (("p10@example.com", 2), ("p0@example.com", 1))
