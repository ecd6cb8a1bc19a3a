"""Stretches decoded with the catalogue's own types count exactly what stretches decoded into dicts count.

The export drifts late, after the types are made: new keys, keys missing
that every object had, new values of a path read as a Literal, nulls and
numbers where there were none, an object path that turns into a string, an
escaped string equal to a known value.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
from insights_exports import profile
from test_catalogue_reference import ORDER, RAW, counted, plain_count, raw

import viewer
from viewer.insights.catalogue import CatalogueBuilder
from viewer.insights.overview import Catalogue
from viewer.reading.attribute_rows import STRETCH, attribute_rows

STRETCHES = 14


def drifting(count: int, seed: int = 3) -> bytes:
    """Profiles whose attributes settle in the first stretches and change in later ones."""
    rng = random.Random(seed)
    profiles = []
    for n in range(count):
        late = n // STRETCH  # the stretch the profile is in
        tiers = ["Bronze", "Silver", "Gold"] + (["Platinum"] if late >= 6 and rng.random() < 0.01 else [])
        attributes: dict[str, Any] = {
            "Email": f"p{n}@example.com",
            "Tier": rng.choice(tiers),
            "Orders": rng.randrange(10),
            "Address": {"City": rng.choice(["Berlin", "Paris", "Wien"])},
            "Tags": rng.sample(["vip", "b2b", "app"], rng.randrange(3)),
            "Big": rng.randrange(5) * 10 ** 12,
        }
        if rng.random() < 0.5:
            attributes["Opt"] = rng.choice(["a", "b"]) if late < 6 or rng.random() < 0.9 else None
        if late == 7 and rng.random() < 0.01:
            attributes["Orders"] = raw("2.50")
        if late == 8 and rng.random() < 0.01:
            attributes["Tags"] = ["vip", None, ["x"]]
        if late >= 8 and rng.random() < 0.05:
            attributes["Tier"] = "@@ESCAPED@@"  # "Gold" written with an escape: the same string
        if late == 9 and rng.random() < 0.01:
            attributes["Address"] = "n/a"
            attributes["Orders"] = True
            attributes["Big"] = 2 ** 70
        if late >= 10 and rng.random() < 0.3:
            attributes["Address"] = {"City": "Lyon", "Geo": {"Lat": raw("52.520"), "Lon": 13}}
        if late >= 12 and rng.random() < 0.05:
            attributes["Address"] = {"Geo": {"Lon": 14}}  # no City: every Address had one until now
        if late >= 11 and rng.random() < 0.2:
            attributes["Late"] = rng.choice([1, "one", None])
        if late >= 12 and rng.random() < 0.02:
            attributes = {}  # every profile had Email until now
        profiles.append(profile(n, attributes=attributes))
        if rng.random() < 0.01:
            profiles[-1]["attributes"] = None
    text = json.dumps(profiles).replace('"@@ESCAPED@@"', r'"\u0047old"')
    return text.replace(f'"{RAW}', "").replace(f'{RAW}"', "").encode()


def expected_of(data: bytes) -> dict[str, dict[str, Any]]:
    """The plain count of ``data``, whose null attributes count as none."""
    return plain_count(data.replace(b'"attributes": null', b'"attributes": {}'))


def catalogue(export: viewer.Export, typed: bool) -> tuple[Catalogue, int]:
    """The export's catalogue, read with the builder's types or into dicts only; and the stretches typed."""
    builder = CatalogueBuilder()
    stretches = 0
    for attributes, _ in attribute_rows(export.profiles, builder.attribute_type if typed else None):
        stretches += any(a is not None and type(a) is not dict for a in attributes)
        builder.add_attributes(attributes)
    return builder.finish(), stretches


def everything(found: Catalogue) -> list[Any]:
    """All a catalogue says, with the type of each value (1 and True, 2.50 and "2.50" differ)."""
    return [(s.path, s.profiles, s.of, s.types, s.distinct, s.empty_lists,
             [(type(v), v, n) for v, n in s.top],
             [[(type(v), v, n) for v, n in counts.items()] for counts in s.counts]) for s in found.attributes]


@pytest.mark.parametrize("ndjson", [False, True])
def test_typed_stretches_count_what_dicts_count(tmp_path: Path, ndjson: bool) -> None:
    data = drifting(STRETCH * STRETCHES)
    path = tmp_path / ("export.ndjson" if ndjson else "export.json")
    path.write_bytes(b"\n".join(json.dumps(p).encode() for p in json.loads(data)) if ndjson else data)
    export = viewer.load(path)
    typed, typed_stretches = catalogue(export, typed=True)
    plain, plain_stretches = catalogue(export, typed=False)
    assert plain_stretches == 0 and typed_stretches >= 4  # the types were used: they fit the stretches of no news
    assert everything(typed) == everything(plain)
    expected = expected_of(data)
    assert [s.path for s in typed.attributes] == [
        "Email", "Tier", "Orders", "Address", "Address.City", "Address.Geo", "Address.Geo.Lat", "Address.Geo.Lon",
        "Tags", "Tags[]", "Tags[][]", "Big", "Opt", "Late"]
    for stats in typed.attributes:
        want = expected[stats.path]
        assert stats.profiles == len(want["profiles"]), stats.path
        assert stats.types == tuple((name, want["types"][name]) for name in ORDER if want["types"][name]), stats.path
        assert counted(stats, booleans=False) == dict(want["values"]), stats.path
        assert counted(stats, booleans=True) == dict(want["booleans"]), stats.path


def test_the_summary_of_a_drifting_export_matches_a_plain_count(load_export) -> None:
    data = drifting(STRETCH * STRETCHES, seed=11)
    found = viewer.summarize(load_export(data)).catalogue
    assert found is not None
    expected = expected_of(data)
    assert sorted(s.path for s in found.attributes) == sorted(expected)
    tier = found.get("Tier")
    assert tier is not None and {v for v, _ in tier.values} == {"Bronze", "Silver", "Gold", "Platinum"}  # \u0047old
    for stats in found.attributes:
        want = expected[stats.path]
        assert counted(stats, booleans=False) == dict(want["values"]), stats.path
        assert counted(stats, booleans=True) == dict(want["booleans"]), stats.path
        assert stats.profiles == len(want["profiles"]), stats.path
        assert stats.types == tuple((name, want["types"][name]) for name in ORDER if want["types"][name]), stats.path


def test_keys_msgspec_cannot_name_and_odd_strings_count_the_same(tmp_path: Path) -> None:
    attributes = {"": 1, "Odd": {'a"b': "x", "back\\slash": {"in\x00ner": 1, "ok": "y"}}, "f0": "z",
                  "é": ["a\x00", "é", ""], "Nested": {"Deeper": {"Key \x1f": True, "Plain": "\x00"}}}
    path = tmp_path / "export.json"
    path.write_text(json.dumps([profile(n, attributes={**attributes, "": n % 3}) for n in range(STRETCH * 5)]))
    export = viewer.load(path)
    typed, typed_stretches = catalogue(export, typed=True)
    plain, _ = catalogue(export, typed=False)
    assert typed_stretches >= 2 and everything(typed) == everything(plain)
    assert typed.get("Odd.back\\slash.in\x00ner") is not None and typed.get("é[]") is not None
