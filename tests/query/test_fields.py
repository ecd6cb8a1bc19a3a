"""Field names in every spelling, exact numbers, and values at attribute paths."""

from __future__ import annotations

from decimal import Decimal

import pytest

from viewer.model.operands import exact_number
from viewer.query.fields import attribute_path, path_values, profile_field


@pytest.mark.parametrize(("name", "wire"), [
    ("totalSales", "totalSales"), ("total_sales", "totalSales"), ("Total sales", "totalSales"),
    ("TOTALSALES", "totalSales"), ("last_activity", "lastActivity"), ("Last activity", "lastActivity"),
    ("Integration ID", "integrationId"), ("integration_id", "integrationId"), ("ID", "id"),
    ("Closed sessions", "closedSessions"), ("env", "environment"), ("Audiences", "audiences"),
])
def test_a_field_answers_to_every_spelling(name: str, wire: str) -> None:
    field = profile_field(name)
    assert field is not None and field.name == wire


def test_other_names_are_attribute_paths() -> None:
    assert profile_field("ChurnRisk") is None and profile_field("Address.City") is None
    assert attribute_path("Address.City") == ("address", "city")
    assert attribute_path("attributes.Created") == ("created",)  # reaches an attribute named like a field


def test_numbers_are_exact_and_booleans_are_not_numbers() -> None:
    assert exact_number(0.1) == Decimal("0.1")  # the float's shortest text, not its binary value
    assert exact_number(9007199254740993) == 9007199254740993
    assert exact_number(Decimal("299.99")) == Decimal("299.99")
    assert exact_number("50000") == 50000 and exact_number(" 5") is None and exact_number("5a") is None
    assert exact_number(True) is None and exact_number(None) is None and exact_number(float("nan")) is None


def test_values_at_a_path() -> None:
    attributes = {"Tags": ["vip", "", None, ["b2b"]], "Address": {"City": "Berlin", "Zip": None},
                  "Orders": [{"Amount": 5}, {"Amount": 7}, {"Other": 1}], "Empty": ""}
    assert path_values(attributes, ("tags",)) == ("vip", "b2b")
    assert path_values(attributes, ("address", "city")) == ("Berlin",)
    assert path_values(attributes, ("address", "zip")) == ()  # null: no value
    assert path_values(attributes, ("address",)) == ("Berlin",)  # an object: the values inside it
    assert path_values(attributes, ("orders", "amount")) == (5, 7)
    assert path_values(attributes, ("tags", "0")) == ("vip",)
    assert path_values(attributes, ("empty",)) == () and path_values(attributes, ("missing", "x")) == ()
