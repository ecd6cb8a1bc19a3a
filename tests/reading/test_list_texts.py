"""Audience memberships and connected IDs read once per distinct text, and repeats found once all is read.

Profiles that share a membership list show the same audiences; a list of the
wrong type among many good ones is still reported at its profile, and the
first profile to name an audience names it. Repeated profiles are reported in
the order of the file, among the other problems, exactly as when each piece
was checked as it was read.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from typing import Any

import pytest

import viewer
from viewer.reading import array_pieces, ndjson_lines

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from make_export import make_profile  # noqa: E402

PIECE = 3000  # a few profiles a piece


def _write(tmp_path: Path, profiles: list[dict[str, Any]], shape: str) -> Path:
    if shape == "array":
        path = tmp_path / "export.json"
        path.write_text(json.dumps(profiles), encoding="utf-8")
    else:
        path = tmp_path / "export.ndjson"
        path.write_text("".join(json.dumps(p) + "\n" for p in profiles), encoding="utf-8")
    return path


def _profiles(count: int) -> list[dict[str, Any]]:
    rng = random.Random(9)
    return [make_profile(rng, i) for i in range(count)]


@pytest.mark.parametrize("shape", ["array", "ndjson"])
def test_shared_membership_lists_show_each_profiles_audiences(tmp_path: Path, monkeypatch: Any, shape: str) -> None:
    monkeypatch.setattr(array_pieces, "PIECE_BYTES", PIECE)
    monkeypatch.setattr(ndjson_lines, "CHUNK_BYTES", PIECE)
    profiles = _profiles(200)
    same = [{"id": 7, "name": "Berlin pilot"}, {"id": 8, "name": "VIP"}]
    for i in (3, 50, 150):
        profiles[i]["audienceMemberships"] = same
    profiles[120]["audienceMemberships"] = [{"id": 7, "name": "Renamed later"}]  # the first name stays
    profiles[130]["audienceMemberships"] = [{"id": "7", "name": "Berlin pilot"}]  # an ID that is a string
    profiles[140]["connectedAudiences"] = ["8"]
    export = viewer.load(_write(tmp_path, profiles, shape))
    audiences = export.profiles.columns.audiences  # type: ignore[attr-defined]
    assert [audiences[i] for i in (3, 50, 150)] == [(7, 8)] * 3
    assert audiences[120] == (7,)
    assert export.profiles.audience_names()[7] == "Berlin pilot"  # type: ignore[attr-defined]
    for i, p in enumerate(profiles):
        if i not in (130, 140):
            wanted = tuple(m["id"] for m in p.get("audienceMemberships") or ())
            assert audiences[i] == wanted, i
    odd = {p.profile_index for p in export.problems if p.profile_index is not None}
    assert {130, 140} <= odd
    assert [m.id for m in export.profiles[3].audience_memberships] == [7, 8]


@pytest.mark.parametrize("shape", ["array", "ndjson"])
def test_repeats_are_reported_in_file_order_among_the_other_problems(tmp_path: Path, monkeypatch: Any,
                                                                      shape: str) -> None:
    monkeypatch.setattr(array_pieces, "PIECE_BYTES", PIECE)
    monkeypatch.setattr(ndjson_lines, "CHUNK_BYTES", PIECE)
    profiles = _profiles(300)
    profiles[60] = dict(profiles[2])  # a repeat in an early piece
    profiles[150]["created"] = "2021-03-04T05:06:07"  # no time zone: a problem of a later piece
    profiles[250] = dict(profiles[100])  # a repeat after it
    export = viewer.load(_write(tmp_path, profiles, shape))
    told = [(p.profile_index, "appears again" in p.message) for p in export.problems]
    assert told == [(60, True), (150, False), (250, True)]
    assert "first as profile 3" in export.problems[0].message
    assert "first as profile 101" in export.problems[2].message


def test_an_export_without_repeats_reports_none(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setattr(array_pieces, "PIECE_BYTES", PIECE)
    profiles = _profiles(300)
    profiles[10]["sandbox"] = not profiles[10].get("sandbox", False)
    profiles[11] = dict(profiles[10], sandbox=not profiles[10]["sandbox"])  # same id, other environment
    export = viewer.load(_write(tmp_path, profiles, "array"))
    assert not [p for p in export.problems if "appears again" in p.message]
