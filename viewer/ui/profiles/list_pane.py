"""The left half of the main window: the profile search box, its count, the profile table."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from viewer.model.profile import Profile
from viewer.query.search_index import ProfileSearchIndex
from viewer.ui.latest_runner import LatestRunner
from viewer.ui.profiles.table_model import ProfileTableModel

COLUMN_WIDTHS = (90, 180, 80, 120, 120, 70, 100, 70)


def plural(n: int, word: str) -> str:
    """``1 profile`` / ``100,000 profiles``."""
    return f"{n:,} {word}{'' if n == 1 else 's'}"


class SearchBox(QLineEdit):
    """A search field that Esc clears."""

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        super().keyPressEvent(event)


class ProfileTable(QTableView):
    """The profile list's table: Home and End go to the first and last profile.

    A plain ``QTableView`` moves Home/End along the current row's cells, which
    with whole-row selection looks like the keys do nothing.
    """

    def moveCursor(  # noqa: N802 - Qt API
        self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        if action in (QAbstractItemView.CursorAction.MoveHome, QAbstractItemView.CursorAction.MoveEnd):
            modifiers |= Qt.KeyboardModifier.ControlModifier
        return super().moveCursor(action, modifiers)


class ProfileListPane(QWidget):
    """Search box (``profileSearch``), "N of M profiles" (``profileCount``) and the table (``profileList``).

    ``currentProfileChanged(profile or None)`` is emitted when another profile
    becomes current, by the person or by filtering.
    """

    currentProfileChanged = Signal(object)
    searchApplied = Signal()  # the profile list shows the current query's matches

    # Above this many profiles a search (25-50 ms per 100,000) runs in a worker thread.
    background_search_from = 150_000

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("profileListPane")
        self._profiles: Sequence[Profile] = ()
        self._index: ProfileSearchIndex | None = None
        self._current: Profile | None = None
        self._chosen: int | None = None  # profile index the person last selected
        self._searching = False  # a selection change comes from filtering, not from the person
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 0, 4)
        self.search = SearchBox(self)
        self.search.setObjectName("profileSearch")
        self.search.setPlaceholderText("Search profiles…  (Name:ada  audience:newsletter  live)")
        self.search.setClearButtonEnabled(True)
        self.search.setAcceptDrops(False)  # a dropped file opens; its path is no search text
        self.search.setToolTip(
            "Free text matches ID, integration ID, audience names and attribute values.\n"
            "Key:value matches one attribute; audience:Name; live, sandbox, env:unknown.\n"
            "Several terms must all match. Esc clears, Ctrl+L comes back here."
        )
        self.count_label = QLabel(self)
        self.count_label.setObjectName("profileCount")
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.model = ProfileTableModel(self)
        self.table = ProfileTable(self)
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
        for column, width in enumerate(COLUMN_WIDTHS):
            self.table.setColumnWidth(column, width)
        self.table.setSortingEnabled(True)
        layout.addWidget(self.search)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)
        self.search.textChanged.connect(self.apply_search)
        self.model.layoutChanged.connect(self._keep_current_in_view)  # after a sort
        self._runner = LatestRunner(self)
        self._runner.resultReady.connect(self._show_matches)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)

    def set_profiles(self, profiles: Sequence[Profile], *, keep_search: bool = False, select: int | None = 0) -> None:
        """Show a new export; the search box is emptied unless ``keep_search`` (a reload).

        ``select`` is the profile index to make current (None: none). The search
        index arrives later (``set_search_index``); until then all profiles show.
        """
        if not keep_search:
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
        self._profiles, self._index, self._chosen = profiles, None, None
        self.model.set_profiles(profiles)
        self.update_count()
        row = self.model.row_of_profile(select) if select is not None else -1
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, 0))
            self.table.scrollTo(self.table.currentIndex())
        elif self._current is not None:
            self._current = None
            self.currentProfileChanged.emit(None)

    def set_search_index(self, index: ProfileSearchIndex) -> None:
        """The search index of the profiles shown is ready: apply what was typed meanwhile."""
        self._index = index
        if self.search.text():
            self.apply_search(self.search.text())

    @Slot(str)
    def apply_search(self, text: str) -> None:
        """Show the profiles matching ``text`` (the search box's query syntax)."""
        if self._index is None:
            return  # typed while the index is being built: applied once it is ready
        index, profiles = self._index, self._profiles
        if text.strip() and len(profiles) >= self.background_search_from:  # clearing is instant
            self._runner.submit(lambda _stale: (index, index.search(text, profiles)))
            return
        self._runner.cancel()
        self._show_matches((index, index.search(text, profiles)))

    @Slot(object)
    def _show_matches(self, answer: object) -> None:
        if isinstance(answer, Exception):
            raise answer  # a bug in the search: surface it, never swallow it
        index, matches = answer  # type: ignore[misc]
        if index is not self._index:
            return  # an answer for an export that is no longer shown
        self.model.set_filter(matches)
        self.update_count()
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
        elif self._current is not None:  # nothing matches: show no profile rather than a stale one
            self._current = None
            self.currentProfileChanged.emit(None)
        self.searchApplied.emit()

    @Slot()
    def _keep_current_in_view(self) -> None:
        current = self.table.currentIndex()
        if current.isValid():
            self.table.scrollTo(current)

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

    @Slot(QModelIndex, QModelIndex)
    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        profile = self.model.profile_at(current.row()) if current.isValid() else None
        if profile is not None and not self._searching:
            self._chosen = profile.index
        if profile is not self._current:
            self._current = profile
            self.currentProfileChanged.emit(profile)

    def update_count(self) -> None:
        """Say how many profiles the search lets through."""
        total = self.model.profile_count()
        self.count_label.setText(f"{self.model.rowCount():,} of {plural(total, 'profile')}")
