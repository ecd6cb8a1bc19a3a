"""``-`` as a FILE reads standard input, for every console command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parents[2]
PROFILES = [{"id": n, "integrationId": f"URN{n}", "created": "2020-06-10T09:05:27Z", "accountId": 31,
             "closedSessions": 1, "totalSales": 2.5, "lastActivity": "2020-06-11T09:05:27Z", "sandbox": False,
             "attributes": {}} for n in range(1, 4)]


def run(*args: str | os.PathLike, stdin: bytes) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "viewer", *map(str, args)], cwd=ROOT, env=env, input=stdin,
                          capture_output=True, timeout=60)


def spooled_files() -> set[str]:
    return {name for name in os.listdir(tempfile.gettempdir()) if name.startswith("audience-viewer-stdin-")}


def test_check_reads_standard_input() -> None:
    before = spooled_files()
    result = run("--check", "-", stdin=b"\n".join(orjson.dumps(p) for p in PROFILES))
    assert result.returncode == 0, result.stdout
    text = result.stdout.decode()
    assert text.startswith("-\n")  # named as given, not by a temporary file
    assert "shape:    ndjson" in text and "profiles: 3 (live 3" in text
    assert spooled_files() == before  # nothing left behind


def test_check_json_names_standard_input_dash_among_other_files(tmp_path: Path) -> None:
    page = tmp_path / "page1.json"
    page.write_bytes(orjson.dumps({"data": PROFILES[:2], "hasMore": True}))
    result = run("--check", "--json", page, "-", stdin=orjson.dumps({"data": PROFILES[1:], "hasMore": False}))
    report = json.loads(result.stdout)
    assert [f["path"] for f in report["files"]] == [str(page), "-"]
    assert report["profiles"] == 4
    [repeat] = [p for p in report["problems"] if "appears again" in p["message"]]
    assert repeat["file"] == "-"


def test_unreadable_standard_input_is_exit_2_with_the_reason() -> None:
    result = run("--check", "-", stdin=b"<html><body>502 Bad Gateway</body></html>")
    assert result.returncode == 2
    assert result.stdout.decode().startswith("-: cannot be read") and b"HTML" in result.stdout


def test_export_reads_standard_input(tmp_path: Path) -> None:
    out = tmp_path / "out.ndjson"
    result = run("--export", out, "-", stdin=orjson.dumps(PROFILES))
    assert result.returncode == 0, result.stderr
    assert [orjson.loads(line)["id"] for line in out.read_bytes().splitlines()] == [1, 2, 3]


def test_a_dash_among_the_files_of_the_query_command(tmp_path: Path) -> None:
    result = run("--query", "URN2", "-", stdin=orjson.dumps(PROFILES))
    assert result.returncode == 0, result.stderr
    assert [orjson.loads(line)["id"] for line in result.stdout.splitlines()] == [2]


def test_read_standard_input_replaces_each_dash_by_one_file() -> None:
    import io

    from viewer.cli.standard_input import read_standard_input, shown_name, shown_text

    names = read_standard_input(["a.json", "-", "-"], io.BytesIO(b"[1]"))
    assert names[0] == "a.json" and names[1] == names[2] != "-"
    assert Path(names[1]).read_bytes() == b"[1]"
    assert shown_name(names[1]) == "-" and shown_text(f"{names[1]}: bad") == "-: bad"
