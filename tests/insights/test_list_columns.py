"""Attribute columns of the profile list and value counts, without Qt."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import viewer
from viewer.insights.list_columns import (
    attribute_text,
    attribute_value_counts,
    field_value_counts,
    sorted_attribute_rows,
)
from viewer.model.profile_columns import CREATED, SALES, SESSIONS


@pytest.fixture
def profiles(tmp_path: Path):
    texts = [
        '{"id": 1, "created": "2024-03-01T23:30:00-02:00", "totalSales": 12.50,'
        ' "attributes": {"Score": 1.10, "Tier": "Gold", "Seen": "2024-05-01T00:00:00Z",'
        ' "Big": 123456789012345678901234567890, "Tags": ["vip", 2.50], "Address": {"City": "Berlin"}}}',
        '{"id": 2, "created": "2024-03-02T10:00:00Z", "totalSales": 12.5,'
        ' "attributes": {"Score": "9", "Tier": "gold", "Seen": "2023-12-31T23:00:00+01:00", "Address": null}}',
        '{"id": 3, "created": "2024-03-02T12:00:00Z", "attributes": {"Score": 10, "Tier": "Silver"}}',
        '{"id": 4, "attributes": {}}',
    ]
    path = tmp_path / "p.json"
    path.write_text("[" + ",".join(texts) + "]", encoding="utf-8")
    assert json.loads(path.read_text())  # the text is JSON
    return viewer.load(str(path)).profiles


def test_cells_show_values_as_written(profiles) -> None:
    first = profiles[0]
    assert attribute_text(first, "Score") == "1.10"
    assert attribute_text(first, "Big") == "123456789012345678901234567890"
    assert attribute_text(first, "Tags") == '["vip",2.50]'
    assert attribute_text(first, "address.city") == "Berlin"  # keys without case, as the search reads them
    assert attribute_text(first, "Address") == '{"City":"Berlin"}'
    assert attribute_text(profiles[1], "Address") == "null"
    assert attribute_text(profiles[3], "Score") == ""


def test_numbers_sort_as_numbers_times_as_times_missing_last(profiles) -> None:
    assert sorted_attribute_rows(profiles, {}, "Score", False) == [0, 1, 2, 3]  # 1.10 < "9" < 10
    assert sorted_attribute_rows(profiles, {}, "Score", True) == [2, 1, 0, 3]
    assert sorted_attribute_rows(profiles, {}, "Seen", False) == [1, 0, 2, 3]  # 2023-12-31 22:00 UTC first
    assert sorted_attribute_rows(profiles, {}, "Seen", True)[-2:] == [2, 3]


def test_value_counts_group_as_the_search_compares(profiles) -> None:
    tiers = attribute_value_counts(profiles, None, "Tier")
    assert [(r.label, r.count, r.query) for r in tiers.rows] == [
        ("Gold", 2, "Tier=Gold"), ("Silver", 1, "Tier=Silver"), ("(missing)", 1, "-has:Tier")]
    sales = field_value_counts(profiles, None, SALES)
    assert [(r.label, r.count, r.query) for r in sales.rows] == [
        ("12.50", 2, "totalSales=12.50"), ("(missing)", 2, "-has:totalSales")]  # 12.50 and 12.5: one value
    days = field_value_counts(profiles, [0, 1, 2], CREATED)
    assert [(r.label, r.count) for r in days.rows] == [("2024-03-02", 3)]  # per UTC day


def test_value_counts_of_money_read_as_the_list_shows_it(tmp_path: Path) -> None:
    """Total sales counted as the list shows it (two decimals, grouped), right-aligned; the query exact."""
    path = tmp_path / "sales.json"
    path.write_text('[{"id": 1, "totalSales": 19650.6}, {"id": 2, "totalSales": 1E4}, {"id": 3, "totalSales": 1E4},'
                    ' {"id": 4, "totalSales": 0.125}, {"id": 5, "closedSessions": 1200}]', encoding="utf-8")
    profiles = viewer.load(str(path)).profiles
    sales = field_value_counts(profiles, None, SALES)
    assert sales.numeric
    labels = {r.label: (r.count, r.query) for r in sales.rows}
    assert labels["10,000.00"][0] == 2 and labels["19,650.60"] == (1, "totalSales=19650.6")
    assert labels["0.12"] == (1, "totalSales=0.125")  # the query keeps every digit
    sessions = field_value_counts(profiles, None, SESSIONS)
    assert sessions.numeric and sessions.rows[0].label == "1,200"
    assert not field_value_counts(profiles, None, CREATED).numeric
