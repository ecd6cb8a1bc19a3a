"""RFC 3339 date-times: recognising them in file text and showing them to people (no Qt).

The one place that decides whether a string is a date-time (the attribute tree's
``time`` kind) and how a moment reads on the user's clock, in UTC, or relative to
now. Years at the very edges (1 and 9999) cannot always be moved into the local
time zone; every formatter falls back rather than raising.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

_RFC3339 = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?P<frac>\.\d+)?(?P<tz>[Zz]|[+-]\d{2}:\d{2})\Z"
)
# Years 1 and 9999 cannot always be moved into another time zone.
_UNCONVERTIBLE = (OverflowError, ValueError, OSError)
_AGE_UNITS = ((31557600, "year"), (2629800, "month"), (604800, "week"), (86400, "day"), (3600, "hour"), (60, "minute"))


def parse_rfc3339(text: str) -> datetime | None:
    """The tz-aware datetime an RFC 3339 date-time string denotes, else None."""
    if len(text) < 20 or len(text) > 40 or text[4] != "-":
        return None
    match = _RFC3339.match(text)
    if match is None:
        return None
    frac = match.group("frac") or ""
    tz = match.group("tz")
    # Python 3.11 reads at most 6 fractional digits; .NET writes 7.
    iso = text[:19].replace("t", "T").replace(" ", "T") + frac[:7]
    iso += "+00:00" if tz in ("Z", "z") else tz
    try:
        return datetime.fromisoformat(iso)
    except ValueError:
        return None


def date_only_text(text: str) -> str | None:
    """``1996-08-16`` for a date stored as exactly midnight UTC, no fraction (a birthday), else None.

    Such a value stands for a calendar date: on the user's clock it would read
    ``07:00`` east of UTC and the day before west of it.
    """
    if text[11:19] != "00:00:00":  # cheap: most times are not midnight
        return None
    moment = parse_rfc3339(text)
    if moment is None or "." in text or moment.utcoffset() != timedelta(0):
        return None
    if (moment.hour, moment.minute, moment.second) != (0, 0, 0):
        return None
    return text[:10]


def local_time_text(moment: datetime) -> str:
    """A time as the user's clock shows it: ``2020-06-10 11:05:27 CEST``."""
    try:
        local = moment.astimezone()
    except _UNCONVERTIBLE:
        local = moment
    return f"{local:%Y-%m-%d %H:%M:%S} {local.tzname() or ''}".rstrip()


def local_and_utc_text(moment: datetime, fallback: str) -> tuple[str, str]:
    """``("2020-06-10 11:05", "2020-06-10 09:05:27 UTC")``; ``fallback`` twice when unconvertible.

    The local part is written as the profile list's cells write it (``format_local``), so
    a time reads the same in the list, the panel and the Sessions tab.
    """
    try:
        moment.astimezone()  # raises where the local tz database cannot place the moment
        return format_local(moment), moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")
    except _UNCONVERTIBLE:
        return fallback, fallback


def relative_age(when: datetime, now: datetime | None = None) -> str:
    """``3 days ago`` / ``in 2 hours`` / ``just now``."""
    now = now or datetime.now(timezone.utc)
    seconds = (now - when).total_seconds()
    future, seconds = seconds < 0, abs(seconds)
    for size, unit in _AGE_UNITS:
        if seconds >= size:
            n = int(seconds // size)
            text = f"{n} {unit}{'' if n == 1 else 's'}"
            return f"in {text}" if future else f"{text} ago"
    return "just now"


def format_local(ts: datetime) -> str:
    """A timestamp in local time, minute precision (``2023-03-12 09:05``), for list cells.

    Years 1000-9999 are written by hand: ``strftime`` took 4 µs of 7.5 µs a cell,
    and the list formats the times of every row it paints.
    """
    try:
        local = ts.astimezone()
    except (OverflowError, ValueError, OSError):  # years far outside the local tz database
        return ts.strftime("%Y-%m-%d %H:%M %z")
    if local.year < 1000:  # as strftime writes them
        return local.strftime("%Y-%m-%d %H:%M")
    return f"{local.year}-{local.month:02d}-{local.day:02d} {local.hour:02d}:{local.minute:02d}"
