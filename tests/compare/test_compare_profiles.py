"""Two profiles side by side: every path aligned and marked, ``viewer.compare.diff_profiles``."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from exports_pair import load_pair, profile

from viewer.compare import MISSING, Difference, diff_profiles
from viewer.compare.values import flatten, same, value_text


def _pair(tmp_path: Path, left: dict, right: dict):
    old, new = load_pair(tmp_path, [left], [right])
    return diff_profiles(old.profiles[0], new.profiles[0])


def test_every_field_and_attribute_path_is_a_row(tmp_path: Path) -> None:
    diff = _pair(tmp_path, profile(1), profile(1))
    paths = [row.path for row in diff.rows]
    assert paths[:3] == ["id", "created", "integrationId"]
    assert {"attributes.LoyaltyTier", "attributes.Address.City", "attributes.Address.Zip", "attributes.Tags",
            "totalSales", "audienceMemberships", "sandbox"} <= set(paths)
    assert "attributes" not in paths and "attributes.Address" not in paths  # objects are walked, not rows
    assert diff.same and diff.differences == ()


def test_changed_only_left_and_only_right_are_marked(tmp_path: Path) -> None:
    left = profile(1, attributes={"LoyaltyTier": "Gold", "Gone": 1, "Address": {"City": "Berlin"}})
    right = profile(1, attributes={"LoyaltyTier": "Platinum", "Address": {"City": "Berlin", "Zip": "10115"}},
                    advocateIntegrationId="URN9")
    diff = _pair(tmp_path, left, right)
    marks = {row.path: (row.difference, row.left, row.right) for row in diff.differences}
    assert marks == {
        "attributes.LoyaltyTier": (Difference.CHANGED, "Gold", "Platinum"),
        "attributes.Gone": (Difference.ONLY_LEFT, 1, MISSING),
        "attributes.Address.Zip": (Difference.ONLY_RIGHT, MISSING, "10115"),
        "advocateIntegrationId": (Difference.ONLY_RIGHT, MISSING, "URN9"),
    }
    assert not diff.same


def test_a_path_only_on_the_right_sits_beside_its_siblings(tmp_path: Path) -> None:
    left = profile(1, attributes={"A": 1, "B": 2})
    right = profile(1, attributes={"A": 1, "New": 0, "B": 2})
    paths = [row.path for row in _pair(tmp_path, left, right).rows]
    assert paths.index("attributes.New") == paths.index("attributes.A") + 1


def test_reordered_keys_and_numbers_spelled_differently_are_the_same() -> None:
    assert same({"a": 1, "b": {"c": 1.5}}, {"b": {"c": Decimal("1.50")}, "a": 1})
    assert same(100, 1e2) and same(Decimal("1E2"), 100) and same(1.1, Decimal("1.10"))
    assert not same(True, 1) and not same(0, False) and not same(None, 0) and not same("1", 1)
    assert not same([1, 2], [2, 1]) and not same({"a": 1}, {"a": 1, "b": None})


def test_deep_nesting_costs_no_recursion() -> None:
    deep: object = 1
    for _ in range(100_000):
        deep = [deep]
    assert same(deep, deep)


def test_values_read_as_the_file_wrote_them() -> None:
    class Number(Decimal):  # what the reader keeps for 1E2: the value and its text
        text = "1E2"

    assert value_text(Number("1E2")) == "1E2"
    assert value_text(MISSING) == "(missing)"
    assert value_text(["a", 1]) == '["a",1]'
    assert value_text("line\nbreak") == "line↵break"
    assert len(value_text("x" * 1000)) == 121


def test_snake_case_fields_flatten_under_their_api_names(tmp_path: Path) -> None:
    snake = {"id": 1, "integration_id": "a", "total_sales": 1, "attributes": {"K": {}}}
    old, _ = load_pair(tmp_path, [snake], [snake])
    assert flatten(old.profiles[0]) == {"id": 1, "integrationId": "a", "totalSales": 1, "attributes.K": {}}
