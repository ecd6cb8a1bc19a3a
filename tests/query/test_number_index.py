"""Comparisons answered from a column's numpy keys select exactly what the exact scan selects."""

from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import viewer
from viewer.model.numbers import number
from viewer.query import predicates
from viewer.query.evaluate import Evaluator
from viewer.query.language import Compare, Range, parse
from viewer.query.number_index import Interval, NumberKeys
from viewer.query.predicates import Many, TypedColumn, intervals_for

UTC = timezone.utc
NOW = datetime(2024, 6, 15, 12, 0, tzinfo=UTC)
OPS = (">", ">=", "<", "<=", "=")


def _exact(values: list[Any], test: Any, candidates: Any) -> list[int]:
    return [i for i in candidates if values[i] is not None and test(values[i])]


def _near(bound: int | Decimal) -> list[Any]:
    """Values equal to the bound, one ulp either side of its float, and between: where floats tie."""
    try:
        f = float(bound)
    except OverflowError:
        return [bound, bound + 1, bound - 1]
    if math.isinf(f):
        return [bound, bound * 2, -bound]
    below, above = math.nextafter(f, -math.inf), math.nextafter(f, math.inf)
    near = [Decimal(f), Decimal(below), Decimal(above), (Decimal(f) + Decimal(above)) / 2,
            (Decimal(f) + Decimal(below)) / 2, Decimal(bound) + Decimal("1e-40"), Decimal(bound) - Decimal("1e-40")]
    if float(int(f)) == f and abs(f) < 2.0**80:
        near += [int(f), int(f) + 1, int(f) - 1]
    return near


_BOUNDS = st.one_of(
    st.integers(-(2**60), 2**60),
    st.integers(2**53 - 3, 2**53 + 3),
    st.decimals(allow_nan=False, allow_infinity=False),
    st.sampled_from([Decimal("0.1"), Decimal("100"), Decimal("100.00"), Decimal("1e400"), Decimal("-1e400"),
                     Decimal("1e-400"), 0, 2**1100, -(2**1100), Decimal("99.99999999999999999999")]),
)
_PLAIN = st.one_of(
    st.none(),
    st.integers(-(2**70), 2**70),
    st.decimals(allow_nan=False, allow_infinity=False),
    st.decimals(min_value=-1000, max_value=1000, places=25),
    st.builds(lambda d: number(str(d)), st.decimals(allow_nan=False, allow_infinity=False, places=4)),
)


@st.composite
def _column_and_bounds(draw: st.DrawFn) -> tuple[list[Any], list[Any]]:
    bounds = draw(st.lists(_BOUNDS, min_size=1, max_size=2))
    pool = [v for b in bounds for v in _near(b)]
    values = draw(st.lists(st.one_of(_PLAIN, st.sampled_from(pool)), min_size=0, max_size=40))
    if draw(st.booleans()):
        values.append(draw(st.sampled_from([2**1100, -(2**1100), 2**1023, None])))  # beyond a double: exact scan
    return values, bounds


@settings(max_examples=400, deadline=None)
@given(_column_and_bounds(), st.booleans(), st.booleans(), st.booleans())
def test_number_comparisons_select_what_the_exact_scan_selects(
    drawn: tuple[list[Any], list[Any]], low_open: bool, high_open: bool, sparse: bool
) -> None:
    values, bounds = drawn
    column = TypedColumn.of(values)
    everyone = range(len(values))
    some = list(range(0, len(values), 3 if sparse else 1))
    intervals = [Interval(bounds[0], None, low_open), Interval(None, bounds[0], high_open=high_open),
                 Interval(min(bounds), max(bounds), low_open, high_open)]
    for interval in intervals:
        for candidates in (everyone, some):
            assert column.select(candidates, interval.holds, interval) == _exact(values, interval.holds, candidates)
            if column.keys is not None:
                mask = column.keys.mask(interval, values)
                if mask is not None:
                    assert mask.tolist() == [v is not None and interval.holds(v) for v in values]


def _moments() -> st.SearchStrategy[datetime]:
    zones = st.sampled_from([UTC, timezone(timedelta(hours=2)), timezone(timedelta(hours=-9, minutes=-30))])
    return st.builds(lambda d, z: d.replace(tzinfo=z),
                     st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)), zones)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.none(), _moments()), max_size=30), _moments(), st.sampled_from(OPS),
       st.sampled_from([timedelta(0), timedelta(microseconds=1), -timedelta(microseconds=1)]))
def test_time_comparisons_select_what_the_exact_scan_selects(
    values: list[datetime | None], bound: datetime, op: str, step: timedelta
) -> None:
    values = [*values, bound, bound + step, bound.astimezone(UTC) - step]
    column = TypedColumn.of(values)
    assert column.keys is not None
    for interval in (Interval(bound, None, op == ">"), Interval(None, bound, high_open=op == "<"),
                     Interval(bound, bound + timedelta(days=31), op == ">", op == "<")):
        assert column.select(range(len(values)), interval.holds, interval) == _exact(values, interval.holds,
                                                                                 range(len(values)))


_QUERIES = st.one_of(
    st.builds(lambda op, n: f"totalSales{op}{n}", st.sampled_from(OPS),
              st.sampled_from(["0", "100", "100.00", "99.99999999999999999999", "0.1", "1e400", "-5", "250.5"])),
    st.builds(lambda a, b: f"totalSales:{a}..{b}", st.sampled_from(["", "0", "0.1", "100"]),
              st.sampled_from(["", "100", "100.000000000000000001", "1e400"])),
    st.builds(lambda op, d: f"created{op}{d}", st.sampled_from(OPS),
              st.sampled_from(["2024", "2024-03", "2024-02-29", "2024-03-01T00:00", "2024-03-01T00:00:00.000001",
                               "90d", "1y"])),
    st.builds(lambda a, b: f"created:{a}..{b}", st.sampled_from(["", "2024-03", "2024-02-29T23:59:59.999999"]),
              st.sampled_from(["", "2024-03", "2024-04-01"])),
).filter(lambda text: not text.endswith(":.."))  # a range needs an end


@settings(max_examples=200, deadline=None)
@given(_QUERIES)
def test_each_query_interval_is_what_its_test_passes(text: str) -> None:
    node = parse(text).root
    assert isinstance(node, (Compare, Range))
    number_test, date_test, _ = predicates.tests_for(node, NOW)
    numbers, dates = intervals_for(node, NOW)
    sales = [Decimal("99.99999999999999999999"), 100, Decimal("100.00"), Decimal("100.000000000000000001"),
             Decimal("0.1"), Decimal("250.5"), Decimal("1e399"), -5, 0, None]
    moments = [datetime(2024, 2, 29, 23, 59, 59, 999999, UTC), datetime(2024, 3, 1, tzinfo=UTC),
               datetime(2024, 3, 1, 0, 0, 0, 1, UTC), datetime(2024, 3, 31, 23, 59, 59, 999999, UTC),
               datetime(2024, 4, 1, 1, tzinfo=timezone(timedelta(hours=2))), datetime(2024, 4, 1, tzinfo=UTC),
               NOW - timedelta(days=90), NOW.replace(year=2023), None]
    for values, test, interval in ((sales, number_test, numbers), (moments, date_test, dates)):
        if test is None:
            assert interval is None
            continue
        assert interval is not None
        column = TypedColumn.of(values)
        assert column.keys is not None
        assert column.select(range(len(values)), test, interval) == _exact(values, test, range(len(values)))


def test_columns_that_are_not_plain_numbers_or_times_have_no_keys() -> None:
    assert NumberKeys.of([1, True, 2]) is None  # bool is not a number
    assert NumberKeys.of([1, "2"]) is None
    assert NumberKeys.of([2**1100, 1]) is None  # beyond a double
    assert NumberKeys.of([Decimal("NaN"), Decimal(1)]) is None
    assert NumberKeys.of([datetime(2024, 1, 1), None]) is None  # no zone: no instant
    assert NumberKeys.of([None, None]) is None
    assert TypedColumn.of([Many((1, 2)), 3]).keys is None


def _export(sales: list[str], created: list[str]) -> Evaluator:
    rows = [f'{{"id": {n + 1}, "created": "{c}", "integrationId": "u{n}", "attributes": {{}}, "accountId": 1, '
            f'"closedSessions": {n}, "totalSales": {s}, "audienceMemberships": [], "lastActivity": "{c}", '
            f'"sandbox": false}}' for n, (s, c) in enumerate(zip(sales, created, strict=True))]
    return Evaluator(viewer.load(("[" + ",\n".join(rows) + "]").encode()).profiles, now=NOW)


def test_a_sales_bin_and_a_month_count_the_profiles_at_their_edges_exactly() -> None:
    sales = ["99.99999999999999999999", "100", "100.00", "100.000000000000000001", "150",
             "199.99999999999999999999", "200", "200.0", "1e400"]
    created = ["2024-02-29T23:59:59.999999Z", "2024-03-01T00:00:00Z", "2024-03-15T10:00:00Z",
               "2024-03-31T23:59:59.999999Z", "2024-04-01T01:00:00+02:00", "2024-04-01T00:00:00Z",
               "2024-04-01T00:00:00.000001+00:00", "2024-03-01T00:30:00+01:00", "2023-03-10T00:00:00Z"]
    evaluator = _export(sales, created)
    assert evaluator.matches(parse("totalSales>=100 totalSales<200")) == [1, 2, 3, 4, 5]
    assert evaluator.matches(parse("totalSales>=100 totalSales<=200")) == [1, 2, 3, 4, 5, 6, 7]
    assert evaluator.matches(parse("totalSales:100..200")) == [1, 2, 3, 4, 5, 6, 7]
    assert evaluator.matches(parse("totalSales>100")) == [3, 4, 5, 6, 7, 8]
    assert evaluator.matches(parse("totalSales=200")) == [6, 7]
    assert evaluator.matches(parse("created:2024-03")) == [1, 2, 3, 4]  # +02:00 at 01:00 is March in UTC
    assert evaluator.matches(parse("created>=2024-04 closedSessions<7")) == [5, 6]


def test_prepared_fields_are_answered_without_building_anything() -> None:
    evaluator = _export(["1", "2.5", "3"], ["2024-01-01T00:00:00Z"] * 3)
    query = parse("totalSales>=2 created:2024-01")
    assert not evaluator.is_quick(query)
    evaluator.prepare(["totalSales", "created", "NoSuchField"])
    assert evaluator.is_quick(query)
    assert evaluator.matches(query) == [1, 2]


def test_keys_of_many_values_built_in_slices_pause_and_answer_as_the_exact_scan() -> None:
    from viewer.query.number_index import SLICE
    from viewer.reading.work_pauses import pausing

    count = 2 * SLICE + 5
    columns = {
        "ints": [None if i % 7 == 0 else i - SLICE for i in range(count)],
        "decimals": [None if i % 5 == 0 else Decimal(i) / 4 for i in range(count)],
        "times": [None if i % 3 == 0 else NOW + timedelta(seconds=i) for i in range(count)],
    }
    bounds = {"ints": (-10, 40_000), "decimals": (Decimal("100.25"), Decimal(30_000)),
              "times": (NOW + timedelta(seconds=SLICE), NOW + timedelta(seconds=SLICE + 999))}
    for name, values in columns.items():
        pauses: list[int] = []
        with pausing(lambda: pauses.append(1), every=0):
            keys = NumberKeys.of(values)
        assert keys is not None and len(pauses) >= 2, name
        low, high = bounds[name]
        interval = Interval(low, high, False, True)
        mask = keys.mask(interval, values)
        assert mask is not None
        assert mask.nonzero()[0].tolist() == [i for i, v in enumerate(values) if v is not None and low <= v < high]
