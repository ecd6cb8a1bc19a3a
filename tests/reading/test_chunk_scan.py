"""What is found once per chunk, and the checks that prove a piece's lists and times at once, agree with the
slow, certain way of finding them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import msgspec
import numpy
from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.reading import chunk_scan, columns, ndjson_lines


class _Rows:
    def __init__(self, count: int) -> None:
        self.count = count

    def __len__(self) -> int:
        return self.count


def _decode(view: memoryview) -> _Rows:
    return _Rows(bytes(view).count(b"\n") + (not bytes(view).endswith(b"\n")))


_LINE = st.sampled_from([b'{"a":1}', b'{"b":[1,2,3],"c":"x"}', b"{}", b'{"long":"' + b"y" * 90 + b'"}'])


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINE, min_size=1, max_size=40), st.sampled_from([b"\n", b"\r\n"]), st.booleans(),
       st.integers(1, 300), st.integers(0, 5000), st.integers(0, 50))
def test_a_chunk_laid_out_once_is_cut_and_spanned_as_each_piece_alone(lines: list[bytes], end: bytes, last_end: bool,
                                                                       piece: int, shift: int, before: int) -> None:
    data = end.join(lines) + (end if last_end else b"")
    breaks = chunk_scan.find_line_breaks(data)
    layout = chunk_scan.line_layout(data, shift, breaks, piece)
    if layout is None:  # CRLF line ends but for the last line: each piece is looked at alone, as before
        assert end == b"\r\n" and not last_end and len(lines) > 1
        return
    alone = [(list(c.starts), list(c.ends), list(c.lines), c.upto, len(c.rows))
             for c in ndjson_lines.iter_lines(data, piece, offset=shift, first_line=before, decode=_decode,
                                              breaks=breaks)]
    laid = [(list(c.starts), list(c.ends), list(c.lines), c.upto, len(c.rows))
            for c in ndjson_lines.iter_lines(data, piece, offset=shift, first_line=before, decode=_decode,
                                             layout=layout)]
    assert laid == alone


def test_a_chunk_with_a_line_that_is_not_one_object_has_no_layout() -> None:
    for data in (b'{"a":1}\n\n{"b":2}\n', b'{"a":1}\n [1]\n', b'{"a":1}\r\n{"b":2}\n', b'{"a":1}\n{"b":2} \n'):
        assert chunk_scan.line_layout(data, 0, chunk_scan.find_line_breaks(data)) is None


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=3000).map(lambda b: b.replace(b"\x00", b"\n")), st.integers(0, 5000), st.integers(1, 700),
       st.booleans())
def test_line_counts_per_block_are_the_line_ends_up_to_each_block_end(text: bytes, base: int, block: int,
                                                                      known: bool) -> None:
    breaks = chunk_scan.find_line_breaks(text) if known else None
    counts = chunk_scan.line_counts(text, base, block, breaks)
    ends = [end - base for end in range((base // block + 1) * block, base + len(text), block)] + [len(text)]
    ends = ends if len(ends) < 2 or ends[-2] != ends[-1] else ends[:-1]
    assert counts == [text.count(b"\n", 0, end) for end in ends]


_INT_LISTS = msgspec.json.Decoder(list[int] | None).decode
_NUMBER = st.one_of(st.integers(-10**25, 10**25).map(str), st.sampled_from(["-0", "1.5", "1e3", "2E-1", "0" * 3]))
_ITEM = st.one_of(_NUMBER, st.sampled_from(["null", "true", '"7"', "[1]", "[]", "{}"]))
_LIST = st.one_of(st.just("null"), st.just("7"), st.just('"x"'),
                  st.lists(_ITEM, max_size=4).map(lambda items: "[" + st_join(items) + "]"))


def st_join(items: list[str]) -> str:
    return " , ".join(items) if len(items) % 2 else ",".join(items)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LIST, min_size=1, max_size=12))
def test_the_joined_check_of_id_lists_accepts_what_the_typed_decode_accepts(texts: list[str]) -> None:
    raws: list[Any] = []
    for text in texts:
        try:
            raws.append(msgspec.json.decode(text.encode(), type=msgspec.Raw))
        except msgspec.DecodeError:  # not JSON (a number written "000"): the decode never hands it over
            return
    def typed(text: str) -> bool:
        try:
            _INT_LISTS(text.encode())
        except msgspec.ValidationError:
            return False
        return True
    assert columns._int_lists(raws) == all(map(typed, texts))


_TIME = st.builds(lambda *parts: "".join(parts),
                  st.sampled_from(["2020-01-01", "2021-02-29", "0001-01-01", "9999-12-31", "2020-13-01", "20200101"]),
                  st.sampled_from(["T", "t", " ", ""]),
                  st.sampled_from(["00:00:00", "23:59:60", "24:00:00", "12:00", "12:00:00.1234567", "23:59:59.9999999",
                                   "12:00:00,5", "1:00:00"]),
                  st.sampled_from(["Z", "z", "", "+01:00", "-00:00", "+0100", "+01", "+24:00", "+01:00:30"]))


def _aware(text: str) -> bool:
    try:
        return datetime.fromisoformat(text).tzinfo is not None
    except ValueError:
        return False


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_TIME, st.text(max_size=30)), min_size=1, max_size=6))
def test_times_proven_at_once_are_each_a_time_with_a_zone(texts: list[str]) -> None:
    if columns._all_aware(texts):
        assert all(map(_aware, texts))


def test_times_as_the_api_writes_them_are_proven_at_once() -> None:
    assert columns._all_aware(["2025-03-12T23:02:03Z", "2024-09-12T15:09:04.500181Z", "2024-09-12T15:09:04.5001819Z",
                               "2024-09-12T15:09:04+02:00"])


def test_find_line_breaks_finds_each_line_end() -> None:
    text = b"a\nbb\n\nccc" * 1000
    assert chunk_scan.find_line_breaks(text).tolist() == [i for i, byte in enumerate(text) if byte == 0x0A]
    assert chunk_scan.find_line_breaks(b"").dtype == numpy.int64
