"""Answering a parsed query over the profiles of one export: matching indices in file order (no Qt).

Free text, ``Key:value``, audience, environment and CSV-file terms go to the
prebuilt :class:`ProfileSearchIndex` (a scan over each profile's lowercase
JSON text, 20-90 ms per 100,000 profiles). Comparisons, ranges and ``has:`` read columns:
one list per profile field or attribute path, built on first use and kept for
the next keystroke, so the walk over every profile's attributes is paid once
per path (the first ``ChurnRisk>`` of a session) and later comparisons are a
list comprehension over exact values. The terms of an AND run cheapest first,
each on the profiles the previous ones let through.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timezone
from typing import Any

from viewer.model.export import Export
from viewer.model.operands import exact_number, moment
from viewer.model.profile import Profile
from viewer.model.values import scalar_text
from viewer.query.columns import attribute_column, field_column
from viewer.query.fields import leaves, profile_field
from viewer.query.language import And, Compare, Has, Match, Node, Not, Or, ParseError, Query, Range, Target, parse
from viewer.query.narrowing import conditions, leaf_conditions
from viewer.query.number_index import Interval, Mask, masked, worth_masking
from viewer.query.predicates import Many, Test, TypedColumn, contains, intervals_for, tests_for, typed
from viewer.query.search_index import ProfileSearchIndex, Term
from viewer.query.search_terms import QueryCancelled as QueryCancelled  # (raised here too)

MAX_PATHS = 64  # attribute paths whose columns are kept (a list of 100,000 tuples is ~1 MB)
_COST = {"environment": 0, "audience": 1, "attribute": 3}  # index terms; field comparisons cost 2


class InvalidQuery(ValueError):
    """``matching_indices`` was given text that is no query; ``error`` says what and where."""

    def __init__(self, error: ParseError) -> None:
        super().__init__(str(error))
        self.error = error


class Evaluator:
    """Answers queries over ``profiles``; keeps the columns it builds for the next query.

    ``index`` is the export's search index when the caller has one (the window
    builds it while loading); otherwise it is built the first time a query has a
    text term. ``now`` fixes the moment relative dates count from (tests).
    The search box calls it from the GUI thread and from one worker: a column
    is stored only once it is complete, so either may use what the other built.
    """

    def __init__(
        self, profiles: Sequence[Profile], index: ProfileSearchIndex | None = None, now: datetime | None = None
    ) -> None:
        self.profiles = profiles
        self._index = index
        self._now = now
        self._paths: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}
        self._typed: dict[tuple[str, tuple[str, ...], bool], TypedColumn] = {}
        self._fields = _field_columns(profiles)  # the field columns, shared by every evaluator of ``profiles``
        self._calls = threading.local()  # the ``cancelled`` of the call running in each thread

    def matches(self, query: Query, cancelled: Callable[[], bool] | None = None,
                within: Sequence[int] | None = None) -> list[int] | None:
        """Indices (ascending) of the profiles matching ``query``; None when it sets no condition.

        ``within``: ascending indices known to hold every match (an earlier
        answer the query narrows, ``viewer.query.narrowing``); only they are tested.
        Raises :class:`QueryCancelled` when ``cancelled()`` turns true meanwhile (polled while a column is
        built and between runs of the index's texts: a newer keystroke's search does not wait for this one).
        """
        if query.root is None:
            return None
        self._calls.cancelled = cancelled
        try:
            return self._run(query.root, range(len(self.profiles)) if within is None else within)
        finally:
            self._calls.cancelled = None

    def is_quick(self, query: Query) -> bool:
        """Whether ``query`` needs nothing built first (an index, a column): answered in milliseconds."""
        return query.root is None or all(self._ready(node) for node in leaf_conditions(query.root))

    def is_instant(self, query: Query) -> bool:
        """Whether ``query`` is answered from kept lists and keys in a few milliseconds, whatever the export's size.

        AND-ed ``audience:`` terms once the members are grouped, and comparisons of
        profile fields whose columns have their keys (what the overview's bars click
        to: 1-9 ms for 1,000,000 profiles): not worth a worker's round trip.
        """
        if query.root is None:
            return False
        for node in conditions(query.root):
            if isinstance(node, Match):
                index = self._index
                if node.term.kind != "audience" or index is None or not index.has_audience_members():
                    return False
            elif isinstance(node, (Compare, Range)) and node.target.field is not None:
                column = self._fields.get(("any", (node.target.field.name,), True))
                if column is None or column.keys is None:
                    return False
            else:
                return False
        return True

    def prepare(self, names: Iterable[str], cancelled: Callable[[], bool] | None = None) -> None:
        """Build the columns of the profile fields ``names`` (``totalSales``, ``created``), for a worker.

        The first comparison of a field builds its column and keys: at
        1,000,000 profiles 0.9 s alone and 2 s in the window's worker; with
        them built, a chart's bin or month was answered in 5-9 ms.
        Raises :class:`QueryCancelled` when ``cancelled()`` turns true meanwhile.
        """
        self._calls.cancelled = cancelled
        try:
            for name in names:
                field = profile_field(name)
                if field is not None:
                    self._column(Target(name, field), "any")
        finally:
            self._calls.cancelled = None

    def _ready(self, node: Node) -> bool:
        if isinstance(node, Match):
            if node.term.kind == "flag":
                return True
            key = node.term.key or ""
            if node.term.kind == "attribute" and "." in key:
                return tuple(key.split(".")) in self._paths
            return self._index is not None
        assert isinstance(node, (Compare, Range, Has))
        target = node.target
        if target.field is not None:
            return ("any", (target.field.name,), True) in self._fields
        return target.path in self._paths

    @property
    def index(self) -> ProfileSearchIndex:
        """The search index for text terms (built on first need when none was given)."""
        if self._index is None:
            self._index = ProfileSearchIndex.build(self.profiles, cancelled=getattr(self._calls, "cancelled", None))
        return self._index

    def _run(self, node: Node, candidates: Sequence[int]) -> list[int]:
        if isinstance(node, And):
            result: Sequence[int] = list(candidates) if not isinstance(candidates, range) else candidates
            result, children = self._masked(sorted(node.children, key=_cost), result)
            for child in children:
                result = self._run(child, result)
                if not result:
                    break
            return list(result)
        if isinstance(node, Or):
            found: set[int] = set()
            for child in node.children:
                found.update(self._run(child, candidates))
            return [i for i in candidates if i in found]
        if isinstance(node, Not):
            excluded = set(self._run(node.child, candidates))
            return [i for i in candidates if i not in excluded]
        if isinstance(node, Match):
            term = node.term
            if term.kind == "flag":  # is:problem, is:repeated: what the export found while reading
                flags_of = getattr(self.profiles, "flags_of", None)
                flagged = flags_of().get(term.value, frozenset()) if callable(flags_of) else frozenset()
                return [i for i in candidates if i in flagged]
            if term.kind == "attribute" and term.key is not None and "." in term.key:
                return self._contains(term, candidates)
            return self.index.match_term(term, candidates, self.profiles, getattr(self._calls, "cancelled", None))
        if isinstance(node, Has):
            return self._has(node.target, candidates)
        return self._compare(node, candidates)

    def _has(self, target: Target, candidates: Sequence[int]) -> list[int]:
        column = self._column(target, "any")
        if isinstance(candidates, range) and candidates == range(len(column.values)):
            return list(column.present)  # a value: present (``Many`` are never empty)
        return column.select(candidates, _ANYTHING)

    def _compare(self, node: Compare | Range, candidates: Sequence[int]) -> list[int]:
        target = node.target
        found = [self._column(target, kind).select(candidates, test, interval)
                 for kind, test, interval in self._readings(node)]
        if len(found) <= 1:
            return found[0] if found else []
        return sorted(set().union(*found))

    def _readings(self, node: Compare | Range) -> list[tuple[str, Test, Interval | None]]:
        """The columns a comparison reads (by kind), each with its test and the interval of values it passes."""
        now = self._now or datetime.now(timezone.utc)
        number_test, date_test, text_test = tests_for(node, now)
        numbers, dates = intervals_for(node, now)
        field = node.target.field
        if field is not None:  # one reading per field kind
            test = {"number": number_test, "numbers": number_test, "date": date_test}.get(field.kind, text_test)
            interval = {"number": numbers, "numbers": numbers, "date": dates}.get(field.kind)
            return [] if test is None else [("any", test, interval)]
        readings = (("number", number_test, numbers), ("date", date_test, dates), ("text", text_test, None))
        return [(kind, test, interval) for kind, test, interval in readings if test is not None]

    def _masked(self, children: list[Node], candidates: Sequence[int]) -> tuple[Sequence[int], list[Node]]:
        """The candidates that pass the AND-ed comparisons the columns' keys answer, and the other children.

        One pass over the keys for ``totalSales>=100 totalSales<200``: the
        first term's list of up to every profile (17 ms per 500,000) is never made.
        """
        if not worth_masking(candidates, len(self.profiles)):
            return candidates, children
        combined: Mask | None = None
        rest: list[Node] = []
        for child in children:
            mask = self._mask(child) if isinstance(child, (Compare, Range)) else None
            if mask is None:
                rest.append(child)
            else:
                combined = mask if combined is None else combined & mask
        return (candidates, children) if combined is None else (masked(combined, candidates), rest)

    def _mask(self, node: Compare | Range) -> Mask | None:
        """Which profiles pass ``node``, from the keys of its columns; None when a column has none."""
        found: Mask | None = None
        for kind, _test, interval in self._readings(node):
            column = self._column(node.target, kind)
            keys = column.keys
            mask = keys.mask(interval, column.values) if keys is not None and interval is not None else None
            if mask is None:
                return None
            found = mask if found is None else found | mask
        return found

    def _contains(self, term: Term, candidates: Sequence[int]) -> list[int]:
        """``Address.City:ber``: a nested attribute's text (objects: any value inside) contains the text."""
        assert term.key is not None
        target = Target(term.key, None, tuple(term.key.split(".")))
        return self._column(target, "flat").select(candidates, contains(term.value))

    def _poll(self, n: int) -> None:
        cancelled = getattr(self._calls, "cancelled", None)
        if cancelled is not None and cancelled():
            raise QueryCancelled()

    def _column(self, target: Target, kind: str) -> TypedColumn:
        """The column ``target`` as ``kind`` ("any": as it is; "number", "date", "text", "flat": attribute text)."""
        field = target.field
        key = (kind, (field.name,) if field is not None else target.path, field is not None)
        kept = self._fields if field is not None else self._typed
        column = kept.get(key)
        if column is not None:
            return column
        if field is not None:
            values = field_column(self.profiles, field, self._poll)
            if field.kind == "numbers":
                values = [None if not v else v[0] if len(v) == 1 else Many(v) for v in values]
        else:
            raw = self._path(target.path)
            if kind == "any":
                values = [v if v else None for v in raw]
                values = [v if v is None or len(v) > 1 else v[0] for v in values]
                values = [Many(v) if type(v) is tuple else v for v in values]
            else:
                values = typed(raw, _CONVERT[kind])
        column = kept[key] = TypedColumn.of(values)
        return column

    def _path(self, path: tuple[str, ...]) -> list[tuple[Any, ...]]:
        column = self._paths.get(path)
        if column is None:
            column = attribute_column(self.profiles, path, self._index, self._poll)
            if len(self._paths) >= MAX_PATHS:
                self._forget(next(iter(self._paths)))
            self._paths[path] = column
        return column

    def _forget(self, path: tuple[str, ...]) -> None:
        del self._paths[path]
        for key in [key for key in list(self._typed) if key[1] == path and not key[2]]:  # list(): another thread may add
            del self._typed[key]


def _text(value: Any) -> str | None:
    return None if isinstance(value, (dict, list)) else scalar_text(value).lower()


def _flat_text(value: Any) -> Any:
    if not isinstance(value, (dict, list)):
        return scalar_text(value).lower()
    shown = [scalar_text(leaf).lower() for leaf in leaves(value)]
    return Many(shown) if shown else None


_SHARED: weakref.WeakKeyDictionary[Any, dict[tuple[str, tuple[str, ...], bool], TypedColumn]] = \
    weakref.WeakKeyDictionary()
_SHARED_LOCK = threading.Lock()


def _field_columns(profiles: Sequence[Profile]) -> dict[tuple[str, tuple[str, ...], bool], TypedColumn]:
    """The field columns of ``profiles`` kept for every evaluator of them (the list's, the overview's, a
    worker preparing them ahead); a list of profiles that cannot be weakly referenced gets its own."""
    with _SHARED_LOCK:
        try:
            return _SHARED.setdefault(profiles, {})
        except TypeError:
            return {}


def _anything(value: Any) -> bool:
    return True


_ANYTHING = _anything
_CONVERT: dict[str, Callable[[Any], Any]] = {"number": exact_number, "date": moment, "text": _text, "flat": _flat_text}


def _cost(node: Node) -> int:
    if isinstance(node, Match):
        return _COST.get(node.term.kind, 4)
    if isinstance(node, (Compare, Range, Has)):
        return 2 if node.target.field is not None else 3
    return 5


def matching_indices(
    export: Export | Sequence[Profile], query_text: str, now: datetime | None = None
) -> list[int]:
    """Indices (file order) of the profiles of ``export`` that ``query_text`` selects; blank text selects all.

    Raises :class:`InvalidQuery` (a ``ValueError``, with ``.error``: message and
    position) when the text is no query; :func:`viewer.query.language.parse`
    gives the same answer as a value.
    """
    profiles = export.profiles if isinstance(export, Export) else export
    query = parse(query_text)
    if isinstance(query, ParseError):
        raise InvalidQuery(query)
    found = Evaluator(profiles, now=now).matches(query)
    return list(range(len(profiles))) if found is None else found
