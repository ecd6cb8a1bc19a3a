"""A load hands the GIL over often while it reads, and leaves the interval as it found it."""

from __future__ import annotations

import sys
import threading

import pytest

import viewer
from viewer.reading import handoffs
from viewer.reading.handoffs import SWITCH_INTERVAL, quick_for_good, quick_handoffs

DEFAULT = 0.005  # Python's own


@pytest.fixture(autouse=True)
def default_interval():
    before = sys.getswitchinterval()
    sys.setswitchinterval(DEFAULT)
    yield
    assert handoffs._quickened == 0
    sys.setswitchinterval(before)


def ndjson(tmp_path, count: int = 20_000):
    line = b'{"integrationId": "URN", "attributes": {"Name": "' + b"x" * 200 + b'"}}\n'
    path = tmp_path / "customers.ndjson"
    path.write_bytes(line * count)  # about 5 MB: several steps
    return path


def test_a_load_reads_with_short_handoffs_and_puts_the_interval_back(tmp_path):
    seen: list[float] = []
    export = viewer.load(ndjson(tmp_path), progress=lambda done, total: seen.append(sys.getswitchinterval()))
    assert len(export.profiles) == 20_000
    assert seen and max(seen) == pytest.approx(SWITCH_INTERVAL)
    assert sys.getswitchinterval() == pytest.approx(DEFAULT)


def test_a_cancelled_or_failing_load_puts_the_interval_back(tmp_path):
    path = ndjson(tmp_path)
    steps: list[int] = []
    with pytest.raises(viewer.LoadCancelled):
        viewer.load(path, progress=lambda done, total: steps.append(done), cancelled=lambda: len(steps) >= 2)
    assert sys.getswitchinterval() == pytest.approx(DEFAULT)

    def boom() -> bool:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        viewer.load(path, cancelled=boom)
    assert sys.getswitchinterval() == pytest.approx(DEFAULT)


def test_an_interval_already_short_is_left_alone():
    sys.setswitchinterval(0.0001)
    with quick_handoffs():
        assert sys.getswitchinterval() == pytest.approx(0.0001)
    assert sys.getswitchinterval() == pytest.approx(0.0001)


def test_overlapping_loads_in_two_threads_put_it_back_once_both_end():
    inside, leave = threading.Event(), threading.Event()

    def other() -> None:
        with quick_handoffs():
            inside.set()
            leave.wait(10)

    thread = threading.Thread(target=other)
    with quick_handoffs():
        thread.start()
        assert inside.wait(10)
    assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL)  # the other load still reads
    leave.set()
    thread.join(10)
    assert sys.getswitchinterval() == pytest.approx(DEFAULT)


def test_short_for_good_during_a_load_stays_short_after_it():
    """The window's task runner, made while a script's load runs, keeps its short interval."""
    with quick_handoffs():
        quick_for_good()
    assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL)


def test_an_interval_changed_during_a_load_is_not_undone():
    with quick_handoffs():
        sys.setswitchinterval(0.002)
    assert sys.getswitchinterval() == pytest.approx(0.002)
