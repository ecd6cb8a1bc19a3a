"""Search over attributes nested far deeper than Python's recursion limit."""

from __future__ import annotations

from typing import Any

import viewer
from viewer.query.profile_texts import flatten as _flatten
from viewer.query.search_index import ProfileSearchIndex
from viewer.reading.profile_checks import make_profile

DEPTH = 100_000


def deep(levels: int, leaf: Any) -> Any:
    value = leaf
    for i in range(levels):
        value = {"a": value} if i % 2 else [i, value]
    return value


def profile(n: int, attributes: dict[str, Any]) -> viewer.Profile:
    data = {"integrationId": f"URN{n}", "attributes": attributes}
    return make_profile(data, n, f"[{n}]", None, lambda problem: None)


def test_index_builds_over_an_attribute_nested_100000_levels_and_finds_its_leaf():
    profiles = [profile(0, {"Name": "Ada"}), profile(1, {"Deep": deep(DEPTH, "needle-at-the-bottom")})]
    index = ProfileSearchIndex.build(profiles)
    assert index.search("needle-at-the-bottom") == [1]
    assert index.search("deep:needle") == [1]
    assert index.search("99998") == [1]  # a number on the way down is found too
    assert index.search("ada") == [0]


def test_dotted_key_looks_into_a_deep_value():
    profiles = [profile(0, {"Deep": {"Inner": deep(DEPTH, "bottom")}})]
    index = ProfileSearchIndex.build(profiles)
    assert index.search("deep.inner:bottom", profiles) == [0]
    assert index.search("deep.inner:nothere", profiles) == []


def test_flatten_keeps_document_order():
    shown: list[str] = []
    _flatten({"a": [1, {"b": None, "c": [True, "x"]}, 2.5], "d": {}, "e": [], "f": "last"}, shown)
    assert shown == ["1", "null", "true", "x", "2.5", "last"]
    shown = []
    _flatten(7, shown)
    assert shown == ["7"]


def test_a_profile_1000_levels_deep_from_a_file_is_indexed():
    # orjson reads up to 1,024 levels: this one loads, and its index used to raise RecursionError
    text = '{"integrationId": "URN1", "attributes": {"Deep": ' + '{"a":' * 1000 + '"needle"' + "}" * 1000 + "}}"
    export = viewer.load(text.encode())
    assert ProfileSearchIndex.build(export.profiles).search("needle") == [0]
