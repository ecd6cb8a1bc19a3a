"""The main window: the profile list on the left, the selected profile on the right.

Every way of opening files (menu, recent files, arguments, drops, macOS open
events) calls :meth:`MainWindow.open_files`; the window emits ``fileLoaded`` once
the profiles are on screen. The central stack shows the welcome page (page 0)
until an export is open (page 1); above it a bar offers to reload a file that
changed on disk. Menus live in ``window_menus``, the remembered layout in
``window_state``, the message boxes in ``dialogs``.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow, QSplitter, QStackedWidget, QVBoxLayout, QWidget

import viewer
from viewer.desktop.resources import sample_export_path
from viewer.model.profile import Profile
from viewer.model.selection import kept_profile_index
from viewer.ui.details.profile_details import ProfileDetails
from viewer.ui.profiles.list_pane import ProfileListPane, plural
from viewer.ui.widgets.app_icon import application_icon
from viewer.ui.widgets.copying import copy_from_focus
from viewer.ui.window import dialogs
from viewer.ui.window.dialogs import APP_NAME
from viewer.ui.window.file_drop import accept_file_drops
from viewer.ui.window.file_watcher import ReloadWatcher
from viewer.ui.window.load_progress import LoadProgress
from viewer.ui.window.loading import LoadResult, LoadWorker
from viewer.ui.window.menus import build_menus
from viewer.ui.window.reload_bar import ReloadBar
from viewer.ui.window.settings import RecentFiles, entry_files
from viewer.ui.window.state import restore_window_state, save_list_width, save_window_state
from viewer.ui.window.welcome_page import WelcomePage

WELCOME_PAGE, EXPORT_PAGE = range(2)
CLIPBOARD_NAME = "Clipboard"


def export_name(paths: list[str]) -> str:
    """``customers.json``, or ``customers.json + 2 more`` for several files."""
    name = Path(paths[0]).name or paths[0]
    return name + (f" + {len(paths) - 1} more" if len(paths) > 1 else "")


class MainWindow(QMainWindow):
    """The viewer's window over one export at a time."""

    fileLoaded = Signal()
    loadFailed = Signal(str)
    indexBuilt = Signal()  # the search index of the open export is ready

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowIcon(application_icon())
        self.result: LoadResult | None = None
        self.profile: Profile | None = None
        self._files: list[str] = []  # the files on screen; [] for clipboard text
        self._loading_files: list[str] = []  # the files of the load in flight
        self._keep: tuple[tuple, int] | None = None  # (identity, index) to select again after a reload
        self.recent = RecentFiles(self)
        self.recent.changed.connect(self._show_recent_files)
        self.worker = LoadWorker(self)
        self.worker.loaded.connect(self._on_loaded)
        self.worker.indexed.connect(self._on_indexed)
        self.worker.failed.connect(self._on_failed)
        self.worker.cancelled.connect(self._on_cancelled)
        self.watcher = ReloadWatcher(self)
        self.watcher.changedOnDisk.connect(self._on_changed_on_disk)
        self.welcome = WelcomePage(self)
        self.welcome.openRequested.connect(self.choose_files)
        self.welcome.sampleRequested.connect(self.open_sample)
        self.welcome.recentRequested.connect(lambda entry: self.open_files(entry_files(entry)))
        self.pages = QStackedWidget(self)
        self.pages.setObjectName("pages")
        self.pages.addWidget(self.welcome)
        self.pages.addWidget(self._build_content())
        self.reload_bar = ReloadBar(self)
        self.reload_bar.reloadRequested.connect(self.reload)
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.reload_bar)
        column.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self._build_status_bar()
        build_menus(self)
        self._drops = accept_file_drops(self, self.open_files)
        self.resize(1280, 800)
        restore_window_state(self)
        self._show_recent_files()
        self._update_title()
        self._update_actions()

    # -- building --------------------------------------------------------------------------
    def _build_content(self) -> QWidget:
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.list_pane = ProfileListPane(self.splitter)
        self.search, self.count_label = self.list_pane.search, self.list_pane.count_label
        self.model, self.table = self.list_pane.model, self.list_pane.table
        self.list_pane.currentProfileChanged.connect(self._show_profile)
        self.details = self.detail_splitter = ProfileDetails(self.splitter)
        self.panel, self.tabs, self.raw = self.details.panel, self.details.tabs, self.details.raw
        self.attribute_view, self.problems = self.details.attribute_view, self.details.problems
        self.audiences, self.loyalty, self.apps = self.details.audiences, self.details.loyalty, self.details.apps
        self.problems.problemActivated.connect(self.show_problem)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([520, 760])
        return self.splitter

    def _build_status_bar(self) -> None:
        self.summary = QLabel(self)
        self.summary.setObjectName("statusSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addWidget(self.summary, 1)
        self.loading = LoadProgress(self)
        self.progress, self.cancel_button = self.loading.bar, self.loading.cancel_button
        self.loading.cancelRequested.connect(self.worker.cancel)
        self.worker.progressChanged.connect(self.loading.set_progress)
        self.statusBar().addPermanentWidget(self.loading)

    # -- opening ---------------------------------------------------------------------------
    @Slot()
    def choose_files(self) -> None:
        """Ask for files and open them as one export."""
        start = os.path.dirname(self._files[0]) if self._files else ""
        paths, _ = QFileDialog.getOpenFileNames(
            self, "Open export", start, "JSON exports (*.json *.ndjson *.jsonl *.gz);;All files (*)"
        )
        if paths:
            self.open_files(paths)

    @Slot(list)
    def open_files(self, paths: list[str]) -> None:
        """Load ``paths`` as one export in the background; a newer call cancels this one."""
        paths = [os.fspath(p) for p in paths]
        if paths:
            self._start(paths)

    @Slot()
    def open_sample(self) -> None:
        """Open the bundled sample export."""
        try:
            self.open_files([str(sample_export_path())])
        except FileNotFoundError as error:
            dialogs.show_notice(self, "No sample export", str(error), "sampleMissingNotice")

    @Slot()
    def open_clipboard(self) -> None:
        """Ctrl+Shift+V: open the JSON text on the clipboard as an export."""
        text = QGuiApplication.clipboard().text()
        if not text.strip():
            dialogs.show_notice(
                self, "Nothing to open", "The clipboard holds no text.\n\nCopy the JSON of an export or of "
                "a single profile, then press Ctrl+Shift+V again.", "clipboardEmptyNotice"
            )
            return
        self._start([CLIPBOARD_NAME], data=text.encode("utf-8"))

    @Slot()
    def reload(self) -> None:
        """F5: read the open files again, keeping the selected profile when it still exists."""
        if not self._files:
            message = "Text from the clipboard cannot be reloaded" if self.result else "No file is open"
            self.statusBar().showMessage(message, 5000)
            return
        keep = (self.profile.identity, self.profile.index) if self.profile is not None else None
        self._start(self._files, keep=keep)

    def _start(self, paths: list[str], *, data: bytes | None = None, keep: tuple | None = None) -> None:
        self._keep = keep
        self._loading_files = [] if data is not None else list(paths)
        self.worker.start(paths, data)
        self.loading.start()
        self.statusBar().showMessage(f"Opening {export_name(paths)}…")

    @Slot()
    def close_export(self) -> None:
        """Cancel any load and go back to the welcome page."""
        self.worker.cancel(quiet=True)
        self.loading.hide()
        self.statusBar().clearMessage()  # an "Opening …" of the cancelled load must not linger
        self.result, self._files = None, []
        self.watcher.clear()
        self.reload_bar.hide()
        self.list_pane.set_profiles(())
        self.problems.set_problems(())
        self.summary.setText("")
        self._show_recent_files()
        self.pages.setCurrentIndex(WELCOME_PAGE)
        self._update_title()
        self._update_actions()

    @Slot()
    def _on_cancelled(self) -> None:
        self.loading.hide()
        self.statusBar().showMessage("Opening cancelled", 5000)

    @Slot(object, list)
    def _on_failed(self, error: BaseException, paths: list[str]) -> None:
        self.loading.hide()
        self._keep = None
        self.statusBar().clearMessage()
        for path in self._loading_files:
            if not os.path.exists(path):
                self.recent.remove(path)
        self.loadFailed.emit(dialogs.show_load_error(self, error, paths))

    @Slot(object)
    def _on_loaded(self, result: LoadResult) -> None:
        self.loading.hide()
        self.statusBar().clearMessage()
        self.result, self._files = result, self._loading_files
        keep, self._keep = self._keep, None
        export = result.export
        self.problems.set_problems(export.problems, export.sources)
        if len(export.profiles) == 1:
            save_list_width(self)  # the list steps aside; its width is wanted again later
        self.list_pane.setVisible(len(export.profiles) != 1)
        self.pages.setCurrentIndex(EXPORT_PAGE)
        select = kept_profile_index(export.profiles, *keep) if keep else 0
        self.list_pane.set_profiles(export.profiles, keep_search=keep is not None, select=select)
        self._update_summary()
        self._update_title()
        self._update_actions()
        self._remember_files()
        self.table.setFocus()
        self.statusBar().showMessage("Preparing search…")
        self.fileLoaded.emit()

    @Slot(object)
    def _on_indexed(self, result: LoadResult) -> None:
        if result is not self.result:
            return
        self.statusBar().clearMessage()
        self.list_pane.set_search_index(result.index)
        self.indexBuilt.emit()

    def _remember_files(self) -> None:
        """Recent files and the watch for changes on disk follow the export on screen."""
        self.reload_bar.hide()
        self.watcher.set_paths(self._files)
        try:
            sample = str(sample_export_path())
        except FileNotFoundError:
            sample = ""
        files = [path for path in self._files if path != sample]  # the sample has its own button
        if files:
            self.recent.add(files)  # pages opened together come back together

    @Slot(list)
    def _on_changed_on_disk(self, paths: list[str]) -> None:
        if self._files:
            gone = not any(os.path.exists(p) for p in paths)
            self.reload_bar.offer(export_name(paths), gone=gone)

    @Slot()
    def _show_recent_files(self) -> None:
        self.welcome.set_recent_files(self.recent.paths())

    # -- selecting ------------------------------------------------------------------------
    @Slot(object)
    def _show_profile(self, profile: Profile | None) -> None:
        """Show ``profile`` in the panel and the tabs."""
        self.profile = profile
        self.details.set_profile(profile, self.result)

    def select_profile(self, profile_index: int) -> bool:
        """Select the profile at ``profile_index``, clearing the search if it hides it."""
        return self.list_pane.select_profile(profile_index)

    @Slot(object)
    def show_problem(self, problem: viewer.Problem) -> None:
        """Jump to the profile and field ``problem`` concerns."""
        if problem.profile_index is None or not self.select_profile(problem.profile_index):
            self.statusBar().showMessage(f"{problem.path}: this problem concerns the whole file", 5000)
            return
        self.panel.highlight_field(problem.field)

    # -- edit and help ---------------------------------------------------------------------
    @Slot()
    def copy(self) -> None:
        """Copy what has the focus: selected text, or the current cell's exact value."""
        # Both models answer CopyRole: the attribute tree copies the value, as its Ctrl+C does.
        copy_from_focus((self.table, self.attribute_view.tree_view()))

    @Slot()
    def find(self) -> None:
        """Ctrl+F: find in the raw JSON when it shows, else filter the attributes."""
        self.details.find()

    @Slot()
    def focus_search(self) -> None:
        """Ctrl+L: put the cursor in the profile search."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    @Slot()
    def about(self) -> None:
        """Help > About: the version."""
        dialogs.show_about(self)

    def _update_summary(self) -> None:
        export = self.result.export if self.result else None
        if export is None:
            self.summary.setText("")
            return
        names = ", ".join(Path(s).name for s in export.sources) if self._files else CLIPBOARD_NAME
        problems = plural(len(export.problems), "problem") if export.problems else "no problems"
        self.summary.setText(f"{names} · {export.shape} · {plural(len(export.profiles), 'profile')} · {problems}")

    def _update_title(self) -> None:
        # The title ends with the application display name, so Qt does not append it again.
        self.setWindowTitle(f"{export_name(self.result.paths)} - {APP_NAME}" if self.result else APP_NAME)

    def _update_actions(self) -> None:
        """Actions that need an open export are greyed out without one."""
        is_open = self.result is not None
        for action in (self.close_action, self.find_action, self.search_action):
            action.setEnabled(is_open)
        self.reload_action.setEnabled(bool(self._files))

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.worker.cancel(quiet=True)
        save_window_state(self)
        super().closeEvent(event)
