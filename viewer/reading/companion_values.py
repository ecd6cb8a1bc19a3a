"""The cells of Talon.One's CSV exports as exact values: IDs, money, booleans, JSON and dates.

Each reader returns ``(value, trouble)``: ``trouble`` is ``None`` when the cell
was read, else a short phrase saying what is wrong (the caller makes it a
``Problem`` at the cell's place). Nothing is rounded: money and points are
``Decimal``, JSON cells are parsed with ``parse_float=Decimal``.

Dates come in the export's ``dateFormat``: ``ISO8601`` writes RFC 3339
(``2024-03-05T14:07:00Z``); ``excel`` writes a spreadsheet's form
(``2024-03-05 14:07:00`` or ``03/05/2024 14:07``, month first) without a time
zone, read here as UTC. Go's zero time ``0001-01-01T00:00:00Z`` means "not set"
and is ``None`` without a problem.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from decimal import Decimal, InvalidOperation
from typing import Any

from viewer.model.times import parse_rfc3339

RFC3339 = "RFC 3339"
SPREADSHEET = "spreadsheet (excel)"

_ZERO_TIMES = frozenset({"0001-01-01T00:00:00Z", "0001-01-01T00:00:00.000Z", "0001-01-01 00:00:00",
                         "0001-01-01T00:00:00+00:00", "01/01/0001 00:00", "01/01/0001 00:00:00"})
_SHEET_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?: (\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?\Z")
_SHEET_US = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?\Z")
_GO_LAYOUT_OFFSET = re.compile(r"Z\d{2}:\d{2}\Z")
_INT = re.compile(r"[+-]?\d+\Z")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\Z")
_EMPTY_JSON: dict[str, Any] = {"[]": None, "{}": None, "null": None}
_decode_json = json.JSONDecoder(parse_float=Decimal).decode
_fromisoformat = datetime.fromisoformat
_TRUE = frozenset({"true", "1", "yes"})
_FALSE = frozenset({"false", "0", "no"})


def int_cell(text: str) -> tuple[int | None, str | None]:
    """An ID: ``int``; empty is ``None``; anything else is ``None`` with a problem."""
    if text.isdigit() and text.isascii():  # the common case, without the pattern
        return int(text), None
    if not text:
        return None, None
    stripped = text.strip()
    if _INT.match(stripped):
        return int(stripped), None
    return None, f"not a whole number ({text!r})"


def decimal_cell(text: str) -> tuple[Decimal | None, str | None]:
    """Money or points exactly as written (``10.00`` stays ``Decimal('10.00')``); empty is ``None``."""
    if not text:
        return None, None
    if text[0].isdigit() and text[-1].isdigit() and "_" not in text:  # the common case, without the pattern
        try:
            return Decimal(text), None
        except InvalidOperation:
            pass
    stripped = text.strip()
    if _NUMBER.match(stripped):
        try:
            return Decimal(stripped), None
        except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
            pass
    return None, f"not a number ({text!r})"


def bool_cell(text: str) -> tuple[bool | None, str | None]:
    """``true``/``false`` (any case, also 1/0); empty is ``None``."""
    if not text:
        return None, None
    lowered = text.strip().lower()
    if lowered in _TRUE:
        return True, None
    if lowered in _FALSE:
        return False, None
    return None, f"not true or false ({text!r})"


def json_cell(text: str) -> tuple[Any, str | None]:
    """The parsed JSON of a cell (``Decimal`` for fractions); empty and ``null`` are ``None``.

    ``[]`` and ``{}`` give a new empty list or dict each time. A cell that is not
    JSON keeps its text (a ``str``) and gets a problem.
    """
    if not text:
        return None, None
    if text in _EMPTY_JSON:
        return ([] if text == "[]" else {} if text == "{}" else None), None
    try:
        return _decode_json(text), None
    except (ValueError, RecursionError) as exc:
        reason = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
        return text, f"not valid JSON ({reason}); shown as written"


def time_cell(text: str) -> tuple[datetime | None, str | None, str]:
    """``(moment, trouble, form)``: ``form`` is ``RFC3339``, ``SPREADSHEET`` or "" (empty, zero or unreadable)."""
    if not text or text in _ZERO_TIMES:
        return None, None, ""
    if len(text) == 20 and text[10] == "T" and text[19] == "Z" and text[4] == "-":  # 2024-03-05T14:07:00Z
        try:
            return _fromisoformat(text), None, RFC3339
        except ValueError:
            pass
    moment = parse_rfc3339(text)
    if moment is not None:
        if moment.year == 1 and moment.month == 1 and moment.day == 1 and not (moment.hour or moment.minute):
            return None, None, ""  # Go's zero time, however it is spelt
        return moment, None, RFC3339
    sheet = _spreadsheet(text)
    if sheet is not None:
        return sheet, None, SPREADSHEET
    return None, _time_trouble(text), ""


def _spreadsheet(text: str) -> datetime | None:
    match = _SHEET_ISO.match(text)
    try:
        if match:
            year, month, day, hour, minute, second, frac = match.groups()
            micro = int((frac or "0").ljust(6, "0"))
            return datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0),
                            micro, tzinfo=timezone.utc)
        match = _SHEET_US.match(text)
        if match:
            month, day, year, hour, minute, second = match.groups()
            return datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0),
                            tzinfo=timezone.utc)
    except ValueError:
        return None
    return None


def _time_trouble(text: str) -> str:
    bad = _GO_LAYOUT_OFFSET.search(text)
    if bad:
        return (f"not an RFC 3339 date-time ({text!r}): the offset \u201c{bad.group()}\u201d puts Z before "
                "an offset (Go's layout text Z07:00 written instead of the time zone); shown as written")
    return (f"not a date-time ({text!r}): expected RFC 3339 (2024-03-05T14:07:00Z) or a spreadsheet date "
            "(2024-03-05 14:07:00, 03/05/2024 14:07); shown as written")
