"""``viewer.summarize(export)``: the overview of a whole export or of a search result (no Qt).

Works in two steps so a worker thread can show progress and stop: the key
figures, audiences and distributions from the loader's columns (no profile
is built: about 0.25x the time of ``orjson.loads`` of the file), then one
pass over the profiles' attributes and connected audiences for the attribute
catalogue (``reading.attribute_rows``: decoded a stretch at a time, in the
catalogue's own types once it has seen a few, counted right after; 1.5-1.9x a
bare parse in all at 100,000 profiles, on a machine shared with other work). ``progress(done, total)`` counts
one unit per profile and step (the last tenth of the catalogue's for reading
each path's counts at the end); ``cancelled()`` is polled between chunks
(``LoadCancelled`` then).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from itertools import chain, islice

from viewer.insights.bulk import exact_sum, slices, sorted_numbers
from viewer.insights.catalogue import CatalogueBuilder
from viewer.insights.columns import Counted, members_of, read_counted, utc_keys, zulu, zulu_span
from viewer.insights.companions import summarize_companions, with_companions
from viewer.insights.distributions import histogram, median, timeline
from viewer.insights.overview import (
    INACTIVE_DAYS,
    AudienceSize,
    Catalogue,
    DateSpan,
    Distributions,
    Figure,
    KeyFigures,
    Summary,
)
from viewer.insights.queries import ALL_PROFILES_QUERY, ENVIRONMENT_QUERIES, audience_query, connected_query
from viewer.model.export import Export
from viewer.model.problems import Severity
from viewer.model.profile import Profile
from viewer.reading.attribute_rows import attribute_rows
from viewer.reading.gc_pause import collector_paused
from viewer.reading.load_errors import LoadCancelled
from viewer.reading.work_pauses import pausing

REPEAT_WORDING = "appears again"  # how the loader words a repeated profile
CHUNK = 1000  # profiles of the catalogue pass between progress reports and cancel polls
FINISH_SHARE = 10  # one unit in this many of the catalogue pass's goes to reading the counts of each path


def summarize(
    export: Export,
    rows: Sequence[int] | None = None,
    *,
    catalogue: bool = True,
    now: datetime | None = None,
    progress: Callable[[int, int], object] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Summary:
    """The overview of ``export``, or of the profiles at ``rows`` (a search result) when given.

    ``catalogue=False`` leaves out the pass over every profile (the attribute
    catalogue and the connected audiences are then ``None``); ``now`` is the
    moment "no activity for 90 days" counts back from (default: now).
    """
    profiles = export.profiles
    total = len(profiles) if rows is None else len(rows)
    units = total * (2 if catalogue else 1)
    done = 0

    def step(n: int) -> None:
        nonlocal done
        done += n
        if cancelled is not None and cancelled():
            raise LoadCancelled("the summary was cancelled")
        if progress is not None:
            progress(done, units)

    with collector_paused(), pausing(lambda: step(0)):  # the collector would triple the cost of the walk
        return _summarize(export, profiles, rows, total, catalogue, now, step, progress, units)


def _summarize(export: Export, profiles: Sequence[Profile], rows: Sequence[int] | None, total: int,
               catalogue: bool, now: datetime | None, step: Callable[[int], None],
               progress: Callable[[int, int], object] | None, units: int) -> Summary:
    counted = read_counted(profiles, rows, step)
    created_keys, last_keys = _date_keys(counted.created), _date_keys(counted.last_activity)
    sales = sorted_numbers(counted.total_sales)
    figures = _key_figures(export, counted, sales, created_keys, last_keys, now or datetime.now(timezone.utc))
    members = _members(counted, total)
    distributions = Distributions(
        histogram("totalSales", "Total sales", sales, missing=len(counted.total_sales) - len(sales)),
        histogram("closedSessions", "Closed sessions", sessions := sorted_numbers(counted.closed_sessions),
                  missing=len(counted.closed_sessions) - len(sessions), integers=True),
        timeline("created", "Created", created_keys),
        timeline("lastActivity", "Last activity", last_keys),
    )
    found: Catalogue | None = None
    connected: tuple[AudienceSize, ...] | None = None
    if catalogue:
        found, connected_counts = _profile_pass(profiles, rows, step)
        connected = _connected(connected_counts, counted.audience_names, total)
    companions = summarize_companions(export.companions, profiles, rows, lambda: step(0))
    if progress is not None:
        progress(units, units)
    return with_companions(Summary(total, "export" if rows is None else "selection", figures, members, connected,
                                   distributions, found), companions)


def _profile_pass(profiles: Sequence[Profile], rows: Sequence[int] | None,
                  step: Callable[[int], None]) -> tuple[Catalogue, Counter[int]]:
    """The attribute catalogue and the profiles per connected audience, in one pass over the profiles."""
    builder = CatalogueBuilder()
    connected: Counter[int] = Counter()
    total = len(profiles) if rows is None else len(rows)
    walked, finishing = _shares(total, step)
    if rows is None:  # only the attributes and connected audiences are decoded, a stretch at a time
        combinations: Counter[tuple[int, ...]] = Counter()
        for attributes, ids in attribute_rows(profiles, builder.attribute_type):
            builder.add_attributes(attributes)
            combinations.update(map(tuple, filter(None, ids)))
            walked(len(attributes))
        return builder.finish(finishing), members_of(combinations, len(profiles))
    source: Iterator[Profile] = map(profiles.__getitem__, rows)
    while chunk := list(islice(source, CHUNK)):
        builder.add(chunk)
        connected.update(chain.from_iterable(
            a if len(a) < 2 else dict.fromkeys(a) for a in (p.connected_audiences for p in chunk)))
        walked(len(chunk))
    return builder.finish(finishing), connected


def _shares(total: int, step: Callable[[int], None]) -> tuple[Callable[[int], None], Callable[[int, int], None]]:
    """The catalogue pass's ``total`` units: the walk's share (per profile), then ``finish`` 's (per path).

    Reading the counts of each path took 0.18 s at 100,000 profiles and about
    2 s at 1,000,000: with the walk's units only, the progress sat at its end.
    """
    walk_units = total - total // FINISH_SHARE
    walked = given = 0

    def walk(n: int) -> None:
        nonlocal walked, given
        walked += n
        now = walked * walk_units // max(total, 1)
        step(now - given)
        given = now

    def finish(done: int, paths: int) -> None:
        nonlocal given
        now = walk_units + (total - walk_units) * done // max(paths, 1)
        step(now - given)
        given = now

    return walk, finish


def _date_keys(texts: Sequence[str | None]) -> Sequence[str | None]:
    """Keys that order ``texts`` by moment for months and cut-offs: the texts themselves when they are ``zulu``."""
    return texts if zulu(texts) else utc_keys(texts)


def _span(keys: Sequence[str | None], texts: Sequence[str | None]) -> DateSpan:
    if keys is texts:  # zulu texts: ordered by their keys only within one second
        first, last = zulu_span(texts)  # type: ignore[arg-type]
        return DateSpan(first, last, len(texts))
    dated = len(keys) - keys.count(None)
    if not dated:
        return DateSpan(None, None, 0)
    return DateSpan(texts[keys.index(min(filter(None, keys)))], texts[keys.index(max(filter(None, keys)))], dated)


def _key_figures(export: Export, counted: Counted, sales_sorted: Sequence[int | Decimal],
                 created_keys: Sequence[str | None], last_keys: Sequence[str | None], now: datetime) -> KeyFigures:
    total = len(counted.indices)
    env = counted.environments
    chosen: set[int] | None = None if total == len(export.profiles) else set(counted.indices)
    troubled: set[int] = set()
    repeated: set[int] = set()
    for problem in export.problems:
        index = problem.profile_index
        if index is None or problem.severity is Severity.INFO or (chosen is not None and index not in chosen):
            continue
        troubled.add(index)
        if REPEAT_WORDING in problem.message:
            repeated.add(index)
    cutoff = (now - timedelta(days=INACTIVE_DAYS)).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")
    inactive = sum(sum(map(cutoff.__gt__, filter(None, part))) for part in slices(last_keys))
    sales = sales_sorted
    total_sales = exact_sum(counted.total_sales)  # in file order: the sorted order reads memory at random
    return KeyFigures(
        profiles=Figure("Profiles", total, ALL_PROFILES_QUERY),
        live=Figure("Live", env.get(False, 0), ENVIRONMENT_QUERIES["live"]),
        sandbox=Figure("Sandbox", env.get(True, 0), ENVIRONMENT_QUERIES["sandbox"]),
        unknown=Figure("Environment unknown", env.get(None, 0), ENVIRONMENT_QUERIES["unknown"]),
        with_problems=Figure("Profiles with problems", len(troubled), "is:problem"),
        repeated=Figure("Repeated profiles", len(repeated), "is:repeated"),
        inactive=Figure(f"No activity for {INACTIVE_DAYS} days or more", inactive, f"lastActivity<{INACTIVE_DAYS}d"),
        created=_span(created_keys, counted.created),
        last_activity=_span(last_keys, counted.last_activity),
        sales_sum=total_sales,
        sales_median=median(sales),
        sales_counted=len(sales),
    )


def _members(counted: Counted, total: int) -> tuple[AudienceSize, ...]:
    """Members per audience, largest first (ties by name, then ID)."""
    names = counted.audience_names
    others = set(names.values())
    ordered = sorted(counted.members.items(), key=lambda item: (-item[1], names.get(item[0], ""), item[0]))
    return tuple(AudienceSize(i, names.get(i), n, total, audience_query(i, names.get(i), others)) for i, n in ordered)


def _connected(counts: Counter[int], names: dict[int, str], total: int) -> tuple[AudienceSize, ...]:
    """Profiles per connected audience (``connectedAudiences``), largest first."""
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return tuple(AudienceSize(i, names.get(i), n, total, connected_query(i)) for i, n in ordered)
