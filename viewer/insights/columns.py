"""The few profile fields the key figures count, as plain lists (no Qt).

The loader keeps the profile list's fields of every profile in columns
(``export.profiles.columns``: one list per field, audience IDs per profile, one
map of audience names); the key figures read those and build no profile.
The whole export's columns are used as they are (no copy: 0.05 s of copying
per 100,000 profiles before); audience sizes count the combinations of
audiences profiles have (a few dozen) rather than every membership. On
100,000 profiles all key figures, audiences and distributions take
0.18-0.2 s of CPU against 0.75-0.85 s for ``orjson.loads`` of the file. Without
columns (a sequence of ``Profile`` s made by hand) the same fields are read
from the profiles.

Dates are compared by a UTC key built from their text: for the usual ``...Z`` and
``+00:00`` forms the key is a slice of the text (when every text has the ``Z``
form, one ``map`` of slices at C speed: 15 ms per 100,000 against 28 ms) (fractions of a second compare
correctly as text: ``00.25`` < ``00.5``), other offsets are parsed and moved to UTC.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import timezone
from itertools import chain, compress, repeat
from operator import itemgetter
from typing import Any

from viewer.insights.bulk import mapped, slices, tally
from viewer.model.audiences import member_ids
from viewer.model.profile import Profile
from viewer.model.times import parse_rfc3339
from viewer.reading.work_pauses import between_slices

CHUNK = 5000  # profiles between progress reports and cancel polls (profiles without columns)
_DASH, _T, _LAST = itemgetter(4), itemgetter(10), itemgetter(-1)
_BODY = itemgetter(slice(0, -1))
_SANDBOX_VALUES = (False, True, None)  # how the loader's columns store ``sandbox``: 0, 1, 2


def utc_key(text: str | None) -> str | None:
    """``YYYY-MM-DDTHH:MM:SS[.fff]`` in UTC for an RFC 3339 text, else None; keys sort like the moments."""
    if text is None or len(text) < 20 or text[4] != "-" or text[7] != "-":
        return None
    last = text[-1]
    if last == "Z" or last == "z":
        key = text[:-1]
    elif text.endswith("+00:00") or text.endswith("-00:00"):
        key = text[:-6]
    else:
        moment = parse_rfc3339(text)
        if moment is None:
            return None
        try:
            return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")[:26].rstrip("0").rstrip(".")
        except (OverflowError, ValueError):
            return None
    if key[10] != "T":
        key = key[:10] + "T" + key[11:]
    return key


def utc_keys(texts: Sequence[str | None]) -> list[str | None]:
    """``utc_key`` of every text; when all are in the usual ``...THH:MM:SS[.f]Z`` form, sliced at C speed."""
    if zulu(texts):
        return mapped(_BODY, texts)
    return [t[:-1] if t is not None and t[-1:] == "Z" and t[10:11] == "T" and t[4:5] == "-" else utc_key(t)
            for t in texts]


def zulu(texts: Sequence[str | None]) -> bool:
    """Whether every text is a time in the usual ``YYYY-MM-DDTHH:MM:SS[.f]Z`` form (checked at C speed).

    Such texts order like their moments except within one second (``Z`` sorts
    after the ``.`` of a fraction): a month, or "before this second", can be
    read from the texts themselves, with no key made (30 ms per 100,000 texts).
    """
    if not texts or any(None in part for part in slices(texts)):
        return False
    present: Sequence[str] = texts  # type: ignore[assignment]  # no None among them
    try:
        for part in slices(present):
            if min(map(len, part)) < 20 or set(map(_LAST, part)) != {"Z"} or set(map(_T, part)) != {"T"} or \
                    set(map(_DASH, part)) != {"-"}:
                return False
    except (IndexError, TypeError):
        return False
    return True


def _starting(texts: Sequence[str], prefix: str) -> list[str]:
    """The texts that start with ``prefix``, a slice at a time."""
    found: list[str] = []
    for part in slices(texts):
        found.extend(compress(part, map(str.startswith, part, repeat(prefix))))
    return found


def zulu_span(texts: Sequence[str]) -> tuple[str, str]:
    """The earliest and latest of ``zulu`` texts.

    ``min`` and ``max`` of the texts (2.5 ms each per 100,000) find the first
    and last second; within it the texts order by their keys, looked at only
    where the text order may differ: for the earliest when it has a fraction
    (``00Z`` comes before ``00.5Z``, ``00.5Z`` before ``00.51Z``), for the
    latest always (a scan of 9-13 ms).
    """
    first = min(min(part) for part in slices(texts))
    last = max(max(part) for part in slices(texts))
    if first[19] != "Z":
        first = min(_starting(texts, first[:19]), key=_BODY)
    return first, max(_starting(texts, last[:19]), key=_BODY)


@dataclass(slots=True)
class Counted:
    """The counted fields of the summarised profiles (one entry per profile where it says so)."""

    indices: Sequence[int] = field(default_factory=list)  # each profile's index in the export
    environments: Counter[bool | None] = field(default_factory=Counter)
    total_sales: list[Any] = field(default_factory=list)  # int | Decimal (float in old exports) | None
    closed_sessions: list[int | None] = field(default_factory=list)
    created: list[str | None] = field(default_factory=list)  # the texts as written
    last_activity: list[str | None] = field(default_factory=list)
    members: Counter[int] = field(default_factory=Counter)  # audience ID -> members
    audience_names: dict[int, str] = field(default_factory=dict)


def _distinct(items: tuple[Any, ...]) -> Any:
    """A profile's audiences with repeats dropped: each profile counts once per audience."""
    return items if len(items) < 2 else dict.fromkeys(items)


def read_counted(profiles: Sequence[Profile], rows: Sequence[int] | None, step: Callable[[int], None]) -> Counted:
    """The counted fields of ``profiles`` (only those at ``rows`` when given); ``step(n)`` after each field.

    The whole export's fields are the columns themselves (no copy); a search
    result's are picked from them with ``map`` at C speed.
    """
    columns = getattr(profiles, "columns", None)
    if columns is None or len(columns) != len(profiles):
        return _from_profiles(profiles, rows, step)
    total = len(profiles) if rows is None else len(rows)
    counted = Counted(indices=range(len(profiles)) if rows is None else rows)
    counted.audience_names = dict(columns.audience_names)
    between_slices()

    def part(values: Sequence[Any]) -> Any:
        return values if rows is None else mapped(values.__getitem__, rows)

    if rows is None:
        environments: Counter[bool | None] = Counter()
        for piece in slices(columns.sandbox):  # three ``count`` s over 1,000,000 held the lock 30 ms
            for code, value in enumerate(_SANDBOX_VALUES):
                environments[value] += piece.count(code)
        counted.environments = +environments  # without the zero counts
    else:
        counted.environments = Counter(map(_SANDBOX_VALUES.__getitem__, part(columns.sandbox)))
    # The loader makes each column when first asked for, in one C call that holds the interpreter lock
    # (60-85 ms per field at 1,000,000 profiles): asked for back to back they stalled the window 104-166 ms.
    # Between two of them the worker pauses, so the window waits for one at most.
    counted.total_sales = part(columns.total_sales)
    between_slices()
    counted.closed_sessions = part(columns.closed_sessions)
    between_slices()
    counted.created = part(columns.created)
    between_slices()
    counted.last_activity = part(columns.last_activity)
    step(total // 2)
    counted.members = _members(part(columns.audiences))
    step(total - total // 2)
    return counted


def _members(audiences: Sequence[tuple[int, ...]]) -> Counter[int]:
    """Members per audience ID of profiles given by their audience IDs (a tuple each)."""
    return members_of(tally(audiences), len(audiences))


def members_of(combinations: Counter[tuple[int, ...]], profiles: int) -> Counter[int]:
    """Members per audience ID, from how many profiles have each combination of audience IDs.

    Profiles share a few combinations: counting the combinations (hashing
    small tuples at C speed) and then each combination's IDs once costs a
    third of counting every ID. A profile that lists an audience twice
    counts once.
    """
    members: Counter[int] = Counter()
    if len(combinations) * 8 > profiles:  # most profiles in a combination of their own
        combos: list[Any] = list(combinations)
        if list(map(len, map(frozenset, combos))) != list(map(len, combos)):
            combos = list(map(_distinct, combos))
        members.update(chain.from_iterable(chain.from_iterable(map(repeat, combos, combinations.values()))))
        return members
    for ids, n in combinations.items():
        for audience in _distinct(ids):
            members[audience] += n
    return members


def _from_profiles(profiles: Sequence[Profile], rows: Sequence[int] | None, step: Callable[[int], None]) -> Counted:
    counted = Counted(indices=[])
    chosen = list(profiles) if rows is None else [profiles[i] for i in rows]
    for start in range(0, len(chosen), CHUNK):
        chunk = chosen[start:start + CHUNK]
        counted.indices.extend(p.index for p in chunk)  # type: ignore[attr-defined]
        counted.environments.update(p.sandbox for p in chunk)
        counted.total_sales.extend(p.total_sales for p in chunk)
        counted.closed_sessions.extend(p.closed_sessions for p in chunk)
        counted.created.extend(p.created_text for p in chunk)
        counted.last_activity.extend(p.last_activity_text for p in chunk)
        for profile in chunk:
            counted.members.update(_distinct(member_ids(profile, counted.audience_names)))
        step(len(chunk))
    return counted
