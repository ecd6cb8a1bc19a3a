"""Each line's key cell of a big CSV file, found with numpy: against splitting each line by hand."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from viewer.reading.companion_index import Lines
from viewer.reading.companion_scan import scan

_CELL = st.sampled_from(["a", "URN1", "", '"x,y"', '"q""q"', "7", " ", "\r", "a\rb", "URN-0000001-long"])
_LINE = st.lists(_CELL, min_size=0, max_size=6).map(",".join)


def _expected(line: bytes, position: int) -> bytes | None:
    """The key cell as split by hand; ``None`` where only the csv module can tell (quotes, short rows)."""
    body = line[:-1] if line.endswith(b"\r") else line
    cells = body.split(b",")
    if len(cells) <= position or b'"' in b",".join(cells[:position + 1]) or b"\r" in cells[position]:
        return None
    return cells[position]


@given(st.lists(_LINE, min_size=1, max_size=30), st.booleans(), st.integers(0, 4), st.integers(1, 40),
       st.sampled_from([3, 64]), st.integers(1, 20))
def test_scan_gives_each_line_its_key_or_leaves_it_to_csv(rows: list[str], final_break: bool, position: int,
                                                         stretch: int, widest: int, piece: int) -> None:
    text = ("\n".join(rows) + ("\n" if final_break else "")).encode()
    lines = text.split(b"\n")
    table = Lines(text)
    keys: list[bytes] = []
    unsure: list[int] = []
    start = 0
    while True:  # stretches of whole lines, as the index reads them
        end = text.find(b"\n", start + stretch) + 1 or len(text)
        found = scan(text, start, end, position, piece, widest)
        assert found.rows_only
        table.add_pieces(found.piece_starts, [len(keys) + n for n in found.piece_lines])
        unsure += [len(keys) + n for n in found.unsure]
        keys += found.keys if isinstance(found.keys, list) else found.keys.tolist()
        if end >= len(text):
            break
        start = end
    assert len(keys) == len(lines)
    assert unsure == [n for n, line in enumerate(lines) if _expected(line, position) is None]
    assert [key for n, key in enumerate(keys) if n not in unsure] == [
        _expected(line, position) for n, line in enumerate(lines) if n not in unsure]
    assert [table[n] for n in range(len(lines))] == lines


@given(st.lists(_LINE, min_size=1, max_size=8), st.integers(0, 7))
def test_a_line_break_inside_quotes_is_found(rows: list[str], at: int) -> None:
    rows.insert(min(at, len(rows)), 'a,"two\nlines",b')
    text = "\n".join(rows).encode()
    assert not scan(text, 0, len(text), 1, 16, 64).rows_only
