"""``audience-viewer --query QUERY FILE...`` and ``--count``: output, messages and exit status."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from viewer.app import main

ROOT = Path(__file__).resolve().parents[2]
BIG = 123456789012345678901234567890


def profile(number: int, sales: str, **attributes: object) -> str:
    return (f'{{"id": {1000 + number}, "created": "202{number}-06-10T09:05:27Z", "integrationId": "URN{number}", '
            f'"attributes": {orjson.dumps(attributes).decode()}, "accountId": 31, "closedSessions": {number}, '
            f'"totalSales": {sales}, "lastActivity": "2024-06-11T09:05:27Z", "sandbox": false}}')


@pytest.fixture
def export(tmp_path: Path) -> Path:
    path = tmp_path / "customers.json"
    parts = [profile(0, "0.10", Name="Ada", Tags=["vip"]), profile(1, "500.01", Name="Grace", ChurnRisk=0.9),
             profile(2, "12", Name="Alan", Big=0), profile(3, "999.99", Email="e@x.org")]
    parts[2] = parts[2].replace('"Big":0', f'"Big":{BIG}')
    path.write_text("[\n" + ",\n".join(parts) + "\n]\n", encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str | os.PathLike[str]) -> tuple[int, str, str]:
    status = main([str(arg) for arg in args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_prints_the_matching_profiles_as_ndjson_in_file_order(capsys, export: Path) -> None:
    status, out, err = run(capsys, "--query", "totalSales>100 OR Tags:vip", export)
    assert status == 0 and not err
    lines = out.splitlines()
    assert [orjson.loads(line)["integrationId"] for line in lines] == ["URN0", "URN1", "URN3"]
    assert all("\n" not in line for line in lines)


def test_profiles_keep_their_exact_numbers(capsys, export: Path) -> None:
    status, out, _ = run(capsys, "--query", "Big>1", export)
    assert status == 0
    assert str(BIG) in out  # every digit: never through float
    assert orjson.loads(out)["integrationId"] == "URN2"


def test_count(capsys, export: Path) -> None:
    assert run(capsys, "--query", "-has:Email", "--count", export) == (0, "3\n", "")
    assert run(capsys, "--count", export) == (0, "4\n", "")


def test_no_match_is_status_1_with_nothing_printed(capsys, export: Path) -> None:
    assert run(capsys, "--query", "totalSales>100000", export) == (1, "", "")
    assert run(capsys, "--query", "totalSales>100000", "--count", export) == (1, "0\n", "")


def test_an_invalid_query_is_status_2_with_what_and_where(capsys, export: Path) -> None:
    status, out, err = run(capsys, "--query", "totalSales>abc", export)
    assert status == 2 and out == ""
    assert "totalSales is a number" in err and "at character 12" in err
    assert "  totalSales>abc\n" + " " * 13 + "^" in err


def test_an_unreadable_file_is_status_2(capsys, tmp_path: Path, export: Path) -> None:
    status, out, err = run(capsys, "--query", "ada", tmp_path / "missing.json")
    assert status == 2 and out == ""
    assert "missing.json" in err and "cannot be read" in err
    broken = tmp_path / "broken.json"
    broken.write_text("{ nope", encoding="utf-8")
    status, out, err = run(capsys, "--query", "ada", broken)
    assert status == 2 and out == "" and "broken.json" in err


def test_query_needs_a_file(capsys) -> None:
    status, _, err = run(capsys, "--query", "ada")
    assert status == 2 and "--query" in err


def test_reads_standard_input_through_the_real_command(export: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-m", "viewer", "--query", "Name:ada", "-"], cwd=ROOT, env=env,
                            input=export.read_bytes(), capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert [orjson.loads(line)["integrationId"] for line in result.stdout.splitlines()] == ["URN0"]


def test_a_reader_that_stops_early_is_no_error(tmp_path) -> None:
    """``--query ... | head -1``: no traceback when the pipe closes, and exit status 0."""
    import subprocess
    import sys

    profiles = [{"id": n, "integrationId": f"URN{n}", "attributes": {"Note": "x" * 2000}} for n in range(3000)]
    path = tmp_path / "many.ndjson"
    path.write_text("\n".join(json.dumps(p) for p in profiles), encoding="utf-8")
    with subprocess.Popen([sys.executable, "-m", "viewer", "--query", "URN", str(path)], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE) as child:
        assert child.stdout is not None and child.stderr is not None
        assert child.stdout.readline().startswith(b'{"id": 0')
        child.stdout.close()  # the reader goes away, as head does
        errors = child.stderr.read()
        assert child.wait(timeout=60) == 0
    assert b"Traceback" not in errors and b"BrokenPipe" not in errors
