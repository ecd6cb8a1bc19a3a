"""Numbers exactly as the file wrote them (no Qt).

A JSON number with a fraction or an exponent is read as a ``Number``: a
``decimal.Decimal`` (so sums, comparisons and money are exact, never through a
float) that also remembers its text, because ``Decimal("1E2")`` prints as
``1E+2`` and the viewer shows ``1E2``. Integers stay ``int`` (every digit).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

# The largest finite double is about 1.8e308 and the smallest subnormal about 4.9e-324:
# a value outside that range cannot be held by the JavaScript or Go on the other side.
_DOUBLE_MAX = Decimal("1.7976931348623157E+308")
_DOUBLE_TINY = Decimal("4.9E-324")


class Number(Decimal):
    """A JSON number with a fraction or exponent: its exact value, and ``text`` as written."""

    __slots__ = ("text",)
    text: str

    def __reduce__(self) -> tuple[Any, tuple[str]]:  # pickling keeps the text
        return (number, (self.text,))

    def __repr__(self) -> str:
        return f"Number({self.text!r})"


def number(text: str) -> Number:
    """The ``Number`` written as ``text`` (a JSON number's digits); the JSON readers' float hook."""
    value = Number(text)
    value.text = text
    return value


def number_text(value: Any) -> str:
    """A number's text as the file wrote it (``1.10``, ``1E2``); ``str`` for anything else."""
    text = getattr(value, "text", None)
    return text if isinstance(text, str) else str(value)


def beyond_double(value: Decimal) -> bool:
    """Whether ``value`` cannot be held by a double (overflow, or underflow to zero)."""
    if not value.is_finite():
        return True
    size = abs(value)
    return size > _DOUBLE_MAX or (size != 0 and size < _DOUBLE_TINY)
