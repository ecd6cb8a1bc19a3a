"""The profile list's columns: titles, cell text, exact copy text, tooltips and sort keys (no Qt).

One definition per column serves the table, copying and sorting, so what a
cell shows, what Ctrl+C copies and how the column sorts cannot drift apart.
Cell text is for people (local time, thousands separators, two-decimal money);
copy text is the file's own text (``2020-06-10T09:05:27.993483Z``, ``299.99``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from viewer.model.field_text import money_text
from viewer.model.profile import Profile
from viewer.model.times import format_local
from viewer.model.values import int_text, scalar_text

ID, INTEGRATION_ID, ENVIRONMENT, CREATED, LAST_ACTIVITY, SESSIONS, SALES, AUDIENCES = range(8)
HEADERS = (
    "ID",
    "Integration ID",
    "Environment",
    "Created",
    "Last activity",
    "Closed sessions",
    "Total sales",
    "Audiences",
)
HEADER_TIPS = (
    "Internal profile ID",
    "The ID the customer's own systems use",
    "Live, Sandbox, or Unknown when the file does not say",
    "When the profile was created (local time)",
    "The customer's most recent event (local time)",
    "Closed sessions, not counting cancelled or reopened ones",
    "Money spent before discounts",
    "Number of audiences the profile belongs to",
)
NUMERIC = frozenset({ID, SESSIONS, SALES, AUDIENCES})
"""Columns of numbers: aligned right."""
ENVIRONMENT_LABELS = {"live": "Live", "sandbox": "Sandbox", "unknown": "Unknown"}
_ENV_ORDER = {"live": 0, "sandbox": 1, "unknown": 2}
_SHOWN_ID_CHARS = 200  # an integration ID may hold 1,000 characters; the cell shows the start


# The profile field behind each column that shows one value.
_FIELD = {ID: "id", INTEGRATION_ID: "integration_id", CREATED: "created", LAST_ACTIVITY: "last_activity",
          SESSIONS: "closed_sessions", SALES: "total_sales"}


def unreadable(profile: Profile, column: int) -> bool:
    """Whether the file has a value for ``column`` that is not of the field's type (``"12,50"`` as money)."""
    name = _FIELD.get(column)
    return name is not None and getattr(profile, name) is None and profile.field_state(name) == "present"


def sort_key(profile: Profile, column: int) -> Any:
    """What ``column`` sorts ``profile`` by; ``None`` (missing) sorts last either way."""
    if column == ID:
        return profile.id
    if column == INTEGRATION_ID:
        value = profile.integration_id
        return None if value is None else value.casefold()
    if column == ENVIRONMENT:
        return _ENV_ORDER[profile.environment]
    if column in (CREATED, LAST_ACTIVITY):
        ts = profile.created if column == CREATED else profile.last_activity
        return None if ts is None else ts.timestamp()
    if column == SESSIONS:
        return profile.closed_sessions
    if column == SALES:
        return profile.total_sales
    return len(profile.audience_memberships)


def cell_text(profile: Profile, column: int) -> str:
    """What the list shows for ``profile`` in ``column``; a value of the wrong type shows as written."""
    if unreadable(profile, column):
        written = scalar_text(profile.original(_FIELD[column]))
        return written if len(written) <= _SHOWN_ID_CHARS else written[:_SHOWN_ID_CHARS] + "…"
    if column == ID:
        return "" if profile.id is None else int_text(profile.id)
    if column == INTEGRATION_ID:
        value = profile.integration_id or ""
        return value if len(value) <= _SHOWN_ID_CHARS else value[:_SHOWN_ID_CHARS] + "…"
    if column == ENVIRONMENT:
        return ENVIRONMENT_LABELS[profile.environment]
    if column in (CREATED, LAST_ACTIVITY):
        ts = profile.created if column == CREATED else profile.last_activity
        return "" if ts is None else format_local(ts)
    if column == SESSIONS:
        return "" if profile.closed_sessions is None else f"{profile.closed_sessions:,}"
    if column == SALES:
        return "" if profile.total_sales is None else money_text(profile.total_sales)
    return str(len(profile.audience_memberships))


def copy_text(profile: Profile, column: int) -> str:
    """What Ctrl+C copies from the cell: the file's own text, not the formatted one."""
    if column in (CREATED, LAST_ACTIVITY):
        ts = profile.created if column == CREATED else profile.last_activity
        return "" if ts is None else ts.text
    if column == SESSIONS:
        return "" if profile.closed_sessions is None else int_text(profile.closed_sessions)
    if column == SALES:
        return "" if profile.original("total_sales") is None else scalar_text(profile.original("total_sales"))
    if column == INTEGRATION_ID:
        return profile.integration_id or ""
    return cell_text(profile, column)


def tooltip_lines(profile: Profile, column: int) -> Sequence[str]:
    """Plain-text lines for the cell's tooltip (empty: no tooltip)."""
    if unreadable(profile, column):
        return (f"As written in the file: {scalar_text(profile.original(_FIELD[column]))}",
                f"Not a valid {HEADERS[column].lower()} value: the Problems tab says why.")
    if column == INTEGRATION_ID and profile.integration_id:
        return (profile.integration_id,)
    if column in (CREATED, LAST_ACTIVITY):
        ts = profile.created if column == CREATED else profile.last_activity
        return () if ts is None else (ts.text,)
    if column == AUDIENCES and profile.audience_memberships:
        return tuple(str(m.name if m.name is not None else m.id) for m in profile.audience_memberships)
    if column == SALES and profile.total_sales is not None:
        return (f"Exact value: {scalar_text(profile.original('total_sales'))}",)
    return ()
