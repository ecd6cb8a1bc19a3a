"""The attribute catalogue: paths, profiles that have them, types, distinct and top values."""

from __future__ import annotations

from decimal import Decimal

from insights_exports import profile

import viewer
from viewer.insights import Catalogue
from viewer.insights.catalogue import CatalogueBuilder


def catalogue_of(load_export, *attributes: dict) -> Catalogue:
    export = load_export([profile(i, attributes=a) for i, a in enumerate(attributes)])
    catalogue = viewer.summarize(export).catalogue
    assert catalogue is not None
    return catalogue


def test_paths_of_nested_keys_and_list_elements(load_export) -> None:
    catalogue = catalogue_of(
        load_export,
        {"Name": "Ada", "Address": {"City": "Berlin", "Zip": "10115"}, "Tags": ["vip", "b2b"]},
        {"Name": "Grace", "Address": {"City": "Paris"}, "Tags": []},
        {"Orders": [{"Amount": 5}, {"Amount": 7.5}, {"Amount": None}]},
    )
    paths = [s.path for s in catalogue.attributes]
    assert paths == ["Name", "Address", "Address.City", "Address.Zip", "Tags", "Tags[]", "Orders", "Orders[]",
                     "Orders[].Amount"]
    city = catalogue.get("Address.City")
    assert city is not None and (city.profiles, city.distinct, city.types) == (2, 2, (("string", 2),))
    assert city.query == "has:Address.City"
    tags = catalogue.get("Tags")
    assert tags is not None and tags.profiles == 1  # the empty list has no value, as has:Tags says
    assert dict(tags.types) == {"list": 2}
    elements = catalogue.get("Tags[]")
    assert elements is not None and (elements.profiles, elements.type_count("string")) == (1, 2)
    amount = catalogue.get("Orders[].Amount")
    assert amount is not None and amount.profiles == 1  # three orders, one profile
    assert dict(amount.types) == {"number": 2, "null": 1}


def test_mixed_types_are_flagged_with_their_counts(load_export) -> None:
    catalogue = catalogue_of(load_export, {"Zip": "10115"}, {"Zip": 10115}, {"Zip": "80331"}, {"Zip": None},
                             {"Zip": True})
    zip_code = catalogue.get("Zip")
    assert zip_code is not None and zip_code.mixed
    assert zip_code.types == (("string", 2), ("number", 1), ("boolean", 1), ("null", 1))
    assert zip_code.profiles == 4  # null is not a value
    name_only = catalogue_of(load_export, {"Name": "a"}, {"Name": "b"}).get("Name")
    assert name_only is not None and not name_only.mixed


def test_one_value_of_another_type_after_many_strings_or_amounts_is_flagged(load_export) -> None:
    """A column of strings (or of amounts with fractions) is told by its first value; one odd value still counts."""
    rows = [{"Code": f"C{i}", "Amount": i + 0.25} for i in range(600)]
    rows[517] = {"Code": 517, "Amount": "517.25"}
    rows[599] = {"Code": None, "Amount": None}
    catalogue = catalogue_of(load_export, *rows)
    code, amount = catalogue.get("Code"), catalogue.get("Amount")
    assert code is not None and code.mixed and code.types == (("string", 598), ("number", 1), ("null", 1))
    assert amount is not None and amount.mixed and amount.types == (("string", 1), ("number", 598), ("null", 1))
    assert (code.profiles, amount.profiles) == (599, 599)


def test_true_and_one_are_different_values(load_export) -> None:
    catalogue = catalogue_of(load_export, {"Flag": True}, {"Flag": 1}, {"Flag": 1}, {"Flag": 1.0})
    flag = catalogue.get("Flag")
    assert flag is not None
    assert sorted(flag.top, key=lambda item: item[1]) == [(True, 1), (1, 3)]
    assert flag.distinct == 2


def test_top_values_most_frequent_first(load_export) -> None:
    cities = ["Berlin"] * 5 + ["Paris"] * 3 + ["Wien"]
    catalogue = catalogue_of(load_export, *({"City": c} for c in cities))
    city = catalogue.get("City")
    assert city is not None
    assert city.top == (("Berlin", 5), ("Paris", 3), ("Wien", 1))
    assert city.values == [("Berlin", 5), ("Paris", 3), ("Wien", 1)]
    assert city.share == 1


def test_numbers_stay_exact(load_export) -> None:
    big = 123456789012345678901234567890
    export = load_export(b'[{"id": 1, "created": "2024-03-05T10:00:00Z", "integrationId": "a", "accountId": 1,'
                         b' "closedSessions": 1, "totalSales": 1, "lastActivity": "2024-03-05T10:00:00Z",'
                         b' "attributes": {"Big": ' + str(big).encode() + b', "Rate": 0.10}}]')
    catalogue = viewer.summarize(export).catalogue
    assert catalogue is not None
    big_stats, rate = catalogue.get("Big"), catalogue.get("Rate")
    assert big_stats is not None and big_stats.top == ((big, 1),)
    assert rate is not None and rate.top[0][0] == Decimal("0.10")


def test_deep_nesting_from_a_file(load_export) -> None:
    depth = 1000  # the reader takes up to 1,024 levels
    text = '{"a":' * depth + "1" + "}" * depth
    export = load_export(('[{"id": 1, "created": "2024-03-05T10:00:00Z", "integrationId": "a", "accountId": 1,'
                          ' "closedSessions": 1, "totalSales": 1, "lastActivity": "2024-03-05T10:00:00Z",'
                          ' "attributes": {"Deep": ' + text + ', "L": ' + "[" * depth + "]" * depth +
                          ', "Name": "x"}}]').encode())
    catalogue = viewer.summarize(export).catalogue
    assert catalogue is not None
    assert catalogue.get("Name") is not None and catalogue.get("L") is not None
    paths = [s.path for s in catalogue.attributes]
    assert max(p.count(".") for p in paths) == catalogue.depth_limit - 1
    assert catalogue.too_deep == 2  # the rest of each chain, not listed


class _Stub:
    def __init__(self, attributes: dict) -> None:
        self.attributes = attributes


def test_100000_levels_are_walked_without_recursion() -> None:
    deep: dict = {"end": 1}
    for _ in range(100_000):
        deep = {"a": deep, "b": "x"}
    builder = CatalogueBuilder()
    builder.add([_Stub({"Deep": deep}), _Stub({"Deep": {"a": None}})])
    catalogue = builder.finish()
    a = catalogue.get("Deep.a")
    assert a is not None and a.profiles == 1 and dict(a.types) == {"object": 1, "null": 1}
    assert catalogue.too_deep == 1


def test_catalogue_of_a_search_result(load_export) -> None:
    export = load_export([profile(i, attributes={"Tier": "gold" if i < 3 else "silver"}) for i in range(5)])
    catalogue = viewer.summarize(export, [3, 4]).catalogue
    assert catalogue is not None
    tier = catalogue.get("Tier")
    assert tier is not None and tier.top == (("silver", 2),) and tier.of == 2


def test_profiles_without_attributes_count_in_the_shares(load_export) -> None:
    export = load_export([profile(0, attributes={"A": 1}), profile(1), profile(2)])
    catalogue = viewer.summarize(export).catalogue
    assert catalogue is not None
    a = catalogue.get("A")
    assert a is not None and (a.profiles, a.of) == (1, 3)


def test_value_bars_pick_the_chart_for_the_values(load_export) -> None:
    from viewer.insights.value_bars import value_bars

    rows = [{"City": ["Berlin", "Paris", "Wien"][i % 3], "Score": i, "Seen": f"2024-0{i % 3 + 1}-02T10:00:00Z"}
            for i in range(30)]
    catalogue = catalogue_of(load_export, *rows)
    city, score, seen = (catalogue.get(p) for p in ("City", "Score", "Seen"))
    assert city is not None and score is not None and seen is not None
    bars = value_bars(city)
    assert bars.kind == "categories" and bars.counts == (10, 10, 10)
    assert bars.queries[0] == "City=Berlin"
    numbers = value_bars(score)
    assert numbers.kind == "histogram" and sum(numbers.counts) == 30
    assert numbers.queries[0] == "Score>=0 Score<2"
    times = value_bars(seen)
    assert times.kind == "timeline" and times.labels == ("2024-01", "2024-02", "2024-03")
    assert times.counts == (10, 10, 10) and times.queries[1] == "Seen:2024-02"


def test_optional_attributes_in_many_combinations(load_export) -> None:
    import random

    rng = random.Random(3)
    keys = [f"K{i}" for i in range(12)]
    rows = [{k: (None if rng.random() < 0.1 else rng.choice(["a", "b", 1])) for k in keys if rng.random() < 0.6}
            for _ in range(80)]  # dozens of different key sets in one batch
    catalogue = catalogue_of(load_export, *rows)
    for key in keys:
        stats = catalogue.get(key)
        values = [row[key] for row in rows if key in row]
        assert stats is not None
        assert stats.profiles == sum(v is not None for v in values)
        assert sum(n for _, n in stats.types) == len(values)
        assert dict(stats.types).get("null", 0) == values.count(None)


def test_empty_lists_count_under_list_and_say_so(load_export) -> None:
    """Types count every list, profiles only those with an element: the empty ones are counted apart."""
    catalogue = catalogue_of(load_export, {"Tags": ["a"]}, {"Tags": []}, {"Tags": [None]}, {"Tags": ["b", "c"]},
                             {"Tags": None}, {"Other": 1})
    tags = catalogue.get("Tags")
    assert tags is not None
    assert tags.profiles == 2  # as has:Tags selects them
    assert dict(tags.types) == {"list": 4, "null": 1}
    assert tags.empty_lists == 2  # [] and [null]
    assert tags.type_count("list") - tags.empty_lists == tags.profiles
    elements = catalogue.get("Tags[]")
    assert elements is not None and dict(elements.types) == {"string": 3, "null": 1}


def test_one_value_written_two_ways_is_one_value(load_export) -> None:
    export = load_export(b'[' + b','.join(
        b'{"id": %d, "created": "2024-03-05T10:00:00Z", "integrationId": "a%d", "accountId": 1, "closedSessions": 1,'
        b' "totalSales": 1, "lastActivity": "2024-03-05T10:00:00Z", "attributes": {"Rate": %s, "Score": %s}}'
        % (i, i, rate, score) for i, (rate, score) in enumerate([(b"1.5", b"0.25"), (b"1.50", b"0.5"),
                                                                   (b"15E-1", b"0.25"), (b"2.5", b"0.75")])) + b']')
    catalogue = viewer.summarize(export).catalogue
    assert catalogue is not None
    rate, score = catalogue.get("Rate"), catalogue.get("Score")
    assert rate is not None and score is not None
    assert rate.distinct == 2 and rate.top == ((Decimal("1.5"), 3), (Decimal("2.5"), 1))
    assert rate.top[0][0].text == "1.5"  # named as first written
    assert score.distinct == 3 and dict(score.values) == {Decimal("0.25"): 2, Decimal("0.5"): 1, Decimal("0.75"): 1}
    assert [type(v).__name__ for v, _ in score.top] == ["Number"] * 3


def test_values_keep_the_order_of_the_profiles_when_keys_are_optional(load_export) -> None:
    catalogue = catalogue_of(load_export, {"A": "x"}, {"A": "y", "B": 1}, {"A": "z"}, {"B": 2, "A": "w"})
    a = catalogue.get("A")
    assert a is not None and [value for value, _ in a.top] == ["x", "y", "z", "w"]  # ties: the order first met
    assert [s.path for s in catalogue.attributes] == ["A", "B"]
