"""``--summary`` with CSV files beside the profiles: sessions by state, tiers and points, in text and JSON."""

from __future__ import annotations

import io
import json
from decimal import Decimal

from viewer.cli.summary import run_summary
from viewer.desktop.resources import sample_companion_paths, sample_export_path


def _sample() -> list[str]:
    return [str(sample_export_path()), *map(str, sample_companion_paths())]


def test_json_gains_companions_with_exact_points() -> None:
    out = io.StringIO()
    run_summary(_sample(), out, as_json=True)
    part = json.loads(out.getvalue(), parse_float=Decimal)["companions"]
    assert part["files"] == ["sessions", "balances", "tiers", "members"]
    assert part["sessions"]["sessions"] == 49 and part["sessions"]["profiles_with_sessions"] == 23
    states = {s["state"]: s for s in part["sessions"]["states"]}
    assert set(states) == {"open", "closed", "cancelled", "partially_returned"}
    assert states["closed"]["query"] == "session:closed"
    assert {t["tier"] for t in part["tiers"]["tiers"]} == {"Bronze", "Silver", "Gold", "Platinum"}
    points = part["points"]
    assert points["sum"] == Decimal("14426.38") and isinstance(points["sum"], Decimal)
    assert sum(b["profiles"] for b in points["bins"]) == points["profiles"] == 35
    assert points["bins"][0]["query"] == "points>=0 points<50"


def test_json_without_companion_files_has_no_such_key() -> None:
    out = io.StringIO()
    run_summary([str(sample_export_path())], out, as_json=True)
    assert "companions" not in json.loads(out.getvalue())


def test_readable_text_names_states_tiers_and_points() -> None:
    out = io.StringIO()
    run_summary(_sample(), out)
    text = out.getvalue()
    assert "sessions:        49 (23 profiles with sessions)" in text
    assert "partially_returned (8 profiles)" in text
    assert "loyalty tiers (profiles; 4 without a tier):" in text
    assert "loyalty points:  sum 14,426.38, median 399.89" in text
    without = io.StringIO()
    run_summary([str(sample_export_path())], without)
    assert "loyalty" not in without.getvalue() and "sessions:" not in without.getvalue()
