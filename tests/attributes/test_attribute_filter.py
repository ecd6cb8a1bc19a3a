"""Query parsing and matching of attribute nodes (no Qt)."""

from __future__ import annotations

import json
import warnings

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from viewer.attributes.filter import (
    AttributeIndex,
    FilterCancelled,
    Scope,
    filter_tree,
    match,
    parse_query,
)
from viewer.attributes.tree import AttributeTree

ATTRIBUTES = {
    "Name": "Ada Example",
    "City": "Berlin",
    "Address": {"City": "München", "Street": "Hauptstraße 5", "Zip": "80331"},
    "Tags": ["vip", "newsletter", "citylover"],
    "ChurnRisk": 0.804,
    "Orders": 150,
    "Visits": 7,
    "Newsletter": True,
    "Referrer": None,
    "CustomerNumber": 123456789012345678901234567890,
    "SignupDate": "2020-06-10T09:05:27Z",
}


@pytest.fixture
def index():
    return AttributeIndex.build(AttributeTree(ATTRIBUTES))


def paths(nodes):
    return sorted(n.path() for n in nodes)


def hits(result):
    return paths(result.key_hits | result.value_hits)


def test_substring_matches_keys_and_values_case_insensitively(index):
    result = filter_tree(index, "city")
    assert hits(result) == ["attributes.Address.City", "attributes.City", "attributes.Tags[2]"]
    assert result.count == 3


def test_upper_case_makes_the_query_case_sensitive(index):
    assert hits(filter_tree(index, "City")) == ["attributes.Address.City", "attributes.City"]
    assert hits(filter_tree(index, "BERLIN")) == []


def test_visible_set_holds_hits_and_all_their_ancestors(index):
    result = filter_tree(index, "münchen")
    assert paths(result.value_hits) == ["attributes.Address.City"]
    assert "attributes.Address" in paths(n for n in result.visible if n.parent is not None)
    assert "attributes.Name" not in paths(result.visible)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("key:city", ["attributes.Address.City", "attributes.City"]),
        ("value:city", ["attributes.Tags[2]"]),
        ("Key: zip", ["attributes.Address.Zip"]),
        ("values:berlin", ["attributes.City"]),
    ],
)
def test_prefixes_narrow_the_scope(index, text, expected):
    assert hits(filter_tree(index, text)) == expected


def test_scope_argument_narrows_and_a_prefix_overrides_it(index):
    assert hits(filter_tree(index, "city", Scope.KEYS)) == ["attributes.Address.City", "attributes.City"]
    assert hits(filter_tree(index, "city", Scope.VALUES)) == ["attributes.Tags[2]"]
    assert hits(filter_tree(index, "value:city", Scope.KEYS)) == ["attributes.Tags[2]"]


def test_numbers_booleans_and_null_match_on_their_shown_text(index):
    assert hits(filter_tree(index, "0.80")) == ["attributes.ChurnRisk"]
    assert hits(filter_tree(index, "value:true")) == ["attributes.Newsletter"]
    assert hits(filter_tree(index, "value:null")) == ["attributes.Referrer"]
    assert hits(filter_tree(index, "67890123456789")) == ["attributes.CustomerNumber"]


def test_times_match_on_their_original_text(index):
    assert hits(filter_tree(index, "09:05:27z")) == ["attributes.SignupDate"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (">100", ["attributes.CustomerNumber", "attributes.Orders"]),
        ("<=0.9", ["attributes.ChurnRisk"]),
        ("=7", ["attributes.Visits"]),
        ("== 150", ["attributes.Orders"]),
        ("!=7", ["attributes.ChurnRisk", "attributes.CustomerNumber", "attributes.Orders"]),
        ("value:>=150", ["attributes.CustomerNumber", "attributes.Orders"]),
        (">1e29", ["attributes.CustomerNumber"]),
        ("<-1", []),
    ],
)
def test_comparisons_filter_numbers(index, text, expected):
    assert hits(filter_tree(index, text)) == expected


def test_comparison_of_big_integers_is_exact():
    index = AttributeIndex.build(AttributeTree({"a": 2**64, "b": 2**64 + 1}))
    assert hits(filter_tree(index, f">{2**64}")) == ["attributes.b"]


def test_comparison_is_plain_text_in_the_key_scope():
    index = AttributeIndex.build(AttributeTree({"Orders>100": 1, "Orders": 500}))
    assert hits(filter_tree(index, ">100", Scope.KEYS)) == ["attributes[\"Orders>100\"]"]


def test_regex_matches_and_uses_smart_case(index):
    assert hits(filter_tree(index, r"^b.*n$", regex=True)) == ["attributes.City"]
    assert hits(filter_tree(index, r"^B.*N$", regex=True)) == []
    assert parse_query(r"\d+\S", regex=True).case_sensitive is False  # escapes are not letters


def test_a_set_that_python_may_read_differently_one_day_is_searched_without_a_warning(index):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # re's FutureWarning("Possible nested set") would be raised here
        query = parse_query("[[B]", regex=True)
    assert query.error is None and hits(filter_tree(index, "[[b]", regex=True)) != []


@pytest.mark.parametrize("bad", ["(", "[a-", "*x", "a{2,1}", "(?P<x>"])
def test_invalid_regex_reports_an_error_and_matches_nothing(index, bad):
    query = parse_query(bad, regex=True)
    assert query.error is not None and query.error.startswith("Invalid regular expression")
    result = match(index, query)
    assert result.count == 0 and result.error == query.error


def test_invalid_regex_text_is_fine_without_the_toggle(index):
    assert filter_tree(index, "(").error is None


def test_blank_query_or_bare_prefix_is_empty(index):
    for text in ("", "   ", "key:", "value: "):
        query = parse_query(text)
        assert query.is_empty
        assert match(index, query).count == 0


def test_a_node_matching_by_key_and_value_counts_once():
    index = AttributeIndex.build(AttributeTree({"vip": "vip"}))
    assert filter_tree(index, "vip").count == 1


def test_ranges_of_long_lists_become_visible_ancestors():
    tree = AttributeTree({"L": [f"item {i}" for i in range(1000)]})
    result = filter_tree(AttributeIndex.build(tree), "item 345")
    assert hits(result) == ["attributes.L[345]"]
    keys = sorted(n.key_text for n in result.visible if n.parent is not None)
    assert keys == ["L", "[300...399]", "[345]"]


def test_cancellation_stops_building_and_matching():
    tree = AttributeTree({f"k{i}": i for i in range(50_000)})
    with pytest.raises(FilterCancelled):
        AttributeIndex.build(tree, cancelled=lambda: True)
    index = AttributeIndex.build(tree)
    with pytest.raises(FilterCancelled):
        match(index, parse_query("k1"), cancelled=lambda: True)


def test_index_of_a_wide_tree_finds_every_node():
    tree = AttributeTree({"L": [{"v": i} for i in range(20_000)]})
    index = AttributeIndex.build(tree)
    assert len(index.values) == 20_000
    assert filter_tree(index, "key:v").count == 20_000
    assert hits(filter_tree(index, "=19999")) == ["attributes.L[19999].v"]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.integers(min_value=2**64, max_value=2**200)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=130) | st.dictionaries(st.text(), children, max_size=8),
    max_leaves=300,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=json_values, text=st.text(max_size=8), scope=st.sampled_from(Scope), regex=st.booleans())
def test_any_json_value_builds_a_tree_and_filters(value, text, scope, regex):
    tree = AttributeTree({"root": value})
    index = AttributeIndex.build(tree)
    result = filter_tree(index, text, scope, regex)
    for node in result.key_hits | result.value_hits:
        assert node in result.visible
        assert node.path().startswith("attributes")
        parent = node.parent
        while parent is not None:
            assert parent in result.visible
            parent = parent.parent
    assert json.loads(tree.root.children[0].to_json()) == json.loads(json.dumps(value))


def test_keys_inside_huge_object_ranges_still_match():
    tree = AttributeTree({"Huge": {f"k{i}": i for i in range(3000)}})
    result = filter_tree(AttributeIndex.build(tree), "key:k2999")
    assert hits(result) == ["attributes.Huge.k2999"]
    assert sorted(n.key_text for n in result.visible if n.parent is not None) == ["Huge", "k2999", "{k2000 … k2999}"]


def test_text_that_looks_like_a_comparison_but_is_none_carries_a_hint() -> None:
    from viewer.attributes.filter import COMPARISON_HINT

    assert parse_query("ChurnRisk>abc").hint == COMPARISON_HINT
    assert parse_query("ChurnRisk>0.5").hint is None  # a comparison indeed
    assert parse_query("Berlin").hint is None
    assert parse_query("key:a>b").hint is None  # keys are never compared
