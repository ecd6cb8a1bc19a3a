"""Search terms about the CSV files beside the profiles: sessions>N, points>N, tier:, in:."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import viewer
from viewer.query.search_index import ProfileSearchIndex, parse_query


def _profile(n: int) -> dict[str, object]:
    return {"id": n, "integrationId": f"URN{n}", "created": "2024-01-02T03:04:05Z", "attributes": {},
            "accountId": 1, "closedSessions": 0, "totalSales": 0, "lastActivity": "2024-01-02T03:04:05Z",
            "sandbox": False}


SESSION_HEADER = ("id,firstsession,integrationid,applicationid,profileid,profileintegrationid,created,state,"
                  "cartitems,discounts,total,attributes,closedat,cancelledat,referral,identifiers,"
                  "additional_costs,updated,store_integration_id,coupons\n")


def _session(number: int, owner: str, state: str = "closed") -> str:
    return (f"{number},false,s{number},1,0,{owner},2024-03-05T14:07:00Z,{state},[],{{}},1.00,{{}},"
            "0001-01-01T00:00:00Z,0001-01-01T00:00:00Z,,null,{},2024-03-05T14:07:00Z,,[]\n")


@pytest.fixture()
def loaded(tmp_path: Path) -> tuple[viewer.Export, ProfileSearchIndex]:
    (tmp_path / "c.json").write_text(json.dumps([_profile(n) for n in range(4)]), encoding="utf-8")
    owners = ["URN0"] * 4 + ["URN1"] * 3 + ["URN2"]
    states = ["closed", "open", "closed", "closed", "cancelled", "partially_returned", "closed", "Open"]
    (tmp_path / "s.csv").write_text(SESSION_HEADER + "".join(_session(i, o, s) for i, (o, s) in
                                                             enumerate(zip(owners, states))), encoding="utf-8")
    (tmp_path / "b.csv").write_text(
        "loyaltyProgramID,loyaltySubledger,profileIntegrationID,currentBalance,pendingBalance,expiredBalance,"
        "spentBalance,currentTier\n4,,URN0,100.00,0,0,0,Gold\n4,x,URN0,0.01,0,0,0,Gold\n"
        "4,,URN1,100.00,0,0,0,Silver\n4,,URN3,99.99,0,0,0,\n", encoding="utf-8")
    (tmp_path / "t.csv").write_text("programid,subledgerid,customerprofileid,tiername,startdate,expirydate\n"
                                    "4,,URN3,Platinum Plus,2024-01-01T00:00:00Z,0001-01-01T00:00:00Z\n",
                                    encoding="utf-8")
    (tmp_path / "vip-members.csv").write_text("profileintegrationid\nURN2\nURN3\n", encoding="utf-8")
    (tmp_path / "newsletter.csv").write_text("profileintegrationid\nURN3\n", encoding="utf-8")
    export = viewer.load([tmp_path / name for name in ("c.json", "s.csv", "b.csv", "t.csv", "vip-members.csv",
                                                       "newsletter.csv")])
    return export, ProfileSearchIndex.build(export.profiles)


@pytest.mark.parametrize(("query", "expected"), [
    ("sessions>3", [0]), ("sessions>=3", [0, 1]), ("sessions<1", [3]), ("sessions<=1", [2, 3]),
    ("sessions=3", [1]), ("SESSIONS>0", [0, 1, 2]),
    ("points>100", [0]), ("points>=100", [0, 1]), ("points=100.01", [0]), ("points<100", [3]),  # URN2: no balance
    ("points=99.99", [3]), ("points>99.989", [0, 1, 3]),
    ("tier:gold", [0]), ("tier:Platinum", [3]), ("tier:SILV", [1]), ("tier:plus", [3]),
    ("in:vip", [2, 3]), ("in:NEWS", [3]), ("in:members", [2, 3]), ("in:nothing", []),
    ("sessions>0 tier:gold", [0]), ("in:vip sessions=1", [2]), ("urn3 in:vip", [3]),
])
def test_companion_terms(loaded: tuple[viewer.Export, ProfileSearchIndex], query: str, expected: list[int]) -> None:
    export, index = loaded
    assert index.search(query, export.profiles) == expected


@pytest.mark.parametrize(("query", "expected"), [
    ("session:closed", [0, 1]), ("session:OPEN", [0, 2]), ("session:cancelled", [1]),
    ("session:partially_returned", [1]), ("session:close", []),  # the whole state, not a part of it
    ("-session:closed", [2, 3]), ("session:open points>=100", [0]),
    ("points>=0", [0, 1, 3]), ("points>=100 points<100.01", [1]),  # as the overview's points bins ask
    ('tier:"platinum plus"', [3]), ("tier:Gold", [0]),  # as the overview's tier bars ask
])
def test_query_language_companion_terms(loaded: tuple[viewer.Export, ProfileSearchIndex], query: str,
                                        expected: list[int]) -> None:
    from viewer.query.evaluate import matching_indices

    export, _ = loaded
    assert matching_indices(export, query) == expected


def test_terms_without_companion_files_match_nothing(tmp_path: Path) -> None:
    (tmp_path / "c.json").write_text(json.dumps([_profile(1)]), encoding="utf-8")
    export = viewer.load(tmp_path / "c.json")
    index = ProfileSearchIndex.build(export.profiles)
    assert index.search("sessions>=0", export.profiles) == []
    assert index.search("tier:gold", export.profiles) == []
    from viewer.query.evaluate import matching_indices

    assert matching_indices(export, "session:closed") == [] and matching_indices(export, "points<1") == []


def test_without_a_tiers_file_tier_is_the_attribute_of_that_name(tmp_path: Path) -> None:
    profiles = [{**_profile(n), "attributes": {"Tier": tier, "Note": "tier: gold"}} for n, tier in
                enumerate(["Gold", "Silver", "Gold"])]
    (tmp_path / "c.json").write_text(json.dumps(profiles), encoding="utf-8")
    from viewer.query.evaluate import matching_indices

    export = viewer.load(tmp_path / "c.json")
    assert matching_indices(export, "Tier:Gold") == [0, 2]  # a common attribute, not the tier of a CSV file
    assert matching_indices(export, "tier:silv") == [1] and matching_indices(export, "in:vip") == []


def test_parse_companion_terms() -> None:
    kinds = [(t.kind, t.key, t.value) for t in parse_query("sessions>=3 points<1.5 tier:Gold in:VIP")]
    assert kinds == [("sessions", ">=", "3"), ("points", "<", "1.5"), ("tier", None, "gold"), ("member", None, "vip")]


def test_placeholder_profiles_are_searchable(tmp_path: Path) -> None:
    (tmp_path / "m.csv").write_text("profileintegrationid\nURN-ALPHA\nURN-BETA\n", encoding="utf-8")
    export = viewer.load(tmp_path / "m.csv")
    index = ProfileSearchIndex.build(export.profiles)
    assert index.search("beta", export.profiles) == [1]
    assert index.search("in:m.csv", export.profiles) == [0, 1]


def test_query_language_is_documented() -> None:
    from viewer.query import search_index

    doc = search_index.__doc__ or ""
    for term in ("sessions>3", "points>=100", "tier:gold", "in:vip"):
        assert term in doc


def test_each_kind_alone_answers_its_own_terms(tmp_path: Path) -> None:
    """The columns are read only for the kinds opened: a sessions file alone has no points, tiers or lists."""
    (tmp_path / "c.json").write_text(json.dumps([_profile(n) for n in range(3)]), encoding="utf-8")
    (tmp_path / "s.csv").write_text(SESSION_HEADER + _session(1, "URN1") + _session(2, "URN1", "open"),
                                    encoding="utf-8")
    (tmp_path / "vip.csv").write_text("profileintegrationid\nURN2\n", encoding="utf-8")
    sessions = viewer.load([tmp_path / "c.json", tmp_path / "s.csv"])
    index = ProfileSearchIndex.build(sessions.profiles)
    assert index.search("sessions=2", sessions.profiles) == [1]
    assert index.search("sessions=0", sessions.profiles) == [0, 2]
    assert index.search("points>=0", sessions.profiles) == [] and index.search("in:vip", sessions.profiles) == []
    members = viewer.load([tmp_path / "c.json", tmp_path / "vip.csv"])
    index = ProfileSearchIndex.build(members.profiles)
    assert index.search("in:vip", members.profiles) == [2]
    assert index.search("sessions>=0", members.profiles) == [] and index.search("tier:a", members.profiles) == []


def test_building_the_columns_stops_when_the_load_is_cancelled(loaded: tuple[viewer.Export, ProfileSearchIndex]) \
        -> None:
    from viewer.query.companion_terms import CompanionColumns

    export, _ = loaded
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return True

    with pytest.raises(viewer.LoadCancelled):
        CompanionColumns.build(export.profiles, cancelled)
    assert asked
    assert CompanionColumns.build(export.profiles, lambda: False) is not None
