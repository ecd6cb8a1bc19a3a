"""The thirteen fields, both spellings, every date form, and precise problems for odd values."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import orjson
import pytest

import viewer
from viewer.model.profile import FIELDS

WIRE = {
    "id": 6,
    "created": "2020-06-10T09:05:27.993483Z",
    "integrationId": "URNGV8294NV",
    "attributes": {"Name": "Ada Example", "ShippingCountry": "DE", "Tags": ["vip", "newsletter"], "ChurnRisk": 0.12},
    "accountId": 31,
    "closedSessions": 3,
    "totalSales": 299.99,
    "loyaltyMemberships": [{"loyaltyProgramId": 4, "joined": "2021-03-01T10:00:00Z"}],
    "audienceMemberships": [{"id": 2, "name": "Travel audience"}, {"id": 5, "name": "Frequent buyers"}],
    "lastActivity": "2020-02-08T14:15:20Z",
    "sandbox": False,
    "connectedApplicationsIds": [1, 2, 3],
    "connectedAudiences": [2],
}
SNAKE = {spec.name: WIRE[spec.wire] for spec in FIELDS}
SNAKE["loyalty_memberships"] = [{"loyalty_program_id": 4, "joined": "2021-03-01T10:00:00Z"}]


def profile(**changes: Any) -> dict[str, Any]:
    data = dict(WIRE)
    data.update(changes)
    return data


def load_one(tmp_path: Path, document: Any, others: int = 0) -> tuple[viewer.Profile, viewer.Export]:
    """Write ``document`` (as an array with ``others`` valid profiles before it) and load it."""
    path = tmp_path / "export.json"
    items = [profile(id=100 + i, integrationId=f"OTHER{i}") for i in range(others)] + [document]
    path.write_bytes(orjson.dumps(items if others else document))
    export = viewer.load(path)
    return export.profiles[others], export


@pytest.mark.parametrize("document", [WIRE, SNAKE], ids=["camelCase", "snake_case"])
@pytest.mark.parametrize("as_array", [False, True], ids=["bare", "array"])
def test_all_thirteen_fields(tmp_path: Path, document: dict[str, Any], as_array: bool) -> None:
    path = tmp_path / "p.json"
    path.write_bytes(orjson.dumps([document, document | {"id": 7}] if as_array else document))
    export = viewer.load(path)
    p = export.profiles[0]
    assert export.problems == []
    assert p.id == 6
    assert p.created == datetime(2020, 6, 10, 9, 5, 27, 993483, tzinfo=timezone.utc)
    assert p.integration_id == "URNGV8294NV"
    assert p.attributes == {"Name": "Ada Example", "ShippingCountry": "DE", "Tags": ["vip", "newsletter"],
                            "ChurnRisk": Decimal("0.12")}
    assert p.account_id == 31
    assert p.closed_sessions == 3
    assert p.total_sales == Decimal("299.99") and p.total_sales.text == "299.99"
    [loyalty] = p.loyalty_memberships
    assert loyalty.loyalty_program_id == 4
    assert loyalty.joined == datetime(2021, 3, 1, 10, tzinfo=timezone.utc)
    assert loyalty.joined.text == "2021-03-01T10:00:00Z"
    assert [(a.id, a.name) for a in p.audience_memberships] == [(2, "Travel audience"), (5, "Frequent buyers")]
    assert isinstance(p.audience_memberships[0], viewer.AudienceMembership)
    assert p.last_activity == datetime(2020, 2, 8, 14, 15, 20, tzinfo=timezone.utc)
    assert p.sandbox is False and p.environment == "live"
    assert p.connected_applications_ids == (1, 2, 3)
    assert p.connected_audiences == (2,)
    assert p.raw == json.loads(orjson.dumps(document), parse_float=Decimal)  # as read, in the file's own spelling
    assert list(p.raw) == list(document)
    assert p.extra == {}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020-06-10T09:05:27.993483Z", datetime(2020, 6, 10, 9, 5, 27, 993483, tzinfo=timezone.utc)),
        ("2020-02-07T08:15:22Z", datetime(2020, 2, 7, 8, 15, 22, tzinfo=timezone.utc)),
        ("2012-07-09T19:22:09.1440844Z", datetime(2012, 7, 9, 19, 22, 9, 144084, tzinfo=timezone.utc)),
        ("2026-01-21T15:04:05+07:00", datetime(2026, 1, 21, 8, 4, 5, tzinfo=timezone.utc)),
        ("2020-06-10T09:05:27.993483+00:00", datetime(2020, 6, 10, 9, 5, 27, 993483, tzinfo=timezone.utc)),
    ],
)
@pytest.mark.parametrize("others", [0, 2], ids=["bare", "in-array"])
def test_date_forms(tmp_path: Path, text: str, expected: datetime, others: int) -> None:
    p, export = load_one(tmp_path, profile(created=text, lastActivity=text), others)
    assert export.problems == []
    for value in (p.created, p.last_activity):
        assert isinstance(value, viewer.Timestamp) and isinstance(value, datetime)
        assert value.tzinfo is not None
        assert value == expected  # the same instant
        assert value.text == text  # exactly as written
    assert p.created_text == text


def test_offset_is_kept_not_converted(tmp_path: Path) -> None:
    p, _ = load_one(tmp_path, profile(created="2026-01-21T15:04:05+07:00"))
    assert p.created.utcoffset() == timedelta(hours=7)
    assert p.created.hour == 15


OPTIONAL_LISTS = ("loyaltyMemberships", "audienceMemberships", "connectedApplicationsIds", "connectedAudiences")


@pytest.mark.parametrize("form", ["missing", "null", "empty"])
@pytest.mark.parametrize("others", [0, 1], ids=["bare", "in-array"])
def test_missing_null_and_empty_lists_mean_the_same(tmp_path: Path, form: str, others: int) -> None:
    data = profile()
    for key in OPTIONAL_LISTS:
        if form == "missing":
            del data[key]
        else:
            data[key] = None if form == "null" else []
    p, export = load_one(tmp_path, data, others)
    assert export.problems == []
    assert p.loyalty_memberships == ()
    assert p.audience_memberships == ()
    assert p.connected_applications_ids == ()
    assert p.connected_audiences == ()
    expected_state = {"missing": "missing", "null": "null", "empty": "present"}[form]
    assert p.field_state("audience_memberships") == expected_state


@pytest.mark.parametrize("form", ["missing", "null"])
@pytest.mark.parametrize("others", [0, 1], ids=["bare", "in-array"])
def test_unknown_sandbox(tmp_path: Path, form: str, others: int) -> None:
    data = profile()
    if form == "missing":
        del data["sandbox"]
    else:
        data["sandbox"] = None
    p, export = load_one(tmp_path, data, others)
    assert export.problems == []  # sandbox is optional
    assert p.sandbox is None
    assert p.environment == "unknown"
    assert export.counts() == {"live": others, "sandbox": 0, "unknown": 1}


def test_sandbox_true(tmp_path: Path) -> None:
    p, _ = load_one(tmp_path, profile(sandbox=True))
    assert p.sandbox is True and p.environment == "sandbox"


def test_missing_attributes_are_an_empty_dict_without_a_problem(tmp_path: Path) -> None:
    data = profile()
    del data["attributes"]
    p, export = load_one(tmp_path, data, others=1)
    assert p.attributes == {}
    assert export.problems == []


REQUIRED = [("id", "id"), ("created", "created"), ("integrationId", "integration_id"),
            ("accountId", "account_id"), ("closedSessions", "closed_sessions"),
            ("totalSales", "total_sales"), ("lastActivity", "last_activity")]


@pytest.mark.parametrize("others", [0, 3], ids=["bare", "in-array"])
def test_missing_required_fields_a_problem_each(tmp_path: Path, others: int) -> None:
    data = {"attributes": {"Name": "Old"}, "sandbox": True}
    p, export = load_one(tmp_path, data, others)
    assert p.attributes == {"Name": "Old"} and p.sandbox is True
    for _, name in REQUIRED:
        assert getattr(p, name) is None
    found = {(q.field, q.path) for q in export.problems}
    prefix = f"[{others}]." if others else ""
    assert found == {(name, prefix + wire) for wire, name in REQUIRED}
    assert all("missing" in q.message and q.profile_index == others for q in export.problems)


def test_null_required_field_says_null(tmp_path: Path) -> None:
    p, export = load_one(tmp_path, profile(created=None), others=1)
    [problem] = export.problems
    assert problem.path == "[1].created" and "null" in problem.message
    assert p.created is None
    assert p.field_state("created") == "null"


@pytest.mark.parametrize(
    ("key", "value", "field", "words"),
    [
        ("totalSales", "12,50", "total_sales", ["number", "12,50"]),
        ("id", "123", "id", ["string", "123"]),
        ("sandbox", "yes", "sandbox", ["true or false", "yes"]),
        ("created", "yesterday", "created", ["date-time", "yesterday"]),
        ("lastActivity", "2020-01-01T00:00:00", "last_activity", ["time zone"]),
        ("closedSessions", 2.5, "closed_sessions", ["whole number", "2.5"]),
        ("accountId", [31], "account_id", ["whole number", "list"]),
        ("integrationId", {"a": 1}, "integration_id", ["text", "object"]),
        ("attributes", [1, 2], "attributes", ["object", "list"]),
        ("connectedAudiences", [2, "x"], "connected_audiences", ["[1]", "whole number"]),
        ("audienceMemberships", [{"id": 2}], "audience_memberships", ["[0]", "audience membership"]),
        ("loyaltyMemberships", [{"joined": "never"}], "loyalty_memberships", ["[0]", "loyalty membership"]),
    ],
)
def test_wrong_types_give_a_precise_problem(tmp_path: Path, key: str, value: Any, field: str,
                                            words: list[str]) -> None:
    p, export = load_one(tmp_path, profile(**{key: value}), others=3)
    [problem] = export.problems
    assert problem.path == f"[3].{key}"
    assert problem.field == field
    assert problem.profile_index == 3
    for word in words:
        assert word in problem.message
    assert p.original(field) == value  # the odd value itself stays visible
    assert export.problems_for(3) == [problem]
    assert export.problems_for(0) == []


def test_wrong_values_are_not_shown_as_right_ones(tmp_path: Path) -> None:
    p, export = load_one(tmp_path, profile(totalSales="12,50", sandbox="yes", created="yesterday",
                                           lastActivity="2020-01-01T00:00:00"))
    assert p.total_sales is None
    assert p.sandbox is None and p.environment == "unknown"  # not "live"
    assert p.created is None and p.last_activity is None
    assert {q.severity for q in export.problems} == {viewer.Severity.ERROR}


def test_number_written_as_string_is_read_with_a_warning(tmp_path: Path) -> None:
    p, export = load_one(tmp_path, profile(id="123", totalSales="12.50"))
    assert p.id == 123 and p.total_sales == 12.5
    assert {q.severity for q in export.problems} == {viewer.Severity.WARNING}


def test_total_sales_int_or_float_kept_exact(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_bytes(orjson.dumps([profile(id=1, totalSales=300), profile(id=2, totalSales=299.99)]))
    first, second = viewer.load(path).profiles
    assert first.total_sales == 300 and type(first.total_sales) is int
    assert second.total_sales == Decimal("299.99") and str(second.total_sales) == "299.99"


def test_unknown_fields_are_kept(tmp_path: Path) -> None:
    data = profile(advocateIntegrationId="REFERRER-1", customThing={"x": [1, 2]})
    for others in (0, 2):
        p, export = load_one(tmp_path, data, others)
        assert export.problems == []
        assert p.extra == {"advocateIntegrationId": "REFERRER-1", "customThing": {"x": [1, 2]}}
        assert p.raw["advocateIntegrationId"] == "REFERRER-1"
        assert p.advocate_integration_id == "REFERRER-1"


@pytest.mark.parametrize("others", [0, 2], ids=["bare", "in-array"])
def test_integration_id_length_limit(tmp_path: Path, others: int) -> None:
    p, export = load_one(tmp_path, profile(integrationId="a" * 1000), others)
    assert export.problems == [] and len(p.integration_id) == 1000
    p, export = load_one(tmp_path, profile(integrationId="b" * 1001), others)
    [problem] = export.problems
    assert problem.severity is viewer.Severity.WARNING
    assert problem.field == "integration_id"
    assert "1,001" in problem.message
    assert p.integration_id == "b" * 1001  # kept in full


def test_memberships_are_typed_objects(tmp_path: Path) -> None:
    data = profile(loyaltyMemberships=[{"loyaltyProgramId": 4, "joined": "2021-03-01T10:00:00.5+01:00"},
                                       {"loyaltyProgramId": 9}])
    p, export = load_one(tmp_path, data)
    assert export.problems == []
    first, second = p.loyalty_memberships
    assert isinstance(first, viewer.LoyaltyMembership)
    assert first.loyalty_program_id == 4
    assert first.joined == datetime(2021, 3, 1, 9, 0, 0, 500000, tzinfo=timezone.utc)
    assert first.joined.text == "2021-03-01T10:00:00.5+01:00"
    assert (second.loyalty_program_id, second.joined) == (9, None)
    audience = p.audience_memberships[1]
    assert (audience.id, audience.name) == (5, "Frequent buyers")


def test_display_name_and_identity(tmp_path: Path) -> None:
    p, _ = load_one(tmp_path, profile())
    assert p.display_name == "URNGV8294NV"
    assert p.identity == ("id", 6, False)
