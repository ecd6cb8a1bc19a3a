"""Profiles read back from their file once the loaded text is let go, and files that change on disk after.

A plain UTF-8 export keeps no copy of its text once loaded: every profile is
read again from its span in the file, exactly. A gzip or UTF-16 file keeps its
decoded text. A file rewritten, truncated, replaced or deleted after the load
never gives other profiles' text: the profile holds what the list's columns
hold and its text says the file changed.
"""

from __future__ import annotations

import codecs
import gzip
import json
import os
import weakref
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import viewer
from viewer.model.profile import SourceChanged
from viewer.reading import file_backing
from viewer.reading.lazy_profiles import CACHE_SIZE
from viewer.reading.loader import find_duplicate_keys
from viewer.writing.profile_text import json_batches


def _profile(n: int) -> dict[str, Any]:
    return {"id": 1000 + n, "integrationId": f"URN-{n}", "created": "2021-03-04T05:06:07Z",
            "lastActivity": "2024-01-02T03:04:05Z", "accountId": 7, "closedSessions": n % 5,
            "totalSales": 10 + n, "attributes": {"City": f"Town {n}", "Note": "Müller ✓"},
            "audienceMemberships": [{"id": 3, "name": "VIP"}], "sandbox": False}


def _array(count: int, indent: int | None = 2) -> bytes:
    return json.dumps([_profile(n) for n in range(count)], indent=indent, ensure_ascii=False).encode()


def _text_of(export: viewer.Export) -> Any:
    where = export.profiles.span(0)  # type: ignore[attr-defined]
    return where[0]


def _same_as_file(export: viewer.Export, data: bytes, base: int = 0) -> None:
    """Every profile's text is its slice of the file, its fields those of a fresh parse, its line the file's."""
    profiles = export.profiles
    for index, profile in enumerate(profiles):
        _, start, end = profiles.span(index)  # type: ignore[attr-defined]
        written = data[base + start:base + end]
        assert profile.source_text == written.decode()
        assert profile.raw == json.loads(written, parse_float=Decimal)
        assert profile.line == data[:base + start].count(b"\n") + 1
        assert profiles[index].attributes == profile.attributes  # by index as well as by iteration


def test_a_plain_file_lets_its_text_go_and_reads_every_profile_back_exactly(tmp_path: Path) -> None:
    data = _array(300)
    path = tmp_path / "export.json"
    path.write_bytes(data)
    export = viewer.load(path)
    text = _text_of(export)
    assert not text.held and text.data is None  # no copy of the file's text stays in memory
    _same_as_file(export, data)


@pytest.mark.parametrize("kept", ["descriptor", "path", "path without pread"])
def test_ndjson_and_a_byte_order_mark_read_back_exactly(tmp_path: Path, monkeypatch: Any, kept: str) -> None:
    if kept != "descriptor":
        monkeypatch.setattr(file_backing, "MAX_KEPT", 0)
    if kept == "path without pread":  # as on Windows: seek and read
        monkeypatch.setattr(file_backing, "_CAN_KEEP", False)
    lines = b"".join(json.dumps(_profile(n), ensure_ascii=False).encode() + b"\n" for n in range(50))
    for name, data, base in (("lines.ndjson", lines, 0), ("bom.json", codecs.BOM_UTF8 + _array(40), 3)):
        path = tmp_path / name
        path.write_bytes(data)
        export = viewer.load(path)
        assert not _text_of(export).held
        _same_as_file(export, data, base)


@pytest.mark.parametrize("name", ["export.json", "export.ndjson"])
def test_search_texts_and_exports_read_the_file_in_large_blocks(tmp_path: Path, monkeypatch: Any, name: str) -> None:
    data = _array(2000, indent=None) if name.endswith(".json") else \
        b"\n".join(json.dumps(_profile(n), ensure_ascii=False).encode() for n in range(2000))
    path = tmp_path / name
    path.write_bytes(data)
    export = viewer.load(path)
    reads: list[int] = []
    real = os.pread
    monkeypatch.setattr(os, "pread", lambda fd, count, offset: reads.append(count) or real(fd, count, offset))
    runs = list(export.profiles.attribute_texts())  # type: ignore[attr-defined]
    assert sum(stop - first for first, stop, _ in runs) == 2000
    assert all(rows is not None for _, _, rows in runs)
    lines = [line for batch in json_batches(export.profiles, None, 100) for line in batch]
    assert lines == [json.dumps(_profile(n), ensure_ascii=False).encode() for n in range(2000)]
    assert len(reads) < 50  # not one read per profile


def test_gzip_utf16_and_windows_1252_files_keep_their_decoded_text(tmp_path: Path) -> None:
    data = _array(30).replace("✓".encode(), b"v")
    for name, stored in (("export.json.gz", gzip.compress(data)),
                         ("export-utf16.json", data.decode().encode("utf-16")),
                         ("export-1252.json", data.decode().encode("cp1252"))):
        path = tmp_path / name
        path.write_bytes(stored)
        export = viewer.load(path)
        assert _text_of(export).held  # its bytes on disk are not its text
        _same_as_file(export, data)


def test_duplicate_keys_are_found_with_line_and_column_after_the_text_is_gone(tmp_path: Path) -> None:
    text = _array(20).decode().replace('"City": "Town 13"', '"City": "Town 13", "City": "Twice"', 1)
    path = tmp_path / "export.json"
    path.write_text(text, encoding="utf-8")
    export = viewer.load(path)
    assert not _text_of(export).held
    found = find_duplicate_keys(export.profiles)
    assert len(found) == 1
    second = text.index('"City": "Twice"')
    line = text[:second].count("\n") + 1
    assert (found[0].profile_index, found[0].line, found[0].column) == (13, line, second - text.rfind("\n", 0, second))


def _changed_outcome(export: viewer.Export, index: int) -> None:
    """The profile at ``index`` holds what the columns hold and says its file changed; nothing else is shown."""
    profile = export.profiles[index]
    assert (profile.id, profile.integration_id, profile.total_sales) == (1000 + index, f"URN-{index}", 10 + index)
    assert profile.attributes == {}  # not another profile's attributes from the new text
    with pytest.raises(SourceChanged, match="changed on disk since it was opened"):
        profile.source_text
    with pytest.raises(SourceChanged):
        next(iter(json_batches(export.profiles, [index], 1)))  # an export fails rather than write other text
    assert [p.integration_id for p in export.profiles][index] == f"URN-{index}"


def _rewrite(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data.replace(b"URN-", b"XYZ-"))  # the same size, other text
    status = path.stat()
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000_000))


def _truncate(path: Path) -> None:
    os.truncate(path, path.stat().st_size // 2)


def _replace(path: Path) -> None:
    other = path.with_name("other.json")
    other.write_bytes(path.read_bytes().replace(b"URN-", b"XYZ-"))
    os.replace(other, path)


@pytest.mark.parametrize("change", [_rewrite, _truncate])
def test_a_file_changed_in_place_after_the_load_never_shows_other_text(tmp_path: Path, change: Any) -> None:
    path = tmp_path / "export.json"
    path.write_bytes(_array(CACHE_SIZE + 100))
    export = viewer.load(path)
    assert export.profiles[5].source_text.count("URN-5") == 1  # read (and cached) before the change
    change(path)
    assert _text_of(export).changed()
    assert export.profiles[5].integration_id == "URN-5"  # built before: its fields kept as they were read
    with pytest.raises(SourceChanged):
        export.profiles[5].source_text  # noqa: B018 - its text, though, is the file's: no longer there
    _changed_outcome(export, CACHE_SIZE + 50)
    assert find_duplicate_keys(export.profiles) == []  # the late look stops without an error


@pytest.mark.parametrize("change", [_replace, os.remove], ids=["replaced", "deleted"])
@pytest.mark.parametrize("kept", [True, False], ids=["descriptor kept", "path opened per read"])
def test_a_file_replaced_or_deleted_after_the_load(tmp_path: Path, monkeypatch: Any, change: Any,
                                                  kept: bool) -> None:
    monkeypatch.setattr(file_backing, "MAX_KEPT", file_backing._kept + 1 if kept else 0)  # whatever else is open
    data = _array(60)
    path = tmp_path / "export.json"
    path.write_bytes(data)
    export = viewer.load(path)
    assert _text_of(export)._file.keeps_descriptor is (kept and hasattr(os, "pread"))
    change(path)
    if _text_of(export)._file.keeps_descriptor:  # the descriptor still reads the file that was loaded
        _same_as_file(export, data)
    else:
        assert _text_of(export).changed()
        _changed_outcome(export, 40)


def test_an_export_nobody_holds_is_freed_with_its_file_descriptor(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_bytes(_array(30))
    for search_text in (False, True):
        export = viewer.load(path, search_text=search_text)
        file = weakref.ref(_text_of(export)._file)
        del export
        assert file() is None  # no cycle the loader's freeze of the collector would keep for ever


def test_the_preview_shares_the_text_and_reads_back_after_the_load(tmp_path: Path, monkeypatch: Any) -> None:
    from viewer.reading import loader

    monkeypatch.setattr(loader, "PREVIEW_FROM_BYTES", 0)
    monkeypatch.setattr(loader, "PREVIEW_PROFILES", 10)
    data = _array(400)
    path = tmp_path / "export.json"
    path.write_bytes(data)
    previews: list[viewer.Export] = []
    export = viewer.load(path, preview=previews.append, search_text=True)
    assert len(previews) == 1 and len(previews[0].profiles) == 10
    assert _text_of(previews[0]) is _text_of(export) and not _text_of(export).held
    _same_as_file(previews[0], data)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_put_where_the_file_was_is_not_waited_on(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setattr(file_backing, "MAX_KEPT", 0)  # the path is opened again for each read
    path = tmp_path / "export.json"
    path.write_bytes(_array(60))
    export = viewer.load(path)
    os.remove(path)
    os.mkfifo(path)  # opening it to read would wait for a writer for ever
    _changed_outcome(export, 40)
