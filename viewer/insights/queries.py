"""The search text that selects the profiles behind a figure of the overview (no Qt).

Every figure, bar, bin, month and value of the overview carries the query that
selects its profiles, written in the query language of the profile search
(``audience:VIP``, ``totalSales>=100 totalSales<200``, ``created:2024-03``,
``Address.City=Berlin``, ``has:Tags``), so a click puts it in the search box and
the user learns the syntax by clicking. Figures that the language cannot select
(profiles with problems, repeats) carry ``None``.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from viewer.model.values import int_text

_BARE = re.compile(r"[A-Za-z0-9_@+\-.\u00c0-\uffff]+\Z")
_KEYWORDS = {"or", "and", "not"}
SCALAR_TYPES = (str, int, float, Decimal)


def quoted(text: str) -> str | None:
    """``text`` as one query word: bare when it can be, else in double quotes; None if it cannot be written."""
    if text and _BARE.match(text) and text.lower() not in _KEYWORDS and not text.startswith("-"):
        return text
    if '"' in text or "\n" in text or "\r" in text:
        return None  # the query language has no escape for a double quote
    return f'"{text}"'


def number_text(value: int | float | Decimal) -> str:
    """A number as the query writes it: every digit (floats by their shortest exact form)."""
    if isinstance(value, bool):
        raise TypeError("a boolean is not a number")
    if isinstance(value, int):
        return int_text(value)
    if isinstance(value, Decimal):
        text = getattr(value, "text", None)
        return text if isinstance(text, str) else format(value, "f")
    return repr(value)


def query_path(path: str) -> str:
    """A catalogue path as the query names it: list markers dropped (``Tags[]`` -> ``Tags``)."""
    return path.replace("[]", "")


def has_query(path: str) -> str | None:
    """The query for profiles that have the attribute ``path``: not null, a list with an element that is not."""
    word = quoted(query_path(path))
    return None if word is None else f"has:{word}"


def value_query(path: str, value: Any) -> str | None:
    """The query for profiles whose attribute ``path`` has ``value`` (a list: any element)."""
    key = quoted(query_path(path))
    if key is None:
        return None
    if value is True or value is False:
        return f"{key}={'true' if value else 'false'}"
    if isinstance(value, (int, float, Decimal)):
        return f"{key}={number_text(value)}"
    if isinstance(value, str):
        word = quoted(value)
        return None if word is None else f"{key}={word}"
    return None  # null, objects and lists have no value form


def audience_query(audience_id: int | None, name: str | None, other_names: set[str]) -> str | None:
    """``audience:NAME`` when the name picks out this audience alone, else ``audience:ID``.

    The audience term matches names as substrings: a name that is part of
    another audience's name (``Churn`` in ``Churn risk``) would select both.
    It also matches ``connectedAudiences``: a profile connected to an audience
    it is no member of is selected too (exports connect members only).
    """
    if name:
        lowered = name.lower()
        word = quoted(name)
        if word is not None and not any(lowered in other.lower() for other in other_names if other != name):
            return f"audience:{word}"
    return None if audience_id is None else f"audience:{int_text(audience_id)}"


def connected_query(audience_id: int) -> str:
    """``connectedAudiences=8``: the profiles connected to one audience."""
    return f"connectedAudiences={int_text(audience_id)}"


def range_query(field: str, low: int | Decimal, high: int | Decimal, *, closed: bool) -> str:
    """``field>=low field<high`` (``<=`` for the last bin, which includes its top)."""
    return f"{field}>={number_text(low)} {field}{'<=' if closed else '<'}{number_text(high)}"


def month_query(field: str, month: str) -> str:
    """``created:2024-03``: the profiles of one calendar month (UTC)."""
    return f"{field}:{month}"


ENVIRONMENT_QUERIES = {"live": "env:live", "sandbox": "env:sandbox", "unknown": "env:unknown"}
ALL_PROFILES_QUERY = ""
