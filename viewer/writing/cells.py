"""The text of one value in a CSV or tab-separated cell, exact as the file wrote it (no Qt).

IDs and money keep every digit: integers go through ``int_text`` (no 4,300-digit
limit), exact decimals through their own text, never through ``float``; lists
and objects become compact JSON text with the same exact numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import orjson

from viewer.model import profile_columns
from viewer.model.json_text import dumps
from viewer.model.numbers import Number
from viewer.model.profile import FIELDS_BY_NAME, Profile
from viewer.model.values import int_text


def number_text(value: int | float | Decimal) -> str:
    """A number's digits as written: ``Decimal.text`` when the reader kept it, else its exact form."""
    if isinstance(value, Decimal):
        text = getattr(value, "text", None)
        return text if isinstance(text, str) else str(value)
    if isinstance(value, int):
        return int_text(value)
    return repr(value)  # a float: the shortest text that reads back as the same double


def _fragment(value: Any) -> Any:
    if isinstance(value, Decimal):
        return orjson.Fragment(number_text(value))
    raise TypeError


def value_json(value: Any) -> str:
    """Compact JSON text of a value; big integers and exact decimals keep every digit."""
    try:
        return orjson.dumps(value, default=_fragment).decode()
    except (orjson.JSONEncodeError, TypeError):  # integers beyond 64 bits, nesting beyond orjson's 255 levels
        return dumps(value, None)


def cell_text(value: Any) -> str:
    """What a cell holds for ``value``: empty for missing or null, JSON text for lists and objects."""
    kind = type(value)
    if kind is str:
        return value  # type: ignore[no-any-return]
    if kind is int:
        try:
            return str(value)
        except ValueError:  # beyond str()'s 4,300 digits
            return int_text(value)
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return str(value)
    if isinstance(value, (int, float, Decimal)):
        return number_text(value)
    return value_json(value)


@dataclass(frozen=True)
class Column:
    """One column of an exported table: its header and the cell text of a profile.

    ``batch``, when given, gives the cells of many profiles at once (the same
    texts): a column at a time over 2,000 profiles is a few list comprehensions,
    where a function call per cell made CSV export cost twice a bare parse.
    """

    title: str
    text: Callable[[Profile], str]
    batch: Callable[[Sequence[Profile]], list[str]] | None = None
    listed: str | None = None  # the reader's list column holding the same value (``profiles.columns``)
    path: tuple[str, ...] | None = None  # an attribute path: read from each profile's text alone

    def cells(self, profiles: Sequence[Profile]) -> list[str]:
        """The cell texts of ``profiles`` in this column."""
        if self.batch is not None:
            return self.batch(profiles)
        text = self.text
        return [text(profile) for profile in profiles]


# The profile field behind each list column that shows one value: its cell is the file's own value.
_FIELDS = {profile_columns.ID: "id", profile_columns.INTEGRATION_ID: "integration_id",
           profile_columns.CREATED: "created", profile_columns.LAST_ACTIVITY: "last_activity",
           profile_columns.SESSIONS: "closed_sessions", profile_columns.SALES: "total_sales"}


def list_column(column: int) -> Column:
    """One of the profile list's columns with the file's own text: a value of the wrong type as written."""
    title = profile_columns.HEADERS[column]
    if column == profile_columns.ENVIRONMENT:
        return Column(title, _environment, listed="sandbox")
    if column == profile_columns.AUDIENCES:
        return Column(title, lambda profile: _audience_counts([profile])[0], _audience_counts, listed="audiences")
    name = _FIELDS[column]
    wire = FIELDS_BY_NAME[name].wire

    def text(profile: Profile) -> str:
        return field_texts([profile], wire, name)[0]

    return Column(title, text, lambda profiles: field_texts(profiles, wire, name), listed=name)


def field_texts(profiles: Sequence[Profile], wire: str, name: str) -> list[str]:
    """The cell texts of one field as the files wrote it, camelCase (``wire``) or snake_case (``name``)."""
    raws = [profile.raw for profile in profiles]
    values = [raw.get(wire) for raw in raws]
    if wire != name and None in values:
        values = [raw.get(name) if value is None else value for value, raw in zip(values, raws)]
    return quick_texts(values)


_CONTAINERS = (list, dict)


def quick_texts(values: list[Any]) -> list[str]:
    """``cell_text`` of each value, with the common strings, integers and floats done inline."""
    try:
        return [value if type(value) is str else str(value) if type(value) is int
                else value.text if type(value) is Number else str(value) if type(value) is Decimal
                else value_json(value) if type(value) in _CONTAINERS
                else cell_text(value) for value in values]
    except ValueError:  # an integer beyond str()'s 4,300 digits
        return [cell_text(value) for value in values]


def _environment(profile: Profile) -> str:
    return profile_columns.ENVIRONMENT_LABELS[profile.environment]


def _audience_counts(profiles: Sequence[Profile]) -> list[str]:
    """The number of audiences, as the list shows it (the mappings), counted without building memberships."""
    wire, name = FIELDS_BY_NAME["audience_memberships"].wire, "audience_memberships"
    counts = []
    for profile in profiles:
        raw = profile.raw
        value = raw.get(wire)
        if value is None:
            value = raw.get(name)
        counts.append(str(list(map(type, value)).count(dict)) if type(value) is list else "0")
    return counts


def attribute_column(path: str) -> Column:
    """A column of a custom attribute by dotted path (``Address.City``); lists and objects as JSON text."""
    keys = path.split(".")

    def batch(profiles: Sequence[Profile]) -> list[str]:
        values: list[Any] = [profile.attributes for profile in profiles]
        for key in keys:
            values = [value.get(key) if type(value) is dict else None for value in values]
        return quick_texts(values)

    def text(profile: Profile) -> str:
        return batch([profile])[0]

    return Column(path, text, batch, path=tuple(keys))


def list_columns(attributes: Sequence[str] = ()) -> list[Column]:
    """The profile list's columns in order, then one column per attribute path."""
    return [list_column(c) for c in range(len(profile_columns.HEADERS))] + [attribute_column(p) for p in attributes]
