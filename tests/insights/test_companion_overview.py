"""The overview's part on the CSV files beside the profiles: sessions by state, tiers and points, with their queries."""

from __future__ import annotations

import csv
import json
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

import viewer
from viewer.desktop.resources import sample_companion_paths, sample_export_path
from viewer.insights.companions import CompanionSummary, companion_summary
from viewer.query.evaluate import matching_indices


def _rows(path: str) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return [{k.lower(): v for k, v in row.items()} for row in csv.DictReader(handle)]


@pytest.fixture(scope="module")
def sample() -> tuple[viewer.Export, CompanionSummary, dict[str, list[dict[str, str]]]]:
    paths = [sample_export_path(), *sample_companion_paths()]
    export = viewer.load(paths)
    part = companion_summary(viewer.summarize(export))
    assert part is not None
    files = {f.kind: _rows(path) for f, path in zip(export.companions.files, paths[1:])}
    return export, part, files


def _owns(profile: viewer.Profile, row: dict[str, str], sharing: dict[str | None, set[int | None]]) -> bool:
    """A session row is a profile's when it names its integration ID, and its ID too if another profile has both."""
    if row["profileintegrationid"] != profile.integration_id:
        return False
    others = sharing[profile.integration_id]
    named = int(row["profileid"]) if row["profileid"] else None
    return len(others) < 2 or named == profile.id or named not in others


def test_sample_sessions_and_states_match_the_file(sample) -> None:  # type: ignore[no-untyped-def]
    export, part, files = sample
    sharing: dict[str | None, set[int | None]] = {}
    for profile in export.profiles:
        sharing.setdefault(profile.integration_id, set()).add(profile.id)
    mine = [row for row in files["sessions"] if row["profileintegrationid"] in sharing]
    assert part.sessions == len(mine) == 49
    # URN0001001 is in the export twice, live and sandbox: its sessions name the live profile alone
    assert part.with_sessions.count == sum(any(_owns(p, row, sharing) for row in mine) for p in export.profiles) == 23
    assert len(matching_indices(export, part.with_sessions.query or "")) == 23
    expected = Counter(row["state"] for row in mine)
    assert {s.state: s.sessions for s in part.states} == expected
    assert part.states[0].state == "closed"  # most sessions first
    for state in part.states:
        rows = [row for row in mine if row["state"] == state.state]
        assert state.profiles == sum(any(_owns(p, row, sharing) for row in rows) for p in export.profiles)
        assert len(matching_indices(export, state.query or "")) == state.profiles


def test_sample_tiers_count_profiles_and_their_queries_list_them(sample) -> None:  # type: ignore[no-untyped-def]
    export, part, files = sample
    names: dict[str, set[str]] = {}
    for row in files["balances"]:
        names.setdefault(row["profileintegrationid"], set()).add(row["currenttier"])
    for row in files["tiers"]:
        names.setdefault(row["customerprofileid"], set()).add(row["tiername"])
    expected = Counter(tier for p in export.profiles for tier in names.get(p.integration_id or "", ()) if tier)
    assert {t.tier: t.profiles for t in part.tiers} == expected
    assert part.without_tier == sum(not names.get(p.integration_id or "", set()) - {""} for p in export.profiles)
    for tier in part.tiers:
        assert tier.query == f"tier:{tier.tier}" and tier.of == len(export.profiles)
        assert len(matching_indices(export, tier.query)) == tier.profiles


def test_sample_points_are_exact_sums_and_each_bin_lists_its_profiles(sample) -> None:  # type: ignore[no-untyped-def]
    export, part, files = sample
    ids = {p.integration_id for p in export.profiles}
    sums: dict[str, Decimal] = {}
    for row in files["balances"]:
        if row["profileintegrationid"] in ids:
            owner = row["profileintegrationid"]
            sums[owner] = sums.get(owner, Decimal(0)) + Decimal(row["currentbalance"])
    assert part.points_sum == sum(sums.values()) and isinstance(part.points_sum, Decimal)
    with_points = sum(p.integration_id in sums for p in export.profiles)  # the repeated profile twice
    assert part.points.values == with_points and part.points.missing == len(export.profiles) - with_points
    assert sum(b.count for b in part.points.bins) == with_points
    for b in part.points.bins:
        assert b.query.startswith(f"points>={b.low} points<")
        assert len(matching_indices(export, b.query)) == b.count


def test_a_search_result_is_summarised_alone(sample) -> None:  # type: ignore[no-untyped-def]
    export, _, _ = sample
    rows = matching_indices(export, "tier:Gold")
    part = companion_summary(viewer.summarize(export, rows))
    assert part is not None
    gold = next(t for t in part.tiers if t.tier == "Gold")
    assert gold.profiles == len(rows) and gold.of == len(rows)
    assert part.with_sessions.count == len(matching_indices(export, "tier:Gold sessions>0"))


def test_without_companion_files_there_is_no_part() -> None:
    export = viewer.load(sample_export_path())
    assert companion_summary(viewer.summarize(export)) is None


def test_a_tier_inside_another_tiers_name_has_no_query(tmp_path: Path) -> None:
    (tmp_path / "c.json").write_text(json.dumps([{"id": n, "integrationId": f"U{n}"} for n in range(3)]),
                                     encoding="utf-8")
    (tmp_path / "b.csv").write_text(
        "loyaltyProgramID,loyaltySubledger,profileIntegrationID,currentBalance,pendingBalance,expiredBalance,"
        "spentBalance,currentTier\n4,,U0,1.10,0,0,0,Gold\n4,,U1,2.20,0,0,0,Rose Gold\n4,x,U1,0.05,0,0,0,Rose Gold\n",
        encoding="utf-8")
    export = viewer.load([tmp_path / "c.json", tmp_path / "b.csv"])
    part = companion_summary(viewer.summarize(export))
    assert part is not None and part.kinds == ("balances",)
    assert {t.tier: t.query for t in part.tiers} == {"Gold": None, "Rose Gold": 'tier:"Rose Gold"'}
    assert part.points_sum == Decimal("3.35") and part.points_median == Decimal("1.675")  # of 1.10 and 2.25
    assert part.sessions == 0 and part.states == () and part.without_tier == 1
