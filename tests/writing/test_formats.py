"""The export formats' bytes, and tab-separated rows for the clipboard (no Qt)."""

from __future__ import annotations

import csv
import io
import json

import viewer
from viewer.writing.formats import batches, format_for, tab_separated

PROFILES = b'[{"id": 1, "integrationId": "a"}, {"id": 2, "integrationId": "b"}]'


def test_the_extension_says_the_format() -> None:
    assert [format_for(n) for n in ("a.csv", "B.CSV", "a.ndjson", "a.jsonl", "a.json")] == \
        ["csv", "csv", "ndjson", "ndjson", "json"]


def test_json_array_is_valid_json_with_one_profile_per_line() -> None:
    profiles = viewer.load(PROFILES).profiles
    text = b"".join(data for _, data in batches("json", profiles)).decode()
    assert [p["id"] for p in json.loads(text)] == [1, 2]
    lines = text.splitlines()
    assert lines[0] == "[" and lines[-1] == "]" and len(lines) == 4
    assert json.loads(lines[1].rstrip(",")) == {"id": 1, "integrationId": "a"}
    assert json.loads(b"".join(data for _, data in batches("json", [])).decode()) == []
    assert b"".join(data for _, data in batches("ndjson", [])) == b""


def test_tab_separated_rows_paste_into_a_spreadsheet() -> None:
    rows = [["ID", "Name", "Note"], ["12345678901234567890", "Zoë", "two\nlines"], ["2", 'say "hi"', "a\tb"]]
    text = tab_separated(rows)
    assert text.splitlines()[0] == "ID\tName\tNote"
    assert text.startswith("ID\tName\tNote\n12345678901234567890\tZoë\t")
    assert list(csv.reader(io.StringIO(text), dialect="excel-tab")) == rows  # what a spreadsheet reads back
