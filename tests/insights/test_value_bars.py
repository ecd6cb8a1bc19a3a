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
