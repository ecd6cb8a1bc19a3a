"""``audience-viewer --export OUT FILE...``: the profiles (those ``--query`` selects) in a file, and the exit status."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from viewer.cli.export import export_files

ROOT = Path(__file__).resolve().parents[2]
BIG_ID = 98765432109876543210


def profile(number: int, **changes: object) -> dict:
    data = {"id": BIG_ID + number, "created": "2020-06-10T09:05:27Z", "integrationId": f"URN{number}",
            "attributes": {"Segment": "Gold" if number % 2 else "Silver"}, "accountId": 31, "closedSessions": number,
            "totalSales": 100 * number, "lastActivity": "2020-06-11T09:05:27Z", "sandbox": False}
    data.update(changes)
    return data


@pytest.fixture
def customers(tmp_path: Path) -> Path:
    path = tmp_path / "customers.json"
    path.write_text(json.dumps([profile(n) for n in range(1, 6)]), encoding="utf-8")
    return path


def run(*args: str | os.PathLike) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "viewer", *map(str, args)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)


def test_export_all_profiles_to_csv(customers: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.csv"
    result = run("--export", out, customers)
    assert result.returncode == 0, result.stderr
    assert "5 profiles written" in result.stdout
    rows = list(csv.DictReader(out.open(newline="", encoding="utf-8")))
    assert [row["ID"] for row in rows] == [str(BIG_ID + n) for n in range(1, 6)]
    assert out.read_bytes()[:3] != b"\xef\xbb\xbf"


def test_bom_for_spreadsheets(customers: Path, tmp_path: Path) -> None:
    out = tmp_path / "excel.csv"
    assert run("--export", out, "--bom", customers).returncode == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbfID,")


def test_export_what_the_query_selects(customers: Path, tmp_path: Path) -> None:
    out = io.StringIO()
    err = io.StringIO()
    target = tmp_path / "gold.ndjson"
    assert export_files([customers], target, query="Segment:Gold", out=out, err=err) == 0
    assert [json.loads(line)["integrationId"] for line in target.read_text().splitlines()] == ["URN1", "URN3", "URN5"]
    assert out.getvalue() == f"3 profiles written to {target}\n"


def test_none_matched_is_exit_1_and_an_empty_file(customers: Path, tmp_path: Path) -> None:
    target = tmp_path / "none.json"
    target.write_text("an older answer", encoding="utf-8")
    status = export_files([customers], target, query="Segment:Platinum", out=io.StringIO(), err=io.StringIO())
    assert status == 1
    assert json.loads(target.read_text()) == []  # never an older answer left in place


def test_invalid_query_or_unreadable_file_is_exit_2(customers: Path, tmp_path: Path) -> None:
    err = io.StringIO()
    target = tmp_path / "out.csv"
    assert export_files([customers], target, query="(Segment:Gold", out=io.StringIO(), err=err) == 2
    assert "query" in err.getvalue() and not target.exists()
    result = run("--export", target, tmp_path / "missing.json")
    assert result.returncode == 2 and "missing.json: cannot be read" in result.stderr and not target.exists()
    assert "Traceback" not in result.stderr


def test_never_over_the_file_it_reads(customers: Path) -> None:
    before = customers.read_bytes()
    result = run("--export", customers, customers)
    assert result.returncode == 2 and "read from" in result.stderr
    assert customers.read_bytes() == before


def test_unknown_extension_and_usage_errors(customers: Path, tmp_path: Path) -> None:
    result = run("--export", tmp_path / "out.xlsx", customers)
    assert result.returncode == 2 and ".csv" in result.stderr
    assert run("--export", tmp_path / "out.csv").returncode == 2  # no FILE
    assert run("--bom", customers).returncode == 2  # --bom without --export
