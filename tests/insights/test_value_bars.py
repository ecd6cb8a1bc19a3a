"""The bars of one catalogue path: what a user sees for values that are all different, or nearly."""

from __future__ import annotations

from insights_exports import profile

import viewer
from viewer.insights.value_bars import CATEGORY_BARS, EXAMPLES, holds_times, value_bars


def stats_of(load_export, path: str, values: list) -> viewer.insights.AttributeStats:
    export = load_export([profile(i, attributes={path: v}) for i, v in enumerate(values)])
    catalogue = viewer.summarize(export).catalogue
    assert catalogue is not None
    stats = catalogue.get(path)
    assert stats is not None
    return stats


def test_values_that_are_all_different_are_said_in_words_with_examples(load_export) -> None:
    emails = [f"user{i}@example.com" for i in range(100)]
    bars = value_bars(stats_of(load_export, "Email", emails))
    assert bars.kind == "unique"  # not 30 bars of height 1
    assert "All 100 values are different" in bars.note
    assert bars.labels == tuple(emails[:EXAMPLES])  # the first ones met
    assert bars.queries[0] == "Email=user0@example.com"


def test_a_few_different_values_are_still_bars(load_export) -> None:
    bars = value_bars(stats_of(load_export, "Code", [f"C{i}" for i in range(CATEGORY_BARS)]))
    assert bars.kind == "categories" and len(bars.counts) == CATEGORY_BARS


def test_nearly_all_different_values_say_how_many_occur_once(load_export) -> None:
    zips = [f"{10000 + i}" for i in range(80)] + ["10115"] * 3
    bars = value_bars(stats_of(load_export, "Zip", zips))
    assert bars.kind == "categories"
    assert bars.labels[0] == "10115" and bars.counts[0] == 3
    assert bars.note == "the 30 most frequent of 81; 80 values occur only once"


def test_a_path_of_rfc3339_times_is_told_from_other_strings(load_export) -> None:
    times = [f"2024-0{i % 9 + 1}-01T10:00:00Z" for i in range(100)] + ["2024-03-01T10:00:00+02:00", None]
    assert holds_times(stats_of(load_export, "SignupDate", times))
    assert value_bars(stats_of(load_export, "SignupDate", times)).kind == "timeline"  # the label and the chart agree
    assert not holds_times(stats_of(load_export, "Email", [f"user{i}@example.com" for i in range(100)]))
    assert not holds_times(stats_of(load_export, "Seen", times[:99] + ["yesterday"]))  # one that is not: a string
    assert not holds_times(stats_of(load_export, "Score", list(range(100))))


def test_many_times_are_read_a_chunk_at_a_time(load_export, monkeypatch) -> None:
    from viewer.insights import value_bars

    monkeypatch.setattr(value_bars, "TIME_CHUNK", 50)
    times = [f"2024-01-01T10:{i // 60 % 60:02d}:{i % 60:02d}Z" for i in range(400)]
    calls: list[int] = []
    assert holds_times(stats_of(load_export, "Seen", times), lambda: calls.append(1))
    assert len(calls) >= 6  # a worker may pause between chunks
    assert not holds_times(stats_of(load_export, "Seen", times[:399] + ["soon"]), lambda: None)  # in the last chunk


def test_values_that_occur_equally_often_at_most_are_not_bars_of_one_height(load_export) -> None:
    """Phone numbers of which a few are there twice: 30 bars of height 2 would say nothing."""
    phones = [f"+49 30 {i:07d}" for i in range(100)] + [f"+49 30 {i:07d}" for i in range(CATEGORY_BARS + 5)]
    bars = value_bars(stats_of(load_export, "Phone", phones))
    assert bars.kind == "unique"
    assert bars.note.startswith("100 different values, 65 of them occur only once and none more than 2 times")
    assert bars.counts == (2,) * EXAMPLES
    assert bars.queries[0] == 'Phone="+49 30 0000000"'


def test_nulls_are_said_beside_the_bars_not_drawn_as_one(load_export) -> None:
    """70 nulls beside values seen 1-3 times: a bar of nulls left the others too thin to see."""
    referrers = [None] * 70 + ["URN1"] * 3 + ["URN2"] * 2 + ["URN3"]
    bars = value_bars(stats_of(load_export, "Referrer", referrers))
    assert bars.kind == "categories" and bars.labels == ("URN1", "URN2", "URN3") and bars.counts == (3, 2, 1)
    assert bars.note == "70 nulls not drawn"
    only_nulls = value_bars(stats_of(load_export, "Referrer", [None, None]))
    assert only_nulls.labels == ("null",) and only_nulls.counts == (2,)  # nothing else to draw: the nulls are
