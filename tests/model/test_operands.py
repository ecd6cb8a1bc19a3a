"""Comparison operands shared by the query language and the attribute filter (no Qt)."""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal

from viewer.model.operands import date_span, date_test_for, exact_number, moment

UTC = timezone.utc


def test_a_month_compares_as_one_span():
    june = date_span("2023-06")
    assert june is not None
    inside, after = datetime(2023, 6, 30, 23, tzinfo=UTC), datetime(2023, 7, 1, tzinfo=UTC)
    assert date_test_for("<=", june)(inside) and not date_test_for("<=", june)(after)
    assert not date_test_for(">", june)(inside) and date_test_for(">", june)(after)
    assert date_test_for("=", june)(inside) and not date_test_for("=", june)(after)


def test_values_read_exactly_as_numbers_and_moments():
    assert exact_number(0.1) == Decimal("0.1")
    assert exact_number(True) is None
    assert exact_number("80331") == 80331
    assert moment("1990-05-01") == datetime(1990, 5, 1, tzinfo=UTC)
    assert moment("2024-01-15T09:05:27Z") == datetime(2024, 1, 15, 9, 5, 27, tzinfo=UTC)
    assert moment("soon") is None
