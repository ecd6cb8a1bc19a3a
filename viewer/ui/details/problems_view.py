"""Every problem of the export in one list; activating one jumps to its profile."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

import viewer
from viewer.ui.details.field_tile import severity_icon
from viewer.ui.roles import ProblemRole
from viewer.ui.widgets.empty_state import EmptyStateStack
from viewer.ui.widgets.rows import row_height
from viewer.ui.widgets.tooltips import tooltip_html

SEVERITY, PATH, MESSAGE = range(3)
PATH_WIDTH_CHARS = 60  # the Path column fits its paths up to this many average characters
PATH_FIT_ROWS = 500  # rows measured to fit it: ~17 ms (Qt's default, 1,000, took ~35 ms for 100,000 problems)
# ... and at most this share of the table: beside the profile panel the table is ~550 px wide, and
# 60 characters of path (~360 px) left the message, the column people read, "expected a num…".
PATH_SHARE = 0.35
_HEADERS = ("Severity", "Path", "Message")
READING = "Checking… the problems are listed once the whole file is read"
DUPLICATES = "Checking for duplicate keys… (a big file is looked through once it is on screen)"


class ProblemTableModel(QAbstractTableModel):
    """A read-only table over a list of problems, optionally narrowed to some of them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._problems: Sequence[viewer.Problem] = ()
        self._rows: Sequence[int] = ()
        self._name_files = False  # several files open: say which one each problem is in
        self._icons: dict[viewer.Severity, Any] = {}
        self._widget = parent

    def set_problems(
        self, problems: Sequence[viewer.Problem], rows: Sequence[int] | None = None, name_files: bool = False
    ) -> None:
        """Show ``problems`` (only those at ``rows`` when given); ``name_files`` prefixes paths with the file."""
        self.beginResetModel()
        self._problems = problems
        self._name_files = name_files
        self._rows = range(len(problems)) if rows is None else list(rows)
        self.endResetModel()

    def problem_at(self, row: int) -> viewer.Problem | None:
        """The problem shown in ``row``."""
        return self._problems[self._rows[row]] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 3:
            return _HEADERS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        problem = self._problems[self._rows[index.row()]]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == SEVERITY:  # "note", as the status bar counts it: nothing is wrong with the data
                return "note" if problem.severity is viewer.Severity.INFO else str(problem.severity)
            if column == PATH:
                return self._path_text(problem)
            return problem.message
        if role == Qt.ItemDataRole.DecorationRole and column == SEVERITY and self._widget is not None:
            icon = self._icons.get(problem.severity)
            if icon is None:
                icon = self._icons[problem.severity] = severity_icon(self._widget, problem.severity)
            return icon
        if role == Qt.ItemDataRole.ToolTipRole and column == MESSAGE:
            return tooltip_html(problem.message)  # messages may quote file text
        if role == Qt.ItemDataRole.ToolTipRole and column == PATH:
            return tooltip_html(self._path_text(problem))  # the whole path, when the column cuts it
        if role == ProblemRole:
            return problem
        return None

    def _path_text(self, problem: viewer.Problem) -> str:
        path = problem.path if problem.line is None else f"{problem.path} (line {problem.line})"
        if self._name_files and problem.source and not path.startswith(Path(problem.source).name):
            # the file after the place: a column cut at its right edge still says which profile and field
            path = f"{path} · {Path(problem.source).name}"  # (a CSV file's problems name their file already)
        return path


class ProblemsView(QWidget):
    """The ``problemsList`` table with an "only this profile" switch and an empty state."""

    problemActivated = Signal(object)  # viewer.Problem

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._problems: Sequence[viewer.Problem] = ()
        self._several_files = False
        self._profile_index: int | None = None
        self._sizing = False  # the view sizes its columns itself (not the person dragging)
        self._checking = ""  # what is still being checked (READING, DUPLICATES): no "0" before it is done
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.only_selected = QCheckBox("Only the selected profile", self)
        self.only_selected.setObjectName("problemsOnlySelected")
        self.only_selected.toggled.connect(self._refilter)
        layout.addWidget(self.only_selected)
        self.model = ProblemTableModel(self)
        self.table = QTableView(self)
        self.table.setTabKeyNavigation(False)  # Tab goes on to the next widget, not cell to cell
        self.table.setObjectName("problemsList")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(row_height(self.table))
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setResizeContentsPrecision(PATH_FIT_ROWS)
        self.table.setColumnWidth(SEVERITY, 90)
        self.table.setColumnWidth(PATH, 220)
        self._path_fit = 220  # the Path column's width for its paths (capped at PATH_WIDTH_CHARS)
        self._path_dragged = False  # the person sized the Path column: leave it as they left it
        self.table.horizontalHeader().sectionResized.connect(self._on_section_resized)
        self.table.viewport().installEventFilter(self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.activated.connect(self._on_activated)
        self.stack = EmptyStateStack(self.table, "problemsList", parent=self)
        self.empty = self.stack.empty
        layout.addWidget(self.stack, 1)
        self._refilter()

    def set_problems(self, problems: Sequence[viewer.Problem], sources: Sequence[str] = (),
                     checking: bool = False) -> None:
        """Show the problems of a newly opened export read from ``sources`` (its files).

        ``checking``: its duplicate keys are still looked for (a big file, after it is on screen).
        """
        self._problems = problems
        self._checking = DUPLICATES if checking else ""
        self._several_files = len(sources) > 1  # "data[0]" alone would not say which page
        self._refilter()
        self._fit_path_column()

    def set_checking(self) -> None:
        """The file is still being read (its first profiles are shown): its problems are not known yet.

        "Problems 0" beside a half-read file read as "nothing wrong" before anything was checked.
        """
        self._problems, self._checking = (), READING
        self._refilter()

    def set_profile_index(self, profile_index: int | None) -> None:
        """The selected profile, for "Only the selected profile"."""
        self._profile_index = profile_index
        if self.only_selected.isChecked():
            self._refilter()

    def select(self, problem: viewer.Problem) -> bool:
        """Select ``problem``'s row, all the export's problems listed (not only the selected profile's)."""
        self.only_selected.setChecked(False)
        for row in range(self.model.rowCount()):
            if self.model.problem_at(row) is problem:
                index = self.model.index(row, 0)
                self.table.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
                self.table.scrollTo(index)
                return True
        return False

    def count(self) -> int:
        """How many problems the export has."""
        return len(self._problems)

    def title(self) -> str:
        """The tab title: errors and warnings counted, notes apart (``Problems 2 · 1 note``); no count until checked."""
        if self._checking and not self._problems:
            return "Problems"
        notes = sum(1 for p in self._problems if p.severity is viewer.Severity.INFO)
        serious = len(self._problems) - notes
        return f"Problems {serious}" + (f" · {notes} note{'s' if notes != 1 else ''}" if notes else "")

    @Slot()
    def _refilter(self) -> None:
        rows = None
        if self.only_selected.isChecked():
            rows = [n for n, p in enumerate(self._problems) if p.profile_index == self._profile_index]
        self.model.set_problems(self._problems, rows, name_files=self._several_files)
        if self._checking and not self._problems:
            self.empty.setText(self._checking)
        elif not self._problems:
            self.empty.setText("No problems: every profile looks as the API promises")
        else:
            self.empty.setText("No problems with the selected profile")
        self.stack.show_view(self.model.rowCount() > 0)

    def _fit_path_column(self) -> None:
        """The Path column as wide as its paths, within PATH_WIDTH_CHARS (the tooltip has the rest)."""
        self._sizing = True
        self.table.resizeColumnToContents(PATH)
        widest = self.table.fontMetrics().averageCharWidth() * PATH_WIDTH_CHARS
        self._path_fit = min(self.table.columnWidth(PATH), widest)
        self._sizing = False
        self._share_width()

    def _share_width(self) -> None:
        """The Path column at its fitted width within PATH_SHARE of the table; the Message column takes the rest."""
        if self._path_dragged:
            return
        share = int(self.table.viewport().width() * PATH_SHARE)
        self._sizing = True
        self.table.setColumnWidth(PATH, max(60, min(self._path_fit, share)))
        self._sizing = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        """The table's width changed (the splitter moved): share it again."""
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._share_width()
        return super().eventFilter(watched, event)

    @Slot(int, int, int)
    def _on_section_resized(self, section: int, _old: int, _new: int) -> None:
        if section == PATH and not self._sizing and self.table.horizontalHeader().underMouse():
            self._path_dragged = True

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        problem = self.model.problem_at(index.row())
        if problem is not None:
            self.problemActivated.emit(problem)
