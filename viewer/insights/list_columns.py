"""Attribute columns of the profile list and the value counts of any column (no Qt).

An attribute column names a path of the attribute catalogue (``Address.City``,
``Tags[]``). Its cell is the value at that path, read from the one profile on
screen (plain text; lists and objects as compact JSON; numbers as written).
Sorting all profiles reads the column with ``viewer.query.columns.attribute_column``
from each profile's text (0.2 s for 100,000 profiles instead of the second it
takes to build them): numbers sort as numbers, times as times, text without
case, missing values last.

Value counts are counted the way the search selects, so the query a count row
puts in the search box selects exactly that many profiles: text without case
(``LoyaltyTier=gold``), numbers by value (``totalSales=12.50``), each element of
a list once per profile (``Tags=vip``), missing as ``-has:PATH``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timezone
from decimal import Decimal
from typing import Any

from viewer.insights.queries import ENVIRONMENT_QUERIES, number_text, query_path, quoted, value_query
from viewer.model import profile_columns as pc
from viewer.model.field_text import money_text
from viewer.model.operands import exact_number
from viewer.model.profile import Profile
from viewer.model.times import parse_rfc3339
from viewer.query.columns import attribute_column
from viewer.query.fields import attribute_path
from viewer.reading.gc_pause import collector_paused
from viewer.writing.cells import cell_text

Poll = Callable[[int], None]
MISSING_LABEL = "(missing)"
POLL_EVERY = 2_000  # profiles counted between calls of ``poll`` (the worker pauses there)
_MISSING = object()


def _no_poll(_n: int) -> None:
    return None


def column_keys(path: str) -> tuple[str, ...]:
    """The lowercase keys the query language reads for a catalogue path (``Tags[]`` -> ``("tags",)``)."""
    return attribute_path(query_path(path))


def path_value(attributes: Any, path: str) -> Any:
    """The value at catalogue ``path`` in one profile's attributes (keys without case; ``[]``: every element).

    Returns ``None`` for a null and a private marker for missing (see ``has_value``).
    """
    nodes: list[Any] = [attributes]
    fanned = False
    for part in path.split("."):
        elements = part.endswith("[]")
        key = part[:-2] if elements else part
        found = []
        for node in nodes:
            if type(node) is not dict:
                continue
            value = node.get(key, _MISSING)
            if value is _MISSING:
                lowered = key.lower()
                value = next((v for k, v in node.items() if k.lower() == lowered), _MISSING)
            if value is _MISSING:
                continue
            if elements:
                if type(value) is list:
                    found.extend(value)
            else:
                found.append(value)
        fanned = fanned or elements
        nodes = found
    if fanned:
        return nodes if nodes else _MISSING
    return nodes[0] if nodes else _MISSING


def has_value(value: Any) -> bool:
    """Whether ``path_value`` found something (a null counts as found: the cell shows ``null``)."""
    return value is not _MISSING


def attribute_text(profile: Profile, path: str) -> str:
    """What the list shows in the attribute column ``path`` for ``profile`` (empty: missing)."""
    value = path_value(profile.attributes, path)
    if value is _MISSING:
        return ""
    if value is None:
        return "null"
    return cell_text(value)


def sort_key(values: tuple[Any, ...]) -> tuple[tuple[int, Any], ...] | None:
    """The sort key of one cell from its values (``path_values``): numbers, then times, then text; None last.

    A list sorts by its first element, then its next ones (``["vip"]`` before ``["vip", "b2b"]``).
    """
    if not values:
        return None
    return tuple(map(_value_key, values))


def _value_key(value: Any) -> tuple[int, Any]:
    if value is True or value is False:
        return (3, value)
    number = exact_number(value) if not isinstance(value, str) else None
    if number is not None:
        return (0, number)
    if isinstance(value, str):
        moment = parse_rfc3339(value) if len(value) >= 20 and value[4:5] == "-" else None
        if moment is not None:
            return (1, moment.timestamp())
        as_number = exact_number(value)  # "10115" written as text sorts with the numbers
        if as_number is not None:
            return (0, as_number)
        return (2, value.casefold())
    return (2, cell_text(value).casefold())


def attribute_sort_keys(profiles: Sequence[Profile], path: str, poll: Poll = _no_poll) -> list[Any]:
    """Every profile's sort key for the attribute column ``path``, from the profiles' text."""
    # No search index: its attribute text is lowercase, and numbers must sort by their exact value.
    column = attribute_column(profiles, column_keys(path), None, poll)
    keys: list[Any] = []
    with collector_paused():  # 100,000 new tuples: a collection over the whole heap would stall the window
        for start in range(0, len(column), POLL_EVERY):
            poll(start)  # a worker pauses here: a painting window waits for the interpreter otherwise
            keys.extend(map(sort_key, column[start:start + POLL_EVERY]))
    return keys


def sorted_attribute_rows(profiles: Sequence[Profile], keys_cache: dict[Any, list[Any]], path: str,
                          descending: bool, poll: Poll = _no_poll) -> list[int]:
    """Profile indices in the order of attribute column ``path``; missing values last either way.

    Cells are grouped by the kind of their first value and each group sorted on
    its own, by the bare value where every cell holds one: comparing nested
    tuples made sorting 100,000 numbers several times slower.
    """
    keys = keys_cache.get(path)
    if keys is None:
        keys = keys_cache[path] = attribute_sort_keys(profiles, path, poll)
    groups: dict[int, list[int]] = {}
    missing: list[int] = []
    for i, key in enumerate(keys):
        if i % POLL_EVERY == 0:
            poll(i)
        if key is None:
            missing.append(i)
        else:
            groups.setdefault(key[0][0], []).append(i)
    order: list[int] = []
    for rank in sorted(groups, reverse=descending):
        members = groups[rank]
        poll(len(order))
        if all(len(keys[i]) == 1 for i in members):
            values = [keys[i][0][1] for i in members]
            ranked = sorted(range(len(members)), key=values.__getitem__, reverse=descending)
            order.extend(members[n] for n in ranked)
        else:
            members.sort(key=keys.__getitem__, reverse=descending)
            order.extend(members)
    order.extend(missing)
    return order


@dataclass(frozen=True, slots=True)
class ValueCount:
    """One row of a frequency table: the value as shown, its profiles, and the query that selects them."""

    label: str
    count: int
    query: str | None
    missing: bool = False


@dataclass(frozen=True, slots=True)
class ValueCounts:
    """The frequency table of one column over ``total`` profiles, most frequent first, missing last."""

    column: str
    total: int
    rows: tuple[ValueCount, ...]
    numeric: bool = False  # every value a number: shown right-aligned, as the list shows them


def _count_key(value: Any) -> tuple[str, Any]:
    if value is True or value is False:
        return ("bool", value)
    number = exact_number(value) if not isinstance(value, str) else None
    if number is not None:
        return ("number", number)
    if isinstance(value, str):
        return ("text", value.lower())
    return ("other", cell_text(value))


def _table(column: str, total: int, counter: Counter[Any], labels: dict[Any, str],
           query: Callable[[Any], str | None], missing: int, missing_query: str | None,
           numeric: bool = False) -> ValueCounts:
    rows = [ValueCount(labels[key], count, query(key)) for key, count in counter.most_common()]
    if missing:
        rows.append(ValueCount(MISSING_LABEL, missing, missing_query, missing=True))
    return ValueCounts(column, total, tuple(rows), numeric)


def attribute_value_counts(profiles: Sequence[Profile], rows: Sequence[int] | None, path: str,
                           poll: Poll = _no_poll) -> ValueCounts:
    """The frequency table of attribute ``path`` over the profiles at ``rows`` (None: all)."""
    column = attribute_column(profiles, column_keys(path), None, poll)
    counter: Counter[Any] = Counter()
    labels: dict[Any, str] = {}
    values: dict[Any, Any] = {}
    missing = 0
    for done, n in enumerate(range(len(profiles)) if rows is None else rows):
        if done % POLL_EVERY == 0:
            poll(done)
        found = column[n]
        if not found:
            missing += 1
            continue
        keys: dict[tuple[str, Any], Any] = {}
        for value in found:
            keys.setdefault(_count_key(value), value)
        for key, value in keys.items():
            counter[key] += 1
            if key not in labels:
                labels[key], values[key] = cell_text(value), value
    has = quoted(query_path(path))
    numeric = bool(counter) and all(kind == "number" for kind, _ in counter)
    return _table(path, len(column) if rows is None else len(rows), counter, labels,
                  lambda key: value_query(path, values[key]), missing, None if has is None else f"-has:{has}", numeric)


# Built-in columns: (query field, how a value is read from a profile, from the reader's columns).
_FIELD_NAMES = {pc.ID: "id", pc.INTEGRATION_ID: "integrationId", pc.CREATED: "created",
                pc.LAST_ACTIVITY: "lastActivity", pc.SESSIONS: "closedSessions", pc.SALES: "totalSales",
                pc.AUDIENCES: "audiences"}
_ENVIRONMENTS = ("live", "sandbox", "unknown")


def _field_values(profiles: Sequence[Profile], column: int) -> Sequence[Any]:
    columns: Any = getattr(profiles, "columns", None)
    listed = columns is not None and len(columns) == len(profiles)
    if column == pc.ENVIRONMENT:
        if listed:
            return [_ENVIRONMENTS[v] for v in columns.sandbox]
        return [p.environment for p in profiles]
    if column == pc.AUDIENCES:
        if listed:
            return list(map(len, columns.audiences))
        return [len(p.audience_memberships) for p in profiles]
    name = {pc.ID: "id", pc.INTEGRATION_ID: "integration_id", pc.CREATED: "created",
            pc.LAST_ACTIVITY: "last_activity", pc.SESSIONS: "closed_sessions", pc.SALES: "total_sales"}[column]
    if listed:
        return getattr(columns, name)  # type: ignore[no-any-return]
    values = [getattr(p, name) for p in profiles]
    return [getattr(v, "text", v) if column in (pc.CREATED, pc.LAST_ACTIVITY) else v for v in values]


def field_value_counts(profiles: Sequence[Profile], rows: Sequence[int] | None, column: int) -> ValueCounts:
    """The frequency table of the built-in list column ``column`` over the profiles at ``rows``.

    Times are counted per day (UTC): every timestamp is its own value, and a day
    is what the query language selects (``created:2024-03-01``).
    """
    values = _field_values(profiles, column)
    counter: Counter[Any] = Counter()
    missing = 0
    for n in (range(len(profiles)) if rows is None else rows):
        value = values[n]
        if value is None:
            missing += 1
            continue
        if column in (pc.CREATED, pc.LAST_ACTIVITY):
            moment = parse_rfc3339(value) if isinstance(value, str) else None
            value = moment.astimezone(timezone.utc).date().isoformat() if moment is not None else value
        elif column == pc.INTEGRATION_ID:
            value = value.lower() if isinstance(value, str) else value
        counter[value] += 1
    field = _FIELD_NAMES.get(column)
    title = pc.HEADERS[column]

    def label(value: Any) -> str:
        if column == pc.ENVIRONMENT:
            return pc.ENVIRONMENT_LABELS[value]
        if column == pc.SALES and isinstance(value, (int, Decimal)) and not isinstance(value, bool):
            return money_text(value)  # as the list shows it (the query, in the tooltip, has every digit)
        if isinstance(value, int) and not isinstance(value, bool):
            return f"{value:,}" if column in (pc.SESSIONS, pc.AUDIENCES) else number_text(value)
        if isinstance(value, Decimal):
            return number_text(value)
        return str(value)

    def query(value: Any) -> str | None:
        if column == pc.ENVIRONMENT:
            return ENVIRONMENT_QUERIES[value]
        if column in (pc.CREATED, pc.LAST_ACTIVITY):
            return f"{field}:{value}"
        if isinstance(value, (int, Decimal)):
            return f"{field}={number_text(value)}"
        word = quoted(str(value))
        return None if word is None else f"{field}={word}"

    labels = {value: label(value) for value in counter}
    return _table(title, len(values) if rows is None else len(rows), counter, labels, query, missing,
                  None if field is None else f"-has:{field}", column in (pc.ID, pc.SESSIONS, pc.SALES, pc.AUDIENCES))

