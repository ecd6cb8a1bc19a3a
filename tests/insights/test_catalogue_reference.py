"""The catalogue of a generated export against a plain, profile-by-profile count of the same file."""

from __future__ import annotations

import json
import random
from collections import Counter
from decimal import Decimal
from typing import Any

from insights_exports import profile

import viewer
from viewer.insights.overview import AttributeStats

ORDER = ("string", "number", "boolean", "null", "object", "list")
RAW = "@@"  # a number written as its text: json.dumps cannot write 1.50 or 1E2
AMOUNTS = ("1.5", "1.50", "2.25", "1E2", "100", "0.1", "19.99", "-3.0")


def raw(text: str) -> str:
    return f"{RAW}{text}{RAW}"


def generated(count: int, seed: int = 7) -> bytes:
    """Profiles with low- and high-cardinality strings, exact numbers written two ways, mixed types,
    optional keys (many key sets), nested objects, lists with nulls and empty lists."""
    rng = random.Random(seed)
    profiles = []
    for n in range(count):
        attributes: dict[str, Any] = {
            "Email": f"p{n if rng.random() > 0.01 else rng.randrange(50)}@example.com",  # nearly all different
            "Zip": f"{rng.randrange(900):05d}",  # repeats, many values
            "Score": raw(rng.choice(AMOUNTS)),
            "Flag": rng.random() < 0.5,
        }
        if rng.random() < 0.8:
            attributes["City"] = rng.choice(["Berlin", "München", "Paris", "Lyon", None, ""])
        if rng.random() < 0.5:
            attributes["Mixed"] = rng.choice([True, False, 1, 0, "1", raw("1.0"), None, raw("2.50")])
        if rng.random() < 0.7:
            attributes["Tags"] = rng.choice([[], [None], ["vip"], ["vip", "b2b"], ["b2b", None], [["x"]], [[]]])
        if rng.random() < 0.6:
            attributes["Address"] = rng.choice([{}, {"Street": f"Main {rng.randrange(40)}"},
                                                {"Street": "Elm 1", "Geo": {"Lat": raw("52.52"), "Lon": 13}}])
        if rng.random() < 0.4:
            attributes["Orders"] = [{"Amount": raw(rng.choice(AMOUNTS)), "Sku": rng.choice(["A", "B", None])}
                                    for _ in range(rng.randrange(3))]
        profiles.append(profile(n, attributes=attributes))
    text = json.dumps(profiles)
    return text.replace(f'"{RAW}', "").replace(f'{RAW}"', "").encode()


def has(value: Any) -> bool:
    """What ``has:PATH`` selects: not null; a list when one of its elements has a value."""
    if type(value) is list:
        return any(map(has, value))
    return value is not None


def type_name(value: Any) -> str:
    if type(value) is bool:
        return "boolean"
    if value is None:
        return "null"
    if isinstance(value, (int, Decimal)):
        return "number"
    return {str: "string", dict: "object", list: "list"}[type(value)]


def plain_count(data: bytes) -> dict[str, dict[str, Any]]:
    """Every path's profiles, types, values and booleans, counted one value at a time."""
    paths: dict[str, dict[str, Any]] = {}

    def visit(path: str, value: Any, who: int) -> None:
        entry = paths.setdefault(path, {"profiles": set(), "types": Counter(), "values": Counter(),
                                        "booleans": Counter(), "empty_lists": 0})
        entry["types"][type_name(value)] += 1
        if has(value):
            entry["profiles"].add(who)
        if type(value) is dict:
            for key, item in value.items():
                visit(f"{path}.{key}" if path else key, item, who)
        elif type(value) is list:
            entry["empty_lists"] += all(item is None for item in value)
            for item in value:
                visit(f"{path}[]", item, who)
        elif type(value) is bool:
            entry["booleans"][value] += 1
        else:
            entry["values"][value] += 1  # numbers by value: 1.5 and 1.50 are one, True is not 1

    for who, item in enumerate(json.loads(data, parse_float=Decimal)):
        for key, value in item["attributes"].items():
            visit(key, value, who)
    return paths


def counted(stats: AttributeStats, booleans: bool) -> dict[Any, int]:
    return {key: n for counts in stats.counts for key, n in counts.items() if (type(key) is bool) == booleans}


def test_a_generated_exports_catalogue_matches_a_plain_count(load_export) -> None:
    data = generated(3000)
    catalogue = viewer.summarize(load_export(data)).catalogue
    assert catalogue is not None
    expected = plain_count(data)
    assert sorted(s.path for s in catalogue.attributes) == sorted(expected)
    for stats in catalogue.attributes:
        want = expected[stats.path]
        assert stats.profiles == len(want["profiles"]), stats.path
        assert stats.types == tuple((name, want["types"][name]) for name in ORDER if want["types"][name]), stats.path
        assert stats.empty_lists == want["empty_lists"], stats.path
        assert counted(stats, booleans=False) == dict(want["values"]), stats.path
        assert counted(stats, booleans=True) == dict(want["booleans"]), stats.path
        assert stats.distinct == len(want["values"]) + len(want["booleans"]), stats.path
        everything = [*want["values"].items(), *want["booleans"].items()]
        ranked = sorted((n for _, n in everything), reverse=True)[:AttributeStats.TOP]
        assert [n for _, n in stats.top] == ranked, stats.path  # ties may come in either order
        for value, n in stats.top:
            assert (want["booleans"] if type(value) is bool else want["values"])[value] == n, stats.path
    assert [s.path for s in catalogue.attributes][:4] == ["Email", "Zip", "Score", "Flag"]  # nested after parents
    address = [s.path for s in catalogue.attributes if s.path.startswith("Address")]
    assert address[0] == "Address"
