"""Bytes as they really come (BOM, UTF-16, gzip, CRLF, truncation, junk), read-only access, progress and cancel."""

from __future__ import annotations

import codecs
import gzip
import os
import random
import re
import stat
import sys
from pathlib import Path
from typing import Any

import orjson
import pytest

import viewer

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from make_export import make_profile, write_export  # noqa: E402

SMALL = {"id": 6, "created": "2020-06-10T09:05:27Z", "integrationId": "Müller-Ω", "attributes": {"City": "München"},
         "accountId": 31, "closedSessions": 3, "totalSales": 299.99, "lastActivity": "2020-02-08T14:15:20Z",
         "sandbox": False}


def profiles(n: int, seed: int = 1) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    return [make_profile(rng, i) for i in range(n)]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def pretty(document: Any) -> bytes:
    return orjson.dumps(document, option=orjson.OPT_INDENT_2)


def load_error(path: Path) -> viewer.LoadError:
    with pytest.raises(viewer.LoadError) as info:
        viewer.load(path)
    return info.value


# encodings ---------------------------------------------------------------------

TEXT = pretty([SMALL, SMALL | {"id": 7}]).decode("utf-8")


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        TEXT.encode("utf-16-le"),
        TEXT.encode("utf-16-be"),
        TEXT.replace("\n", "\r\n").encode("utf-8"),
        gzip.compress(TEXT.encode("utf-8")),
        gzip.compress(codecs.BOM_UTF8 + TEXT.encode("utf-8")),
    ],
    ids=["utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le", "utf16be", "crlf", "gzip", "gzip-bom"],
)
def test_encodings(tmp_path: Path, data: bytes) -> None:
    export = viewer.load(write(tmp_path, "export.json", data))
    assert [p.id for p in export.profiles] == [6, 7]
    assert export.profiles[0].integration_id == "Müller-Ω"
    assert export.profiles[0].attributes == {"City": "München"}
    assert export.problems == []


def test_gzip_file_named_json_gz(tmp_path: Path) -> None:
    path = write(tmp_path, "customers.json.gz", gzip.compress(orjson.dumps(profiles(30))))
    export = viewer.load(path)
    assert len(export.profiles) == 30
    assert "gzip-compressed" in export.notes


def test_gzip_of_ndjson(tmp_path: Path) -> None:
    lines = b"\n".join(orjson.dumps(p) for p in profiles(5)) + b"\n"
    export = viewer.load(write(tmp_path, "customers.ndjson.gz", gzip.compress(lines)))
    assert export.shape == "ndjson"
    assert [p.integration_id for p in export.profiles] == [f"URN{i:07d}" for i in range(5)]


def test_utf16_with_bom_is_noted(tmp_path: Path) -> None:
    export = viewer.load(write(tmp_path, "w.json", codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le")))
    assert "UTF-16" in export.notes


def test_pretty_printed_crlf_error_line_numbers(tmp_path: Path) -> None:
    text = pretty([SMALL, SMALL | {"id": 7}]).replace(b"\n", b"\r\n")
    broken = text.replace(b'"totalSales": 299.99', b'"totalSales": 299.99.1', 1)
    line = text[: text.index(b'"totalSales"')].count(b"\n") + 1
    export = viewer.load(write(tmp_path, "crlf.json", broken))
    assert [p.id for p in export.profiles] == [7]
    [problem] = export.problems
    assert problem.line == line


# unreadable files ----------------------------------------------------------------

@pytest.mark.parametrize(("data", "words"), [(b"", "empty"), (b"  \r\n\t \n", "white space"),
                                             (codecs.BOM_UTF8, "empty"), (gzip.compress(b""), "empty")])
def test_empty_files(tmp_path: Path, data: bytes, words: str) -> None:
    assert words in load_error(write(tmp_path, "empty.json", data)).message


@pytest.mark.parametrize(
    "page",
    [
        b"<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><h1>502</h1></body></html>",
        b"\n  <html><body>Please log in</body></html>",
        codecs.BOM_UTF8 + b"<!doctype html><html></html>",
    ],
)
def test_html_error_page_saved_as_json(tmp_path: Path, page: bytes) -> None:
    error = load_error(write(tmp_path, "customers.json", page))
    assert "HTML" in error.message
    assert error.source == str(tmp_path / "customers.json")


def test_html_title_is_quoted(tmp_path: Path) -> None:
    page = b"<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head></html>"
    assert "502 Bad Gateway" in load_error(write(tmp_path, "x.json", page)).message


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4,
        random.Random(7).randbytes(5000),
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + random.Random(8).randbytes(500),
    ],
    ids=["png", "random", "zip"],
)
def test_binary_files(tmp_path: Path, data: bytes) -> None:
    error = load_error(write(tmp_path, "picture.json", data))
    assert "binary" in error.message or "not a text file" in error.message


def test_broken_gzip(tmp_path: Path) -> None:
    data = gzip.compress(orjson.dumps(profiles(20)))[:-40]
    assert "gzip" in load_error(write(tmp_path, "cut.json.gz", data)).message


# truncation and damage -----------------------------------------------------------

@pytest.mark.parametrize("fmt", ["minified", "pretty"])
def test_truncated_download_keeps_complete_profiles(tmp_path: Path, fmt: str) -> None:
    items = profiles(50)
    data = orjson.dumps(items) if fmt == "minified" else pretty(items)
    cut = data[: len(data) * 3 // 5]
    # a profile is complete when its last field and closing brace made it into the file
    count = len(re.findall(rb'"connectedAudiences": ?\[[^\]]*\]\s*\}', cut))
    complete = [p["id"] for p in items[:count]]
    export = viewer.load(write(tmp_path, "cut.json", cut))
    assert [p.id for p in export.profiles] == complete
    assert 20 <= len(complete) < 50
    [problem] = export.problems
    assert problem.severity is viewer.Severity.ERROR
    assert (problem.line, problem.column) is not None
    expected_line = cut.count(b"\n") + 1
    assert problem.line == expected_line
    assert f"{len(complete)} profiles" in problem.message and "ends early" in problem.message


@pytest.mark.parametrize("ending", [b"", b",", b",\n  ", b"\n"])
def test_truncated_right_after_a_profile(tmp_path: Path, ending: bytes) -> None:
    items = profiles(4)
    data = b"[" + b",".join(orjson.dumps(p) for p in items[:3]) + ending
    export = viewer.load(write(tmp_path, "cut.json", data))
    assert len(export.profiles) == 3
    assert [str(p.severity) for p in export.problems] == ["error"]


@pytest.mark.parametrize("data", [b"[", b"[\n  ", b'{"data": ['])
def test_truncated_before_any_profile(tmp_path: Path, data: bytes) -> None:
    error = load_error(write(tmp_path, "cut.json", data))
    assert "not valid JSON" in error.message
    assert error.line is not None and error.column is not None


def test_truncated_single_object(tmp_path: Path) -> None:
    data = pretty(SMALL)
    cut = data[: data.index(b'"accountId"') + 5]
    error = load_error(write(tmp_path, "cut.json", cut))
    assert error.line == cut.count(b"\n") + 1
    assert error.column is not None
    assert "not valid JSON" in error.message
    assert error.snippet is not None and error.snippet_column is not None
    assert '"acco' in error.snippet
    assert 1 <= error.snippet_column <= len(error.snippet) + 1
    assert f"line {error.line}" in str(error)


def test_snippet_points_at_the_error(tmp_path: Path) -> None:
    data = b'{"integrationId": "a", "totalSales": 12,50}'
    error = load_error(write(tmp_path, "bad.json", data))
    assert (error.line, error.column) == (1, 41)
    assert error.snippet[error.snippet_column - 1] == "5"


def test_snippet_of_a_huge_single_line_is_short(tmp_path: Path) -> None:
    data = orjson.dumps(profiles(2000))[:-300] + b"oops"
    data = b'{"data": 5, "x": ' + data  # not an array: read whole, fails
    error = load_error(write(tmp_path, "big.json", data))
    assert error.snippet is not None and len(error.snippet) <= 200


def test_damage_in_the_middle_of_a_big_array(tmp_path: Path) -> None:
    items = profiles(2500, seed=3)
    text = pretty(items)
    assert len(text) > 2 * 1024 * 1024  # several pieces
    marker = b'"integrationId": "URN0001234"'
    at = text.index(marker)
    broken = text[:at] + b'"integrationId": URN0001234"' + text[at + len(marker):]
    line = text[:at].count(b"\n") + 1
    export = viewer.load(write(tmp_path, "damaged.json", broken))
    read = [p.integration_id for p in export.profiles]
    assert read[:1234] == [f"URN{i:07d}" for i in range(1234)]
    assert read[1234:] == [f"URN{i:07d}" for i in range(1235, 2500)]
    [problem] = export.problems
    assert problem.severity is viewer.Severity.ERROR
    assert problem.line == line
    assert "not valid JSON" in problem.message


def test_damage_in_a_big_minified_array(tmp_path: Path) -> None:
    path = write_export(tmp_path / "big.json", 2500, "array", seed=4)
    data = path.read_bytes()
    at = data.index(b'"integrationId":"URN0002000"')
    path.write_bytes(data[:at] + b'"integrationId" "URN0002000"' + data[at + 28:])
    export = viewer.load(path)
    assert len(export.profiles) == 2499
    assert export.profiles[1999].integration_id == "URN0001999"
    assert export.profiles[2000].integration_id == "URN0002001"
    [problem] = export.problems
    assert problem.line == 1


def test_deep_nesting_inside_one_profile_skips_only_that_profile(tmp_path: Path) -> None:
    items = profiles(5)
    deep = b'{"a":' * 5000 + b"1" + b"}" * 5000
    parts = [orjson.dumps(p) for p in items]
    parts[2] = parts[2].replace(b'"attributes":{', b'"attributes":{"Deep":' + deep + b",", 1)
    export = viewer.load(write(tmp_path, "deep.json", b"[" + b",\n".join(parts) + b"]"))
    assert [p.integration_id for p in export.profiles] == ["URN0000000", "URN0000001", "URN0000003", "URN0000004"]
    [problem] = export.problems
    assert problem.severity is viewer.Severity.ERROR
    assert "deep" in problem.message and problem.line == 3


def test_deep_list_as_an_element(tmp_path: Path) -> None:
    items = [orjson.dumps(p) for p in profiles(2)]
    data = b"[" + items[0] + b"," + b"[" * 5000 + b"]" * 5000 + b"," + items[1] + b"]"
    export = viewer.load(write(tmp_path, "deep.json", data))
    assert len(export.profiles) == 2
    assert len(export.problems) == 1


@pytest.mark.parametrize("deep", [b'{"a":' * 5000 + b"1" + b"}" * 5000, b"[" * 5000 + b"]" * 5000,
                                  b'{"integrationId": "x", "attributes": ' + b"[" * 5000 + b"]" * 5000 + b"}"])
def test_deep_bare_document_is_a_load_error(tmp_path: Path, deep: bytes) -> None:
    error = load_error(write(tmp_path, "deep.json", deep))
    assert "deep" in error.message
    assert error.line == 1 and error.column is not None


def test_deep_line_in_ndjson(tmp_path: Path) -> None:
    deep = b'{"a":' * 3000 + b"1" + b"}" * 3000
    lines = [orjson.dumps(p) for p in profiles(3)]
    data = b"\n".join([lines[0], b'{"integrationId": "d", "attributes": ' + deep + b"}", lines[1], lines[2]])
    export = viewer.load(write(tmp_path, "deep.ndjson", data))
    assert len(export.profiles) == 3
    [problem] = export.problems
    assert problem.line == 2


def test_strings_of_several_megabytes(tmp_path: Path) -> None:
    big = "x" * 6_000_000 + "é"
    items = [SMALL | {"attributes": {"Notes": big}}, SMALL | {"id": 7}]
    export = viewer.load(write(tmp_path, "big.json", orjson.dumps(items)))
    assert export.profiles[0].attributes["Notes"] == big
    assert export.profiles[1].id == 7


def test_string_containing_piece_boundaries(tmp_path: Path) -> None:
    tricky = '},{"id": 1, "integrationId": "fake"},{' * 50_000  # ~2 MB of fake boundaries
    items = [SMALL | {"id": i, "attributes": {"Tricky": tricky}} for i in range(3)]
    export = viewer.load(write(tmp_path, "tricky.json", orjson.dumps(items)))
    assert [p.id for p in export.profiles] == [0, 1, 2]
    assert export.profiles[2].attributes["Tricky"] == tricky


@pytest.mark.parametrize("where", ["profile", "attributes"])
def test_duplicate_keys_are_warned_about(tmp_path: Path, where: str) -> None:
    if where == "profile":
        data = b'[{"integrationId": "a", "totalSales": 1, "totalSales": 2, "id": 1}]'
    else:
        data = b'[{"integrationId": "a", "id": 1, "attributes": {"Tier": "Gold", "Tier": "Silver"}}]'
    export = viewer.load(write(tmp_path, "dup.json", data))
    key = "totalSales" if where == "profile" else "Tier"
    [warning] = [p for p in export.problems if "twice" in p.message]
    assert warning.severity is viewer.Severity.WARNING
    assert f'"{key}"' in warning.message
    p = export.profiles[0]
    assert p.total_sales == 2 if where == "profile" else p.attributes["Tier"] == "Silver"


BIG = 123456789012345678901234567890


def test_integers_beyond_64_bits_are_exact(tmp_path: Path) -> None:
    data = (b'{"id": 123456789012345678901234567890, "integrationId": "big", "accountId": -9223372036854775809,'
            b' "attributes": {"Big": 123456789012345678901234567890, "Neg": -9223372036854775809,'
            b' "List": [18446744073709551616, 1.5], "Max": 18446744073709551615}}')
    export = viewer.load(write(tmp_path, "big.json", data))
    p = export.profiles[0]
    assert p.id == BIG and type(p.id) is int
    assert p.account_id == -9223372036854775809
    assert p.attributes == {"Big": BIG, "Neg": -9223372036854775809, "List": [2**64, 1.5], "Max": 2**64 - 1}
    assert type(p.attributes["Big"]) is int


def test_big_integers_in_a_multi_piece_array(tmp_path: Path) -> None:
    items = profiles(3000, seed=5)
    items[10]["attributes"]["Big"] = "BIG"
    items[2900]["id"] = -1
    # orjson cannot write them: put the digits in by hand
    data = orjson.dumps(items).replace(b'"BIG"', str(BIG).encode()).replace(b'"id":-1,', f'"id":{BIG + 1},'.encode())
    assert len(data) > 2 * 1024 * 1024
    export = viewer.load(write(tmp_path, "big.json", data))
    assert len(export.profiles) == 3000
    assert export.profiles[10].attributes["Big"] == BIG
    assert export.profiles[2900].id == BIG + 1
    assert export.profiles[2899].id == items[2899]["id"]


def test_big_integers_in_ndjson(tmp_path: Path) -> None:
    data = b'{"integrationId": "a", "id": 1}\n{"integrationId": "b", "id": 123456789012345678901234567890}\n'
    assert viewer.load(write(tmp_path, "big.ndjson", data)).profiles[1].id == BIG


def test_non_finite_number_is_a_clear_error(tmp_path: Path) -> None:
    error = load_error(write(tmp_path, "nan.json", b'{"integrationId": "a", "totalSales": NaN}'))
    assert "not valid JSON" in error.message and error.column == 38


# the source file is never written -------------------------------------------------

def test_file_is_left_untouched(tmp_path: Path) -> None:
    path = write_export(tmp_path / "export.json", 50, "array")
    before = path.read_bytes()
    os.utime(path, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    stamp = path.stat().st_mtime_ns
    viewer.load(path)
    assert path.read_bytes() == before
    assert path.stat().st_mtime_ns == stamp


def test_read_only_file_loads(tmp_path: Path) -> None:
    path = write_export(tmp_path / "export.json", 5, "page")
    path.chmod(0o444)
    try:
        export = viewer.load(path)
        assert len(export.profiles) == 5
        assert stat.S_IMODE(path.stat().st_mode) == 0o444
    finally:
        path.chmod(0o644)


# progress and cancel --------------------------------------------------------------

@pytest.mark.parametrize("shape", ["array", "ndjson", "page", "wrapper"])
def test_progress_increases_to_total(tmp_path: Path, shape: str) -> None:
    path = write_export(tmp_path / "export.json", 3000, shape)
    calls: list[tuple[int, int]] = []
    viewer.load(path, progress=lambda done, total: calls.append((done, total)))
    assert len(calls) >= 3
    totals = {total for _, total in calls}
    assert len(totals) == 1
    total = totals.pop()
    dones = [done for done, _ in calls]
    assert dones == sorted(dones)
    assert all(0 <= done <= total for done in dones)
    assert dones[-1] == total


def test_progress_ends_at_total_for_gzip(tmp_path: Path) -> None:
    path = write(tmp_path, "e.json.gz", gzip.compress(orjson.dumps(profiles(200))))
    calls: list[tuple[int, int]] = []
    viewer.load(path, progress=lambda done, total: calls.append((done, total)))
    assert calls[-1][0] == calls[-1][1]
    assert all(done <= total for done, total in calls)


def test_cancel(tmp_path: Path) -> None:
    path = write_export(tmp_path / "export.json", 100, "array")
    with pytest.raises(viewer.LoadCancelled):
        viewer.load(path, cancelled=lambda: True)
    with pytest.raises(viewer.LoadCancelled):
        viewer.load(path.read_bytes(), cancelled=lambda: True)


def test_cancel_part_way(tmp_path: Path) -> None:
    path = write_export(tmp_path / "export.json", 3000, "array")
    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 2

    with pytest.raises(viewer.LoadCancelled):
        viewer.load(path, cancelled=cancelled)
    assert len(viewer.load(path, cancelled=lambda: False).profiles) == 3000


@pytest.mark.parametrize("rest", [b"xyz", b"[" + orjson.dumps(SMALL | {"id": 8}) + b"]"])
def test_text_after_the_array_is_reported(tmp_path: Path, rest: bytes) -> None:
    data = orjson.dumps([SMALL]) + b"\n" + rest
    export = viewer.load(write(tmp_path, "two.json", data))
    assert [p.id for p in export.profiles] == [6]
    [problem] = export.problems
    assert problem.severity is viewer.Severity.ERROR
    assert problem.line == 2 and problem.column == 1
    assert "not read" in problem.message


def test_damage_with_boundary_like_text_right_after_it(tmp_path: Path) -> None:
    items = [SMALL | {"id": i, "attributes": {"Orders": [{"n": 1}, {"n": 2}], "Note": '},{"id": 99}'}}
             for i in range(6)]
    parts = [orjson.dumps(p) for p in items]
    parts[2] = parts[2].replace(b'"Orders":[{"n":1}', b'"Orders":[{"n" 1}', 1)
    export = viewer.load(write(tmp_path, "damaged.json", b"[" + b",\n".join(parts) + b"]"))
    assert [p.id for p in export.profiles] == [0, 1, 3, 4, 5]
    assert [p.line for p in export.problems] == [3]


@pytest.mark.parametrize("damage", [b'"', b"x"], ids=["extra-quote", "lost-quote"])
def test_each_damage_costs_one_profile(tmp_path: Path, damage: bytes) -> None:
    path = write_export(tmp_path / "big.json", 3000, "array", seed=6)
    data = path.read_bytes()
    hit = []
    for k in range(5):  # five damaged profiles spread over the file
        at = data.index(b'"Email":', len(data) * k // 5 + 10) + 8
        hit.append(data[:at].count(b'"integrationId":') - 1)
        data = data[:at] + damage + data[at + (0 if damage == b'"' else 1):]
    path.write_bytes(data)
    export = viewer.load(path)
    expected = [f"URN{i:07d}" for i in range(3000) if i not in hit]
    assert [p.integration_id for p in export.profiles] == expected
    assert len(export.problems) == 5


def test_too_many_errors_stop_reading_and_say_so(tmp_path: Path) -> None:
    parts = [orjson.dumps(SMALL | {"id": i}) for i in range(120)]
    parts = [p.replace(b'"accountId":31', b'"accountId":3 1') if i % 2 else p for i, p in enumerate(parts)]
    export = viewer.load(write(tmp_path, "bad.json", b"[" + b",".join(parts) + b"]"))
    assert 0 < len(export.profiles) < 60
    assert "too many errors" in export.problems[-1].message
    assert "went on" not in export.problems[-1].message
