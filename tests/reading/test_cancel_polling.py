"""``cancelled()`` is asked often enough that Cancel stops a load within a fraction of a second.

Wall-clock times are not asserted (the machine is shared); what is asserted is
how much work may pass between two polls: measured on an 87 MB export of
100,000 profiles, the longest gap between polls was 65-105 ms.
"""

from __future__ import annotations

import orjson

import viewer
from viewer.query.search_index import POLL_PROFILES, ProfileSearchIndex
from viewer.reading.array_pieces import PIECE_BYTES


def profiles(count: int) -> list[dict]:
    return [{"id": i, "integrationId": f"URN{i}", "attributes": {"Name": "x" * 500, "Note": f"n{i}"}}
            for i in range(count)]


class Recorder:
    """A fake ``progress``/``cancelled`` pair: remembers how far progress got at each poll."""

    def __init__(self) -> None:
        self.done = 0
        self.at_polls: list[int] = []

    def progress(self, done: int, total: int) -> None:
        self.done = done

    def cancelled(self) -> bool:
        self.at_polls.append(self.done)
        return False


def test_an_array_is_polled_at_least_every_piece_of_about_a_megabyte(tmp_path):
    path = tmp_path / "big.json"
    path.write_bytes(orjson.dumps(profiles(20_000)))  # about 11 MB
    recorder = Recorder()
    viewer.load(path, progress=recorder.progress, cancelled=recorder.cancelled)
    steps = [b - a for a, b in zip(recorder.at_polls, recorder.at_polls[1:])]
    parsing = [step for step in steps if step <= 2 * PIECE_BYTES]
    assert len(parsing) >= path.stat().st_size // PIECE_BYTES - 1
    assert max(steps) <= 9 * 1024 * 1024  # reading: one 8 MB chunk per poll


def test_ndjson_is_polled_at_least_every_megabyte(tmp_path):
    path = tmp_path / "big.ndjson"
    path.write_bytes(b"\n".join(orjson.dumps(p) for p in profiles(20_000)))
    recorder = Recorder()
    viewer.load(path, progress=recorder.progress, cancelled=recorder.cancelled)
    parsing = [b - a for a, b in zip(recorder.at_polls, recorder.at_polls[1:]) if b - a <= 2 * PIECE_BYTES]
    assert len(parsing) >= path.stat().st_size // PIECE_BYTES - 1


def test_junk_values_are_polled_every_10000_of_them():
    junk = 50_000
    data = orjson.dumps(profiles(1)) [:-1] + b"," + b"1," * (junk - 1) + b"1]"
    recorder = Recorder()
    viewer.load(data, progress=recorder.progress, cancelled=recorder.cancelled)
    # the whole list is one piece: its polls all see the same progress
    assert max(recorder.at_polls.count(done) for done in set(recorder.at_polls)) >= junk // 10_000


def test_a_cancelled_junk_list_stops_within_10000_values():
    data = orjson.dumps(profiles(1))[:-1] + b"," + b"1," * 99_999 + b"1]"
    polls = 0

    def cancelled() -> bool:
        nonlocal polls
        polls += 1
        return polls > 3

    try:
        viewer.load(data, cancelled=cancelled)
    except viewer.LoadCancelled:
        pass
    else:
        raise AssertionError("not cancelled")
    assert polls == 4


def test_the_search_index_polls_at_least_every_512_profiles():
    # one poll per run of profiles the reader decodes in one call (512: a few milliseconds of work)
    export = viewer.load(orjson.dumps(profiles(2_000)))
    polls = 0

    def cancelled() -> bool:
        nonlocal polls
        polls += 1
        return False

    ProfileSearchIndex.build(export.profiles, cancelled=cancelled)
    assert polls >= -(-2_000 // 512)
    plain = list(export.profiles)  # profiles without the reader: polled every POLL_PROFILES
    polls = 0
    ProfileSearchIndex.build(plain, cancelled=cancelled)
    assert POLL_PROFILES == 250
    assert polls == 2_000 // POLL_PROFILES
