"""Talon.One's CSV exports opened beside a profile export: each kind, its oddities, the join by integration ID."""

from __future__ import annotations

import copy
import json
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

import pytest

import viewer
from viewer.model.problems import Severity
from viewer.reading import companion_csv
from viewer.reading.load_errors import LoadError

UTC = timezone.utc
PROFILES = [
    {"id": 1, "integrationId": "URN-A", "created": "2024-01-02T03:04:05Z", "attributes": {"Name": "Ada"},
     "accountId": 31, "closedSessions": 2, "totalSales": 10.5, "loyaltyMemberships": None,
     "audienceMemberships": [], "lastActivity": "2024-02-02T03:04:05Z", "sandbox": False,
     "connectedApplicationsIds": [1], "connectedAudiences": []},
    {"id": 2, "integrationId": "URN-B", "created": "2024-01-03T03:04:05Z", "attributes": {},
     "accountId": 31, "closedSessions": 0, "totalSales": 0, "loyaltyMemberships": None,
     "audienceMemberships": [], "lastActivity": "2024-02-03T03:04:05Z", "sandbox": True,
     "connectedApplicationsIds": [], "connectedAudiences": []},
]
SESSIONS = (
    "id,firstsession,integrationid,applicationid,profileid,profileintegrationid,created,state,cartitems,"
    "discounts,total,attributes,closedat,cancelledat,referral,identifiers,additional_costs,updated,"
    "store_integration_id,coupons\n"
    '901,true,s-1,2,1,URN-A,2024-03-05T14:07:00Z,closed,"[{""name"":""Shoe \\""Trail\\"""",""price"":89.99,'
    '""quantity"":2}]","{""10% off"":17.99}",161.99,"{""channel"":""web""}",2024-03-05T14:20:00Z,'
    '0001-01-01T00:00:00Z,,null,{},2024-03-05T14:21:00Z,store-1,"[""WELCOME10""]"\n'
    "902,false,s-2,2,1,URN-A,2024-04-01T09:00:00Z,cancelled,[],{},0.00,{},0001-01-01T00:00:00Z,"
    '2024-04-01T10:00:00Z,,"[""dev-1""]",{},2024-04-01T10:00:00Z,,[]\n'
    "903,true,s-3,x2,7,URN-X,2024-04-02T09:00:00Z,open,[oops,{},5.50,{},yesterday,"
    "0001-01-01T00:00:00Z,,null,{},2024-04-02T09:00:00Z,,[]\n"
)
BALANCES = (
    "loyaltyProgramID,loyaltySubledger,profileIntegrationID,currentBalance,pendingBalance,expiredBalance,"
    "spentBalance,currentTier\n"
    "4,,URN-A,100.50,10.00,0.00,20.25,Gold\n"
    "4,shoes,URN-A,0.10,0.00,0.00,0.00,Gold\n"
    "4,,URN-B,99.99,0.00,1.00,0.00,Silver\n"
    "4,,URN-Y,5.00,0.00,0.00,0.00,Bronze\n"
    "4,,URN-Z,6.00,0.00,0.00,0.00,Bronze\n"
)
TIERS = (
    "programid,subledgerid,customerprofileid,tiername,startdate,expirydate\n"
    "4,,URN-A,Gold,2023-08-02T15:04:05Z,2023-08-02T15:04:05Z07:00\n"
    "4,,URN-B,Silver,2024-01-01T00:00:00Z,0001-01-01T00:00:00Z\n"
)
MEMBERS = "profileintegrationid\nURN-B\nURN-Q\n"


def write(tmp_path: Path, name: str, text: str, *, bom: bool = False, crlf: bool = False) -> str:
    path = tmp_path / name
    if crlf:
        text = text.replace("\n", "\r\n")
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return str(path)


def profiles(tmp_path: Path) -> str:
    path = tmp_path / "customers.json"
    path.write_text(json.dumps(PROFILES), encoding="utf-8")
    return str(path)


def test_sessions_join_with_exact_values(tmp_path: Path) -> None:
    export = viewer.load([profiles(tmp_path), write(tmp_path, "sessions.csv", SESSIONS)])
    ada, bob = export.profiles
    first, second = ada.sessions
    assert (first.id, first.application_id, first.profile_id, first.line) == (901, 2, 1, 2)
    assert first.total == Decimal("161.99") and first.total_text == "161.99"
    assert first.first_session is True and first.state == "closed"
    assert first.created == datetime(2024, 3, 5, 14, 7, tzinfo=UTC)
    assert first.cancelled_at is None and first.cancelled_at_text == "0001-01-01T00:00:00Z"
    assert first.cart_items == [{"name": 'Shoe "Trail"', "price": Decimal("89.99"), "quantity": 2}]
    assert first.discounts == {"10% off": Decimal("17.99")}
    assert first.identifiers is None and first.coupons == ["WELCOME10"]
    assert second.state == "cancelled" and second.cancelled_at == datetime(2024, 4, 1, 10, tzinfo=UTC)
    assert second.closed_at is None and second.total == Decimal("0.00")
    assert bob.sessions == ()
    assert export.companions.files[0].date_format == "RFC 3339"


def test_odd_session_cells_are_problems_and_the_row_is_kept(tmp_path: Path) -> None:
    export = viewer.load([profiles(tmp_path), write(tmp_path, "sessions.csv", SESSIONS)])
    (row,) = export.companions.sessions["URN-X"]
    assert row.application_id is None and row.cart_items == "[oops" and row.closed_at is None
    assert row.closed_at_text == "yesterday"
    paths = {p.path: p for p in export.problems}
    assert paths["sessions.csv:4.applicationid"].line == 4
    assert paths["sessions.csv:4.applicationid"].column == 4
    assert "not valid JSON" in paths["sessions.csv:4.cartitems"].message
    assert "yesterday" in paths["sessions.csv:4.closedat"].message


def test_balances_tiers_members_join(tmp_path: Path) -> None:
    export = viewer.load([profiles(tmp_path), write(tmp_path, "b.csv", BALANCES), write(tmp_path, "t.csv", TIERS),
                          write(tmp_path, "vip-members.csv", MEMBERS)])
    ada, bob = export.profiles
    main, shoes = ada.loyalty_balances
    assert (main.program_id, main.subledger, main.current, main.pending, main.spent, main.tier) == (
        4, "", Decimal("100.50"), Decimal("10.00"), Decimal("20.25"), "Gold")
    assert shoes.subledger == "shoes" and shoes.current == Decimal("0.10")
    (gold,) = ada.loyalty_tiers
    assert gold.start == datetime(2023, 8, 2, 15, 4, 5, tzinfo=UTC)
    assert gold.expiry is None and gold.expiry_text == "2023-08-02T15:04:05Z07:00"
    assert any(p.path == "t.csv:2.expirydate" and "Z07:00" in p.message for p in export.problems)
    assert bob.loyalty_tiers[0].expiry is None  # Go's zero time: not set, no problem
    assert bob.member_lists == ["vip-members.csv"] and ada.member_lists == ()


def test_unmatched_rows_are_kept_and_counted_once_per_file(tmp_path: Path) -> None:
    export = viewer.load([profiles(tmp_path), write(tmp_path, "b.csv", BALANCES),
                          write(tmp_path, "m.csv", MEMBERS)])
    files = {f.name: f for f in export.companions.files}
    assert files["b.csv"].unmatched == ["URN-Y", "URN-Z"] and files["b.csv"].rows == 5
    assert files["m.csv"].unmatched == ["URN-Q"]
    assert export.companions.balances_for("URN-Y")[0].current == Decimal("5.00")
    messages = [p.message for p in export.problems if p.source and p.source.endswith("b.csv")]
    assert messages == ["2 balance rows name profiles that are not in this export (2 integration IDs)"]


def test_csv_alone_gives_one_placeholder_profile_per_integration_id(tmp_path: Path) -> None:
    export = viewer.load([write(tmp_path, "b.csv", BALANCES)])
    assert [p.integration_id for p in export.profiles] == ["URN-A", "URN-B", "URN-Y", "URN-Z"]
    assert export.profiles[0].raw == {"integrationId": "URN-A"}
    assert len(export.profiles[0].loyalty_balances) == 2
    assert any("no profile export was opened" in p.message and p.severity is Severity.INFO
               for p in export.problems)
    assert export.companions.files[0].unmatched == []


def test_bom_and_crlf(tmp_path: Path) -> None:
    export = viewer.load([profiles(tmp_path), write(tmp_path, "s.csv", SESSIONS, bom=True, crlf=True)])
    first = export.profiles[0].sessions[0]
    assert first.coupons == ["WELCOME10"] and first.store_integration_id == "store-1"
    assert first.referral == "" and first.line == 2


@pytest.mark.parametrize("header", [
    "loyaltyprogramid,loyaltysubledger,profileintegrationid,currentbalance,pendingbalance,expiredbalance,"
    "spentbalance,currenttier",
    "LOYALTYPROGRAMID,LoyaltySubledger,ProfileIntegrationId,CurrentBalance,PendingBalance,ExpiredBalance,"
    "SpentBalance,CurrentTier",
    "loyalty_program_id,loyalty_subledger,profile_integration_id,current_balance,pending_balance,"
    "expired_balance,spent_balance,current_tier",
])
def test_header_case_and_spelling(tmp_path: Path, header: str) -> None:
    text = header + "\n" + BALANCES.split("\n", 1)[1]
    export = viewer.load([profiles(tmp_path), write(tmp_path, "b.csv", text)])
    assert export.profiles[0].loyalty_balances[0].current == Decimal("100.50")


def test_kind_is_told_by_header_not_name(tmp_path: Path) -> None:
    export = viewer.load([profiles(tmp_path), write(tmp_path, "export.json", TIERS)])
    assert export.companions.files[0].kind == "tiers"


def test_a_csv_matching_no_kind(tmp_path: Path) -> None:
    path = write(tmp_path, "orders.csv", "orderid,customer,amount\n1,URN-A,3.00\n")
    with pytest.raises(LoadError) as caught:
        viewer.load(path)
    message = caught.value.message
    assert "orderid, customer, amount" in message and "loyalty balances" in message
    export = viewer.load([profiles(tmp_path), path])
    assert any(p.severity is Severity.ERROR and "orderid" in p.message for p in export.problems)


def test_spreadsheet_dates_are_read_and_named(tmp_path: Path) -> None:
    text = TIERS.replace("2023-08-02T15:04:05Z,2023-08-02T15:04:05Z07:00", "03/05/2024 14:07,2025-03-05 14:07:00")
    export = viewer.load([profiles(tmp_path), write(tmp_path, "t.csv", text)])
    gold = export.profiles[0].loyalty_tiers[0]
    assert gold.start == datetime(2024, 3, 5, 14, 7, tzinfo=UTC)
    assert gold.expiry == datetime(2025, 3, 5, 14, 7, tzinfo=UTC)
    assert export.companions.files[0].date_format == "RFC 3339 and spreadsheet (excel)"


def test_large_files_are_indexed_and_built_on_demand(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(companion_csv, "EAGER_SESSION_ROWS", 2)
    export = viewer.load([profiles(tmp_path), write(tmp_path, "s.csv", SESSIONS, crlf=True)])
    rows = export.companions.sessions["URN-A"]
    assert len(rows) == 2 and type(rows).__name__ == "LazyRows"
    assert rows[0].total == Decimal("161.99") and rows[1].line == 3
    assert export.companions.files[0].rows == 3
    assert any(p.path == "s.csv:4.cartitems" for p in export.problems)  # the first rows are checked


def test_bundled_sample_opens_with_its_companions() -> None:
    from viewer.desktop.resources import sample_companion_paths, sample_export_path

    paths = [sample_export_path(), *sample_companion_paths()]
    assert len(paths) == 5
    export = viewer.load(paths)
    kinds = [f.kind for f in export.companions.files]
    assert kinds == ["sessions", "balances", "tiers", "members"]
    assert all(f.unmatched for f in export.companions.files)
    assert any(p.sessions for p in export.profiles) and any(p.member_lists for p in export.profiles)
    states = {s.state for p in export.profiles for s in p.sessions}
    assert {"cancelled", "closed"} <= states
    assert any(b.subledger == "" for p in export.profiles for b in p.loyalty_balances)


def test_sample_companions_are_current() -> None:
    import subprocess
    import sys

    tool = Path(__file__).resolve().parents[1] / "tools" / "make_companions.py"
    assert subprocess.run([sys.executable, str(tool), "--check"]).returncode == 0


def test_short_and_long_rows_and_a_missing_column(tmp_path: Path) -> None:
    text = ("loyaltyProgramID,profileIntegrationID,currentBalance,currentTier\n"
            "4,URN-A,1.50\n"
            "4,URN-B,2.00,Gold,extra\n")
    export = viewer.load([profiles(tmp_path), write(tmp_path, "b.csv", text)])
    ada, bob = export.profiles
    assert ada.loyalty_balances[0].current == Decimal("1.50") and ada.loyalty_balances[0].tier == ""
    assert bob.loyalty_balances[0].tier == "Gold" and bob.loyalty_balances[0].spent is None
    assert bob.loyalty_balances[0].subledger == ""  # the column is missing: read as empty
    messages = [p.message for p in export.problems]
    assert any("no column loyaltysubledger" in m for m in messages)
    assert any("3 cells, the header 4" in m for m in messages)
    assert any("5 cells, the header 4" in m for m in messages)


def test_large_tier_file_counts_broken_offsets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(companion_csv, "EAGER_ROWS", 1)
    monkeypatch.setattr(companion_csv, "SAMPLE_ROWS", 0)
    export = viewer.load([profiles(tmp_path), write(tmp_path, "t.csv", TIERS)])
    assert export.profiles[0].loyalty_tiers[0].expiry_text == "2023-08-02T15:04:05Z07:00"
    assert export.profiles[0].loyalty_tiers[0].expiry is None
    assert any(p.message.startswith("1 date-times put Z before an offset") for p in export.problems)


def test_large_file_with_a_line_break_inside_a_cell_is_read_whole(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(companion_csv, "EAGER_SESSION_ROWS", 1)
    text = SESSIONS.replace("0001-01-01T00:00:00Z,,null,{},2024-03-05T14:21:00Z",
                            '0001-01-01T00:00:00Z,"line one\nline two",null,{},2024-03-05T14:21:00Z')
    export = viewer.load([profiles(tmp_path), write(tmp_path, "s.csv", text)])
    first = export.profiles[0].sessions[0]
    assert first.referral == "line one\nline two" and first.line == 2
    assert export.profiles[0].sessions[1].line == 4  # the row after the two-line one
    assert type(export.companions.sessions["URN-A"]) is list


@pytest.mark.parametrize("eager_rows", [2, 10_000])  # rows built on demand (a large file), or at once
def test_a_live_and_a_sandbox_profile_with_one_integration_id_each_get_their_own_sessions(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, eager_rows: int) -> None:
    """The session rows name their profile (``profileid``); balance rows cannot, and show with both."""
    from viewer.insights.companions import summarize_companions
    from viewer.query.companion_terms import CompanionColumns

    monkeypatch.setattr(companion_csv, "EAGER_SESSION_ROWS", eager_rows)
    live, sandbox = copy.deepcopy(PROFILES[0]), copy.deepcopy(PROFILES[0])
    sandbox.update(id=5, sandbox=True)
    path = tmp_path / "customers.json"
    path.write_text(json.dumps([live, sandbox]), encoding="utf-8")
    rows = SESSIONS.splitlines()
    header, a1, a2 = rows[0], rows[1], rows[2]  # two sessions of URN-A, both naming profile 1
    own = a2.replace("902,false,s-2,2,1,", "904,false,s-4,2,5,")  # one of the sandbox profile (5)
    anyone = a2.replace("902,false,s-2,2,1,", "905,false,s-5,2,,")  # one naming no profile
    sessions = write(tmp_path, "sessions.csv", "\n".join((header, a1, a2, own, anyone)) + "\n")
    export = viewer.load([str(path), sessions, write(tmp_path, "balances.csv", BALANCES)])
    first, second = export.profiles
    assert [s.id for s in first.sessions] == [901, 902, 905] and [s.id for s in second.sessions] == [904, 905]
    assert len(first.loyalty_balances) == len(second.loyalty_balances) == 2
    columns = CompanionColumns.build(export.profiles)
    assert columns is not None and columns.sessions == [3, 2]  # what sessions>2 compares
    assert [state.count("cancelled") for state in columns.states] == [1, 1]
    summary = summarize_companions(export.companions, export.profiles)
    assert summary is not None and summary.with_sessions.count == 2
