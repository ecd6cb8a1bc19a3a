"""The catalogue's reading: every profile's attributes and connected audiences, as the profiles have them."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import orjson
import pytest

import viewer
from viewer.reading.attribute_rows import STRETCH, attribute_rows


def profile(n: int, **changes: Any) -> dict[str, Any]:
    data = {"id": n, "created": "2024-03-05T10:00:00Z", "integrationId": f"URN{n}", "accountId": 1,
            "closedSessions": 1, "totalSales": 1, "lastActivity": "2024-03-06T10:00:00Z",
            "attributes": {"Rate": n / 4, "Tags": ["a"] * (n % 3), "Name": f"N{n}"}, "connectedAudiences": [n % 5]}
    data.update(changes)
    return data


def plain(value: Any) -> Any:
    """Numbers decoded as their text (bytes) as the values they write, to compare with a built profile's."""
    if isinstance(value, bytes):
        return Decimal(value.decode())
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def rows_of(export: viewer.Export) -> tuple[list[Any], list[Any]]:
    attributes: list[Any] = []
    connected: list[Any] = []
    for a, c in attribute_rows(export.profiles):
        attributes.extend(a)
        connected.extend(c)
    return attributes, connected


@pytest.mark.parametrize("ndjson", [False, True])
def test_rows_are_the_profiles_attributes(tmp_path: Path, ndjson: bool) -> None:
    profiles = [profile(n) for n in range(STRETCH * 2 + 7)]
    profiles[5] = profile(5, closedSessions="three")  # the full check sets this one right: read as built
    profiles[9] = profile(9, attributes=None, connectedAudiences=None)
    path = tmp_path / ("export.ndjson" if ndjson else "export.json")
    path.write_bytes(b"\n".join(map(orjson.dumps, profiles)) if ndjson else orjson.dumps(profiles))
    export = viewer.load(path)
    assert export.profiles.fully_checked(5)
    attributes, connected = rows_of(export)
    assert len(attributes) == len(profiles)
    assert [plain(a) or {} for a in attributes] == [p.attributes for p in export.profiles]
    assert [tuple(c or ()) for c in connected] == [p.connected_audiences for p in export.profiles]
    assert attributes[2]["Rate"] == b"0.5"  # the number's text, made at C speed


def test_any_sequence_of_profiles_is_read_profile_by_profile(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text(json.dumps([profile(n) for n in range(3)]))
    built = list(viewer.load(path).profiles)
    attributes, connected = [], []
    for a, c in attribute_rows(built):
        attributes.extend(a)
        connected.extend(c)
    assert attributes == [p.attributes for p in built] and connected == [(0,), (1,), (2,)]
