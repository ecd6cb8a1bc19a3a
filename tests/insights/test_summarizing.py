"""``viewer.summarize``: key figures, audiences and distributions of exports the test wrote."""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal

import orjson
import pytest
from insights_exports import profile

import viewer
from viewer.insights import Summary
from viewer.query.evaluate import matching_indices

NOW = datetime(2024, 6, 30, 12, 0, tzinfo=timezone.utc)
VIP, NEWS, CHURN = (1, "VIP"), (2, "Newsletter subscribers"), (3, "Churn")


@pytest.fixture
def known(load_export) -> viewer.Export:
    """Ten profiles: 6 live, 3 sandbox, 1 unknown; VIP 4, Newsletter 7, Churn 1; one repeated."""
    profiles = [
        profile(1, sales=0, audiences=(VIP, NEWS), connected=(1,), created="2023-01-10T08:00:00Z",
                last="2024-06-29T08:00:00Z"),
        profile(2, sales="12,50"),  # a problem: money as text
        profile(3, sandbox=True, sales=100.25, audiences=(NEWS,), last="2023-12-01T00:00:00Z"),
        profile(4, sandbox=True, sales=100.25, audiences=(NEWS, VIP), created="2024-05-31T23:30:00-02:00"),
        profile(5, sandbox=None, sales=5, audiences=(NEWS, CHURN)),
        profile(6, sales=7, sessions=40, audiences=(VIP, NEWS)),
        profile(7, sandbox=True, sales=3, audiences=(NEWS,), last="2024-04-01T12:00:01Z"),
        profile(8, sales=3, audiences=(NEWS, NEWS)),  # listed twice: one member
        profile(9, sales=1, audiences=(VIP,), created="2024-06-30T00:00:00.5Z"),
        profile(1, sales=9, last="2024-06-01T00:00:00Z"),  # the same profile again
    ]
    return load_export(profiles)


@pytest.fixture
def summary(known: viewer.Export) -> Summary:
    return viewer.summarize(known, now=NOW)


def test_profiles_per_environment(summary: Summary) -> None:
    f = summary.key_figures
    assert (summary.profiles, f.live.count, f.sandbox.count, f.unknown.count) == (10, 6, 3, 1)
    assert (f.live.query, f.sandbox.query, f.unknown.query) == ("env:live", "env:sandbox", "env:unknown")


def test_problems_and_repeats(summary: Summary, known: viewer.Export) -> None:
    f = summary.key_figures
    assert f.with_problems.count == 2  # the text money and the repeat
    assert f.repeated.count == 1
    # a click on either figure lists exactly those profiles
    assert (f.with_problems.query, f.repeated.query) == ("is:problem", "is:repeated")
    assert len(matching_indices(known, "is:problem")) == 2 and len(matching_indices(known, "is:repeated")) == 1


def test_sales_sum_and_median_are_exact(summary: Summary) -> None:
    f = summary.key_figures
    # 0 + 100.25 + 100.25 + 5 + 7 + 3 + 3 + 1 + 9 (profile 2 has no number)
    assert f.sales_sum == Decimal("228.50") and isinstance(f.sales_sum, Decimal)
    assert f.sales_counted == 9
    assert f.sales_median == 5


def test_median_of_an_even_count_is_the_exact_mean(load_export) -> None:
    export = load_export([profile(1, sales=0.1), profile(2, sales=0.2)])
    median = viewer.summarize(export).key_figures.sales_median
    assert median == Decimal("0.15")


def test_huge_money_stays_exact(load_export) -> None:
    big = 12345678901234567890123456789
    export = load_export([profile(1, sales=big), profile(2, sales=1)])
    assert viewer.summarize(export).key_figures.sales_sum == big + 1


def test_date_spans_compare_moments_not_text(summary: Summary) -> None:
    f = summary.key_figures
    assert f.created.first == "2023-01-10T08:00:00Z"
    assert f.created.last == "2024-06-30T00:00:00.5Z"  # later than 2024-05-31T23:30-02:00 (01:30 UTC)
    assert f.last_activity.first == "2023-12-01T00:00:00Z"
    assert f.last_activity.last == "2024-06-29T08:00:00Z"


def test_date_spans_within_one_second_when_every_time_ends_in_z(load_export) -> None:
    """As text, ``...00Z`` sorts after ``...00.5Z``; as moments it comes first."""
    times = ["2024-01-01T00:00:00.5Z", "2024-01-01T00:00:00Z", "2024-01-01T00:00:00.25Z", "2025-01-01T00:00:00Z",
             "2025-01-01T00:00:00.1Z", "2024-06-01T00:00:00Z"]
    export = load_export([profile(n, created=t, last=t) for n, t in enumerate(times)])
    figures = viewer.summarize(export, catalogue=False, now=datetime(2024, 10, 1, tzinfo=timezone.utc)).key_figures
    assert (figures.created.first, figures.created.last) == ("2024-01-01T00:00:00Z", "2025-01-01T00:00:00.1Z")
    assert figures.last_activity.dated == 6
    assert figures.inactive.count == 4  # before 2024-07-03T00:00:00Z: the three of 2024-01-01 and June


def test_inactive_for_90_days(summary: Summary) -> None:
    # before 2024-04-01T12:00:00Z: the six on 2024-03-06 and 2023-12-01; 2024-04-01T12:00:01 is a second inside
    assert summary.key_figures.inactive.count == 7
    assert summary.key_figures.inactive.query == "lastActivity<90d"


def test_audiences_largest_first_with_shares(summary: Summary) -> None:
    rows = [(a.id, a.name, a.profiles) for a in summary.audiences]
    assert rows == [(2, "Newsletter subscribers", 7), (1, "VIP", 4), (3, "Churn", 1)]
    assert summary.audiences[1].share == pytest.approx(0.4)
    assert summary.audiences[1].query == "audience:VIP"
    assert summary.audiences[0].query == 'audience:"Newsletter subscribers"'


def test_a_name_inside_another_name_is_asked_for_by_id(load_export) -> None:
    export = load_export([profile(1, audiences=((4, "Churn"),)), profile(2, audiences=((5, "Churn risk"),))])
    queries = {a.name: a.query for a in viewer.summarize(export).audiences}
    assert queries == {"Churn": "audience:4", "Churn risk": 'audience:"Churn risk"'}


def test_connected_audiences_apart(summary: Summary) -> None:
    assert summary.connected_audiences is not None
    assert [(a.id, a.name, a.profiles) for a in summary.connected_audiences] == [(1, "VIP", 1)]
    assert summary.connected_audiences[0].query == "connectedAudiences=1"


def test_months_are_utc_and_gaps_are_listed(summary: Summary) -> None:
    months = {m.month: m.count for m in summary.distributions.created.months}
    assert months["2023-01"] == 1
    assert months["2023-02"] == 0  # an empty month between two full ones
    assert months["2024-06"] == 2  # 2024-05-31T23:30-02:00 is June in UTC, and 2024-06-30
    assert months["2024-03"] == 7
    assert sum(months.values()) == 10
    created = {m.month: m.query for m in summary.distributions.created.months}
    assert created["2024-03"] == "created:2024-03"


def test_sales_histogram_counts_every_number_once(summary: Summary) -> None:
    histogram = summary.distributions.total_sales
    assert sum(b.count for b in histogram.bins) == histogram.values == 9
    assert histogram.missing == 1
    for a, b in zip(histogram.bins, histogram.bins[1:]):
        assert a.high == b.low
    assert histogram.bins[0].low <= 0 and histogram.bins[-1].high >= Decimal("100.25")


def test_widely_spread_sales_get_log_bins(load_export) -> None:
    sales = [1] * 50 + [2, 3, 5, 8, 13, 100, 1000, 50000]
    export = load_export([profile(i, sales=v) for i, v in enumerate(sales)])
    histogram = viewer.summarize(export).distributions.total_sales
    assert histogram.log_scale
    widths = [b.high - b.low for b in histogram.bins]
    assert widths[-1] > 100 * widths[1]  # bins grow
    assert sum(b.count for b in histogram.bins) == len(sales)
    assert histogram.bins[-1].query.endswith("totalSales<=50000")


def test_evenly_spread_sessions_get_equal_bins(load_export) -> None:
    export = load_export([profile(i, sessions=i) for i in range(101)])
    histogram = viewer.summarize(export).distributions.closed_sessions
    assert not histogram.log_scale
    assert {b.high - b.low for b in histogram.bins} == {5}
    assert sum(b.count for b in histogram.bins) == 101
    assert histogram.bins[0].query == "closedSessions>=0 closedSessions<5"
    assert histogram.bins[-1].count == 6  # 95..100, the top included


def test_one_value_makes_one_bin(load_export) -> None:
    export = load_export([profile(i, sales=7) for i in range(3)])
    bins = viewer.summarize(export).distributions.total_sales.bins
    assert [(b.low, b.high, b.count) for b in bins] == [(7, 7, 3)]


def test_summary_of_a_search_result(known: viewer.Export) -> None:
    summary = viewer.summarize(known, [2, 3, 6], now=NOW)  # the three sandbox profiles
    assert summary.scope == "selection"
    assert (summary.profiles, summary.key_figures.sandbox.count, summary.key_figures.live.count) == (3, 3, 0)
    assert [(a.name, a.profiles) for a in summary.audiences] == [("Newsletter subscribers", 3), ("VIP", 1)]
    assert summary.key_figures.with_problems.count == 0


def test_progress_reaches_the_total_and_cancel_stops(known: viewer.Export) -> None:
    seen: list[tuple[int, int]] = []
    viewer.summarize(known, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (20, 20)  # two steps of one unit per profile
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    with pytest.raises(viewer.LoadCancelled):
        viewer.summarize(known, cancelled=lambda: True)


def test_progress_moves_while_the_catalogue_counts_are_read(load_export, monkeypatch) -> None:
    from viewer.insights.catalogue import CatalogueBuilder

    known = load_export([profile(i, attributes={"City": "Berlin", "Age": i, "Tags": ["a"]}) for i in range(20)])
    seen: list[int] = []
    started: list[int] = []
    finish = CatalogueBuilder.finish
    monkeypatch.setattr(CatalogueBuilder, "finish", lambda self, *a: started.append(len(seen)) or finish(self, *a))
    viewer.summarize(known, progress=lambda done, total: seen.append(done))
    walked = seen[started[0] - 1]
    assert walked < 40  # the walk over the profiles leaves a share to the end
    assert max(seen[started[0]:-1]) > walked  # reading each path's counts moves it on before the end


def test_without_the_catalogue(known: viewer.Export) -> None:
    summary = viewer.summarize(known, catalogue=False)
    assert summary.catalogue is None and summary.connected_audiences is None
    assert summary.key_figures.live.count == 6


def test_snake_case_export(load_export) -> None:
    from viewer.model.profile import FIELDS

    names = {f.wire: f.name for f in FIELDS}
    rows = [{names.get(k, k): v for k, v in profile(i, sandbox=i % 2 == 0, sales=i).items()} for i in range(4)]
    summary = viewer.summarize(load_export(orjson.dumps(rows)))
    assert (summary.key_figures.live.count, summary.key_figures.sandbox.count) == (2, 2)
    assert summary.key_figures.sales_sum == 6
