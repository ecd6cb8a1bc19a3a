"""The distribution of one catalogue path as bars: categories, a histogram or a timeline (no Qt).

Numbers with many distinct values become a histogram (the same bins as total
sales), strings that are all RFC 3339 times a per-month timeline, values that
are all different (e-mail addresses, IDs) a sentence and a few examples,
everything else the most frequent values. Each bar has its exact count and the
query for its profiles (``Address.City=Berlin``, ``ChurnRisk>=0.5 ChurnRisk<0.6``,
``SignupDate:2024-03``).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from itertools import chain, islice, repeat
from typing import Any

from viewer.insights.columns import utc_keys
from viewer.insights.distributions import histogram, timeline
from viewer.insights.overview import AttributeStats
from viewer.insights.queries import number_text, query_path, value_query
from viewer.model.values import one_line, scalar_text

CATEGORY_BARS = 30
EXAMPLES = 8  # values shown of a path whose values are all different
HISTOGRAM_FROM = 13  # distinct numbers from which a histogram says more than bars per value


@dataclass(frozen=True, slots=True)
class ValueBars:
    """Bars to draw: ``kind`` is ``categories``, ``histogram``, ``timeline`` or ``unique``.

    ``unique``: every value occurs once (more than ``CATEGORY_BARS`` of them),
    or nearly (the ``CATEGORY_BARS`` most frequent occur equally often: phone
    numbers of which a few are there twice); 30 bars of one height would say
    nothing, so the view says that in words and lists a few values
    (``labels``, ``counts``, ``queries``) instead.
    """

    kind: str
    labels: tuple[str, ...]
    counts: tuple[int, ...]
    queries: tuple[str | None, ...]
    note: str = ""


def _label(value: Any) -> str:
    if isinstance(value, str):
        return one_line(value) if value else '""'
    text = getattr(value, "text", None)
    return text if isinstance(text, str) else scalar_text(value)


TIME_CHUNK = 20_000  # values read between two ``between()`` calls
TIME_SAMPLE = 64  # distinct strings looked at first: a path of names or e-mail addresses is told at once


def holds_times(stats: AttributeStats, between: Callable[[], object] | None = None) -> bool:
    """Whether every string at the path is an RFC 3339 time (so its values are drawn as a timeline).

    The JSON type stays ``string``; this is for the catalogue's Types cell
    (``string (date-time)``). A path with other strings is told by its first
    ``TIME_SAMPLE`` values; only time-like paths have every value read,
    ``TIME_CHUNK`` at a time (1,000,000 different times took about a second).
    """
    if {name for name, _ in stats.types if name not in ("null", "object", "list")} != {"string"}:
        return False
    texts = (v for counts in stats.counts for v in counts if v is not None)
    first = list(islice(texts, TIME_SAMPLE))
    if not first or None in utc_keys(first):
        return False
    while chunk := list(islice(texts, TIME_CHUNK)):  # ``between()`` after each: a worker pauses there
        if None in utc_keys(chunk):
            return False
        if between is not None:
            between()
    return True


def value_bars(stats: AttributeStats) -> ValueBars:
    """How the values of ``stats`` are spread, as bars."""
    kinds = {name for name, _ in stats.types if name not in ("null", "object", "list")}
    pairs = [(v, n) for counts in stats.counts for v, n in counts.items() if v is not None]
    if kinds == {"number"} and len(pairs) >= HISTOGRAM_FROM:
        ordered = sorted(chain.from_iterable(repeat(v, n) for v, n in pairs))
        h = histogram(query_path(stats.path), stats.path, ordered, missing=0)
        return ValueBars("histogram", tuple(f"{number_text(b.low)} – {number_text(b.high)}" for b in h.bins),
                         tuple(b.count for b in h.bins), tuple(b.query for b in h.bins),
                         "bins growing 1-2-5" if h.log_scale else "")
    if kinds == {"string"} and pairs:
        keys = utc_keys([v for v, _ in pairs])
        if all(key is not None for key in keys):
            expanded = list(chain.from_iterable(repeat(k, n) for k, (_, n) in zip(keys, pairs)))
            t = timeline(query_path(stats.path), stats.path, expanded)
            return ValueBars("timeline", tuple(m.month for m in t.months), tuple(m.count for m in t.months),
                             tuple(m.query for m in t.months), "per month, UTC")
    if stats.distinct > CATEGORY_BARS and stats.top and stats.top[0][1] == 1:
        examples = stats.top[:EXAMPLES]
        return ValueBars("unique", tuple(_label(v) for v, _ in examples), tuple(n for _, n in examples),
                         tuple(value_query(stats.path, v) for v, _ in examples),
                         f"All {stats.distinct:,} values are different: each occurs once, as an ID or an e-mail "
                         "address does, so no value is more frequent than another.")
    ranked = stats.values
    nulls = stats.type_count("null")
    if nulls and len(ranked) > 1:  # a bar of nulls dwarfed the values (Referrer: 70,000 nulls, values 1-3 times)
        ranked = [pair for pair in ranked if pair[0] is not None]
    else:
        nulls = 0
    aside = f"{nulls:,} nulls not drawn" if nulls else ""
    distinct = len(ranked)
    top = ranked[:CATEGORY_BARS]
    note = aside
    if distinct > CATEGORY_BARS:
        once = len(ranked) - bisect_left(ranked, -1, key=_negative_count)  # counts fall: those of 1 come last
        if top[0][1] == top[-1][1]:  # 30 bars of one height (phone numbers, a few twice) would say nothing either
            most = top[:EXAMPLES]
            return ValueBars("unique", tuple(_label(v) for v, _ in most), tuple(n for _, n in most),
                             tuple(value_query(stats.path, v) for v, _ in most),
                             f"{distinct:,} different values, {once:,} of them occur only once and none more "
                             f"than {top[0][1]:,} times: no value is much more frequent than another"
                             + (f" ({aside})." if aside else "."))
        note = "; ".join(filter(None, (f"the {CATEGORY_BARS} most frequent of {distinct:,}",
                                       f"{once:,} values occur only once" if once else "", aside)))
    return ValueBars("categories", tuple(_label(v) for v, _ in top), tuple(n for _, n in top),
                     tuple(value_query(stats.path, v) for v, _ in top), note)


def _negative_count(item: tuple[Any, int]) -> int:
    return -item[1]
