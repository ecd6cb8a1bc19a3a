"""The Qt-free attribute tree: structure, texts, paths, JSON and time detection."""

from __future__ import annotations

import json

import pytest

from viewer.attributes.detail import detail_text
from viewer.attributes.nodes import CHUNK
from viewer.attributes.tree import AttributeTree
from viewer.model.json_text import dumps
from viewer.model.times import parse_rfc3339
from viewer.model.values import count_values

PROFILE_ATTRIBUTES = {
    "Name": "Ada Example",
    "ShippingCountry": "DE",
    "Tags": ["vip", "newsletter"],
    "ChurnRisk": 0.12,
    "Address": {"City": "München", "Zip": "80331"},
    "Key with space": True,
    "SignupDate": "2020-06-10T09:05:27.993483Z",
    "Referrer": None,
    "CustomerNumber": 123456789012345678901234567890,
}


def child(node, key):
    return next(c for c in node.children if c.key == key)


def test_top_level_rows_keep_source_order_and_know_their_row():
    tree = AttributeTree(PROFILE_ATTRIBUTES)
    kids = tree.root.children
    assert [k.key_text for k in kids] == list(PROFILE_ATTRIBUTES)
    assert [k.row for k in kids] == list(range(len(kids)))
    assert all(k.parent is tree.root for k in kids)


def test_children_are_built_lazily_and_only_once():
    tree = AttributeTree({"Address": {"City": "Berlin"}})
    address = tree.root.children[0]
    assert address._children is None  # nothing built until someone looks
    assert address.children is address.children


def test_display_texts_and_types():
    tree = AttributeTree(PROFILE_ATTRIBUTES)
    shown = {c.key: (c.display_text, c.type_text) for c in tree.root.children}
    assert shown["Name"] == ("Ada Example", "string")
    assert shown["Tags"] == ("[2 items]", "list")
    assert shown["Address"] == ("{2 keys}", "object")
    assert shown["ChurnRisk"] == ("0.12", "number")
    assert shown["Key with space"] == ("true", "boolean")
    assert shown["Referrer"] == ("null", "null")
    assert shown["CustomerNumber"] == ("123456789012345678901234567890", "number")
    assert shown["SignupDate"][1] == "date-time"


def test_singular_counts():
    tree = AttributeTree({"One": [1], "Obj": {"a": 1}, "Empty": []})
    assert [c.display_text for c in tree.root.children] == ["[1 item]", "{1 key}", "[0 items]"]


def test_big_integers_never_go_through_float():
    big = 2**70 + 1
    tree = AttributeTree({"Id": big, "Huge": 10**5000})
    assert tree.root.children[0].display_text == str(big)
    assert tree.root.children[0].copy_text() == "1180591620717411303425"
    assert tree.root.children[1].copy_text() == "1" + "0" * 5000
    assert json.loads(tree.root.children[0].to_json()) == big
    assert tree.root.to_json().endswith("0" * 5000 + "\n}")


def test_floats_show_shortest_text():
    tree = AttributeTree({"a": 0.1, "b": 1e20, "c": 299.99})
    assert [c.display_text for c in tree.root.children] == ["0.1", "1e+20", "299.99"]


def test_long_and_multiline_strings_are_cut_for_the_cell_only():
    text = "line one\nline two " + "x" * 2000
    node = AttributeTree({"Notes": text}).root.children[0]
    assert "\n" not in node.display_text
    assert len(node.display_text) < 600
    assert node.full_text == text
    assert node.copy_text() == text


@pytest.mark.parametrize(
    "text",
    [
        "2020-06-10T09:05:27.993483Z",
        "2020-02-07T08:15:22Z",
        "2012-07-09T19:22:09.1440844Z",
        "2026-01-21T15:04:05+07:00",
        "2020-06-10T09:05:27.993483+00:00",
    ],
)
def test_rfc3339_times_are_recognised(text):
    moment = parse_rfc3339(text)
    assert moment is not None and moment.tzinfo is not None
    node = AttributeTree({"When": text}).root.children[0]
    assert node.type_text == "date-time"
    assert node.copy_text() == text  # the original, exactly


@pytest.mark.parametrize(
    "text", ["2020-06-10", "2020-13-10T09:05:27Z", "2020-06-10T09:05:27", "not a date at all, no", "2020-06-10T09:05:27Zx"]
)
def test_other_strings_are_not_times(text):
    assert parse_rfc3339(text) is None
    assert AttributeTree({"S": text}).root.children[0].type_text == "string"


def test_time_is_shown_in_local_time():
    node = AttributeTree({"When": "2020-06-10T09:05:27Z"}).root.children[0]
    local = parse_rfc3339("2020-06-10T09:05:27Z").astimezone()
    assert node.display_text.startswith(local.strftime("%Y-%m-%d %H:%M:%S"))



def test_a_date_stored_as_midnight_utc_reads_as_that_date_in_every_zone(local_zone):
    tree = AttributeTree({
        "BirthDate": "1996-08-16T00:00:00Z",
        "Offset": "1996-08-16T00:00:00+00:00",
        "Fraction": "1996-08-16T00:00:00.000Z",
        "Morning": "1996-08-16T06:00:00Z",
        "MidnightThere": "1996-08-16T00:00:00+02:00",
    })
    birthday, offset, fraction, morning, there = tree.root.children
    assert birthday.display_text == "1996-08-16"  # not "1996-08-16 07:00:00" nor "1996-08-15 16:00:00"
    assert offset.display_text == "1996-08-16"
    assert birthday.copy_text() == "1996-08-16T00:00:00Z" and birthday.type_text == "date-time"
    for moment in (fraction, morning, there):  # real moments: on the user's clock
        local = parse_rfc3339(moment.value).astimezone()
        assert moment.display_text.startswith(local.strftime("%Y-%m-%d %H:%M:%S"))
    assert fraction.display_text.startswith("1996-08-16 07:00" if local_zone == "ICT-7" else "1996-08-15 16:00")
    assert "Original:   1996-08-16T00:00:00Z" in detail_text(birthday)


def test_paths_in_both_formats():
    tree = AttributeTree(PROFILE_ATTRIBUTES)
    city = child(child(tree.root, "Address"), "City")
    tag = child(tree.root, "Tags").children[0]
    spaced = child(tree.root, "Key with space")
    assert city.path() == "attributes.Address.City"
    assert tag.path() == "attributes.Tags[0]"
    assert spaced.path() == 'attributes["Key with space"]'
    assert city.jq_path() == ".attributes.Address.City"
    assert tag.jq_path() == ".attributes.Tags[0]"
    assert spaced.jq_path() == '.attributes["Key with space"]'


@pytest.mark.parametrize(
    ("key", "step"),
    [
        ("a.b", '["a.b"]'),
        ("x[0]", '["x[0]"]'),
        ('say "hi"', '["say \\"hi\\""]'),
        ("", '[""]'),
        ("Größe", '["Größe"]'),
        ("9lives", '["9lives"]'),
        ("_ok9", "._ok9"),
    ],
)
def test_awkward_keys_are_quoted_in_paths(key, step):
    node = AttributeTree({key: 1}).root.children[0]
    assert node.path() == "attributes" + step
    assert node.jq_path() == ".attributes" + step


def test_nested_awkward_keys_chain_in_paths():
    node = AttributeTree({'a"b': {"c d": [5]}}).root.children[0].children[0].children[0]
    assert node.jq_path() == '.attributes["a\\"b"]["c d"][0]'
    assert node.path() == 'attributes["a\\"b"]["c d"][0]'


def test_long_lists_are_split_into_ranges():
    tree = AttributeTree({"L": list(range(250))})
    lst = tree.root.children[0]
    assert lst.display_text == "[250 items]"
    assert [r.key_text for r in lst.children] == ["[0...99]", "[100...199]", "[200...249]"]
    last = lst.children[2].children[-1]
    assert (last.key_text, last.value, last.path()) == ("[249]", 249, "attributes.L[249]")
    assert lst.children[1].children[0].parent is lst.children[1]
    assert lst.children[1].children[0].row == 0


def test_very_large_lists_nest_ranges_so_no_level_exceeds_the_chunk():
    tree = AttributeTree({"L": list(range(1_000_001))})
    lst = tree.root.children[0]
    assert len(lst.children) <= CHUNK
    stack = [lst]
    while stack:  # follow the last branch down: every level stays small
        node = stack.pop()
        assert len(node.children) <= CHUNK
        if node.children and node.children[-1].is_container:
            stack.append(node.children[-1])
    assert [r.key_text for r in lst.children] == ["[0...999999]", "[1000000...1000000]"]
    assert lst.children[0].children[1].key_text == "[10000...19999]"
    element = tree.find(("L", 765_432))
    assert element is not None and element.value == 765_432 and element.path() == "attributes.L[765432]"


def test_exactly_chunk_elements_need_no_ranges():
    lst = AttributeTree({"L": list(range(CHUNK))}).root.children[0]
    assert [c.key_text for c in lst.children][:2] == ["[0]", "[1]"]
    assert len(lst.children) == CHUNK


def test_range_subtree_json_is_its_slice():
    lst = AttributeTree({"L": list(range(150))}).root.children[0]
    assert json.loads(lst.children[1].to_json()) == list(range(100, 150))
    assert lst.children[1].path() == "attributes.L"


def test_subtree_json_is_pretty_and_keeps_order_and_unicode():
    address = AttributeTree(PROFILE_ATTRIBUTES).root.children[4]
    assert address.to_json() == '{\n  "City": "München",\n  "Zip": "80331"\n}'
    assert address.copy_text() == '{"City":"München","Zip":"80331"}'


def test_find_follows_path_keys_including_ranges():
    tree = AttributeTree({"A": {"B": list(range(500))}})
    node = tree.root.children[0].children[0].children[3].children[7]
    assert tree.find(node.path_keys()) is node
    assert tree.find(("A", "B", 307)) is node
    assert tree.find(("A", "nope")) is None
    assert tree.find(("A", "B", 500)) is None


def test_deep_nesting_builds_paths_and_json_without_recursion_errors():
    value: object = "leaf"
    for i in range(1500):
        value = {f"k{i % 3}": value} if i % 2 else [value]
    tree = AttributeTree({"Deep": value})
    node = tree.root
    while node.children:
        node = node.children[0]
    assert node.value == "leaf"
    assert node.depth() == 1501
    assert node.path().startswith("attributes.Deep.k2[0].k0[0].k1[0]")
    text = tree.root.to_json()
    assert text.count('"leaf"') == 1
    assert text.startswith('{\n  "Deep": {\n    "k2": [\n      {')


def test_dumps_fallback_matches_json_module():
    value = {"a": [1, {"b": None, "c": []}, "x\u00e9"], "d": {}, "e": 2**80}
    from viewer.model.json_text import _dumps_iterative

    assert _dumps_iterative(value, 2) == json.dumps(value, indent=2, ensure_ascii=False)
    assert _dumps_iterative(value, None) == dumps(value, None)


def test_count_values_stops_at_the_limit():
    assert count_values({"a": [1, 2, {"b": 3}]}, 100) == 6
    assert count_values(list(range(10**6)), 1000) > 1000


def test_empty_and_missing_attributes():
    assert AttributeTree(None).root.children == []
    assert AttributeTree({}).root.child_count() == 0


def test_huge_objects_are_split_into_key_ranges_that_paths_skip():
    value = {f"k{i}": i for i in range(2500)}
    tree = AttributeTree({"Huge": value, "Small": {f"s{i}": i for i in range(1000)}})
    huge, small = tree.root.children
    assert huge.display_text == "{2,500 keys}"
    assert [r.key_text for r in huge.children] == ["{k0 … k999}", "{k1000 … k1999}", "{k2000 … k2499}"]
    assert huge.children[2].display_text == "{500 keys}"
    member = huge.children[1].children[234]
    assert (member.key_text, member.value, member.row) == ("k1234", 1234, 234)
    assert member.path() == "attributes.Huge.k1234"
    assert tree.find(("Huge", "k2499")).value == 2499
    assert tree.find(member.path_keys()) is member
    assert json.loads(huge.children[2].to_json()) == {f"k{i}": i for i in range(2000, 2500)}
    assert len(small.children) == 1000 and small.children[0].key_text == "s0"
