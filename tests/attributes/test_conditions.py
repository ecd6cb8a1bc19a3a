"""The attribute filter's comparison, date, range and path forms (no Qt)."""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal

import pytest

from viewer.attributes.conditions import path_keys
from viewer.attributes.filter import AttributeIndex, Scope, filter_tree, parse_query
from viewer.attributes.tree import AttributeTree

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=timezone.utc)
ATTRIBUTES = {
    "Name": "Ada Example",
    "City": "Berlin",
    "Address": {"City": "Berlin", "Street": "Hauptstraße 5", "Zip": "80331"},
    "Tags": ["vip", "newsletter", "citylover"],
    "ChurnRisk": 0.804,
    "Orders": 3,
    "Visits": 7,
    "Score": 0.1,
    "SignupDate": "2024-01-15T09:05:27Z",
    "Birthday": "1990-05-01",
    "LastSeen": "2026-11-20T08:00:00Z",
    "Shipments": [{"City": "Paris", "Weight": 2}, {"City": "Rome", "Weight": 5}],
    "Newsletter": True,
}


@pytest.fixture
def index():
    return AttributeIndex.build(AttributeTree(ATTRIBUTES))


def hits(index, text, scope=Scope.BOTH):
    result = filter_tree(index, text, scope, now=NOW)
    return sorted(n.path() for n in result.key_hits | result.value_hits)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ChurnRisk>0.5", ["attributes.ChurnRisk"]),
        ("ChurnRisk>0.9", []),
        ("ChurnRisk:>0.5", ["attributes.ChurnRisk"]),
        ("Orders>=3", ["attributes.Orders"]),
        ("Orders>3", []),
        ("orders = 3", ["attributes.Orders"]),
        ("Orders!=3", []),
        ("Visits!=3", ["attributes.Visits"]),
        ("Address.Zip>=50000", ["attributes.Address.Zip"]),  # a postal code written as text
        ("Shipments.Weight>3", ["attributes.Shipments[1].Weight"]),  # a list stands for its elements
    ],
)
def test_comparisons_at_a_path(index, text, expected):
    assert hits(index, text) == expected


def test_decimal_values_compare_exactly_never_through_float():
    index = AttributeIndex.build(AttributeTree({"Score": 0.1, "Money": Decimal("0.30"), "Big": 2**70 + 1}))
    assert hits(index, "=0.1") == ["attributes.Score"]  # float(0.1) is not 0.1 exactly
    assert hits(index, "Money=0.3") == ["attributes.Money"]
    assert hits(index, f">{2**70}") == ["attributes.Big"]
    assert hits(index, f"Big<={2**70}") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SignupDate>=2024-01", ["attributes.SignupDate"]),
        ("SignupDate>2024-01", []),  # after January: the month is one span
        ("SignupDate<=2024-01", ["attributes.SignupDate"]),
        ("SignupDate>=2024", ["attributes.SignupDate"]),  # at a path, a year reads as a date
        ("SignupDate=2024-01-15", ["attributes.SignupDate"]),
        ("SignupDate<90d", ["attributes.SignupDate"]),  # more than 90 days ago
        ("LastSeen<90d", []),  # eleven days ago
        ("LastSeen>=2w", ["attributes.LastSeen"]),
        ("Birthday<1y", ["attributes.Birthday"]),  # a date written without a time
        (">=2024-01", ["attributes.LastSeen", "attributes.SignupDate"]),
        ("<90d", ["attributes.Birthday", "attributes.SignupDate"]),
        ("1990-01..1990-12", ["attributes.Birthday"]),
        ("SignupDate:2023-12..2024-02", ["attributes.SignupDate"]),
    ],
)
def test_dates_and_relative_ages(index, text, expected):
    assert hits(index, text) == expected


def test_a_bare_year_stays_a_number_comparison():
    index = AttributeIndex.build(AttributeTree({"Count": 2500, "When": "2024-06-01T00:00:00Z"}))
    assert hits(index, ">2000") == ["attributes.Count"]
    assert hits(index, "When>2000") == ["attributes.When"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1..5", ["attributes.Orders", "attributes.Shipments[0].Weight", "attributes.Shipments[1].Weight"]),
        ("5..", ["attributes.Shipments[1].Weight", "attributes.Visits"]),
        ("..1", ["attributes.ChurnRisk", "attributes.Score"]),
        ("Orders:1..5", ["attributes.Orders"]),
        ("Visits:1..5", []),
        ("Shipments.Weight:3..10", ["attributes.Shipments[1].Weight"]),
    ],
)
def test_ranges_include_both_ends(index, text, expected):
    assert hits(index, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Address.City", ["attributes.Address.City"]),
        ("address.city", ["attributes.Address.City"]),
        ("attributes.Address.City", ["attributes.Address.City"]),  # as Copy path gives it
        ("Tags[1]", ["attributes.Tags[1]"]),
        ("Tags.2", ["attributes.Tags[2]"]),
        ("Shipments.City", ["attributes.Shipments[0].City", "attributes.Shipments[1].City"]),
        ("Nope.City", []),
    ],
)
def test_a_dotted_text_finds_the_node_at_that_path(index, text, expected):
    assert hits(index, text) == expected


def test_the_node_at_a_path_keeps_its_subtree_and_ancestors(index):
    result = filter_tree(index, "Shipments[1]", now=NOW)
    assert sorted(n.path() for n in result.key_hits) == ["attributes.Shipments[1]"]
    shipment = next(iter(result.key_hits))
    assert shipment.parent in result.visible
    assert sorted(c.key_text for c in shipment.children) == ["City", "Weight"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Address.City:berlin", ["attributes.Address.City"]),
        ("Address.City:Berlin", ["attributes.Address.City"]),
        ("Address.City:BERLIN", []),  # smart case, on the value part only
        ("Address.City=berlin", ["attributes.Address.City"]),
        ("Address.City=berl", []),  # = is the whole value
        ("Address:haupt", ["attributes.Address.Street"]),  # an object stands for the values inside
        ("Shipments.City:rome", ["attributes.Shipments[1].City"]),
        ("Tags:vip", ["attributes.Tags[0]"]),
    ],
)
def test_a_value_at_a_path(index, text, expected):
    assert hits(index, text) == expected


def test_forms_that_name_no_node_match_as_text_as_before(index):
    assert hits(index, "09:05:27z") == ["attributes.SignupDate"]
    assert hits(index, "0.80") == ["attributes.ChurnRisk"]
    awkward = AttributeIndex.build(AttributeTree({"a.b": 1, "Mail": "ada@example.com", "x": "a>b"}))
    assert hits(awkward, "a.b") == ['attributes["a.b"]']
    assert hits(awkward, "example.com") == ["attributes.Mail"]
    assert hits(awkward, "a>b") == ["attributes.x"]


def test_a_path_without_its_value_yet_shows_the_node_while_typing(index):
    assert hits(index, "Orders>") == ["attributes.Orders"]
    assert hits(index, "Address.City:") == ["attributes.Address.City"]


def test_key_scope_finds_paths_and_value_scope_conditions(index):
    assert hits(index, "key:Address.City") == ["attributes.Address.City"]
    assert hits(index, "Orders>=3", Scope.KEYS) == []  # keys only: plain text
    assert hits(index, "value:Address.City:berlin") == ["attributes.Address.City"]


def test_relative_ages_count_back_from_the_time_of_the_query(index):
    assert hits(index, "LastSeen<7d") == ["attributes.LastSeen"]
    later = filter_tree(index, "LastSeen<7d", now=datetime(2026, 11, 21, tzinfo=timezone.utc))
    assert later.count == 0


def test_parse_keeps_the_condition_and_the_path():
    query = parse_query("Address.City:berlin")
    assert query.path == ("address", "city")
    assert query.condition is not None and query.condition.needle == "berlin"
    assert parse_query("1..5").path is None and parse_query("1..5").condition.op == ".."
    assert parse_query(">abc").condition is None  # no number, no date: text


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("Address.City", ("address", "city")),
        ('.attributes["Key with space"][0]', ("attributes", "key with space", "0")),
        ("Tags[2]", ("tags", "2")),
        ("a..b", None),
        ("", None),
        ('x"y', None),
    ],
)
def test_path_keys(text, keys):
    assert path_keys(text) == keys
