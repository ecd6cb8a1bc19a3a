"""A big plain JSON array read a chunk at a time gives exactly what reading it whole gives."""

from __future__ import annotations

import codecs
import random
import sys
from pathlib import Path
from typing import Any

import orjson
import pytest

import viewer
from viewer.reading import array_pieces, array_stream, loader
from viewer.reading.loader import find_duplicate_keys

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from make_export import make_profile

CHUNK = 8000  # a few profiles per chunk: pieces run from one chunk into the next
PIECE = 2000  # a few profiles per piece (a look for a cut reaches 4 pieces on: the longest profile fits)


def profiles(n: int, seed: int = 3) -> list[bytes]:
    rng = random.Random(seed)
    return [orjson.dumps(make_profile(rng, i)) for i in range(n)]


def summary(export: Any) -> dict[str, Any]:
    """Everything a user sees of an export: each profile's text, line and fields, and every problem in order."""
    shown = [(p.source_text, p.line, p.integration_id, p.total_sales, p.created.text if p.created else None,
              p.attributes, p.raw) for p in export.profiles]
    problems = [(p.path, p.message, p.severity, p.line, p.column, p.profile_index) for p in export.problems]
    late = [(p.message, p.line, p.column) for p in find_duplicate_keys(export.profiles)]
    return {"profiles": shown, "problems": problems, "notes": export.notes, "shape": export.shape,
            "late": late, "checked": export.duplicate_keys_checked}


def both(path: Path, monkeypatch: pytest.MonkeyPatch, **options: Any) -> tuple[dict[str, Any], dict[str, Any], int]:
    """The export read in chunks and read whole, and how many chunks were read (-1: read whole after all)."""
    monkeypatch.setattr(array_stream, "STREAM_FROM_BYTES", 0)
    monkeypatch.setattr(array_stream, "CHUNK_BYTES", CHUNK)
    monkeypatch.setattr(array_stream, "FIRST_CHUNK_BYTES", CHUNK // 2)
    monkeypatch.setattr(array_pieces, "PIECE_BYTES", PIECE)
    count = [0]
    chunks = array_stream.PlainArray.chunks

    def spy(self: array_stream.PlainArray, step: Any) -> Any:
        for offset, chunk in chunks(self, step):
            count[0] += 1
            yield offset, chunk

    monkeypatch.setattr(array_stream.PlainArray, "chunks", spy)
    wholes = [0]
    read_file = loader.read_file

    def whole_read(*args: Any, **kwargs: Any) -> Any:
        wholes[0] += 1
        return read_file(*args, **kwargs)

    monkeypatch.setattr(loader, "read_file", whole_read)
    streamed = summary(viewer.load(path, **options))
    streamed_whole = wholes[0]
    with monkeypatch.context() as whole:
        whole.setattr(array_stream, "open_plain_array", lambda item: None)
        read_whole = summary(viewer.load(path, **options))
    return streamed, read_whole, -1 if streamed_whole else count[0]


def test_an_array_in_chunks_is_what_it_is_read_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = profiles(60)
    texts[33] = texts[33].replace(b'"totalSales":', b'"totalSales":"lots","x":', 1)  # a field's problem
    texts[5] = texts[5][:-1] + b', "attributes": {"a": 1, "a": 2}}'  # a duplicate key
    texts[12] = texts[12][:-1] + b', "note": "' + "ü€".encode() * 700 + b'"}'  # characters cut by chunk ends
    texts[40] = texts[40].replace(b'"integrationId":"URN0000040"', b'"integrationId":"URN0000039"')
    texts[41] = texts[1]  # the same profile again
    path = tmp_path / "export.json"
    path.write_bytes(codecs.BOM_UTF8 + b"[\n  " + b",\n  ".join(texts) + b"\n]\n")
    streamed, read_whole, chunks = both(path, monkeypatch)
    assert chunks > 5  # read in chunks to its end
    assert streamed == read_whole
    assert len(streamed["profiles"]) == 60 and streamed["notes"] == ["UTF-8 with byte-order mark"]
    assert any("totalSales" in p[0] for p in streamed["problems"])
    assert any("first as profile 2" in p[1] for p in streamed["problems"])
    assert streamed["profiles"][59][1] == 61 and streamed["profiles"][12][0] == texts[12].decode()


def test_a_minified_array_with_search_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "export.json"
    path.write_bytes(b"[" + b",".join(profiles(45, seed=5)) + b"]")
    streamed, read_whole, chunks = both(path, monkeypatch, search_text=True)
    assert chunks >= 4 and streamed == read_whole and len(streamed["profiles"]) == 45


@pytest.mark.parametrize("damage", [b"\xff", b"\x00", b"]x", b"{"])
def test_damage_in_a_later_chunk_is_read_whole_and_reported_as_there(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: bytes) -> None:
    texts = profiles(40)
    if damage == b"]x":
        body = b"[" + b",".join(texts) + b"]x"  # text after the array
    elif damage == b"{":
        body = b"[" + b",".join(texts) + b","  # the array never ends
    else:
        texts[30] = texts[30].replace(b'"integrationId":"', b'"integrationId":"' + damage, 1)
        body = b"[" + b",".join(texts) + b"]"
    path = tmp_path / "export.json"
    path.write_bytes(body)
    streamed, read_whole, chunks = both(path, monkeypatch)
    assert chunks == -1  # the first chunks were read, then the file was read whole
    assert streamed == read_whole and streamed["problems"]


def test_a_small_array_is_read_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "export.json"
    path.write_bytes(b"[" + b",".join(profiles(5)) + b"]")
    assert array_stream.open_plain_array(path) is None  # below ``STREAM_FROM_BYTES``
    monkeypatch.setattr(array_stream, "STREAM_FROM_BYTES", 0)
    plain = array_stream.open_plain_array(path)
    assert plain is not None
    plain.close()
    for other in (b'{"data": [' + profiles(1)[0] + b"]}", b"[1, 2]", b"\x1f\x8b\x08", b"[]"):
        path.write_bytes(other)
        assert array_stream.open_plain_array(path) is None


@pytest.mark.parametrize("change", ["grow", "shrink"])
def test_a_file_that_changes_while_read_in_chunks_is_read_again_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                      change: str) -> None:
    monkeypatch.setattr(array_stream, "STREAM_FROM_BYTES", 0)
    monkeypatch.setattr(array_stream, "CHUNK_BYTES", CHUNK)
    monkeypatch.setattr(array_stream, "FIRST_CHUNK_BYTES", CHUNK // 2)
    texts = profiles(30)
    path = tmp_path / "export.json"
    path.write_bytes(b"[" + b",".join(texts) + b"]")
    plain = array_stream.open_plain_array(path)
    assert plain is not None
    chunks = plain.chunks(lambda done: None)
    first = next(chunks)[1]
    assert first.startswith(b"[" + texts[0])
    if change == "grow":
        with open(path, "ab") as out:
            out.write(b" ")
    else:
        with open(path, "r+b") as out:
            out.truncate(len(first) + 10)
    with pytest.raises(array_stream.NotPlain):
        list(chunks)
    assert plain.fd == -1  # closed all the same
    if change == "grow":
        assert len(viewer.load(path).profiles) == 30


def test_cancel_stops_a_streamed_array(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(array_stream, "STREAM_FROM_BYTES", 0)
    monkeypatch.setattr(array_stream, "CHUNK_BYTES", CHUNK)
    monkeypatch.setattr(array_pieces, "PIECE_BYTES", PIECE)
    path = tmp_path / "export.json"
    path.write_bytes(b"[" + b",".join(profiles(60)) + b"]")
    seen: list[int] = []
    assert len(viewer.load(path, progress=lambda done, total: seen.append(done)).profiles) == 60
    assert len(seen) > 10 and seen == sorted(seen)
    calls = [0]

    def cancelled() -> bool:
        calls[0] += 1
        return calls[0] > 5

    monkeypatch.setattr(loader, "open_plain", lambda item: None)
    with pytest.raises(viewer.LoadCancelled):
        viewer.load(path, cancelled=cancelled)


@pytest.mark.parametrize("where", [20, 58])  # in the middle, and in the last piece
def test_values_that_are_not_profiles_are_reported_as_read_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 where: int) -> None:
    texts = profiles(60)
    texts[where] = b"5"
    texts[where - 3] = texts[where - 4]  # and a repeat just before it
    path = tmp_path / "export.json"
    path.write_bytes(b"[" + b",".join(texts) + b"]")
    streamed, read_whole, _ = both(path, monkeypatch)
    assert streamed == read_whole and len(streamed["profiles"]) == 59
    assert any("not a customer profile" in p[1] for p in streamed["problems"])
