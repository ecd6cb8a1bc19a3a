"""``audience-viewer --check --json``: one JSON object a script can read, and pages checked as one export."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from viewer.cli.check import check

ROOT = Path(__file__).resolve().parents[2]


def profile(number: int, **changes: object) -> dict:
    data = {"id": number, "created": "2020-06-10T09:05:27Z", "integrationId": f"URN{number}", "attributes": {},
            "accountId": 31, "closedSessions": 3, "totalSales": 10.5, "lastActivity": "2020-06-11T09:05:27Z",
            "sandbox": False}
    data.update(changes)
    return data


def run(*args: str | os.PathLike, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "viewer", *map(str, args)], cwd=ROOT, env=env, input=stdin,
                          capture_output=True, timeout=60)


@pytest.fixture
def pages(tmp_path: Path) -> list[Path]:
    """Two saved pages of one listing; profile 2 is on both (the listing moved while it was saved)."""
    first, second = tmp_path / "page1.json", tmp_path / "page2.json"
    first.write_bytes(orjson.dumps({"data": [profile(1), profile(2)], "hasMore": True, "totalResultSize": 3}))
    second.write_bytes(orjson.dumps({"data": [profile(2), profile(3, totalSales="12,50")], "hasMore": False}))
    return [first, second]


def test_json_report_keys_and_values(pages: list[Path]) -> None:
    result = run("--check", "--json", *pages)
    assert result.returncode == 1 and result.stderr == b""
    report = json.loads(result.stdout)
    assert set(report) >= {"status", "files", "shape", "profiles", "counts", "problems", "problem_counts"}
    assert report["status"] == 1
    assert report["shape"] == "page"
    assert report["profiles"] == 4
    assert report["counts"] == {"live": 4, "sandbox": 0, "unknown": 0}
    assert [(f["path"], f["shape"], f["profiles"], f["readable"]) for f in report["files"]] == \
        [(str(pages[0]), "page", 2, True), (str(pages[1]), "page", 2, True)]
    for problem in report["problems"]:
        assert set(problem) >= {"path", "severity", "message", "line", "column", "file"}
    by_path = {(p["file"], p["path"]): p for p in report["problems"]}
    money = by_path[(str(pages[1]), "data[1].totalSales")]
    assert money["severity"] == "error" and "12,50" in money["message"]
    assert report["problem_counts"]["error"] == 1


def test_several_pages_are_one_export_so_a_repeat_across_pages_is_found(pages: list[Path]) -> None:
    out = io.StringIO()
    check(pages, out, as_json=True)
    report = json.loads(out.getvalue())
    repeats = [p for p in report["problems"] if "appears again" in p["message"]]
    assert len(repeats) == 1
    assert repeats[0]["file"] == str(pages[1]) and repeats[0]["path"] == "data[0]"
    assert repeats[0]["severity"] == "warning"
    # each page alone has no repeat: the old one-file-at-a-time check missed it
    for page in pages:
        alone = io.StringIO()
        check([page], alone, as_json=True)
        assert not [p for p in json.loads(alone.getvalue())["problems"] if "appears again" in p["message"]]


def test_json_for_malformed_and_missing_files(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(b'{"integrationId": "a",\n "totalSales": 12,50}\n')
    result = run("--check", "--json", bad, tmp_path / "nope.json")
    assert result.returncode == 2
    report = json.loads(result.stdout)
    assert report["status"] == 2 and report["profiles"] == 0 and report["shape"] is None
    files = {f["path"]: f for f in report["files"]}
    assert files[str(bad)]["readable"] is False
    assert (files[str(bad)]["error"]["line"], files[str(bad)]["error"]["column"]) == (2, 19)
    assert "No such file" in files[str(tmp_path / "nope.json")]["error"]["message"]


def test_an_unreadable_page_among_readable_ones(pages: list[Path], tmp_path: Path) -> None:
    html = tmp_path / "login.json"
    html.write_bytes(b"<!DOCTYPE html><html><title>Sign in</title></html>")
    out = io.StringIO()
    assert check([*pages, html], out, as_json=True) == 2
    report = json.loads(out.getvalue())
    assert report["profiles"] == 4  # the pages that could be read are still checked
    [login] = [f for f in report["files"] if f["path"] == str(html)]
    assert login["readable"] is False and "HTML" in login["error"]["message"]


def test_no_file_as_json() -> None:
    out = io.StringIO()
    assert check([], out, as_json=True) == 2
    assert json.loads(out.getvalue())["status"] == 2
