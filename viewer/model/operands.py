"""The values a comparison compares with, and the values it compares (no Qt).

Shared by the profile query language (``viewer.query``) and the attribute
filter (``viewer.attributes``): exact numbers (``int`` or ``Decimal``, never
float), dates and spans of time, relative ages, and a value read as a number
or a moment.

A date names a span: ``2024`` the whole year, ``2023-06`` the month,
``2024-01-01`` the day, ``2024-01-01T10:00`` the minute, and so on down to the
written fraction of a second. Comparisons treat the span as one value, so
``created>2023-06`` means after June 2023 and ``created<=2023-06`` up to its
end. Dates without a zone are UTC, as the exports write their times.

``90d``, ``12w``, ``6m`` and ``1y`` are that long before now (calendar months
and years), a moment rather than a span: ``lastActivity<90d`` selects profiles
last active more than 90 days ago.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from decimal import Decimal, InvalidOperation
from functools import partial
from typing import Any

from viewer.model.times import parse_rfc3339

_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d{1,4})?\Z")
_DATE = re.compile(
    r"(?P<y>\d{4})(?:-(?P<mo>\d{2})(?:-(?P<d>\d{2})(?:[Tt ](?P<h>\d{2}):(?P<mi>\d{2})"
    r"(?::(?P<s>\d{2})(?P<f>\.\d{1,9})?)?(?P<tz>[Zz]|[+-]\d{2}:?\d{2})?)?)?)?\Z"
)
_NUMBER_TEXT = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\Z")
_DATE_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_RELATIVE = re.compile(r"(\d{1,6})([dwmy])\Z", re.IGNORECASE)
_UTC = timezone.utc
EARLIEST = datetime.min.replace(tzinfo=_UTC)
LATEST = datetime.max.replace(tzinfo=_UTC)


@dataclass(frozen=True, slots=True)
class Span:
    """``start`` <= t < ``end``; a moment (``start == end``) compares as that one instant."""

    start: datetime
    end: datetime

    @property
    def is_moment(self) -> bool:
        """Whether this is an instant rather than a stretch of time."""
        return self.start == self.end


@dataclass(frozen=True, slots=True)
class Relative:
    """``amount`` units (``d``, ``w``, ``m``, ``y``) before the time a query runs."""

    amount: int
    unit: str

    def moment(self, now: datetime) -> Span:
        """The instant this age names, seen from ``now``; clamped to the first representable time."""
        try:
            if self.unit == "d":
                when = now - timedelta(days=self.amount)
            elif self.unit == "w":
                when = now - timedelta(weeks=self.amount)
            else:
                months = self.amount * (12 if self.unit == "y" else 1)
                when = _months_before(now, months)
        except (OverflowError, ValueError):
            when = EARLIEST
        return Span(when, when)


@dataclass(frozen=True, slots=True)
class Operand:
    """What one side of a comparison may mean: a number, a date span or age, and always the text."""

    text: str  # lowercase, unquoted
    number: int | Decimal | None = None
    span: Span | None = None
    relative: Relative | None = None

    @property
    def is_date(self) -> bool:
        """Whether the operand can stand for a time."""
        return self.span is not None or self.relative is not None

    def when(self, now: datetime) -> Span | None:
        """The span of time meant, seen from ``now`` (None when the operand is no date)."""
        return self.relative.moment(now) if self.relative is not None else self.span


def operand(text: str) -> Operand:
    """Read ``text`` as every kind of value it can be (``2024`` is a number and a year)."""
    lowered = text.strip().lower()
    return Operand(lowered, number_value(lowered), date_span(lowered), relative_age(lowered))


def number_value(text: str) -> int | Decimal | None:
    """``text`` as an exact number: ``int`` for whole numbers written without a point, else ``Decimal``."""
    if not _NUMBER.match(text):
        return None
    if text.lstrip("+-").isdigit():
        return int(text) if len(text) < 4000 else None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def relative_age(text: str) -> Relative | None:
    """``90d`` -> ``Relative(90, "d")``; None for anything else."""
    found = _RELATIVE.match(text)
    return None if found is None else Relative(int(found[1]), found[2].lower())


def date_span(text: str) -> Span | None:
    """The span of time a written date covers; None when ``text`` is no date."""
    found = _DATE.match(text)
    if found is None:
        return None
    parts = found.groupdict()
    try:
        zone = _zone(parts["tz"])
        year = int(parts["y"])
        if parts["mo"] is None:
            return _span(datetime(year, 1, 1, tzinfo=zone), lambda s: s.replace(year=year + 1))
        month = int(parts["mo"])
        if parts["d"] is None:
            return _span(datetime(year, month, 1, tzinfo=zone), lambda s: _months_before(s, -1))
        day = int(parts["d"])
        if parts["h"] is None:
            return _span(datetime(year, month, day, tzinfo=zone), lambda s: s + timedelta(days=1))
        hour, minute = int(parts["h"]), int(parts["mi"])
        if parts["s"] is None:
            return _span(datetime(year, month, day, hour, minute, tzinfo=zone), lambda s: s + timedelta(minutes=1))
        fraction = parts["f"] or ""
        micro = int((fraction[1:] + "000000")[:6]) if fraction else 0
        start = datetime(year, month, day, hour, minute, int(parts["s"]), micro, tzinfo=zone)
        step = timedelta(microseconds=10 ** (6 - min(len(fraction) - 1, 6))) if fraction else timedelta(seconds=1)
        return _span(start, lambda s: s + step)
    except (ValueError, OverflowError):
        return None


def _span(start: datetime, after: object) -> Span:
    try:
        end = after(start)  # type: ignore[operator]
    except (ValueError, OverflowError):
        end = LATEST
    return Span(start, end)


def _zone(text: str | None) -> timezone:
    if text is None or text in ("Z", "z"):
        return _UTC
    digits = text[1:].replace(":", "")
    offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    return timezone(-offset if text[0] == "-" else offset)


def _months_before(moment: datetime, months: int) -> datetime:
    """``moment`` moved ``months`` calendar months back (negative: forward), the day clamped to the month."""
    total = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    days = (datetime(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day if year < 9999 or month < 12 else 31
    return moment.replace(year=year, month=month, day=min(moment.day, days))


def exact_number(value: Any) -> int | Decimal | None:
    """``value`` as an exact number (int or Decimal), None when it is not a number.

    Strings that are exactly a number (``"50000"``, a postal code written as text)
    count as that number. A ``float`` becomes the ``Decimal`` of its shortest text,
    which is the text the file wrote for every value of up to 15 significant digits.
    """
    kind = type(value)
    if kind is int:
        return value  # type: ignore[no-any-return]
    if kind is bool or value is None:
        return None
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if kind is float:
        return Decimal(repr(value)) if value == value and value not in (float("inf"), float("-inf")) else None
    if kind is str and len(value) < 100 and _NUMBER_TEXT.match(value):
        try:
            return Decimal(value)
        except InvalidOperation:
            return None
    if isinstance(value, int):
        return int(value)
    return None


def moment(value: Any) -> datetime | None:
    """``value`` as a time zone-aware datetime: a datetime, an RFC 3339 string or a ``YYYY-MM-DD`` date (UTC)."""
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=timezone.utc)
    if type(value) is not str:
        return None
    if len(value) == 10 and _DATE_ONLY.match(value):
        try:
            return datetime.fromisoformat(value).replace(tzinfo=timezone.utc)
        except ValueError:
            return None
    return parse_rfc3339(value)


# ``value OP bound`` written as ``REVERSED[OP](bound, value)``, so the bound can be bound first:
# one C call per value instead of a lambda's two made a warm scan about twice as fast.
REVERSED: dict[str, Callable[[Any, Any], bool]] = {
    ">": operator.lt, ">=": operator.le, "<": operator.gt, "<=": operator.ge, "=": operator.eq,
}


def date_test_for(op: str, span: Span) -> Callable[[datetime], bool]:
    """``moment op span``: a span is one value (``>2023-06`` is after June; ``<=2023-06`` up to its end)."""
    start, end = span.start, span.end
    if span.is_moment:
        return partial(REVERSED[op], start)
    if op == "<":
        return partial(operator.gt, start)
    if op == "<=":
        return partial(operator.gt, end)
    if op == ">":
        return partial(operator.le, end)
    if op == ">=":
        return partial(operator.le, start)
    return lambda v: start <= v < end
