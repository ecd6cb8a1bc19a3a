"""Python's cyclic garbage collector runs on the GUI thread only, from a timer.

CPython collects in whichever thread happens to allocate when a generation's
count passes its threshold. With workers reading, indexing and summarising
(``viewer.ui.tasks``), that is often a worker: a collection there finalises
the Python wrappers of Qt objects that live on the GUI thread, and Qt objects
must be destroyed on their own thread. The full test suite aborted with a
segmentation fault about once in 20 runs, each time on the GUI thread inside
a plain Qt call (``QListWidget.clear``, a table's ``viewportEvent``) while a
worker was running. So the automatic collector is turned off and the GUI
thread collects every ``INTERVAL_MS``, the generation CPython itself would
have chosen by the same thresholds; a check costs about a microsecond and a
young-generation collection well under a millisecond.

The loader's pause of the collector (``viewer.reading.gc_pause``) keeps
working: while a pause runs, the timer does not collect.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Slot

from viewer.reading import gc_pause

INTERVAL_MS = 500


class GuiThreadCollector(QObject):
    """Turns the automatic collector off and collects on the GUI thread (see the module's description)."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.setObjectName("guiThreadCollector")
        self._thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.collect_if_due)
        self._timer.start()

    @Slot()
    def collect_if_due(self) -> int | None:
        """Collect the generation whose count passed its threshold; the generation collected, or None."""
        if gc_pause.pauses():
            return None  # the loader builds long-lived data: it asked for no collection meanwhile
        if gc.isenabled():
            gc.disable()  # something turned it back on: collections would again run in any thread
        counts, thresholds = gc.get_count(), self._thresholds
        if counts[0] <= thresholds[0]:
            return None
        generation = 0
        if counts[1] > thresholds[1]:
            generation = 2 if counts[2] > thresholds[2] else 1
        gc.collect(generation)
        return generation


def collect_on_gui_thread() -> GuiThreadCollector | None:
    """Install the collector once per application (call it on the GUI thread); None without an application."""
    app = QCoreApplication.instance()
    if app is None:
        return None
    found = app.findChild(GuiThreadCollector, "guiThreadCollector")
    return found if isinstance(found, GuiThreadCollector) else GuiThreadCollector(app)
