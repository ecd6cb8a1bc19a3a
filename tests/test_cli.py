"""``audience-viewer --check FILE...``: what a person sees in the terminal, and the exit status."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from viewer.cli.check import check

ROOT = Path(__file__).resolve().parents[1]


def profile(number: int, sandbox: bool | None = False, **changes: object) -> dict:
    data = {"id": number, "created": "2020-06-10T09:05:27Z", "integrationId": f"URN{number}", "attributes": {},
            "accountId": 31, "closedSessions": 3, "totalSales": 10.5, "lastActivity": "2020-06-11T09:05:27Z"}
    if sandbox is not None:
        data["sandbox"] = sandbox
    data.update(changes)
    return data


def run(*args: str | os.PathLike) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "viewer", "--check", *map(str, args)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stdout and "Traceback" not in result.stderr


@pytest.fixture
def clean(tmp_path: Path) -> Path:
    path = tmp_path / "clean.json"
    path.write_bytes(orjson.dumps({"data": [profile(1), profile(2), profile(3, sandbox=True),
                                            profile(4, sandbox=None)], "hasMore": False}))
    return path


def test_clean_file(clean: Path) -> None:
    result = run(clean)
    no_traceback(result)
    assert result.returncode == 0
    assert str(clean) in result.stdout
    assert "shape:    page" in result.stdout
    assert "profiles: 4 (live 2, sandbox 1, unknown 1)" in result.stdout
    assert "problems: 0" in result.stdout


def test_file_with_problems(tmp_path: Path) -> None:
    path = tmp_path / "odd.json"
    path.write_bytes(orjson.dumps([profile(1), profile(2, totalSales="12,50"), profile(1)]))
    result = run(path)
    no_traceback(result)
    assert result.returncode == 1
    assert "shape:    array" in result.stdout
    assert "profiles: 3 (live 3, sandbox 0, unknown 0)" in result.stdout
    assert "error: [1].totalSales (line 1):" in result.stdout
    assert "12,50" in result.stdout
    assert "warning: [2]:" in result.stdout and "appears again" in result.stdout


def test_info_only_is_clean(tmp_path: Path) -> None:
    path = tmp_path / "page1.json"
    path.write_bytes(orjson.dumps({"data": [profile(1)], "hasMore": True}))
    result = run(path)
    assert result.returncode == 0
    assert "info: hasMore:" in result.stdout and "one page" in result.stdout


def test_truncated_file_is_a_problem_with_its_line(tmp_path: Path) -> None:
    data = orjson.dumps([profile(i) for i in range(10)], option=orjson.OPT_INDENT_2)
    path = tmp_path / "cut.json"
    path.write_bytes(data[: len(data) // 2])
    result = run(path)
    no_traceback(result)
    assert result.returncode == 1
    assert "error: file" in result.stdout and "ends early" in result.stdout


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("page.json", b"<!DOCTYPE html><html><title>Sign in</title></html>", "HTML"),
        ("image.json", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, "binary"),
        ("empty.json", b"", "empty"),
        ("other.json", b'{"foo": 1}', "no customer profiles"),
        ("deep.json", b"[" * 5000 + b"]" * 5000, "deep"),
    ],
)
def test_unreadable_files(tmp_path: Path, name: str, data: bytes, words: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    result = run(path)
    no_traceback(result)
    assert result.returncode == 2
    assert f"{path}: cannot be read" in result.stdout
    assert words in result.stdout


def test_malformed_json_shows_where(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(b'{"integrationId": "a",\n "totalSales": 12,50}\n')
    result = run(path)
    assert result.returncode == 2
    assert "line 2, column 19" in result.stdout
    lines = result.stdout.splitlines()
    [snippet] = [i for i, line in enumerate(lines) if '"totalSales": 12,50' in line]
    caret = lines[snippet + 1]
    assert caret.index("^") == lines[snippet].index("5")  # the caret sits under the error


def test_missing_file_and_folder(tmp_path: Path) -> None:
    result = run(tmp_path / "nope.json", tmp_path)
    no_traceback(result)
    assert result.returncode == 2
    assert "nope.json: cannot be read" in result.stdout
    assert "folder" in result.stdout


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads any file")
def test_unreadable_permissions(clean: Path) -> None:
    clean.chmod(0)
    try:
        result = run(clean)
    finally:
        clean.chmod(0o644)
    no_traceback(result)
    assert result.returncode == 2


def test_several_files_are_one_export_and_the_worst_status_wins(tmp_path: Path, clean: Path) -> None:
    odd = tmp_path / "odd.json"
    odd.write_bytes(orjson.dumps([profile(1, totalSales="x")]))
    html = tmp_path / "bad.json"
    html.write_bytes(b"<html><body>502</body></html>")
    both = run(clean, odd)
    assert both.returncode == 1
    assert both.stdout.index(str(clean)) < both.stdout.index(str(odd))
    assert f"{clean}: page, 4 profiles" in both.stdout and f"{odd}: array, 1 profile\n" in both.stdout
    assert both.stdout.count("profiles: ") == 1  # one export, not one per file
    assert "profiles: 5 (live 3, sandbox 1, unknown 1)" in both.stdout
    assert "error: odd.json: [0].totalSales (line 1):" in both.stdout  # which file, as the paths repeat across files
    assert "warning: odd.json: [0]: the same profile (id 1, live) appears again" in both.stdout
    all_three = run(clean, odd, html)
    no_traceback(all_three)
    assert all_three.returncode == 2
    assert f"{html}: cannot be read" in all_three.stdout and "HTML" in all_three.stdout
    assert "profiles: 5 " in all_three.stdout  # the readable files are still checked


def test_check_without_files_is_a_usage_error() -> None:
    result = run()
    assert result.returncode == 2
    assert "FILE" in result.stderr
    no_traceback(result)


def test_check_function_writes_to_the_given_stream(clean: Path, tmp_path: Path) -> None:
    out = io.StringIO()
    assert check([clean], out) == 0
    assert "profiles: 4" in out.getvalue()
    out = io.StringIO()
    assert check([], out) == 2
    assert "no file" in out.getvalue()


def test_check_lists_companion_files_with_kind_rows_and_unmatched(tmp_path: Path) -> None:
    export = tmp_path / "customers.json"
    export.write_bytes(orjson.dumps([profile(1), profile(2)]))
    balances = tmp_path / "balances.csv"
    balances.write_bytes(b"\xef\xbb\xbfloyaltyProgramID,loyaltySubledger,profileIntegrationID,currentBalance,"
                         b"pendingBalance,expiredBalance,spentBalance,currentTier\r\n"
                         b"4,,URN1,10.00,0.00,0.00,0.00,Gold\r\n4,,URN9,1.00,0.00,0.00,0.00,\r\n"
                         b"4,x,URN9,2.00,0.00,0.00,0.00,\r\n")
    members = tmp_path / "vip.csv"
    members.write_text("profileintegrationid\nURN2\n", encoding="utf-8")
    out = io.StringIO()
    status = check([export, balances, members], out)
    text = out.getvalue()
    assert status == 1  # the unmatched rows are a warning
    assert "companion files:" in text
    assert "balances.csv: loyalty balances, 3 rows, 2 unmatched rows (1 integration ID is not in the export)" in text
    assert "vip.csv: audience members, 1 row, 0 unmatched rows" in text
    assert "2 balance rows name profiles that are not in this export" in text
    assert text.count("profiles: 2 ") == 1  # one export, not three


def test_check_csv_alone_opens_with_placeholders(tmp_path: Path) -> None:
    members = tmp_path / "members.csv"
    members.write_text("profileintegrationid\nURN2\nURN3\n", encoding="utf-8")
    out = io.StringIO()
    assert check([members], out) == 0
    assert "profiles: 2 " in out.getvalue() and "no profile export was opened" in out.getvalue()
    # without profiles no row can be unmatched: the line says so instead of "0 unmatched rows"
    assert "members.csv: audience members, 2 rows, no profile export opened to match" in out.getvalue()
