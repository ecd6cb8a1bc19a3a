"""What changed between two exports (``exportComparison``): counts, paths, audiences, the profiles.

On the left, tabs: the changed, added and removed profiles (one kind or all,
searchable with the profile list's query language),
the fields and attribute paths that changed with their most common
transitions, and who joined or left each audience. On the right, the selected
profile's two versions side by side (``profileComparison``). The comparison is
built off the GUI thread (``viewer.ui.window.comparing``); this view only shows it.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QModelIndex, QSortFilterProxyModel, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from viewer.compare import ExportComparison
from viewer.compare.values import money
from viewer.model.profile import Profile
from viewer.ui.comparison.profile_comparison import ProfileComparison
from viewer.ui.comparison.row_filter import CHANGES, ComparedRowsFilter, row_profiles, search_rows
from viewer.ui.comparison.summary_models import (
    AudienceMovesModel,
    ComparedProfilesModel,
    ComparedRow,
    FieldChangesModel,
    compared_rows,
)
from viewer.ui.roles import RowItemRole, SortRole
from viewer.ui.tasks import TaskRunner
from viewer.ui.widgets.rows import row_height


def summary_text(result: ExportComparison) -> str:
    """The two lines above the tabs: the counts and how profiles were matched; total sales moved."""
    matched = "matched by ID" if result.matched_by == "id" else "matched by integration ID and environment"
    sales = result.total_sales
    return (f"{len(result.added):,} added · {len(result.removed):,} removed · {len(result.changed):,} changed · "
            f"{result.unchanged:,} unchanged ({matched})\n"
            f"Total sales: {money(sales.net, signed=True)} net ({money(sales.changed, signed=True)} in changed "
            f"profiles, {money(sales.added, signed=True)} added, {money(-sales.removed, signed=True)} removed)")


def _table(name: str, parent: QWidget) -> QTableView:
    table = QTableView(parent)
    table.setTabKeyNavigation(False)  # Tab goes on to the next widget, not cell to cell
    table.setObjectName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSortingEnabled(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    return table


class ExportComparisonView(QWidget):
    """An ``ExportComparison`` on screen; ``set_comparison`` replaces what is shown."""

    searched = Signal()  # the profile list shows the current query's matches (or says it is no query)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportComparison")
        self.result: ExportComparison | None = None
        self.summary = QLabel(self)
        self.summary.setObjectName("comparisonSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("comparisonTabs")
        profiles_page = QWidget(self.tabs)
        self.filter = QLineEdit(profiles_page)
        self.filter.setObjectName("comparisonProfileFilter")
        self.filter.setPlaceholderText("Search profiles: Name:ada  LoyaltyTier:gold  totalSales>100 …")
        self.filter.setClearButtonEnabled(True)
        self.change = QComboBox(profiles_page)
        self.change.setObjectName("comparisonChangeFilter")
        self.change.addItems(["All changes", "Changed", "Added", "Removed"])
        self.search_note = QLabel(profiles_page)
        self.search_note.setObjectName("comparisonSearchNote")
        self.search_note.setTextFormat(Qt.TextFormat.PlainText)
        self.search_note.hide()
        self.profiles = _table("comparedProfilesTable", profiles_page)
        search_row = QHBoxLayout()
        search_row.addWidget(self.filter, 1)
        search_row.addWidget(self.change)
        page_layout = QVBoxLayout(profiles_page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.addLayout(search_row)
        page_layout.addWidget(self.search_note)
        page_layout.addWidget(self.profiles, 1)
        self.fields = _table("changedFieldsTable", self.tabs)
        self.audiences = _table("audienceMovesTable", self.tabs)
        self.tabs.addTab(profiles_page, "Profiles")
        self.tabs.addTab(self.fields, "Fields")
        self.tabs.addTab(self.audiences, "Audiences")
        self.proxy = ComparedRowsFilter(self)
        self.profiles.setModel(self.proxy)
        self.runner = TaskRunner(self)
        self.filter.textChanged.connect(self.search)
        self.change.currentIndexChanged.connect(lambda i: self.proxy.set_change(CHANGES[i]))
        self._searched: list[Profile] = []  # the profile a query looks at, per row of the profile model
        self.side_by_side = ProfileComparison(self)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("comparisonSplitter")
        splitter.addWidget(self.tabs)
        splitter.addWidget(self.side_by_side)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        column = QVBoxLayout(self)
        column.addWidget(self.summary)
        column.addWidget(splitter, 1)
        self.profile_model = ComparedProfilesModel([], self)
        self.field_model = FieldChangesModel([], self)
        self.audience_model = AudienceMovesModel([], self)

    def set_comparison(self, result: ExportComparison, old_name: str = "Old", new_name: str = "New") -> None:
        """Show ``result``; the two sides are titled ``old_name`` and ``new_name``."""
        self.result = result
        self._names = (old_name, new_name)
        self.summary.setText(summary_text(result))
        for model in (self.profile_model, self.field_model, self.audience_model):
            model.deleteLater()
        self.profile_model = ComparedProfilesModel(compared_rows(result), self)
        self.field_model = FieldChangesModel(result.fields, self)
        self.audience_model = AudienceMovesModel(result.audiences, self)
        self.proxy.setSourceModel(self.profile_model)
        self._searched = row_profiles(compared_rows(result))
        self.proxy.set_matches(None)
        if self.filter.text():
            self.search(self.filter.text())
        for table, model in ((self.fields, self.field_model), (self.audiences, self.audience_model)):
            sorting = QSortFilterProxyModel(self)
            sorting.setSortRole(SortRole)
            sorting.setSourceModel(model)
            table.setModel(sorting)
        self.tabs.setTabText(0, f"Profiles ({self.profile_model.rowCount():,})")
        self.tabs.setTabText(1, f"Fields ({len(result.fields):,})")
        self.tabs.setTabText(2, f"Audiences ({len(result.audiences):,})")
        for table in (self.profiles, self.fields, self.audiences):
            table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
            table.verticalHeader().setDefaultSectionSize(row_height(table))
        self.fields.sortByColumn(1, Qt.SortOrder.DescendingOrder)
        self.audiences.sortByColumn(1, Qt.SortOrder.DescendingOrder)
        self.profiles.selectionModel().selectionChanged.connect(self._on_selected)
        self.side_by_side.set_profiles(None, None, old_name, new_name)
        if self.proxy.rowCount():
            self.profiles.selectRow(0)

    @Slot(str)
    def search(self, text: str) -> None:
        """Show the profiles ``text`` selects (the profile list's query language), searched in a worker."""
        self._note("Searching…" if text.strip() else "")
        self.runner.submit("comparison-search", search_rows, self._searched, text,
                           on_result=self._show_matches, on_error=self._show_invalid)

    def _note(self, text: str) -> None:
        self.search_note.setText(text)
        self.search_note.setVisible(bool(text))

    def _show_matches(self, rows: set[int] | None) -> None:
        self.proxy.set_matches(rows)
        self._note("" if rows is None else f"{self.proxy.rowCount():,} profiles match")
        self.searched.emit()

    def _show_invalid(self, error: BaseException) -> None:
        if not isinstance(error, ValueError):
            raise error
        self._note(f"Not a query: {error}")
        self.searched.emit()

    @Slot(QItemSelection, QItemSelection)
    def _on_selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        row = indexes[0].data(RowItemRole) if indexes else None
        if isinstance(row, ComparedRow):
            self.show_row(row)

    def show_row(self, row: ComparedRow) -> None:
        """Show one compared profile's two versions side by side."""
        self.side_by_side.set_profiles(row.old, row.new, *self._names)

    def selected_row(self) -> ComparedRow | None:
        """The compared profile selected in the list."""
        index: QModelIndex = self.profiles.currentIndex()
        row = index.data(RowItemRole) if index.isValid() else None
        return row if isinstance(row, ComparedRow) else None
