"""A big companion file's rows by integration ID: lines by number, keys grouped, one column read for all rows."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_companions import SESSIONS, profiles, write

import viewer
from viewer.reading import companion_csv, companion_index
from viewer.reading.companion_index import Lines, group
from viewer.reading.companion_rows import session_states


def test_lines_are_found_by_number_across_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(companion_index, "PIECE", 7)  # several lines per piece, pieces end on line feeds
    text = [f"line {n}" + "x" * (n % 5) for n in range(40)]
    data = ("\n".join(text) + "\n").encode()
    lines = Lines(data)
    middle = data.index(b"\n", len(data) // 2) + 1
    lines.add(0, middle, 0)
    lines.add(middle, len(data), data.count(b"\n", 0, middle))
    for number in [39, 0, 17, 18, 3, 25]:
        assert lines[number] == text[number].encode()


@pytest.mark.parametrize("widest", [10, 100])  # sorted with numpy, or grouped in Python for long keys
def test_group_gives_each_key_its_line_numbers_in_file_order(widest: int) -> None:
    rng = random.Random(7)
    names = [f"URN{n:03d}".ljust(widest, "z").encode() for n in range(30)]
    keys = [rng.choice(names) for _ in range(500)]
    owners, bounds, numbers = group(keys)
    assert sorted(owners) == sorted(set(keys))
    for at, owner in enumerate(owners):
        assert sorted(numbers[bounds[at]:bounds[at + 1]]) == [n for n, key in enumerate(keys) if key == owner]


def test_keys_that_share_a_hash_are_still_told_apart(monkeypatch: pytest.MonkeyPatch) -> None:
    import numpy as np

    monkeypatch.setattr(companion_index, "hashes", lambda array: np.zeros(len(array), dtype=np.uint64))
    keys = [b"A", b"B", b"A", b"C", b"B"]
    owners, bounds, numbers = group(keys)
    found = {owner: sorted(numbers[bounds[at]:bounds[at + 1]]) for at, owner in enumerate(owners)}
    assert found == {b"A": [0, 2], b"B": [1, 4], b"C": [3]}


def test_group_of_no_keys_is_empty() -> None:
    assert group([]).owners == []


def test_indexed_sessions_are_found_and_states_read_without_building(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(companion_csv, "EAGER_SESSION_ROWS", 1)
    monkeypatch.setattr(companion_csv, "SAMPLE_ROWS", 0)
    monkeypatch.setattr(companion_index, "PIECE", 64)
    # URN-B's rows lie between URN-A's and after them; one row quotes a cell before the state
    lines = SESSIONS.splitlines()
    header, rows = lines[0], lines[1:]
    moved = rows[2].replace("URN-X", "URN-B")
    quoted = rows[1].replace("2024-04-01T09:00:00Z", '"2024-04-01T09:00:00Z"').replace("cancelled", "open")
    text = "\n".join([header, rows[0], moved, quoted, moved.replace("open", "closed")]) + "\n"
    export = viewer.load([profiles(tmp_path), write(tmp_path, "s.csv", text)])
    ada_rows = export.companions.sessions["URN-A"]
    bob_rows = export.companions.sessions["URN-B"]
    assert type(ada_rows).__name__ == "LazyRows"
    assert session_states(ada_rows) == ["closed", "open"]
    assert session_states(bob_rows) == ["open", "closed"]
    assert ada_rows._built is None  # type: ignore[attr-defined]  # the states did not build the rows
    assert [s.line for s in ada_rows] == [2, 4] and [s.line for s in bob_rows] == [3, 5]
    assert [s.state for s in ada_rows] == session_states(ada_rows)
    ada = export.profiles[0]
    assert len(ada.sessions) == 2 and ada.sessions[1].created_text == "2024-04-01T09:00:00Z"


_LINE = st.lists(st.sampled_from(["a", "URN1", "", '"x,y"', '"q""q"', "7", " ", "\r"]), min_size=0, max_size=6)


@given(st.lists(_LINE.map(",".join), min_size=1, max_size=12), st.booleans(), st.integers(0, 5),
       st.integers(0, 11), st.integers(1, 12))
def test_column_cells_give_one_cell_per_line_of_any_stretch(rows, final_break, position, first, count) -> None:
    """The key of every line, a stretch at a time as the index reads them: against ``column_pattern`` per line."""
    from viewer.reading.companion_index import ColumnCells, column_pattern

    text = ("\n".join(rows) + ("\n" if final_break else "")).encode()
    starts = [0] + [i + 1 for i, byte in enumerate(text) if byte == 10]  # each line's start (and the end's)
    first = min(first, len(starts) - 1)
    last = min(first + count, len(starts) - 1)
    start = starts[first]
    end = starts[last] if last < len(starts) - 1 else len(text)
    pattern = column_pattern(position)
    lines = text[start:end].split(b"\n")
    if end < len(text):
        lines.pop()  # the stretch ends just past a line feed: no line after it
    expected = [(m.group(1) or b"") if (m := pattern.match(line)) else b"" for line in lines]
    assert ColumnCells(position).cells(bytearray(text), start, end) == expected


@pytest.mark.parametrize(("crlf", "widest"), [(False, 64), (True, 64), (False, 3)])  # 3: keys kept as bytes
def test_an_indexed_file_gives_each_profile_the_rows_a_whole_read_gives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                      crlf: bool, widest: int) -> None:
    """The key found line by line (quoted before it, quoted itself, blank lines, CRLF) as the csv module reads it."""
    header, *rows = SESSIONS.splitlines()
    quoted_key = rows[0].replace(",URN-A,", ',"URN-B",')
    quoted_before = rows[1].replace(",s-2,", ',"s-2, again",')
    text = "\n".join([header, rows[0], "", quoted_key, quoted_before, rows[2], "", rows[1]]) + "\n"
    path = write(tmp_path, "s.csv", text, crlf=crlf)

    def read() -> dict[str, list[tuple[int, str, str]]]:
        companions = viewer.load([profiles(tmp_path), path]).companions
        return {owner: [(s.line, s.integration_id, s.state) for s in found]
                for owner, found in companions.sessions.items()}

    whole = read()
    monkeypatch.setattr(companion_csv, "EAGER_SESSION_ROWS", 1)
    monkeypatch.setattr(companion_csv, "SAMPLE_ROWS", 0)
    monkeypatch.setattr(companion_index, "PIECE", 64)
    monkeypatch.setattr(companion_csv, "WIDEST_SORTED", widest)
    assert type(viewer.load([profiles(tmp_path), path]).companions.sessions["URN-A"]).__name__ == "LazyRows"
    assert read() == whole
    assert [line for line, _id, _state in whole["URN-B"]] == [4] and whole["URN-A"][1][1] == "s-2, again"
