"""A plain NDJSON file read a chunk at a time gives exactly what reading it whole gives, and is never held whole."""

from __future__ import annotations

import codecs
import random
import sys
from pathlib import Path
from typing import Any

import orjson
import pytest

import viewer
from viewer.reading import decoding, loader, ndjson_stream, source_text
from viewer.reading.loader import find_duplicate_keys

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from make_export import make_profile  # noqa: E402

CHUNK = 700  # a few profiles per chunk: most profiles are cut by a chunk's end


def lines(n: int, seed: int = 3) -> list[bytes]:
    rng = random.Random(seed)
    return [orjson.dumps(make_profile(rng, i)) for i in range(n)]


def summary(export: Any) -> dict[str, Any]:
    """Everything a user sees of an export: each profile's text, line and fields, and every problem."""
    profiles = [(p.source_text, p.line, p.integration_id, p.total_sales, p.created.text if p.created else None,
                 p.attributes, p.raw) for p in export.profiles]
    # in the order of their lines: problems of one piece are listed after its profiles' checks, and a chunk
    # ends a piece where reading the whole text does not
    problems = sorted(((p.path, p.message, p.severity, p.line, p.column, p.profile_index) for p in export.problems),
                      key=repr)
    late = [(p.message, p.line, p.column) for p in find_duplicate_keys(export.profiles)]
    return {"profiles": profiles, "problems": problems, "notes": export.notes, "shape": export.shape,
            "late": late, "checked": export.duplicate_keys_checked}


def both(path: Path, monkeypatch: pytest.MonkeyPatch, **options: Any) -> tuple[dict[str, Any], dict[str, Any], int]:
    """The export read in chunks and read whole, and how many bytes the largest chunk held."""
    monkeypatch.setattr(ndjson_stream, "CHUNK_BYTES", CHUNK)
    monkeypatch.setattr(ndjson_stream, "HEAD_BYTES", CHUNK // 3)
    largest = [0]
    chunks = ndjson_stream.PlainFile.chunks

    def spy(self: ndjson_stream.PlainFile, step: Any) -> Any:
        for offset, chunk in chunks(self, step):
            largest[0] = max(largest[0], len(chunk))
            yield offset, chunk

    monkeypatch.setattr(ndjson_stream.PlainFile, "chunks", spy)
    streamed = summary(viewer.load(path, **options))
    with monkeypatch.context() as whole:
        whole.setattr(loader, "open_plain", lambda item: None)
        read_whole = summary(viewer.load(path, **options))
    return streamed, read_whole, largest[0]


@pytest.mark.parametrize("block", [source_text._BLOCK, 97])  # lines counted in blocks smaller than a chunk too
def test_a_plain_file_in_chunks_is_what_it_is_read_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         block: int) -> None:
    monkeypatch.setattr(source_text, "_BLOCK", block)
    texts = lines(40)
    texts[33] = texts[33].replace(b'"totalSales":', b'"totalSales":"lots","x":', 1)  # a field's problem, at its line
    texts[5] = texts[5][:-1] + b', "attributes": {"a": 1, "a": 2}}'  # a duplicate key
    texts[9] = b'{"integrationId": "broken", '  # a bad line in the middle
    texts[12] = texts[12][:-1] + b', "note": "' + "ü€".encode() * 600 + b'"}'  # longer than a chunk
    body = b"\r\n".join(texts[:20]) + b"\r\n\r\n  \n" + b"\n".join(texts[20:])  # CRLF, blank lines, no final end
    path = tmp_path / "export.ndjson"
    path.write_bytes(codecs.BOM_UTF8 + body)
    streamed, read_whole, largest = both(path, monkeypatch)
    assert streamed == read_whole
    assert 0 < largest < path.stat().st_size // 4
    assert len(streamed["profiles"]) == 39 and streamed["notes"] == ["UTF-8 with byte-order mark"]
    bad = [p for p in streamed["problems"] if "not valid JSON" in p[1]]
    assert [(p[3], p[4]) for p in bad] == [(10, 30)]  # past the line's 28 characters and its "\r"
    twice = [p for p in streamed["problems"] if "twice" in p[1]]
    assert twice and twice[0][3] == 6
    assert streamed["profiles"][30][1] == 34  # line 9 skipped; after 20 CRLF lines and two blank ones
    assert streamed["profiles"][30][0] == texts[31].decode()
    assert [p[3] for p in streamed["problems"] if "totalSales" in p[0]] == [36]


def test_search_text_and_a_file_ending_in_a_line_end(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "export.ndjson"
    path.write_bytes(b"\n".join(lines(25, seed=5)) + b"\n")
    streamed, read_whole, largest = both(path, monkeypatch, search_text=True)
    assert streamed == read_whole and 0 < largest < path.stat().st_size // 4 and len(streamed["profiles"]) == 25


def test_a_big_file_checks_duplicate_keys_late_from_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "DUPLICATE_KEY_CHECK_LIMIT", 1000)
    texts = lines(20)
    texts[15] = texts[15][:-1] + b', "attributes": {"b": 1, "b": 2}}'
    path = tmp_path / "export.ndjson"
    path.write_bytes(b"\n".join(texts))
    streamed, read_whole, largest = both(path, monkeypatch)
    assert streamed == read_whole and 0 < largest < path.stat().st_size // 4
    assert not streamed["checked"] and {line for _, line, _ in streamed["late"]} == {16}


def test_an_invalid_byte_in_a_later_chunk_is_read_whole_and_reported_where_it_is(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = lines(30)
    texts[22] = texts[22].replace(b'"integrationId":"', b'"integrationId":"\xff', 1)
    assert b"\xff" in texts[22]
    path = tmp_path / "export.ndjson"
    path.write_bytes(b"\n".join(texts) + b"\n")
    streamed, read_whole, largest = both(path, monkeypatch)
    assert streamed == read_whole and largest > 0  # the first chunks were read, then the file was read whole
    bad = [p for p in streamed["problems"] if p[3] == 23]
    assert bad and bad[0][4] == texts[22].index(b"\xff") + 1
    assert len(streamed["profiles"]) == 30 and "\ufffd" in streamed["profiles"][22][2]


def test_a_plain_file_is_never_read_into_one_buffer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the whole file was read into one buffer")

    monkeypatch.setattr(loader, "read_file", refused)
    monkeypatch.setattr(decoding, "read_file", refused)
    monkeypatch.setattr(ndjson_stream, "CHUNK_BYTES", CHUNK)
    monkeypatch.setattr(ndjson_stream, "HEAD_BYTES", CHUNK // 3)
    path = tmp_path / "export.ndjson"
    path.write_bytes(b"\n".join(lines(30)))
    export = viewer.load(path)
    assert len(export.profiles) == 30 and export.profiles[29].source_text == lines(30)[29].decode()


def test_progress_goes_on_and_cancel_stops_between_chunks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ndjson_stream, "CHUNK_BYTES", CHUNK)
    monkeypatch.setattr(ndjson_stream, "HEAD_BYTES", CHUNK // 3)
    path = tmp_path / "export.ndjson"
    path.write_bytes(b"\n".join(lines(60)))
    seen: list[int] = []
    viewer.load(path, progress=lambda done, total: seen.append(done))
    assert len(seen) > 20 and seen == sorted(seen)
    calls = [0]

    def cancelled() -> bool:
        calls[0] += 1
        return calls[0] > 5

    with pytest.raises(viewer.LoadCancelled):
        viewer.load(path, cancelled=cancelled)


@pytest.mark.parametrize("change", ["grow", "shrink"])
def test_a_file_that_changes_while_read_in_chunks_is_read_again_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                      change: str) -> None:
    monkeypatch.setattr(ndjson_stream, "CHUNK_BYTES", CHUNK)
    monkeypatch.setattr(ndjson_stream, "HEAD_BYTES", CHUNK // 3)
    path = tmp_path / "export.ndjson"
    texts = lines(12)
    path.write_bytes(b"\n".join(texts) + b"\n")
    plain = ndjson_stream.open_plain(path)
    assert plain is not None
    chunks = plain.chunks(lambda done: None)
    first = next(chunks)[1]
    assert first.startswith(texts[0]) and first.endswith(b"\n")  # a chunk ends after a line end
    if change == "grow":
        with open(path, "ab") as out:
            out.write(texts[0] + b"\n")
    else:
        with open(path, "r+b") as out:
            out.truncate(len(first) + 10)
    with pytest.raises(ndjson_stream.NotPlain):
        list(chunks)
    assert plain.fd == -1  # closed all the same
    export = viewer.load(path)  # the loader reads such a file whole: what is there now
    assert len(export.profiles) == (13 if change == "grow" else first.count(b"\n"))
