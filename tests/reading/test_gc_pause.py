"""The collector pause is counted across threads and always undone."""

from __future__ import annotations

import gc
import threading

import pytest

import viewer
from viewer.reading import gc_pause
from viewer.reading.gc_pause import collector_paused


def big_export() -> bytes:
    item = b'{"integrationId": "URN", "attributes": {"Name": "' + b"x" * 200 + b'"}}'
    return b"[" + b",".join([item] * 20_000) + b"]"  # about 5 MB: several steps


@pytest.fixture(autouse=True)
def collector_on():
    gc.enable()
    yield
    assert gc_pause.pauses() == 0
    gc.enable()


def test_a_load_cancelled_mid_way_leaves_the_collector_running():
    steps = []

    def progress(done: int, total: int) -> None:
        steps.append(done)

    def cancelled() -> bool:
        assert not gc.isenabled()  # paused while reading
        return len(steps) >= 3

    with pytest.raises(viewer.LoadCancelled):
        viewer.load(big_export(), progress=progress, cancelled=cancelled)
    assert len(steps) == 3
    assert gc.isenabled()


def test_a_load_failing_with_an_exception_leaves_the_collector_running():
    def cancelled() -> bool:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        viewer.load(big_export(), cancelled=cancelled)
    assert gc.isenabled()


def test_a_pause_entered_while_the_collector_was_off_leaves_it_off():
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()


@pytest.mark.parametrize("first_to_end", ["first", "second"])
def test_two_overlapping_pauses_in_two_threads(first_to_end: str):
    started = [threading.Event(), threading.Event()]
    finish = [threading.Event(), threading.Event()]
    seen: list[bool] = []

    def pause(i: int) -> None:
        with collector_paused():
            started[i].set()
            finish[i].wait(10)
            seen.append(gc.isenabled())

    threads = [threading.Thread(target=pause, args=(i,)) for i in range(2)]
    threads[0].start()
    assert started[0].wait(10)
    threads[1].start()
    assert started[1].wait(10)
    assert not gc.isenabled() and gc_pause.pauses() == 2
    order = [0, 1] if first_to_end == "first" else [1, 0]
    finish[order[0]].set()
    threads[order[0]].join(10)
    assert not gc.isenabled()  # the other pause still runs
    finish[order[1]].set()
    threads[order[1]].join(10)
    assert seen == [False, False]
    assert gc.isenabled()
