"""Line numbers and text of a file's text, held in memory or read back from the file: the same answers."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from viewer.model.profile import SourceChanged
from viewer.reading import source_text
from viewer.reading.file_backing import FileBacking
from viewer.reading.source_text import SourceText


def _released(path: Path, data: bytes) -> SourceText:
    path.write_bytes(data)
    fd = os.open(path, os.O_RDONLY)
    text = SourceText(bytearray(data), str(path), FileBacking(path, fd, os.fstat(fd)))
    assert text.release() and not text.held
    return text


def test_lines_and_text_read_back_from_the_file_are_those_of_the_text(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setattr(source_text, "_BLOCK", 64)  # many blocks in a small file
    data = "".join(f'{{"line": {n}, "name": "Müller"}}\n' + "\n" * (n % 3) for n in range(200)).encode()
    held = SourceText(data, "held")
    released = _released(tmp_path / "lines.ndjson", data)
    for offset in [*range(0, len(data), 37), len(data)]:
        assert released.line_of(offset) == held.line_of(offset) == data[:offset].count(b"\n") + 1
    for line in range(1, data.count(b"\n") + 3):
        assert released.line_start(line) == held.line_start(line)
    assert released.line_start(5) == len(b"".join(data.splitlines(keepends=True)[:4]))
    assert released.text(0, 40) == held.text(0, 40) == data[:40].decode("utf-8", "replace")
    needle = "Müller".encode()
    assert released.find(needle, 100, 400) == held.find(needle, 100, 400) == data.find(needle, 100, 400) > 0


def test_a_text_whose_file_changed_raises_rather_than_reading_other_bytes(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    text = _released(path, b'[{"a": 1}, {"a": 2}]')
    assert text.bytes_at(1, 9) == b'{"a": 1}'
    with open(path, "r+b") as handle:
        handle.write(b'[{"b": 1}')
    os.utime(path, ns=(0, path.stat().st_mtime_ns + 10**9))
    assert text.changed()
    with pytest.raises(SourceChanged):
        text.bytes_at(11, 19)


def test_a_text_not_in_its_file_byte_for_byte_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_bytes(b"[1, 2]  ")
    fd = os.open(path, os.O_RDONLY)
    text = SourceText(b"[1, 2]", "other length", FileBacking(path, fd, os.fstat(fd)))  # e.g. transcoded
    assert not text.release() and text.held
    assert not SourceText(b"[1]", "bytes given").release()


@given(st.lists(st.integers(0, 5000), min_size=1, max_size=60), st.integers(1, 64))
def test_line_of_answers_in_any_order_of_questions(offsets: list[int], every: int) -> None:
    """Each answer counts on from the last question when it can: forwards, backwards and across blocks alike."""
    data = b"".join(b"x" * (n % every) + b"\n" for n in range(3000))
    text = SourceText(data, "t.json")
    for offset in offsets:
        assert text.line_of(offset) == data.count(b"\n", 0, min(offset, len(data))) + 1


def test_line_of_across_blocks_counts_on_correctly(monkeypatch: Any) -> None:
    monkeypatch.setattr(source_text, "_BLOCK", 64)
    data = b"".join(b"y" * (n % 7) + b"\n" for n in range(400))
    text = SourceText(data, "t.json")
    for offset in [*range(0, len(data), 13), *range(len(data) - 1, 0, -29), 5, 700, 3]:
        assert text.line_of(offset) == data.count(b"\n", 0, offset) + 1
