"""One CSV row of a companion file -> one typed record (``CustomerSession``, ``LoyaltyBalance``, ``LoyaltyTier``).

A builder gets the row's cells (padded: at least one more than the header
names, the last empty), the position of each of its kind's columns
(``companion_csv.COLUMNS``; that empty cell's when the header lacks it), the row's line and
file, a ``report(position, message)`` for odd cells, and a set that collects
the date forms seen (``companion_values.RFC3339`` / ``SPREADSHEET``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from viewer.model.companions import CustomerSession, LoyaltyBalance, LoyaltyTier
from viewer.reading.companion_values import bool_cell, decimal_cell, int_cell, json_cell, time_cell

Cells = list[str]
Report = Callable[[int, str], None]
Builder = Callable[[Cells, tuple[int, ...], int, str, Report, set[str]], Any]
STATE = 7  # the position of ``state`` in the sessions' columns (``companion_csv.COLUMNS``)


def _time(cells: Cells, columns: tuple[int, ...], position: int, report: Report,
          forms: set[str]) -> tuple[datetime | None, str]:
    text = cells[columns[position]]
    moment, trouble, form = time_cell(text)
    if trouble is not None:
        report(position, trouble)
    elif form:
        forms.add(form)
    return moment, text


def _int(cells: Cells, columns: tuple[int, ...], position: int, report: Report) -> int | None:
    value, trouble = int_cell(cells[columns[position]])
    if trouble is not None:
        report(position, trouble)
    return value


def _json(cells: Cells, columns: tuple[int, ...], position: int, report: Report) -> Any:
    value, trouble = json_cell(cells[columns[position]])
    if trouble is not None:
        report(position, trouble)
    return value


def session(cells: Cells, columns: tuple[int, ...], line: int, source: str, report: Report,
            forms: set[str]) -> CustomerSession:
    """A ``CustomerSession`` from a row of ``exportCustomerSessions``."""
    c = columns
    created, created_text = _time(cells, c, 6, report, forms)
    closed, closed_text = _time(cells, c, 12, report, forms)
    cancelled, cancelled_text = _time(cells, c, 13, report, forms)
    updated, updated_text = _time(cells, c, 17, report, forms)
    total_text = cells[c[10]]
    total, trouble = decimal_cell(total_text)
    if trouble is not None:
        report(10, trouble)
    first, trouble = bool_cell(cells[c[1]])
    if trouble is not None:
        report(1, trouble)
    return CustomerSession(
        id=_int(cells, c, 0, report),
        integration_id=cells[c[2]],
        application_id=_int(cells, c, 3, report),
        profile_id=_int(cells, c, 4, report),
        profile_integration_id=cells[c[5]],
        state=cells[c[7]],
        created=created, created_text=created_text,
        closed_at=closed, closed_at_text=closed_text,
        cancelled_at=cancelled, cancelled_at_text=cancelled_text,
        updated=updated, updated_text=updated_text,
        total=total, total_text=total_text,
        first_session=first,
        cart_items=_json(cells, c, 8, report),
        discounts=_json(cells, c, 9, report),
        attributes=_json(cells, c, 11, report),
        additional_costs=_json(cells, c, 16, report),
        identifiers=_json(cells, c, 15, report),
        coupons=_json(cells, c, 19, report),
        referral=cells[c[14]],
        store_integration_id=cells[c[18]],
        line=line, source=source,
    )


def balance(cells: Cells, columns: tuple[int, ...], line: int, source: str, report: Report,
            forms: set[str]) -> LoyaltyBalance:
    """A ``LoyaltyBalance`` from a row of ``exportLoyaltyBalances`` (empty subledger: the main ledger)."""
    c = columns
    amounts = []
    for position in (3, 4, 5, 6):
        value, trouble = decimal_cell(cells[c[position]])
        if trouble is not None:
            report(position, trouble)
        amounts.append(value)
    return LoyaltyBalance(
        program_id=_int(cells, c, 0, report), subledger=cells[c[1]],
        profile_integration_id=cells[c[2]],
        current=amounts[0], pending=amounts[1], expired=amounts[2], spent=amounts[3],
        tier=cells[c[7]], line=line, source=source,
    )


def tier(cells: Cells, columns: tuple[int, ...], line: int, source: str, report: Report,
         forms: set[str]) -> LoyaltyTier:
    """A ``LoyaltyTier`` from a row of ``exportCustomersTiers`` (``customerprofileid`` is the integration ID)."""
    c = columns
    start, start_text = _time(cells, c, 4, report, forms)
    expiry, expiry_text = _time(cells, c, 5, report, forms)
    return LoyaltyTier(
        program_id=_int(cells, c, 0, report), subledger_id=cells[c[1]],
        profile_integration_id=cells[c[2]], tier=cells[c[3]],
        start=start, start_text=start_text, expiry=expiry, expiry_text=expiry_text,
        line=line, source=source,
    )


def _member(cells: Cells, columns: tuple[int, ...], line: int, source: str, report: Report,
            forms: set[str]) -> str:
    return cells[columns[0]]


BUILDERS: dict[str, Builder] = {"sessions": session, "balances": balance, "tiers": tier, "members": _member}



def _column(rows: Sequence[Any], position: int, attribute: str) -> list[Any]:
    """Column ``position`` of ``rows``: as written when they are not built yet (``LazyRows.texts``), else the field."""
    texts = getattr(rows, "texts", None)
    if texts is not None and getattr(rows, "_built", None) is None:
        found: list[str] = texts(position)
        return found
    return [getattr(row, attribute) for row in rows]


def session_states(sessions: Sequence[CustomerSession]) -> list[str]:
    """Each session's ``state`` as written; the rows of a big file are not built for it."""
    return _column(sessions, STATE, "state")


def balance_tiers(balances: Sequence[LoyaltyBalance]) -> list[str]:
    """Each balance's ``currentTier`` as written (empty: none)."""
    return _column(balances, 7, "tier")


def balance_points(balances: Sequence[LoyaltyBalance]) -> list[Decimal | None]:
    """Each balance's current points, exact (``None``: empty or not a number)."""
    found = _column(balances, 3, "current")
    return [decimal_cell(value)[0] if isinstance(value, str) else value for value in found]


def tier_names(tiers: Sequence[LoyaltyTier]) -> list[str]:
    """Each tier period's tier name as written."""
    return _column(tiers, 3, "tier")
