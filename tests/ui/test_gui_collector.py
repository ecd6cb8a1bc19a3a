"""The garbage collector runs on the GUI thread only: never in a worker, where it destroyed Qt objects."""

from __future__ import annotations

import gc
import threading
import weakref

from viewer.reading import gc_pause
from viewer.ui.gui_collector import collect_on_gui_thread
from viewer.ui.tasks import TaskRunner


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_garbage_made_while_a_worker_allocates_is_collected_on_the_gui_thread(qtbot) -> None:
    runner = TaskRunner()  # a window's first runner installs the collector
    assert collect_on_gui_thread() is collect_on_gui_thread()  # one per application
    assert not gc.isenabled()
    finalised_in: list[str] = []

    def make_garbage() -> None:  # 5,000 cycles: the automatic collector would have run here, in the worker
        for _ in range(5000):
            weakref.finalize(_Cycle(), lambda: finalised_in.append(threading.current_thread().name))

    worker = threading.Thread(target=make_garbage, name="worker")
    worker.start()
    worker.join()
    assert finalised_in == []
    qtbot.waitUntil(lambda: len(finalised_in) == 5000, timeout=5000)
    assert set(finalised_in) == {threading.main_thread().name}
    runner.deleteLater()


def test_no_collection_while_the_loader_pauses_the_collector(qtbot) -> None:
    collector = collect_on_gui_thread()
    assert collector is not None
    garbage = [_Cycle() for _ in range(5000)]
    del garbage
    with gc_pause.collector_paused():
        assert collector.collect_if_due() is None
    assert collector.collect_if_due() is not None or gc.get_count()[0] <= gc.get_threshold()[0]
    gc.enable()  # turned on by someone else: the next check turns it off again
    collector.collect_if_due()
    assert not gc.isenabled()
