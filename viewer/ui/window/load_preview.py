"""The first profiles of a big file on screen while the rest of it is read.

Reading 100,000 profiles (87 MB) takes the window a second or more. The
reader hands over its first profiles as soon as the first piece of the file
is decoded (``viewer.load(..., preview=...)``: about a fifth of the reading),
and this shows them: the list, the first profile's panel, and in the list's
count that the rest is still being read; the Problems tab has no count until
the whole file is checked. The search waits for the whole export. When it
arrives the window shows it as usual, keeping the profile picked and the
query typed meanwhile. Cancelling, or a read that fails,
leaves the welcome page: a part of a file never poses as the whole.

Only while no export is on screen: swapping an open export's list for the
start of another while its overview and problems still showed the first
would mix the two.

The list paints first, alone, and the first profile's panel and tabs one
event-loop turn later, once the GUI clock ticks on time again. In one turn
(the list filled and its columns fitted, the panel and tabs filled and shown
for the first time, then Qt's first paint of the whole window) the handover
stalled the window 67-109 ms in the benchmark (100,000 profiles), 56-97 ms of
it the GUI thread's own CPU; in two turns the longest stall of the whole
open was 33-59 ms. The right half is blank for that turn; nothing shown is
taken away. The turn waits for the list's paint and then a tick on time (``after_paint``),
not a posted call: the window's paint is a posted event of low priority,
which a posted call overtakes, and the list and the panel painted together again.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

import viewer
from viewer.model.profile import Profile
from viewer.ui.gui_clock import after_paint

FIRST_PROFILE_TICKS = 1  # GUI clock ticks on time after the list's paint: its own paints are done
FIRST_PROFILE_LIMIT = 0.2  # seconds at most


class LoadPreview(QObject):
    """Shows the preview export of a load in ``window`` (``shown`` once its profiles are on screen)."""

    shown = Signal()

    def __init__(self, window: Any) -> None:  # the MainWindow (which imports this module)
        super().__init__(window)
        self._window = window
        self.showing = False  # the list holds a preview: the whole export is still being read
        self._chosen = 0  # the profile picked in the preview, picked again in the whole export
        window.worker.previewed.connect(self._show)
        window.fileLoaded.connect(self._finished)
        window.worker.cancelled.connect(self._cancelled)
        window.worker.failed.connect(self._abandon)
        window.list_pane.currentProfileChanged.connect(self._picked)

    def chosen(self) -> int:
        """The profile index to select once the whole export is shown (0 without a preview)."""
        return self._chosen if self.showing else 0

    @Slot(object)
    def _show(self, export: viewer.Export) -> None:
        window = self._window
        if window.result is not None or not window.worker.is_loading():
            return
        self.showing, self._chosen = True, 0
        window.pages.setCurrentWidget(window.splitter)
        window.list_pane.setVisible(True)
        window.problems.set_checking()  # no "Problems 0" (nor "no problems") before the file is checked
        window.details_stack.show_view(False, "")  # the first paint is the list's alone: the right half blank
        window.list_pane.set_profiles(export.profiles, select=None)
        window.update_actions()  # Ctrl+L and Ctrl+F work on them
        window.count_label.setText(f"The first {len(export.profiles):,} profiles · reading the rest of the file…")
        after_paint(window.table.viewport(), self._show_first_profile, FIRST_PROFILE_TICKS, FIRST_PROFILE_LIMIT)
        self.shown.emit()  # the reader sleeps until they are painted (``LoadWorker``)

    @Slot()
    def _show_first_profile(self) -> None:
        """The first profile in the panel and the tabs, unless one was picked (or the preview left) meanwhile."""
        window = self._window
        if self.showing and window.profile is None:
            window.list_pane.select_profile(0)

    @Slot(object)
    def _picked(self, profile: Profile | None) -> None:
        if self.showing and profile is not None:
            self._chosen = profile.index

    @Slot()
    def _finished(self) -> None:
        self.showing = False

    @Slot()
    def _cancelled(self) -> None:
        if self.showing:
            self._abandon()
            self._window.statusBar().showMessage("Opening cancelled", 5000)

    @Slot(object, list)
    def _abandon(self, *_: Any) -> None:
        if self.showing:
            self.showing = False
            self._window.close_export()
