"""File > Export profiles…: the profiles of the current search result (or the selected rows) to a file.

The same action (``exportProfilesAction``) is added to the list's row menu
(``profileListMenu``); the attribute tree's menu gains "Save Subtree as JSON…"
(``save_subtree``).

A save dialog picks the file and, by its filter, the format: CSV (the list's
shown columns, left to right), CSV with a byte-order mark for spreadsheet
programs that need one to read UTF-8, NDJSON or a JSON array. Writing runs in
the ``TaskRunner`` (100,000 profiles take about a third to half of a bare parse,
``tests/benchmarks/bench_export.py``) with a progress dialog
(``exportProgress``) whose Cancel stops it; the file is written safely
(``viewer.writing.safe_file``): a cancelled or failed export leaves nothing,
and the files the export was read from are never written over. The worker
sleeps 3 ms between batches so the GUI thread gets the GIL for painting
(``viewer.ui.tasks`` says why).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QChildEvent, QEvent, QObject, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QMenu, QProgressDialog

from viewer.model.profile import Profile
from viewer.ui.tasks import Task, TaskRunner
from viewer.ui.widgets.progress import close_progress, open_progress
from viewer.ui.window import dialogs
from viewer.ui.window.save_subtree import SubtreeSaving
from viewer.writing.cells import Column
from viewer.writing.export_file import export_profiles
from viewer.writing.safe_file import ExportCancelled, ExportError

KIND = "export"
_PAUSE = 0.003  # seconds the worker sleeps between batches of 2,000 profiles
# (dialog filter, format, byte-order mark, extension)
FILTERS = (
    ("CSV (*.csv)", "csv", False, ".csv"),
    ("CSV for Excel, UTF-8 with byte-order mark (*.csv)", "csv", True, ".csv"),
    ("NDJSON, one profile per line (*.ndjson *.jsonl)", "ndjson", False, ".ndjson"),
    ("JSON array (*.json)", "json", False, ".json"),
)


def write_profiles(task: Task, profiles: Sequence[Profile], indices: list[int] | None, path: str, fmt: str,
                   columns: list[Column], bom: bool, sources: list[str]) -> tuple[str, int]:
    """Worker: write the profiles at ``indices`` (all: ``None``) to ``path``."""

    def progress(done: int, total: int) -> None:
        task.progress(done, total)
        task.pause(_PAUSE)

    written = export_profiles(profiles, path, fmt=fmt, columns=columns, bom=bom, indices=indices,
                              sources=sources, progress=progress, cancelled=task.cancelled)
    return path, written


class ProfileExporting(QObject):
    """File > Export profiles… of one main window (``window.window_actions.export_profiles``)."""

    exported = Signal(str, int)  # the file written and how many profiles it holds
    exportFailed = Signal(str)  # why the export could not be written

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self._window = window
        self.runner = TaskRunner(self)
        self.progress: QProgressDialog | None = None
        self._folder = ""
        window.window_actions.export_profiles.triggered.connect(self.choose)
        window.table.installEventFilter(self)  # the list's row menu gains the same action
        self.subtree = SubtreeSaving(window)  # and the attribute tree's menu "Save Subtree as JSON…"

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        # The list builds its row menu anew for each right-click; the entry is added as it is polished.
        if event.type() == QEvent.Type.ChildPolished and isinstance(event, QChildEvent):
            child = event.child()
            if isinstance(child, QMenu) and child.objectName() == "profileListMenu" \
                    and child.property("exporting") is None:
                child.setProperty("exporting", True)
                child.addSeparator()
                child.addAction(self._window.window_actions.export_profiles)
        return False

    def chosen_indices(self) -> list[int] | None:
        """What to export: the selected rows when more than one is selected, else the rows shown (in order)."""
        window = self._window
        model = window.model
        selected = window.table.selected_rows()
        rows: Sequence[int] = selected if len(selected) > 1 else range(model.rowCount())
        indices = model.shown_profile_indices(rows)
        return None if len(indices) == model.profile_count() and indices == list(range(len(indices))) else indices

    def columns(self) -> list[Column]:
        """The list's shown columns, left to right as arranged, attribute columns included."""
        table = self._window.table
        return [table.export_column(column) for column in table.shown_columns()]

    @Slot()
    def choose(self) -> None:
        """Ask where to write, and in which format, then export."""
        result = self._window.result
        if result is None:
            return
        indices = self.chosen_indices()
        count = len(result.export.profiles) if indices is None else len(indices)
        start = os.path.join(self._folder or self._window.open_folder(), "profiles.csv")
        path, chosen = QFileDialog.getSaveFileName(self._window, f"Export {count:,} profiles", start,
                                                   ";;".join(f[0] for f in FILTERS), FILTERS[0][0])
        if not path:
            return
        self.export_to(*format_for(path, chosen), indices=indices)

    def export_to(self, path: str, fmt: str, bom: bool = False, *, indices: list[int] | None = None) -> None:
        """Write the profiles at ``indices`` (all: ``None``) of the open export to ``path`` in the background."""
        result = self._window.result
        if result is None:
            return
        self.cancel()
        self._folder = os.path.dirname(path)
        count = len(result.export.profiles) if indices is None else len(indices)
        self.progress = open_progress(self._window, f"Exporting {count:,} profiles to {os.path.basename(path)}…",
                                      "Export profiles", "exportProgress", count, self.cancel)
        export = result.export
        self.runner.submit(KIND, write_profiles, export.profiles, indices, path, fmt, self.columns(), bom,
                           list(export.sources), on_result=self._on_result, on_error=self._on_error,
                           on_progress=self._on_progress)

    @Slot()
    def cancel(self) -> None:
        """Stop the export in flight; its temporary file is removed and nothing is written."""
        self.runner.cancel(KIND)
        self._close_progress()

    def _close_progress(self) -> None:
        dialog, self.progress = self.progress, None
        close_progress(dialog, self.cancel)

    def _on_progress(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.setMaximum(max(total, 1))
            self.progress.setValue(min(done, total))

    def _on_result(self, answer: tuple[str, int]) -> None:
        self._close_progress()
        path, written = answer
        self._window.statusBar().showMessage(
            f"{written:,} profile{'' if written == 1 else 's'} exported to {os.path.basename(path)}", 8000)
        self.exported.emit(path, written)

    def _on_error(self, error: BaseException) -> None:
        self._close_progress()
        if isinstance(error, ExportCancelled):
            return
        message = error.message if isinstance(error, ExportError) else f"{type(error).__name__}: {error}"
        dialogs.show_notice(self._window, "The profiles could not be exported", message, "exportFailedNotice")
        self.exportFailed.emit(message)


_TYPED = {".csv": "csv", ".ndjson": "ndjson", ".jsonl": "ndjson", ".json": "json"}


def format_for(path: str, chosen: str) -> tuple[str, str, bool]:
    """(path, format, byte-order mark) for a name typed in the save dialog and the file type chosen there.

    An extension the user typed wins over the chosen type (``out.ndjson`` with
    "CSV" chosen writes NDJSON to ``out.ndjson``); without one, the chosen
    type's extension is added.
    """
    _title, fmt, bom, extension = next((f for f in FILTERS if f[0] == chosen), FILTERS[0])
    typed = _TYPED.get(os.path.splitext(path)[1].lower())
    if typed is None:
        return path + extension, fmt, bom
    return path, typed, bom and typed == "csv"
