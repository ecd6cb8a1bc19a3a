"""Handing the memory big work freed back to the system, once the window has been idle a moment.

Searches, sorts and the background checks build large temporary lists and
strings; the pages they free stay with the process unless given back. For
100,000 profiles (87 MB) the window held 2.47 times the file after four typed
searches and two sorts, and 1.98 times after one ``malloc_trim`` (a few ms).
So some seconds after the last search, sort or load step the window gives the
freed pages back (``viewer.reading.gc_pause.give_back_freed_memory``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer

from viewer.reading.gc_pause import give_back_freed_memory

IDLE_MS = 3000


class IdleTrim(QObject):
    """Gives freed memory back ``IDLE_MS`` after the last of ``window``'s searches, sorts and loads."""

    def __init__(self, window: Any) -> None:  # the MainWindow (not imported: it imports this module)
        super().__init__(window)
        self.timer = QTimer(self, singleShot=True, interval=IDLE_MS)
        self.timer.timeout.connect(give_back_freed_memory)
        for signal in (window.list_pane.searchApplied, window.model.sortApplied, window.worker.loaded,
                       window.worker.indexed, window.worker.lateProblems):
            signal.connect(self.timer.start)
