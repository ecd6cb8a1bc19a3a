"""The main window: the profile list on the left, the selected profile on the right.

Every way of opening files (menu, recent files, arguments, drops, macOS open events) calls
:meth:`MainWindow.open_files`; ``fileLoaded`` is emitted once the profiles are on screen (a big
file's first ones show before: ``load_preview``). Actions, menus, layout: ``actions``, ``menus``, ``state``.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QMetaMethod, Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMainWindow, QSplitter, QStackedWidget, QWidget

import viewer
from viewer.desktop.resources import sample_companion_paths, sample_export_path
from viewer.model.profile import Profile
from viewer.model.selection import kept_profile_index
from viewer.ui.details.profile_details import ProfileDetails
from viewer.ui.profiles.list_pane import ProfileListPane
from viewer.ui.widgets.app_icon import application_icon
from viewer.ui.widgets.copying import copy_from_focus
from viewer.ui.widgets.empty_state import EmptyStateStack
from viewer.ui.widgets.notice_bar import above
from viewer.ui.window import add_files, comparing, csv_problems, dialogs, export_profiles, help_dialogs, overview_tab
from viewer.ui.window.actions import WindowActions
from viewer.ui.window.damage_bar import DamageBar
from viewer.ui.window.dialogs import APP_NAME
from viewer.ui.window.file_drop import accept_file_drops
from viewer.ui.window.file_watcher import ReloadWatcher
from viewer.ui.window.history import MouseNavigation, ProfileHistory
from viewer.ui.window.idle_trim import IdleTrim
from viewer.ui.window.load_preview import LoadPreview
from viewer.ui.window.load_progress import LoadProgress
from viewer.ui.window.loading import CLIPBOARD_NAME, LoadResult, LoadWorker
from viewer.ui.window.menus import RecentFilesMenu, build_menus
from viewer.ui.window.reload_bar import ReloadBar
from viewer.ui.window.settings import RecentFiles, entry_files, sample_path, start_folder
from viewer.ui.window.state import WindowLayout, place_first_time
from viewer.ui.window.summary import SummaryLabel, export_name
from viewer.ui.window.welcome_page import WelcomePage

WELCOME_PAGE, EXPORT_PAGE = range(2)


class MainWindow(QMainWindow):
    """The viewer's window over one export at a time."""

    fileLoaded = Signal()
    loadFailed = Signal(str)
    indexBuilt = Signal()  # the search index of the open export is ready
    lateProblemsShown = Signal()  # problems found after the search was ready (duplicate keys of a big file)
    newWindowRequested = Signal()  # File > New Window (the app's WindowSet opens it)
    quitRequested = Signal()  # File > Quit with a WindowSet: close every window
    closed = Signal()  # the window was closed

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
        self.history = ProfileHistory(self)
        self.recent.changed.connect(self._show_recent_files)
        self.worker = LoadWorker(self)
        self.worker.loaded.connect(self._on_loaded)
        self.worker.indexed.connect(self._on_indexed)
        self.worker.lateProblems.connect(self._on_late_problems)
        self.worker.failed.connect(self._on_failed)
        self.worker.cancelled.connect(self._on_cancelled)
        self.watcher = ReloadWatcher(self)
        self.watcher.changedOnDisk.connect(self._on_changed_on_disk)
        self.welcome = WelcomePage(self, loads=self.worker)  # says which file opens, while one does
        self.welcome.openRequested.connect(self.choose_files)
        self.welcome.sampleRequested.connect(self.open_sample)
        self.welcome.recentRequested.connect(lambda entry: self.open_files(entry_files(entry)))
        self.pages = QStackedWidget(self)
        self.pages.setObjectName("pages")
        self.pages.addWidget(self.welcome)
        self.pages.addWidget(self._build_content())
        self.reload_bar = ReloadBar(self)
        self.reload_bar.reloadRequested.connect(self.reload)
        self.damage_bar = DamageBar(self)  # part of a file could not be read as it is
        self.damage_bar.problemRequested.connect(self.show_problem)
        self.setCentralWidget(above((self.reload_bar, self.damage_bar), self.pages))
        self._build_status_bar()
        self.window_actions = self._build_actions()
        self.comparing = comparing.ExportComparing(self)  # File > Compare with…
        self.overview = overview_tab.OverviewTab(self)  # View > Overview (Ctrl+Shift+O), the Overview button
        self.exporting = export_profiles.ProfileExporting(self)  # File > Export Profiles…
        self.preview = LoadPreview(self)  # the first profiles of a big file, while the rest is read
        self.idle_trim = IdleTrim(self)  # freed memory back to the system once idle
        self._drops = accept_file_drops(self, lambda paths: add_files.open_dropped(self, paths),  # CSV files: added
                                        self.comparing.compare_with, lambda: self.result is not None)  # Shift: compare
        self._mouse_navigation = MouseNavigation(self, self.go_back, self.go_forward)
        self.history.changed.connect(self.update_actions)
        self.layout_state = WindowLayout(self, self.splitter, self.details, self.list_pane,
                                         self.table.horizontalHeader())
        if not self.layout_state.restore():
            place_first_time(self)
        self._show_recent_files()
        self._update_title()
        self.update_actions()

    # -- building --------------------------------------------------------------------------
    def _build_content(self) -> QWidget:
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.list_pane = ProfileListPane(self.splitter)
        self.search, self.count_label = self.list_pane.search, self.list_pane.count_label
        self.model, self.table = self.list_pane.model, self.list_pane.table
        self.list_pane.currentProfileChanged.connect(self._show_profile)
        self.list_pane.helpRequested.connect(lambda: help_dialogs.show_search_syntax(self))
        self.details = self.detail_splitter = ProfileDetails()
        # Without a current profile the right side says why (``profileDetailsEmpty``), showing nothing stale.
        self.details_stack = EmptyStateStack(self.details, "profileDetails", parent=self.splitter)
        self.panel, self.tabs, self.raw = self.details.panel, self.details.tabs, self.details.raw
        self.attribute_view, self.problems = self.details.attribute_view, self.details.problems
        self.audiences, self.loyalty, self.apps = self.details.audiences, self.details.loyalty, self.details.apps
        self.problems.problemActivated.connect(self.show_problem)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([520, 760])
        return self.splitter

    def _build_actions(self) -> WindowActions:
        actions = WindowActions(self)
        for action, slot in (
            (actions.new_window, self.newWindowRequested.emit), (actions.open, self.choose_files),
            (actions.add_files, self.add_to_export),
            (actions.paste, self.open_clipboard), (actions.sample, self.open_sample), (actions.reload, self.reload),
            (actions.close, self.close_export), (actions.quit, self.quit), (actions.copy, self.copy),
            (actions.find, self.find_in_details), (actions.search, self.focus_search),
            (actions.back, self.go_back), (actions.forward, self.go_forward),
            (actions.shortcuts, self.show_shortcuts), (actions.about, lambda: dialogs.show_about(self)),
            (actions.search_syntax, lambda: help_dialogs.show_search_syntax(self))):
            action.triggered.connect(slot)
        self.recent_menu = RecentFilesMenu(self.recent, self)
        self.recent_menu.fileChosen.connect(lambda entry: self.open_files(entry_files(entry)))
        self.menus = build_menus(self, actions, self.recent_menu, self.attribute_view)
        return actions

    def _build_status_bar(self) -> None:
        self.summary = SummaryLabel(self)
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
        paths, _ = QFileDialog.getOpenFileNames(self, "Open export", self.open_folder(), add_files.OPEN_FILTER)
        if paths:
            self.open_files(paths)

    @Slot()
    def add_to_export(self, paths: list[str] | None = None) -> None:
        """File > Add to this export… (``paths``: a drop's): the open files and more, the selected profile kept."""
        paths = paths or add_files.ask_more_files(self, self.open_folder(), self._files)
        if paths:
            self._start(paths, keep=(self.profile.identity, self.profile.index) if self.profile else None)

    def open_folder(self) -> str:
        """Where File > Open starts: the folder of the last file opened (not the sample), else Documents."""
        return start_folder(self.recent.paths(), exclude=[sample_path()])

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
            self.open_files([str(sample_export_path()), *(str(path) for path in sample_companion_paths())])
        except FileNotFoundError as error:
            dialogs.show_notice(self, "No sample export", str(error), "sampleMissingNotice")

    @Slot()
    def open_clipboard(self) -> None:
        """Ctrl+Shift+V: open the JSON text on the clipboard as an export."""
        text = QGuiApplication.clipboard().text()
        if not text.strip():
            dialogs.show_clipboard_empty(self)
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
        self.loading.start(self._loading_files, data)  # the size, for "37 MB of 87 MB"
        self.statusBar().showMessage(f"Opening {export_name(paths)}…")

    @Slot()
    def close_export(self) -> None:
        """Cancel any load and go back to the welcome page."""
        self.worker.cancel(quiet=True)
        self.loading.hide()
        self.statusBar().clearMessage()  # an "Opening …" of the cancelled load must not linger
        self.result, self._files = None, []
        self.history.clear()
        self.watcher.clear()
        self.reload_bar.hide()
        self.damage_bar.hide()
        self.list_pane.set_profiles(())
        self.problems.set_problems(())
        self.summary.setText("")
        self._show_recent_files()
        self.pages.setCurrentIndex(WELCOME_PAGE)
        self._update_title()
        self.update_actions()

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
        if keep is None:
            self.history.clear()  # another export: Back leads nowhere in it
        self.problems.set_problems(export.problems, export.sources, checking=not export.duplicate_keys_checked)
        self.damage_bar.show_for(export.problems, export_name(result.paths))
        if len(export.profiles) == 1:
            self.layout_state.save_list_width()  # the list steps aside; its width is wanted again later
        self.list_pane.setVisible(len(export.profiles) != 1)
        typing = self.search.hasFocus() and self.pages.currentIndex() == EXPORT_PAGE  # a reload, a preview
        self.pages.setCurrentIndex(EXPORT_PAGE)
        select = kept_profile_index(export.profiles, *keep) if keep else self.preview.chosen()
        kept_query = keep is not None or self.preview.showing  # a reload, or typed while the file was read
        self.list_pane.set_profiles(export.profiles, keep_search=kept_query, select=select)
        self._update_summary()
        self._update_title()
        self.update_actions()
        self._remember_files()
        (self.search if typing else self.table).setFocus()  # typing goes on; else the list has the keys
        self.statusBar().showMessage("Preparing search…")
        self.fileLoaded.emit()

    @Slot(object)
    def _on_indexed(self, result: LoadResult) -> None:
        if result is not self.result or result.index is None:
            return
        self.statusBar().clearMessage()
        self.list_pane.set_search_index(result.index, result.completion_words)
        self.indexBuilt.emit()

    @Slot(object)
    def _on_late_problems(self, result: LoadResult) -> None:  # duplicate keys of a big file, found after search works
        if result is self.result:
            result.export.duplicate_keys_checked = True  # looked: the summary and the tab count them now
            result.export.add_problems(result.late_problems)
            self.details.set_problems(result.export.problems, result.export.sources)
            self._update_summary()
            self.lateProblemsShown.emit()

    def _remember_files(self) -> None:
        """Recent files (never the sample) and the watch on disk follow the export on screen."""
        self.reload_bar.hide()
        self.watcher.set_paths(self._files)
        self.recent.add_opened(self._files)

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
        self.history.visit(profile.index if profile is not None else None)
        result = self.result
        problems = result.export.problems_for(profile.index) if profile and result else []
        self.details.set_profile(profile, problems, result.audience_names if result else None,
                                 hold=not self.list_pane.moving_for_search())
        self.details_stack.show_view(profile is not None, self.list_pane.empty_text())

    def select_profile(self, profile_index: int) -> bool:
        """Select the profile at ``profile_index``, clearing the search if it hides it."""
        return self.list_pane.select_profile(profile_index)

    @Slot(object)
    def show_problem(self, problem: viewer.Problem) -> None:
        """Jump to the profile and field ``problem`` concerns (a CSV file's row: its profile, or unmatched rows)."""
        if csv_problems.show_companion_problem(self, problem):
            return
        index = self.result.export.profile_of(problem) if self.result else None
        if index is None or not self.select_profile(index):
            self.overview.show_profiles()  # (from the damage bar) among the export's problems
            self.details.show_problem(problem)
            self.statusBar().showMessage(f"{problem.path}: this problem concerns the whole file", 5000)
            return
        self.panel.highlight_field(problem.field)
        if problem.line is not None:
            self.details.show_source_line(problem.line)  # where the file says it: the profile's own text

    # -- edit and help ---------------------------------------------------------------------
    @Slot()
    def copy(self) -> None:
        """Copy what has the focus: selected text, or the current cell's exact value (the models' CopyRole)."""
        copy_from_focus((self.table, self.attribute_view.tree_view(), *self.details.exact_views()))

    @Slot()
    def go_back(self) -> None:  # Alt+Left, or the mouse's back button
        self.history.go_back(self.select_profile)

    @Slot()
    def go_forward(self) -> None:  # Alt+Right, or the mouse's forward button
        self.history.go_forward(self.select_profile)

    @Slot()
    def find_in_details(self) -> None:
        """Ctrl+F: find in the raw JSON when it shows, else filter the attributes (from the overview too)."""
        self.overview.show_profiles()  # on the overview the box would take the typing unseen
        self.details.find_in_tab()

    @Slot()
    def focus_search(self) -> None:
        """Ctrl+L: put the cursor in the profile search (the overview goes back to the list for it)."""
        self.overview.show_profiles()
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    @Slot()
    def show_shortcuts(self) -> None:
        """Help > Keyboard Shortcuts, read from the actions themselves."""
        help_dialogs.show_shortcuts(self, [("Window", self.window_actions.all()), *self.details.shortcut_groups()])

    def _update_summary(self) -> None:
        self.summary.show_export(self.result.export if self.result else None, None if self._files else CLIPBOARD_NAME)

    def _update_title(self) -> None:  # ends with the application's name, so Qt does not append it again
        self.setWindowTitle(f"{export_name(self.result.paths)} - {APP_NAME}" if self.result else APP_NAME)

    def update_actions(self) -> None:
        """Actions that need an open export (or files, or history) are greyed out without one."""
        self.window_actions.follow(self.result is not None, self.preview.showing, bool(self._files),
                                   self.history.can_go_back(), self.history.can_go_forward())

    @Slot()
    def quit(self) -> None:
        """Ctrl+Q: close every window when the app manages several, else this one."""
        if self.isSignalConnected(QMetaMethod.fromSignal(self.quitRequested)):
            self.quitRequested.emit()
        else:
            self.close()

    def stop_work(self) -> None:
        """Tell the background work to stop, without waiting for it (its threads are daemons)."""
        self.worker.cancel(quiet=True)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        self.stop_work()
        self.layout_state.save()
        super().closeEvent(event)
        self.closed.emit()
