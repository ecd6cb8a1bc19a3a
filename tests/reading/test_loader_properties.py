"""Whatever the input: an Export or a LoadError, never another exception (hypothesis)."""

from __future__ import annotations

import codecs
import gzip
import json
from datetime import datetime, timezone
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import viewer
from viewer.model.profile import FIELDS

# database=None: no .hypothesis folder written into the repository
FAST = settings(max_examples=150, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow])


def load_or_error(data: bytes) -> viewer.Export | None:
    """``viewer.load`` that lets only LoadError through (any other exception fails the test)."""
    try:
        export = viewer.load(data)
    except viewer.LoadError as error:
        assert error.message and isinstance(error.message, str)
        assert "Traceback" not in error.message
        return None
    assert isinstance(export, viewer.Export)
    assert len(export.profiles) >= 1
    for profile in export.profiles:  # every lazily built part must build, too
        profile.created, profile.last_activity, profile.audience_memberships
        profile.loyalty_memberships, profile.connected_applications_ids, profile.connected_audiences
        profile.environment, profile.display_name, profile.extra
    for problem in export.problems:
        assert str(problem)
    return export


@FAST
@given(st.binary(max_size=400))
def test_arbitrary_bytes(data: bytes) -> None:
    load_or_error(data)


@FAST
@given(st.binary(max_size=200))
def test_arbitrary_bytes_gzipped_and_with_bom(data: bytes) -> None:
    load_or_error(gzip.compress(data))
    load_or_error(codecs.BOM_UTF8 + data)
    load_or_error(codecs.BOM_UTF16_LE + data)


JSON_TEXT_BYTES = st.sampled_from([b"[", b"]", b"{", b"}", b",", b":", b'"', b"\\", b" ", b"\n", b"1", b"-",
                                   b"e", b"null", b'"integrationId"', b'"id"', b'"data"', b"true", b"\xc3\xa9"])


@FAST
@given(st.lists(JSON_TEXT_BYTES, max_size=60))
def test_json_like_noise(parts: list[bytes]) -> None:
    load_or_error(b"".join(parts))


huge_ints = st.integers(min_value=-(10**40), max_value=10**40)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | huge_ints | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children, max_size=5),
    max_leaves=25,
)


def dumps(value: Any) -> bytes:
    return json.dumps(value).encode()  # the standard library writes huge ints too


@FAST
@given(json_values)
def test_arbitrary_json_values(value: Any) -> None:
    load_or_error(dumps(value))


@FAST
@given(json_values)
def test_arbitrary_json_values_inside_export_shapes(value: Any) -> None:
    load_or_error(dumps([value, {"integrationId": "x"}]))
    load_or_error(dumps({"data": [value], "hasMore": True}))
    load_or_error(dumps({"integrationStates": [{"customerProfile": value}]}))
    load_or_error(dumps(value) + b"\n" + dumps(value) + b"\n")


WIRE_KEYS = [spec.wire for spec in FIELDS] + [spec.name for spec in FIELDS]


@FAST
@given(st.dictionaries(st.sampled_from(WIRE_KEYS), json_values, max_size=13), st.booleans())
def test_profile_like_dicts_always_give_one_profile(fields: dict[str, Any], in_array: bool) -> None:
    document = {"integrationId": "P-1", **fields} if "integrationId" not in fields else fields
    export = viewer.load(dumps([document] if in_array else document))
    assert len(export.profiles) == 1
    profile = export.profiles[0]
    assert profile.raw == json.loads(dumps(document), parse_float=Decimal)
    assert profile.environment in ("live", "sandbox", "unknown")
    assert isinstance(profile.audience_memberships, tuple)
    assert all(type(v) is int for v in profile.connected_audiences)
    assert profile.created is None or profile.created.tzinfo is not None
    for problem in export.problems:
        assert problem.profile_index in (0, None)


timestamps = st.datetimes(min_value=datetime(1971, 1, 1), max_value=datetime(2200, 1, 1),
                          timezones=st.just(timezone.utc))
time_texts = st.tuples(timestamps, st.sampled_from(["Z", "+00:00", "short"])).map(
    lambda t: t[0].strftime("%Y-%m-%dT%H:%M:%S") + ("Z" if t[1] == "short" else t[0].strftime(".%f") + t[1]))
valid_profiles = st.fixed_dictionaries({
    "id": st.integers(min_value=1, max_value=2**63 - 1) | huge_ints.filter(lambda n: n > 0),
    "created": time_texts,
    "integrationId": st.text(min_size=1, max_size=50),
    "attributes": st.dictionaries(st.text(max_size=10), json_values, max_size=4),
    "accountId": st.integers(min_value=1, max_value=2**31),
    "closedSessions": st.integers(min_value=0, max_value=10**6),
    "totalSales": st.integers(min_value=0, max_value=10**9)
    | st.floats(min_value=0, max_value=1e9, allow_nan=False, allow_infinity=False),
    "lastActivity": time_texts,
}, optional={
    "sandbox": st.booleans() | st.none(),
    "audienceMemberships": st.lists(st.fixed_dictionaries({"id": st.integers(0, 1000), "name": st.text(max_size=20)}),
                                    max_size=3),
    "connectedApplicationsIds": st.lists(st.integers(0, 100), max_size=4),
    "connectedAudiences": st.lists(st.integers(0, 100), max_size=4),
})


@FAST
@given(st.lists(valid_profiles, min_size=1, max_size=4), st.sampled_from(["array", "ndjson", "snake"]))
def test_valid_profiles_round_trip(items: list[dict[str, Any]], shape: str) -> None:
    for i, item in enumerate(items):
        item["id"] = item["id"] * 10 + i  # distinct: no "appears again"
    if shape == "ndjson":
        data = b"\n".join(dumps(item) for item in items)
    elif shape == "snake":
        names = {spec.wire: spec.name for spec in FIELDS}
        data = dumps([{names[k]: v for k, v in item.items()} for item in items])
    else:
        data = dumps(items)
    export = viewer.load(data)
    assert export.problems == []
    assert len(export.profiles) == len(items)
    for item, p in zip(items, export.profiles):
        assert p.id == item["id"]
        assert p.integration_id == item["integrationId"]
        assert p.attributes == json.loads(dumps(item["attributes"]), parse_float=Decimal)
        assert p.account_id == item["accountId"] and p.closed_sessions == item["closedSessions"]
        written = dumps(item["totalSales"]).decode()
        assert p.total_sales == json.loads(written, parse_float=Decimal)
        assert getattr(p.total_sales, "text", written) == written  # shown and copied as written
        assert p.raw == json.loads(p.source_text, parse_float=Decimal)  # the fields are those of its own text
        assert p.source_text in data.decode()
        assert p.created.text == item["created"] and p.last_activity.text == item["lastActivity"]
        assert p.created == datetime.fromisoformat(item["created"].replace("Z", "+00:00"))
        assert p.sandbox is item.get("sandbox")
        assert [(a.id, a.name) for a in p.audience_memberships] == [
            (a["id"], a["name"]) for a in item.get("audienceMemberships", [])]
        assert p.connected_applications_ids == tuple(item.get("connectedApplicationsIds", []))
        assert p.connected_audiences == tuple(item.get("connectedAudiences", []))


@FAST
@given(st.lists(valid_profiles, min_size=2, max_size=6), st.data())
def test_truncation_anywhere_keeps_a_prefix(items: list[dict[str, Any]], data: st.DataObject) -> None:
    for i, item in enumerate(items):
        item["id"] = i + 1
    text = dumps(items)
    cut = data.draw(st.integers(min_value=1, max_value=len(text) - 1))
    export = load_or_error(text[:cut])
    if export is not None:
        read = [p.id for p in export.profiles]
        assert read == [item["id"] for item in items[: len(read)]]
        assert any(p.severity is viewer.Severity.ERROR for p in export.problems)
