"""Histograms of number fields and per-month timelines of date fields (no Qt).

Bin edges are exact (``int`` or ``Decimal``), on a 1-2-5 grid: about 20 equal
bins, or, when the largest value is over 50 times the median (sales are often
spread that way: most profiles spend little, a few a lot), bins that grow in
1-2-5 steps from zero (``log_scale``). Counting uses ``bisect`` on the sorted
values (the median needs them sorted anyway): a few dozen binary searches,
whatever the number of profiles.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal, localcontext
from operator import itemgetter
from typing import Any

from viewer.insights.bulk import slices
from viewer.insights.overview import Bin, Histogram, MonthCount, Timeline
from viewer.insights.queries import month_query, range_query

TARGET_BINS = 20
LOG_SPREAD = 50  # max / median beyond which the bins grow in 1-2-5 steps
LOG_DECADES = 7  # log bins start no lower than max / 10**7 (smaller values join the first bin)
_MONTH = itemgetter(slice(0, 7))
MAX_FILLED_MONTHS = 600  # months without profiles are listed between first and last, up to 50 years


def exact(value: int | float | Decimal) -> int | Decimal:
    """A number as an exact ``int`` or ``Decimal`` (a float by its shortest text, which is what the file wrote)."""
    if isinstance(value, (int, Decimal)):
        return value
    return Decimal(repr(value))


def tidy(value: Decimal) -> int | Decimal:
    """An integral Decimal as an int, others without trailing zeros (``2E+1`` -> 20, ``0.50`` -> 0.5)."""
    if value == value.to_integral_value():
        return int(value)
    return value.normalize()


def median(ordered: Sequence[Any]) -> int | Decimal | None:
    """The exact median of sorted numbers (the mean of the middle two for an even count)."""
    n = len(ordered)
    if not n:
        return None
    middle = exact(ordered[n // 2])
    if n % 2:
        return middle
    with localcontext() as ctx:
        ctx.prec = 200
        both = Decimal(exact(ordered[n // 2 - 1])) + Decimal(middle)
        return tidy(both / 2)


def _grid_step(raw: Decimal) -> Decimal:
    """The smallest 1, 2 or 5 times a power of ten that is at least ``raw`` (> 0)."""
    magnitude = Decimal(1).scaleb(raw.adjusted())
    for factor in (1, 2, 5, 10):
        if magnitude * factor >= raw:
            return magnitude * factor
    return magnitude * 10  # not reached: 10 * magnitude > raw by definition of adjusted()


def _linear_edges(low: Decimal, high: Decimal, integers: bool) -> list[Decimal]:
    step = _grid_step((high - low) / TARGET_BINS)
    if integers and step < 1:
        step = Decimal(1)
    edge = (low / step).to_integral_value(rounding="ROUND_FLOOR") * step
    edges = [edge]
    while edge <= high and len(edges) <= TARGET_BINS + 2:
        edge += step
        edges.append(edge)
    # the last bin includes its top: drop an edge past a maximum that sits on an edge
    if len(edges) > 2 and edges[-2] == high:
        edges.pop()
    return edges


def _log_edges(smallest_positive: Decimal, high: Decimal, integers: bool) -> list[Decimal]:
    floor = max(smallest_positive, high.scaleb(-LOG_DECADES))
    start = Decimal(1).scaleb(floor.adjusted())
    if integers and start < 1:
        start = Decimal(1)
    edges = [Decimal(0), start]
    while edges[-1] < high:
        top = edges[-1]
        lead = top.scaleb(-top.adjusted())  # 1, 2 or 5
        edges.append(top * 2 if lead in (1, 5) else top * Decimal("2.5"))
    return edges  # the last bin includes its top


def histogram(field: str, label: str, ordered: Sequence[Any], *, missing: int, integers: bool = False) -> Histogram:
    """The histogram of the sorted numbers ``ordered``; ``missing`` profiles had none."""
    if not ordered:
        return Histogram(field, label, (), False, 0, missing)
    with localcontext() as ctx:
        ctx.prec = 200  # exact for any money a file holds
        low, high = Decimal(exact(ordered[0])), Decimal(exact(ordered[-1]))
        mid = median(ordered)
        assert mid is not None
        if low == high:
            edges = [low, high]
            log_scale = False
        else:
            first_positive = bisect_right(ordered, 0)
            log_scale = low >= 0 and first_positive < len(ordered) and high > LOG_SPREAD * max(Decimal(mid), Decimal(
                exact(ordered[first_positive])))
            if log_scale:
                edges = _log_edges(Decimal(exact(ordered[first_positive])), high, integers)
            else:
                edges = _linear_edges(low, high, integers)
        bins: list[Bin] = []
        below = bisect_left(ordered, edges[0])
        for number, (start, stop) in enumerate(zip(edges, edges[1:])):
            closed = number == len(edges) - 2
            upto = bisect_right(ordered, stop) if closed else bisect_left(ordered, stop)
            a, b = tidy(start), tidy(stop)
            bins.append(Bin(a, b, upto - below, range_query(field, a, b, closed=closed)))
            below = upto
    return Histogram(field, label, tuple(bins), log_scale, len(ordered), missing)


def _next_month(month: str) -> str:
    year, number = int(month[:4]), int(month[5:7])
    year, number = (year + 1, 1) if number == 12 else (year, number + 1)
    return f"{year:04d}-{number:02d}"


def timeline(field: str, label: str, keys: Sequence[str | None]) -> Timeline:
    """Profiles per calendar month of ``keys`` (UTC keys from ``columns.utc_key``; ``None``: no date)."""
    counts: Counter[str] = Counter()
    for part in slices(keys):
        counts.update(map(_MONTH, filter(None, part)))
    missing = len(keys) - sum(counts.values())
    months = sorted(counts)
    if months:
        first, last = months[0], months[-1]
        span = (int(last[:4]) - int(first[:4])) * 12 + int(last[5:7]) - int(first[5:7])
        if span <= MAX_FILLED_MONTHS:
            months, month = [], first
            while month <= last:
                months.append(month)
                month = _next_month(month)
    return Timeline(field, label, tuple(MonthCount(m, counts.get(m, 0), month_query(field, m)) for m in months),
                    missing)
