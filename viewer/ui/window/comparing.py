"""File > Compare with…: the open export (old) against another file (new), built off the GUI thread.

Reading the other file and comparing take seconds for 100,000 profiles
(``tests/benchmarks/bench_compare.py``), so both run in the ``TaskRunner``
with a progress dialog (``compareProgress``) whose Cancel drops the work; the
worker sleeps 3 ms between steps of reading and of comparing so the GUI
thread gets the GIL for painting (``viewer.ui.tasks`` says why). The result opens in a window of its own
(``comparisonWindow``) holding the ``exportComparison`` view. Two profiles of
the open export are compared by ``profile_pairs``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QMainWindow, QProgressDialog, QWidget

import viewer
from viewer.compare import ExportComparison, compare
from viewer.model.export import Export
from viewer.ui.comparison.export_comparison import ExportComparisonView
from viewer.ui.tasks import Task, TaskRunner
from viewer.ui.widgets.closing import close_with_keys
from viewer.ui.widgets.notice_bar import above
from viewer.ui.widgets.progress import close_progress, open_progress
from viewer.ui.window.add_files import OPEN_FILTER
from viewer.ui.window.damage_bar import DamageBar
from viewer.ui.window.dialogs import show_load_error
from viewer.ui.window.profile_pairs import ProfilePairs

KIND = "compare"
STEPS = 1000  # the progress bar's range: the first half reads the new file, the second compares
_PAUSE = 0.003  # seconds the worker sleeps between steps (reading: ~1 MB, comparing: 2,048 profiles)


def compare_with_file(task: Task, old: Export, path: str) -> tuple[str, Export, ExportComparison]:
    """Worker: read ``path`` and compare ``old`` with it."""
    half = STEPS // 2

    def loading(done: int, total: int) -> None:
        task.pause(_PAUSE)  # as the window's own loading does, between steps of about a megabyte
        task.progress(done * half // max(total, 1), STEPS)

    def comparing(done: int, total: int) -> None:
        task.progress(half + done * half // max(total, 1), STEPS)
        task.pause(_PAUSE)

    new = viewer.load(path, progress=loading, cancelled=task.cancelled)
    return path, new, compare(old, new, progress=comparing, cancelled=task.cancelled)


class ComparisonWindow(QMainWindow):
    """A window showing one export comparison.

    ``problems``: both exports' problems. When a file could not be read exactly
    as written (cut off, another encoding) the damage bar says so above the
    comparison, since part of what it calls added or removed may be that.
    """

    def __init__(self, result: ExportComparison, old_name: str, new_name: str, parent: QWidget | None,
                 problems: Sequence[viewer.Problem] = ()) -> None:
        super().__init__(parent)
        self.setObjectName("comparisonWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(f"Compare {old_name} → {new_name}")
        self.view = ExportComparisonView(self)
        self.view.set_comparison(result, old_name, new_name)
        self.damage_bar = DamageBar(self)
        self.damage_bar.show_button.hide()  # no Problems tab here: the main window lists the open export's
        self.damage_bar.show_for(problems, new_name)
        self.setCentralWidget(above((self.damage_bar,), self.view))
        self.resize(1280, 760)
        close_with_keys(self)


class ExportComparing(QObject):
    """File > Compare with… of one main window (``window.window_actions.compare_with``)."""

    comparisonShown = Signal(object)  # the ComparisonWindow, once it is on screen

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self._window = window
        self.runner = TaskRunner(self)
        self.progress: QProgressDialog | None = None
        self.windows: list[ComparisonWindow] = []
        window.window_actions.compare_with.triggered.connect(self.choose)
        self.pairs = ProfilePairs(window)  # two profiles of the open export side by side

    @Slot()
    def choose(self) -> None:
        """Ask for the export to compare the open one with."""
        path, _ = QFileDialog.getOpenFileName(self._window, "Compare with", self._window.open_folder(), OPEN_FILTER)
        if path:
            self.compare_with(path)

    def compare_with(self, path: str) -> None:
        """Compare the open export (old) with the export at ``path`` (new)."""
        result = self._window.result
        if result is None:
            return
        self.cancel()
        self.progress = open_progress(self._window, f"Comparing with {os.path.basename(path)}…", "Compare with",
                                      "compareProgress", STEPS, self.cancel)
        self.runner.submit(KIND, compare_with_file, result.export, path, on_result=self._on_result,
                           on_error=lambda error: self._on_error(error, path), on_progress=self._on_progress)

    @Slot()
    def cancel(self) -> None:
        """Stop the comparison in flight (nothing of it is shown)."""
        self.runner.cancel(KIND)
        self._close_progress()

    def _close_progress(self) -> None:
        dialog, self.progress = self.progress, None
        close_progress(dialog, self.cancel)

    def _on_progress(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.setValue(min(done, total))

    def _on_result(self, answer: tuple[str, Export, ExportComparison]) -> None:
        self._close_progress()
        path, new, result = answer
        old = self._window.result
        old_name = os.path.basename(old.paths[0]) if old is not None and old.paths else "Open export"
        problems = [*(old.export.problems if old is not None else ()), *new.problems]
        shown = ComparisonWindow(result, old_name, os.path.basename(path), self._window, problems)
        shown.setWindowFlag(Qt.WindowType.Window, True)
        shown.destroyed.connect(lambda *_: self._forget(shown))
        self.windows.append(shown)
        shown.show()
        self.comparisonShown.emit(shown)

    def _forget(self, shown: ComparisonWindow) -> None:
        if shown in self.windows:
            self.windows.remove(shown)

    def _on_error(self, error: BaseException, path: str) -> None:
        self._close_progress()
        show_load_error(self._window, error, [path])
