"""``audience-viewer --summary FILE...``: the overview in the terminal, as text or one JSON object."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from viewer.cli.summary import run_summary

ROOT = Path(__file__).resolve().parents[2]


def profile(number: int, sandbox: bool | None = False, **changes: object) -> dict:
    data = {"id": number, "created": "2024-03-10T09:05:27Z", "integrationId": f"URN{number}",
            "attributes": {"City": "Berlin" if number % 2 else "Köln", "Zip": "10115" if number < 3 else 10115},
            "accountId": 31, "closedSessions": number, "totalSales": 10.5, "lastActivity": "2024-03-11T09:05:27Z",
            "audienceMemberships": [{"id": 7, "name": "VIP"}] if number < 3 else []}
    if sandbox is not None:
        data["sandbox"] = sandbox
    data.update(changes)
    return data


@pytest.fixture
def clean(tmp_path: Path) -> Path:
    path = tmp_path / "clean.json"
    rows = [profile(1), profile(2), profile(3, sandbox=True), profile(4, sandbox=None, totalSales="BIG")]
    path.write_text(json.dumps(rows).replace('"BIG"', "12345678901234567890.25"))  # digits a float cannot hold
    return path


def run(*args: str | os.PathLike[str]) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "viewer", "--summary", *map(str, args)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_json_has_the_promised_keys(clean: Path) -> None:
    result = run("--json", clean)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"profiles", "environments", "audiences", "attributes"} <= set(data)
    assert data["profiles"] == 4
    assert data["environments"] == {"live": 2, "sandbox": 1, "unknown": 1}
    assert data["audiences"][0] | {"share": None, "query": None} == {"id": 7, "name": "VIP", "profiles": 2,
                                                                      "share": None, "query": None}
    zip_code = next(a for a in data["attributes"] if a["path"] == "Zip")
    assert zip_code["types"] == {"string": 2, "number": 2}
    assert zip_code["mixed_types"] is True
    assert zip_code["distinct"] == 2
    city = next(a for a in data["attributes"] if a["path"] == "City")
    assert city["top"] == [["Berlin", 2], ["Köln", 2]]


def test_json_money_is_exact(clean: Path) -> None:
    out = io.StringIO()
    assert run_summary([clean], out, as_json=True) == 0
    text = out.getvalue()
    assert '"sum": 12345678901234567921.75' in text  # 3 x 10.5 + 12345678901234567890.25, no float rounding


def test_readable_text(clean: Path) -> None:
    out = io.StringIO()
    assert run_summary([clean], out) == 0
    text = out.getvalue()
    assert "profiles:      4 (live 2, sandbox 1, unknown 1)" in text
    assert "VIP (ID 7)" in text and "50.0%" in text
    assert "Zip: 4 profiles (100.0%); string 2, number 2; 2 distinct  MIXED TYPES" in text
    assert "sum 12,345,678,901,234,567,921.75" in text
    assert 'top: "10115" (2), 10115 (2)' in text  # a string and a number that read alike


def test_problems_exit_1(tmp_path: Path) -> None:
    path = tmp_path / "odd.json"
    path.write_text(json.dumps([profile(1), profile(2, totalSales="12,50"), profile(1)]))
    out = io.StringIO()
    assert run_summary([path], out) == 1
    assert "2 profiles with problems, 1 repeated profile)" in out.getvalue()


def test_unreadable_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text("[{")
    result = run(path)
    assert result.returncode == 2
    assert "Traceback" not in result.stdout + result.stderr
    assert "cannot be read" in result.stdout


def test_several_files_are_one_export(tmp_path: Path) -> None:
    first, second = tmp_path / "page1.json", tmp_path / "page2.json"
    first.write_text(json.dumps({"data": [profile(1), profile(2)], "hasMore": True}))
    second.write_text(json.dumps({"data": [profile(3, sandbox=True)], "hasMore": False}))
    out = io.StringIO()
    run_summary([first, second], out, as_json=True)
    assert json.loads(out.getvalue())["profiles"] == 3


def test_summary_needs_a_file() -> None:
    result = run()
    assert result.returncode == 2
