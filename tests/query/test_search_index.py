"""The profile search: query language and index, on real export bytes (no Qt)."""

from __future__ import annotations

import json

import pytest

import viewer
from viewer.query.search_index import ProfileSearchIndex, audience_names


def _profile(n: int, **fields) -> dict:
    base = {
        "id": 1000 + n,
        "created": "2021-03-04T05:06:07Z",
        "integrationId": f"URN{n:04d}",
        "attributes": {},
        "accountId": 31,
        "closedSessions": n,
        "totalSales": 10.5 * n,
        "loyaltyMemberships": None,
        "audienceMemberships": [],
        "lastActivity": "2024-01-02T03:04:05Z",
        "sandbox": False,
    }
    base.update(fields)
    return base


@pytest.fixture(scope="module")
def export() -> viewer.Export:
    profiles = [
        _profile(0, attributes={"Name": "Ada Lovelace", "ShippingCountry": "DE", "Tags": ["vip", "newsletter"]},
                 audienceMemberships=[{"id": 2, "name": "Travel audience"}]),
        _profile(1, attributes={"Name": "Grace Hopper", "Address": {"City": "Arlington", "Zip": 22201}},
                 sandbox=True, connectedAudiences=[2, 5]),
        _profile(2, attributes={"name": "alan turing", "Newsletter": True, "ChurnRisk": 0.804}),
        _profile(3, attributes={"Name": "Edsger", "Note": "Name: trick"}, sandbox=None,
                 audienceMemberships=[{"id": 5, "name": "Frequent buyers"}]),
        _profile(4, integrationId="<img src=x><b>bold</b>", attributes={"Big": 123456789012345678901234567890}),
    ]
    del profiles[3]["sandbox"]
    return viewer.load(json.dumps(profiles).encode())


@pytest.fixture(scope="module")
def index(export) -> ProfileSearchIndex:
    return ProfileSearchIndex.build(export.profiles)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", None),
        ("ada", [0]),  # attribute value
        ("LOVELACE ada", [0]),  # several terms AND-ed, case-insensitive
        ("urn0001", [1]),  # integration ID
        ("1002", [2]),  # profile ID
        ("travel", [0, 1]),  # audience name (1: connected to that audience by ID)
        ("newsletter", [0]),  # a value inside a list
        ("arlington", [1]),  # a value inside an object
        ("true", [2]),  # booleans as shown
        ("0.804", [2]),
        ("123456789012345678901234567890", [4]),  # big ints keep their digits
        ("Name:ada", [0]),
        ("NAME:Alan", [2]),  # key case-insensitive
        ("name:trick", []),  # the value of Note, not of Name
        ("Note:trick", [3]),
        ("Name:", [0, 1, 2, 3]),  # has the attribute at all
        ("Address.City:arl", [1]),
        ("address.zip:222", [1]),
        ("audience:travel", [0, 1]),  # member, and connected by ID (2)
        ("audience:5", [1, 3]),
        ("audience:frequent", [1, 3]),  # 1 is connected to audience 5
        ("live", [0, 2, 4]),
        ("sandbox", [1]),
        ("sandbox:true", [1]),
        ("sandbox:false", [0, 2, 4]),
        ("env:unknown", [3]),
        ("unknown", [3]),  # the word the Environment column shows
        ("UNKNOWN live", []),
        ("live Name:a", [0, 2]),
        ("<b>bold", [4]),
        ("nobody-has-this", []),
    ],
)
def test_search(index, export, query, expected) -> None:
    assert index.search(query, export.profiles) == expected


def test_audience_names_from_any_profile(export) -> None:
    assert audience_names(export.profiles) == {2: "Travel audience", 5: "Frequent buyers"}


def test_build_can_be_cancelled(export) -> None:
    with pytest.raises(viewer.LoadCancelled):
        ProfileSearchIndex.build(export.profiles, cancelled=lambda: True)


def test_audience_id_matches_whole_ids_only() -> None:
    export = viewer.load(json.dumps([
        {"integrationId": "a", "audienceMemberships": [{"id": 2, "name": "Travel"}]},
        {"integrationId": "b", "audienceMemberships": [{"id": 21, "name": "Frequent buyers"}]},
        {"integrationId": "c", "connectedAudiences": [2]},
    ]).encode())
    index = ProfileSearchIndex.build(export.profiles)
    assert index.search("audience:2") == [0, 2]
    assert index.search("audience:21") == [1]
    assert index.search("audience:trav") == [0, 2]  # names still match by substring (c is named via a)


def test_free_text_finds_audience_names_before_and_after_the_members_are_grouped() -> None:
    profiles = [_profile(n, audienceMemberships=[{"id": 7, "name": "Weekend riders"}] if n % 3 == 0 else [],
                         connectedAudiences=[7] if n == 4 else [], attributes={"Name": f"p{n}"})
                for n in range(3000)]  # more candidates than are tested one by one
    index = ProfileSearchIndex.build(viewer.load(json.dumps(profiles).encode()).profiles)
    expected = [n for n in range(3000) if n % 3 == 0 or n == 4]
    before = [index.search("riders"), index.search("p riders"), index.search("p1 riders")]
    assert not index.has_audience_members()  # free text looked at each profile, it made no groups
    assert index.search("audience:riders") == expected  # an audience term makes them
    assert index.has_audience_members()
    assert before == [index.search("riders"), index.search("p riders"), index.search("p1 riders")]
    assert before == [expected, expected, [n for n in expected if str(n).startswith("1")]]


@pytest.mark.parametrize("query", ["p1", "Name:p1", "Name:"])
def test_a_search_no_longer_wanted_stops_between_runs_of_texts(query: str) -> None:
    from viewer.query.evaluate import Evaluator, QueryCancelled
    from viewer.query.language import parse
    from viewer.query.text_patterns import SCAN_CHUNK

    count = 2 * SCAN_CHUNK + 1
    profiles = viewer.load(json.dumps([_profile(n, attributes={"Name": f"p{n}"}) for n in range(count)]).encode(),
                           search_text=True).profiles
    index = ProfileSearchIndex.build(profiles)
    polls: list[int] = []

    def cancelled() -> bool:  # a newer keystroke arrives while the first run of texts is searched
        polls.append(1)
        return len(polls) > 1

    parsed = parse(query)
    with pytest.raises(QueryCancelled):
        Evaluator(profiles, index).matches(parsed, cancelled)
    assert len(polls) == 2  # stopped at the second run, not after the last
    assert len(Evaluator(profiles, index).matches(parsed, lambda: False)) > 1  # not cancelled: answered
