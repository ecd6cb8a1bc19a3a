"""How the profile panel words each field (no Qt): dates, money, missing, null, empty.

A field the file lacks reads ``— missing`` and a JSON null reads ``null``, both
dimmed, so neither looks like zero or an empty value. Every ``FieldText`` also
carries the exact text "Copy exact value" copies, which is the file's own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from viewer.model.audiences import merged_audiences
from viewer.model.json_text import json_text
from viewer.model.profile import Profile
from viewer.model.times import local_and_utc_text, relative_age
from viewer.model.values import grouped_int, int_text, plural, scalar_text

MISSING_TEXT = "— missing"
NULL_TEXT = "null"
OTHER_FIELD_LIMIT = 500  # characters of an unknown field shown inline
_DATES = ("created", "last_activity")
_ID_LISTS = ("connected_applications_ids", "connected_audiences")
_LISTS = ("audience_memberships", "loyalty_memberships", *_ID_LISTS)
_SHOWN_IDS = 20
_ID_LIST_TABS = {"connected_audiences": "Audiences tab", "connected_applications_ids": "Apps tab"}  # where they are listed


@dataclass(frozen=True, slots=True)
class FieldText:
    """One field as shown: ``text``, the ``exact`` copy, dimmed or not, a note and tooltip lines."""

    text: str
    exact: str
    dim: bool = False
    note: str = ""
    tooltip: tuple[str, ...] = ()


def money_text(value: int | float | Decimal) -> str:
    """Two decimals with thousands separators (``1,299.99``), for any size of number."""
    if isinstance(value, int):  # exact, also beyond a float's range
        return grouped_int(value) + ".00"
    return f"{value:,.2f}"


def field_text(profile: Profile, name: str, now: datetime | None = None) -> FieldText:
    """The panel's wording of field ``name`` (a python field name) of ``profile``."""
    state = profile.field_state(name)
    original = profile.original(name)
    value = getattr(profile, name)
    if name == "audience_memberships":
        shown = _audiences_text(profile)
        if shown is not None:
            return shown
    if state == "missing":
        return FieldText(MISSING_TEXT, "", dim=True)
    if state == "null":
        return FieldText(NULL_TEXT, NULL_TEXT, dim=True)
    if name in _DATES and value is not None:
        local, utc = local_and_utc_text(value, value.text)
        return FieldText(local, value.text, note=relative_age(value, now), tooltip=(f"In the file: {value.text}", f"UTC: {utc}"))
    if name == "total_sales" and value is not None:
        return FieldText(money_text(value), scalar_text(original), tooltip=(f"Exact value: {scalar_text(original)}",))
    if name == "sandbox" and isinstance(value, bool):
        return FieldText(f"{scalar_text(value)} ({'sandbox' if value else 'live'})", scalar_text(value))
    if name == "attributes" and isinstance(original, dict):
        count = len(original)
        return FieldText(f"{count} key{'' if count == 1 else 's'}" if original else "no keys", json_text(original))
    if name in _LISTS and isinstance(original, list):
        items = value or ()
        note = ""
        if name in _ID_LISTS:
            text = ", ".join(int_text(i) for i in items[:_SHOWN_IDS]) + (" …" if len(items) > _SHOWN_IDS else "")
            note = f"{plural(len(items), 'ID')} · {_ID_LIST_TABS[name]}" if items else ""
        else:
            text = plural(len(items), "membership")
        return FieldText(text if items else "empty list", json_text(original), dim=not items, note=note)
    if isinstance(original, str) and original == "":
        return FieldText("empty text", "", dim=True)
    if isinstance(original, (dict, list)):
        text = json_text(original)
        return FieldText(text, text)
    text = scalar_text(original)
    if isinstance(original, int) and not isinstance(original, bool) and name not in ("id", "account_id"):
        return FieldText(grouped_int(original), text)
    return FieldText(text, text)


def _audiences_text(profile: Profile) -> FieldText | None:
    """The Audiences tile counts what the Audiences tab lists: memberships and connected audiences."""
    rows = merged_audiences(profile)
    state = profile.field_state("audience_memberships")
    if not rows or (state == "present" and not isinstance(profile.original("audience_memberships"), list)):
        return None  # the generic wording: empty, missing, null or not a list
    connected_only = sum(1 for row in rows if row.membership == "connected")
    lists = sum(1 for row in rows if row.membership == "member list")
    members = len(rows) - connected_only - lists
    parts = [plural(members, "membership")] if members else []
    parts += [f"{connected_only:,} connected"] if connected_only else []
    parts += [plural(lists, "member list")] if lists else []
    if state != "present" and not lists:
        note = f"connected only (memberships {state})"
    elif connected_only or lists:
        note = " + ".join(parts)
    else:
        note = "see the Audiences tab"
    exact = {"present": json_text(profile.original("audience_memberships")), "null": NULL_TEXT}.get(state, "")
    return FieldText(plural(len(rows), "audience"), exact, note=note)


def other_field_text(value: Any) -> FieldText:
    """An unknown top-level field: JSON for containers, cut short inline, whole in the copy."""
    full = json_text(value) if isinstance(value, (dict, list)) else scalar_text(value)
    if len(full) <= OTHER_FIELD_LIMIT:
        return FieldText(full, full, dim=value is None)
    return FieldText(full[:OTHER_FIELD_LIMIT] + " …", full, dim=value is None, tooltip=(full,))  # the tooltip cuts it


def environment_note(profile: Profile) -> str:
    """Why the badge says what it says: the file's ``sandbox`` value, or that it is missing."""
    if profile.field_state("sandbox") == "missing":
        return "sandbox field missing: environment unknown"
    return f"sandbox: {scalar_text(profile.original('sandbox'))}"


def profile_subtitle(profile: Profile) -> str:
    """The line under the integration ID: ``Profile 42 · account 7`` (and a missing ID)."""
    bits = []
    ident = profile.integration_id
    if not ident:
        bits.append("integration ID " + ("empty" if ident == "" else profile.field_state("integration_id")))
    bits.append(f"Profile {int_text(profile.id)}" if profile.id is not None else f"Profile #{profile.index + 1} (no ID)")
    if profile.account_id is not None:
        bits.append(f"account {profile.account_id}")
    return " · ".join(bits)
