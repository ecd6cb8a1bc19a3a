"""Cells of the companion tables (sessions, loyalty): exact amounts, times that were never set or unreadable.

Amounts are ``Decimal`` and show two decimals computed on the exact decimal
(never through float); Copy gives the file's text. A time Talon.One never set
(Go's zero time, read as ``None``) reads "Not set"; one that could not be read
shows its text as written, with a warning icon and a tooltip saying so.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from viewer.model.companions import COMPANION_KINDS, CompanionKind, Companions
from viewer.model.profile import Profile
from viewer.model.times import format_local
from viewer.ui.details.membership_lists import Cell

NOT_SET = "Not set"
ADD_FILES = "File > Add to this export…"
_PLAIN_DIGITS = 30  # beyond this exponent an amount shows as written (1E+400000 would print 400,000 digits)


def amount_text(value: Decimal) -> str:
    """``1,234.50`` from the exact decimal (half-even rounding to cents); NaN, infinities and huge ones as written."""
    if not value.is_finite() or abs(value.adjusted()) > _PLAIN_DIGITS:
        return str(value)
    return format(value, ",.2f")


def amount_cell(value: Decimal | None, text: str | None = None) -> Cell:
    """An amount (total, points); ``text`` is the file's spelling (Copy gives it), else the decimal's own."""
    exact = text if text is not None else ("" if value is None else str(value))
    if value is None:
        if exact.strip():
            return Cell(exact, None, f"Not a number: {exact}", warn=True, copy=exact, number=True)
        return Cell("—", None, "Empty in the file", dim=True, copy="", number=True)
    shown = amount_text(value)
    tip = f"In the file: {exact}" if shown.replace(",", "") != exact else ""
    key = value if value.is_finite() else None  # NaN does not order
    return Cell(shown, key, tip, copy=exact, number=True)


def is_zero_time(text: str) -> bool:
    """Go's zero time (``0001-01-01T00:00:00Z``) or an empty cell: a time that was never set."""
    text = text.strip()
    return not text or text.startswith("0001-01-01")


def time_cell(value: datetime | None, text: str) -> Cell:
    """A session's or tier's time: local time, "Not set", or the unreadable text with a warning."""
    if value is not None:
        return Cell(format_local(value), value.timestamp(), f"In the file: {text}", copy=text)
    if is_zero_time(text):
        tip = f"In the file: {text} (Go's zero time: never set)" if text.strip() else "Empty in the file"
        return Cell(NOT_SET, None, tip, dim=True, copy=text)
    return Cell(text, None, f"Not a time the viewer can read: {text}", warn=True, copy=text)


def id_cell(value: int | None) -> Cell:
    """A numeric ID (program, application), a dash when the file has none."""
    return Cell("—" if value is None else str(value), value, dim=value is None, number=True)


def companions_of(profile: Profile | None) -> Companions | None:
    """The companion files the profile's export was opened with (None for no profile)."""
    if profile is None:
        return None
    return getattr(profile, "companions", None)  # a plain slot: unset until a loader attaches files


def opened(profile: Profile | None, *kinds: CompanionKind) -> list[str]:
    """Names of the opened companion files of ``kinds`` (empty when none was opened)."""
    companions = companions_of(profile)
    files = companions.files if companions is not None else ()
    return [f.name for f in files if f.kind in kinds]


def csv_only(profile: Profile | None) -> bool:
    """Whether ``profile`` stands for an integration ID of CSV exports opened without a profile export.

    Such a profile is the ID alone (``{"integrationId": ...}``): its other fields are not missing
    from any file, so the panel shows what the CSV files have instead of a tile of "missing" each.
    """
    return profile is not None and bool(opened(profile, *COMPANION_KINDS)) and profile.raw.keys() == {"integrationId"}


def files_text(names: Sequence[str]) -> str:
    """``sessions.csv`` or ``a.csv, b.csv``."""
    return ", ".join(names)
