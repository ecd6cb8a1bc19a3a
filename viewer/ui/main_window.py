"""The main window: the profile list on the left, the selected profile on the right.

Every way of opening files (menu, arguments, drops) calls :meth:`MainWindow.open_files`;
the window emits ``fileLoaded`` once the profiles are on screen. The central widget is a
stack whose page 0 is the "nothing open" page (a welcome page can replace it) and page 1
the export; each menu is built in its own method so it can be extended.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QAction, QFontDatabase, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

import viewer
from viewer.model.profile import Profile
from viewer.ui.attribute_view import AttributeView
from viewer.ui.load_worker import LoadResult, LoadWorker, describe_load_error
from viewer.ui.membership_lists import AudienceList, ConnectedApplicationsList, LoyaltyList
from viewer.ui.problems_view import ProblemsView
from viewer.ui.profile_panel import ProfilePanel, json_text
from viewer.ui.profile_table_model import CopyRole, ProfileTableModel

APP_NAME = "Audience Viewer"
ATTRIBUTES_TAB, AUDIENCES_TAB, LOYALTY_TAB, APPS_TAB, PROBLEMS_TAB, RAW_TAB = range(6)
_COLUMN_WIDTHS = (90, 180, 80, 120, 120, 70, 100, 70)


def plural(n: int, word: str) -> str:
    """``1 profile`` / ``100,000 profiles``."""
    return f"{n:,} {word}{'' if n == 1 else 's'}"


class SearchBox(QLineEdit):
    """The profile search field; Esc clears it."""

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        super().keyPressEvent(event)


class MainWindow(QMainWindow):
    """The viewer's window over one export at a time."""

    fileLoaded = Signal()
    loadFailed = Signal(str)
    indexBuilt = Signal()  # the search index of the open export is ready

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.result: LoadResult | None = None
        self.profile: Profile | None = None
        self._chosen: int | None = None  # profile index the person last selected
        self._searching = False  # a selection change comes from filtering, not from the person
        self.worker = LoadWorker(self)
        self.worker.progressChanged.connect(self._on_progress)
        self.worker.loaded.connect(self._on_loaded)
        self.worker.indexed.connect(self._on_indexed)
        self.worker.failed.connect(self._on_failed)
        self.worker.cancelled.connect(self._on_cancelled)
        self.pages = QStackedWidget(self)
        self.pages.setObjectName("pages")
        self.empty_page = QLabel("Open a customer-profile export with File › Open… (Ctrl+O).", self)
        self.empty_page.setObjectName("emptyPage")
        self.empty_page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages.addWidget(self.empty_page)  # page 0: the welcome page can go here
        self.pages.addWidget(self._build_content())
        self.setCentralWidget(self.pages)
        self._build_status_bar()
        self._build_menus()
        self.resize(1280, 800)
        self._update_title()

    # -- building --------------------------------------------------------------------------
    def _build_content(self) -> QWidget:
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.list_pane = QWidget(self.splitter)
        self.list_pane.setObjectName("profileListPane")
        left = QVBoxLayout(self.list_pane)
        left.setContentsMargins(4, 4, 0, 4)
        self.search = SearchBox(self.list_pane)
        self.search.setObjectName("profileSearch")
        self.search.setPlaceholderText("Search profiles…  (Name:ada  audience:vip  live)")
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip(
            "Free text matches ID, integration ID, audience names and attribute values.\n"
            "Key:value matches one attribute; audience:Name; live, sandbox, env:unknown.\n"
            "Several terms must all match. Esc clears, Ctrl+L comes back here."
        )
        self.search.textChanged.connect(self._apply_search)
        self.count_label = QLabel(self.list_pane)
        self.count_label.setObjectName("profileCount")
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.model = ProfileTableModel(self)
        self.table = QTableView(self.list_pane)
        self.table.setObjectName("profileList")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setAlternatingRowColors(True)
        rows = self.table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # uniform heights: 100k rows stay cheap
        rows.setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSortIndicatorClearable(True)  # a third click goes back to file order
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setHighlightSections(False)
        for column, width in enumerate(_COLUMN_WIDTHS):
            self.table.setColumnWidth(column, width)
        self.table.setSortingEnabled(True)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        left.addWidget(self.search)
        left.addWidget(self.count_label)
        left.addWidget(self.table, 1)

        self.detail_splitter = QSplitter(Qt.Orientation.Vertical, self.splitter)
        self.detail_splitter.setObjectName("detailSplitter")
        self.panel = ProfilePanel(self.detail_splitter)
        self.tabs = QTabWidget(self.detail_splitter)
        self.tabs.setObjectName("profileTabs")
        self.attribute_view = AttributeView(self.tabs)
        self.audiences = AudienceList(self.tabs)
        self.loyalty = LoyaltyList(self.tabs)
        self.apps = ConnectedApplicationsList(self.tabs)
        self.problems = ProblemsView(self.tabs)
        self.problems.problemActivated.connect(self.show_problem)
        self.tabs.addTab(self.attribute_view, "Attributes")
        self.tabs.addTab(self.audiences, "Audiences")
        self.tabs.addTab(self.loyalty, "Loyalty")
        self.tabs.addTab(self.apps, "Apps")
        self.tabs.addTab(self.problems, "Problems")
        self.tabs.addTab(self._build_raw_tab(), "Raw JSON")
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.detail_splitter.setStretchFactor(0, 2)
        self.detail_splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([520, 760])
        self.detail_splitter.setSizes([300, 500])
        return self.splitter

    def _build_raw_tab(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.raw_find = SearchBox(page)
        self.raw_find.setObjectName("rawJsonFind")
        self.raw_find.setPlaceholderText("Find in JSON… (Enter: next)")
        self.raw_find.returnPressed.connect(self._find_in_raw)
        self.raw_find.textChanged.connect(self._find_in_raw_from_top)
        self.raw = QPlainTextEdit(page)
        self.raw.setObjectName("rawJson")
        self.raw.setReadOnly(True)
        self.raw.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.raw.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self._raw_stale = True
        layout.addWidget(self.raw_find)
        layout.addWidget(self.raw, 1)
        return page

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.summary = QLabel(self)
        self.summary.setObjectName("statusSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        bar.addWidget(self.summary, 1)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("loadProgress")
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(False)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setObjectName("loadCancel")
        self.cancel_button.clicked.connect(self.worker.cancel)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)
        self._show_loading(False)

    def _build_menus(self) -> None:
        self._build_file_menu()
        self._build_edit_menu()
        self._build_view_menu()
        self._build_help_menu()

    def _action(self, text: str, slot, shortcut: str | None = None, name: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        if name:
            action.setObjectName(name)
        action.triggered.connect(slot)
        return action

    def _build_file_menu(self) -> None:
        """File: Open…, Close, Quit (the lead adds recent files here)."""
        self.file_menu = self.menuBar().addMenu("&File")
        self.open_action = self._action("&Open…", self.choose_files, "Ctrl+O", "openAction")
        self.close_action = self._action("&Close", self.close_export, "Ctrl+W", "closeAction")
        self.quit_action = self._action("&Quit", self.close, "Ctrl+Q", "quitAction")
        self.file_menu.addAction(self.open_action)
        self.file_menu.addAction(self.close_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)

    def _build_edit_menu(self) -> None:
        self.edit_menu = self.menuBar().addMenu("&Edit")
        self.copy_action = self._action("&Copy", self.copy, "Ctrl+C", "copyAction")
        self.find_action = self._action("&Find in attributes", self.find, "Ctrl+F", "findAction")
        self.search_action = self._action("Search &profiles", self.focus_search, "Ctrl+L", "searchAction")
        for action in (self.copy_action, self.find_action, self.search_action):
            self.edit_menu.addAction(action)

    def _build_view_menu(self) -> None:
        self.view_menu = self.menuBar().addMenu("&View")
        for action in self.attribute_view.view_actions():
            self.view_menu.addAction(action)

    def _build_help_menu(self) -> None:
        self.help_menu = self.menuBar().addMenu("&Help")
        self.help_menu.addAction(self._action("&About Audience Viewer", self.about, name="aboutAction"))

    # -- opening ---------------------------------------------------------------------------
    @Slot()
    def choose_files(self) -> None:
        """Ask for files and open them as one export."""
        paths, _ = QFileDialog.getOpenFileNames(
            self, "Open export", "", "JSON exports (*.json *.ndjson *.jsonl *.gz);;All files (*)"
        )
        if paths:
            self.open_files(paths)

    def open_files(self, paths: list[str]) -> None:
        """Load ``paths`` as one export in the background; a newer call cancels this one."""
        paths = [str(p) for p in paths]
        if not paths:
            return
        self.worker.start(paths)
        self._show_loading(True)
        self.statusBar().showMessage(f"Opening {Path(paths[0]).name}…")

    @Slot()
    def close_export(self) -> None:
        """Cancel any load and go back to the "nothing open" page."""
        self.worker.cancel(quiet=True)
        self._show_loading(False)
        self.result = None
        self.model.set_profiles(())
        self.problems.set_problems(())
        self._show_profile(None)
        self.summary.setText("")
        self.pages.setCurrentIndex(0)
        self._update_title()

    def _show_loading(self, on: bool) -> None:
        self.progress.setVisible(on)
        self.cancel_button.setVisible(on)
        if on:
            self.progress.setRange(0, 0)  # busy until the first progress report

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    @Slot()
    def _on_cancelled(self) -> None:
        self._show_loading(False)
        self.statusBar().showMessage("Opening cancelled", 5000)

    @Slot(object, list)
    def _on_failed(self, error: BaseException, paths: list[str]) -> None:
        self._show_loading(False)
        self.statusBar().clearMessage()
        title, message, detail = describe_load_error(error, paths)
        box = QMessageBox(QMessageBox.Icon.Critical, "Could not open file", title, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("loadErrorDialog")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(message)
        # The message quotes the file (an HTML error page, say): never let Qt read it as markup.
        informative = box.findChild(QLabel, "qt_msgbox_informativelabel")
        if informative is not None:
            informative.setTextFormat(Qt.TextFormat.PlainText)
        if detail:
            box.setDetailedText(detail)
            for edit in box.findChildren(QTextEdit):
                edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
                edit.setLineWrapMode(QTextEdit.LineWrapMode.NoWrap)
                edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance("M" * 106))  # the whole excerpt
                edit.setMaximumHeight(edit.fontMetrics().lineSpacing() * 4)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # window-modal without a nested event loop: loads and tests go on
        for button in box.buttons():  # show the offending line at once, not behind a button
            if box.buttonRole(button) == QMessageBox.ButtonRole.ActionRole:
                button.click()
        self.loadFailed.emit(f"{title}: {message}")

    @Slot(object)
    def _on_loaded(self, result: LoadResult) -> None:
        self._show_loading(False)
        self.statusBar().clearMessage()
        self.result = result
        export = result.export
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._chosen = None
        self.model.set_profiles(export.profiles)
        self.problems.set_problems(export.problems)
        self.list_pane.setVisible(len(export.profiles) != 1)
        self.pages.setCurrentIndex(1)
        self._update_count()
        self._update_summary()
        self._update_title()
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, 0))
        else:
            self._show_profile(None)
        self.table.setFocus()
        self.statusBar().showMessage("Preparing search…")
        self.fileLoaded.emit()

    @Slot(object)
    def _on_indexed(self, result: LoadResult) -> None:
        if result is not self.result:
            return
        self.statusBar().clearMessage()
        if self.search.text():
            self._apply_search(self.search.text())
        self.indexBuilt.emit()

    # -- searching and selecting -----------------------------------------------------------
    @Slot(str)
    def _apply_search(self, text: str) -> None:
        if self.result is None or self.result.index is None:
            return  # typed while the index is being built: applied once it is ready
        self.model.set_filter(self.result.index.search(text, self.result.export.profiles))
        self._update_count()
        # The profile the person chose stays chosen while a query narrows and widens;
        # when it is filtered out the first match shows, without becoming the choice.
        anchor = self._chosen
        row = self.model.row_of_profile(anchor) if anchor is not None else -1
        if row < 0 and self.model.rowCount():
            row = 0
        if row >= 0:
            self._searching = True
            self.table.setCurrentIndex(self.model.index(row, 0))
            self._searching = False
            self.table.scrollTo(self.model.index(row, 0))

    def _update_count(self) -> None:
        total = self.model.profile_count()
        self.count_label.setText(f"{self.model.rowCount():,} of {plural(total, 'profile')}")

    @Slot(QModelIndex, QModelIndex)
    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        profile = self.model.profile_at(current.row()) if current.isValid() else None
        if profile is not None and not self._searching:
            self._chosen = profile.index
        if profile is not self.profile:
            self._show_profile(profile)

    def _show_profile(self, profile: Profile | None) -> None:
        """Show ``profile`` in the panel, the tabs and the attribute view."""
        self.profile = profile
        result = self.result
        problems = result.export.problems_for(profile.index) if profile and result else []
        self.panel.set_profile(profile, problems)
        self.attribute_view.set_attributes(profile.attributes if profile else None, key=profile.index if profile else None)
        self.audiences.set_profile(profile, result.audience_names if result else None)
        self.loyalty.set_profile(profile)
        self.apps.set_profile(profile)
        self.problems.set_profile_index(profile.index if profile else None)
        self._raw_stale = True
        if self.tabs.currentIndex() == RAW_TAB:
            self._render_raw()
        loyalty = self.loyalty.count()
        titles = {
            AUDIENCES_TAB: f"Audiences {self.audiences.count()}",
            LOYALTY_TAB: f"Loyalty {loyalty}" if loyalty else "Loyalty",
            APPS_TAB: f"Apps {self.apps.count()}",
            PROBLEMS_TAB: f"Problems {self.problems.count()}",
        }
        for tab, title in titles.items():
            self.tabs.setTabText(tab, title)

    def select_profile(self, profile_index: int) -> bool:
        """Select the profile at ``profile_index``, clearing the search if it hides it."""
        row = self.model.row_of_profile(profile_index)
        if row < 0 and self.search.text():
            self.search.clear()
            row = self.model.row_of_profile(profile_index)
        if row < 0:
            return False
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    @Slot(object)
    def show_problem(self, problem: viewer.Problem) -> None:
        """Jump to the profile and field ``problem`` concerns."""
        if problem.profile_index is None or not self.select_profile(problem.profile_index):
            self.statusBar().showMessage(f"{problem.path}: this problem concerns the whole file", 5000)
            return
        self.panel.highlight_field(problem.field)

    # -- raw JSON --------------------------------------------------------------------------
    @Slot(int)
    def _on_tab_changed(self, tab: int) -> None:
        if tab == RAW_TAB and self._raw_stale:
            self._render_raw()

    def _render_raw(self) -> None:
        self._raw_stale = False
        self.raw.setPlainText(json_text(self.profile.raw, indent=True) if self.profile else "")

    @Slot()
    def _find_in_raw(self) -> None:
        text = self.raw_find.text()
        if text and not self.raw.find(text):
            self.raw.moveCursor(self.raw.textCursor().MoveOperation.Start)
            self.raw.find(text)

    @Slot()
    def _find_in_raw_from_top(self) -> None:
        self.raw.moveCursor(self.raw.textCursor().MoveOperation.Start)
        self._find_in_raw()

    # -- edit and help ---------------------------------------------------------------------
    @Slot()
    def copy(self) -> None:
        """Copy what has the focus: selected text, or the current cell's exact value."""
        widget = QGuiApplication.focusObject()
        if isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit)):
            widget.copy()
        elif isinstance(widget, QLabel) and widget.hasSelectedText():
            QGuiApplication.clipboard().setText(widget.selectedText())
        elif isinstance(widget, QAbstractItemView) and widget.currentIndex().isValid():
            index = widget.currentIndex()
            exact = index.data(CopyRole) if widget is self.table else None
            text = exact if exact is not None else index.data(Qt.ItemDataRole.DisplayRole)
            QGuiApplication.clipboard().setText("" if text is None else str(text))

    @Slot()
    def find(self) -> None:
        """Ctrl+F: find in the raw JSON when it shows, else filter the attributes."""
        if self.tabs.currentIndex() == RAW_TAB:
            self.raw_find.setFocus()
            self.raw_find.selectAll()
            return
        self.tabs.setCurrentIndex(ATTRIBUTES_TAB)
        self.attribute_view.focus_filter()

    @Slot()
    def focus_search(self) -> None:
        """Ctrl+L: put the cursor in the profile search."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    @Slot()
    def about(self) -> None:
        """Show the version."""
        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"{APP_NAME} {viewer.__version__}\n\nA viewer for Talon.One customer-profile exports.",
        )

    def _update_summary(self) -> None:
        export = self.result.export if self.result else None
        if export is None:
            self.summary.setText("")
            return
        names = ", ".join(Path(s).name for s in export.sources) or Path(self.result.paths[0]).name
        problems = plural(len(export.problems), "problem") if export.problems else "no problems"
        self.summary.setText(f"{names} · {export.shape} · {plural(len(export.profiles), 'profile')} · {problems}")

    def _update_title(self) -> None:
        if self.result is None:
            self.setWindowTitle(APP_NAME)
            return
        paths = self.result.paths
        name = Path(paths[0]).name + (f" (+{len(paths) - 1} more)" if len(paths) > 1 else "")
        self.setWindowTitle(f"{name} - {APP_NAME}")

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.worker.cancel(quiet=True)
        super().closeEvent(event)
