"""The profile list's built-in cells read straight from the reader's columns: no profile is built (no Qt).

Painting rows the list had not shown yet built each row's ``Profile`` from its
text. Measured on the benchmark export (100,000 profiles, the file's text
released): building one took about 90 µs and its eight cell texts 39 µs more,
so a selection far away (about 36 new rows) spent some 5 ms before a pixel was
drawn, and fitting the columns over 100 sampled rows about 13 ms. The reader's
columns (``ProfileList.columns``) hold the same values for every profile that
passed the typed decode; here the same texts take about 10 µs a row.

The texts are those of ``viewer.model.profile_columns.cell_text``: exact
integers, money's two decimals from the exact decimal, local time to the
minute (a test compares both over every row and column of odd files). A
profile the full check read (``fully_checked``: a value of the wrong type, a
missing field, a number beyond a double) gets no texts here: its warning icon
and its "as written" text come from the built profile, as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from viewer.model.field_text import money_text
from viewer.model.profile_columns import ENVIRONMENT_LABELS
from viewer.model.times import format_local
from viewer.model.values import int_text

SHOWN_ID_CHARS = 200  # as ``cell_text``: an integration ID may hold 1,000 characters; the cell shows the start
_ENVIRONMENTS = (ENVIRONMENT_LABELS["live"], ENVIRONMENT_LABELS["sandbox"], ENVIRONMENT_LABELS["unknown"])
_fromisoformat = datetime.fromisoformat


def column_cells(profiles: Sequence[Any], index: int) -> list[str] | None:
    """The built-in columns' texts of the profile at ``index``, from ``profiles.columns``.

    None when the columns cannot answer for it: ``profiles`` has no reader's columns,
    the profile went through the full check, or a time is not what the typed decode
    lets through (then ``cell_text`` of the built profile says it).
    """
    columns = getattr(profiles, "columns", None)
    checked = getattr(profiles, "fully_checked", None)
    if columns is None or checked is None or not 0 <= index < len(columns.id) or checked(index):
        return None
    try:
        ident, integration = columns.id[index], columns.integration_id[index]
        created, active = columns.created[index], columns.last_activity[index]
        sessions, sales = columns.closed_sessions[index], columns.total_sales[index]
        sandbox, audiences = columns.sandbox[index], columns.audiences[index]
    except IndexError:  # the list grows in another thread: the built profile answers
        return None
    created_text = "" if created is None else local_minutes(created)
    active_text = "" if active is None else local_minutes(active)
    if created_text is None or active_text is None:
        return None
    integration = integration or ""
    return [
        "" if ident is None else int_text(ident),
        integration if len(integration) <= SHOWN_ID_CHARS else integration[:SHOWN_ID_CHARS] + "…",
        _ENVIRONMENTS[sandbox],
        created_text,
        active_text,
        "" if sessions is None else f"{sessions:,}",
        "" if sales is None else money_text(sales),
        str(len(audiences)),
    ]


def local_minutes(text: str) -> str | None:
    """``format_local`` of the time written ``text`` (None: not an RFC 3339 time with a zone)."""
    try:
        moment = _fromisoformat(text)
    except (TypeError, ValueError):
        return None
    return None if moment.tzinfo is None else format_local(moment)
