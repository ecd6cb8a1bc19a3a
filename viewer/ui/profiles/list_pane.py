"""The left half of the main window: the profile search box, its count, the profile table."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from viewer.model.profile import Profile
from viewer.query.completions import completion_words
from viewer.query.evaluate import Evaluator
from viewer.query.key_codes import ANSWER_FIRST
from viewer.query.language import ParseError, parse
from viewer.query.narrowing import RecentAnswers
from viewer.query.search_index import ProfileSearchIndex
from viewer.ui.gui_clock import after_paint
from viewer.ui.profiles.cell_painter import ProfileCellPainter
from viewer.ui.profiles.profile_table import ProfileTable
from viewer.ui.profiles.query_completer import QueryCompleter
from viewer.ui.profiles.search_texts import INVALID_COUNT_STYLE, INVALID_STYLE, SEARCH_TIP, count_text, invalid_text
from viewer.ui.profiles.search_work import Answer, StillList, drop_cancelled, learn_keys, run_search, tidy_memory
from viewer.ui.profiles.table_model import ProfileTableModel
from viewer.ui.tasks import TaskRunner, hold_background
from viewer.ui.widgets.rows import row_height
from viewer.ui.widgets.search_box import SearchBox
from viewer.ui.widgets.tooltips import tooltip_html

COLUMN_WIDTHS = (90, 180, 80, 120, 120, 70, 100, 70)  # until the first export's columns are fitted
MAX_LIST_SHARE = 0.6  # of the window's width, when the list widens to show its columns
NO_MATCHES = "No profile matches the search"
NO_PROFILES = "This export holds no profiles"
NO_SELECTION = "No profile selected"
SEARCHING = "Searching…"
INVALID_AFTER_MS = 700  # an invalid query is marked once typing pauses this long
SEARCHING_AFTER_MS = 150  # a background search still running after this says so, rather than a stale count
TIDY_AFTER_MS = 1000  # after a search or sort, a pause this long hands freed memory back (``tidy_memory``)


class ProfileListPane(QWidget):
    """Search box (``profileSearch``), "N of M profiles" (``profileCount``) and the table (``profileList``).

    ``currentProfileChanged(profile or None)`` is emitted when another profile
    becomes current, by the person or by filtering.
    """

    currentProfileChanged = Signal(object)
    searchApplied = Signal()  # the profile list shows the current query's matches
    helpRequested = Signal()  # the search's help button or F1 in the box: show the query syntax

    # Above this many profiles a search runs in a worker thread: terms over the index took 40-150 ms per
    # keystroke for 100,000 profiles (an attribute term, a negation), typing ahead of the list in the GUI thread.
    background_search_from = 50_000
    # A query that must first read a column runs there from here (the first ChurnRisk>0.5 or Address.Zip>1
    # took 0.2-0.7 s for 100,000 profiles; later keystrokes 10-40 ms).
    background_column_from = 20_000
    # A query typed further is tested only on the previous answer's profiles: up to this many, at once
    # (a scan of 10,000 profiles' texts takes a few milliseconds; a worker's round trip, 5-20 more).
    search_here_up_to = 10_000
    # From this many profiles the index writes its keys as codes as soon as it is given (``search_work.learn_keys``)
    learn_keys_from = 20_000

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("profileListPane")
        self._profiles: Sequence[Profile] = ()
        self._index: ProfileSearchIndex | None = None
        self._evaluator: Evaluator | None = None  # answers the query language; keeps the columns it read
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
        self.search.setToolTip(SEARCH_TIP)
        self.search_error: ParseError | None = None  # what is wrong with the query in the box, if anything
        self.shown_query = ""  # the last valid query, whose result the list shows ("": every profile)
        # An invalid query keeps the last valid result in the list (see ``search_texts.invalid_text``); the box says
        # so with this icon (``profileSearchError``), its red frame and a wave under where it goes wrong.
        self.error_action = self.search.addAction(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
            QLineEdit.ActionPosition.TrailingPosition)
        self.error_action.setObjectName("profileSearchError")
        self.error_action.setVisible(False)
        self.error_action.triggered.connect(self._show_error_position)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("profileCount")
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.count_label.setWordWrap(True)  # an invalid query's error and what the list shows instead
        self.model = ProfileTableModel(self)
        self.table = ProfileTable(self)
        self.table.setObjectName("profileList")
        self.table.setModel(self.model)
        self.table.setItemDelegate(ProfileCellPainter(self.table))  # the plain cells drawn from cached texts
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)  # Copy rows, Export
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)  # Tab leaves the list (stepping through cells changed the profile)
        self.table.typedToFind.connect(self._type_in_search)
        rows = self.table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # uniform heights: 100k rows stay cheap
        rows.setDefaultSectionSize(row_height(self.table))  # the attribute tree's rows are as high
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSortIndicatorClearable(True)  # a third click goes back to file order
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setHighlightSections(False)
        for column, width in enumerate(COLUMN_WIDTHS):
            self.table.setColumnWidth(column, width)
        self.table.hide_default_columns()
        # A header state the window restores differs from this one: then its widths are kept.
        self._untouched_header = self.table.column_layout()
        self._columns_fitted = False
        self.table.setSortingEnabled(True)
        self.search_help = QToolButton(self)
        self.search_help.setObjectName("profileSearchHelp")
        self.search_help.setText("?")
        self.search_help.setAutoRaise(True)
        self.search_help.setToolTip("Search syntax, with examples (F1)")
        self.search_help.clicked.connect(self.helpRequested)
        help_key = QShortcut(QKeySequence(Qt.Key.Key_F1), self.search, context=Qt.ShortcutContext.WidgetShortcut)
        help_key.activated.connect(self.helpRequested)
        self.completions = QueryCompleter(self.search, keep_visible=self.count_label)  # the count stays in view
        self.search.lead_to(self.table)  # Return: on to the profiles; Esc there: back
        search_row = QHBoxLayout()
        search_row.setSpacing(2)
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.search_help)
        layout.addLayout(search_row)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)
        QWidget.setTabOrder(self.search, self.search_help)  # Tab as the eye reads: the box, its "?", the list
        QWidget.setTabOrder(self.search_help, self.table)
        self.search.textChanged.connect(self.apply_search)
        self.model.layoutAboutToBeChanged.connect(self.table.note_view_before_sort)  # before a sort ...
        self.model.layoutChanged.connect(self.table.show_sorted_order)  # ... and after it
        self.model.sortStarted.connect(lambda: self.count_label.setText(f"Sorting {self.model.rowCount():,} rows…"))
        self.model.sortApplied.connect(self.update_count)
        self._runner = TaskRunner(self)  # kind "search"; an error in a search reaches sys.excepthook
        self._still = StillList(self.table)  # no repaint of the last answer while the next is searched
        self._recent = RecentAnswers()  # the last answers over the export shown, for the next keystroke
        self._invalid_later = QTimer(self, singleShot=True, interval=INVALID_AFTER_MS)
        self._invalid_later.timeout.connect(self._show_invalid)
        self._slow_search = QTimer(self, singleShot=True, interval=SEARCHING_AFTER_MS)
        self._slow_search.timeout.connect(self._say_searching)
        # Once the person pauses after searches and sorts, the C heap's free pages go back to the system (in a
        # worker: ``malloc_trim`` lets go of the interpreter). Their temporary lists of 100,000 indices stay
        # with the process otherwise: in the window on 100,000 profiles (87 MB) two sorts and four searches
        # typed a keystroke at a time left 26 MB more resident (0.3 times the file), and 4 MB once trimmed.
        self._tidy = QTimer(self, singleShot=True, interval=TIDY_AFTER_MS)
        self._tidy.timeout.connect(lambda: self._runner.submit("tidy", tidy_memory))
        self.model.sortApplied.connect(self._tidy.start)
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
            self._mark_invalid(None)
            self.shown_query = ""
        self._profiles, self._index, self._evaluator, self._chosen = profiles, None, None, None
        self._runner.cancel("keys")
        self._recent.clear()
        self._still.release()  # (a search for the export before is dropped when it answers)
        self.model.set_profiles(profiles)
        self.update_count()
        if profiles and not self._columns_fitted:
            self._columns_fitted = True
            if self.table.column_layout() == self._untouched_header:
                self.table.fit_columns()
                self._widen_for_columns()
        row = self.model.row_of_profile(select) if select is not None else -1
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, 0))
            self.table.scrollTo(self.table.currentIndex())
        elif self._current is not None:
            self._current = None
            self.currentProfileChanged.emit(None)

    def set_search_index(self, index: ProfileSearchIndex, words: list[str] | None = None) -> None:
        """The search index is ready: apply what was typed meanwhile (``words``: completions read beside it)."""
        self._index = index
        if len(index) >= self.learn_keys_from and not index.keys_learnt:
            self._runner.submit("keys", learn_keys, index)  # (``search_work.learn_keys``)
        self._evaluator = Evaluator(self._profiles, index)
        self._recent.clear()
        self.completions.set_words(completion_words(self._profiles) if words is None else words)
        if self.search.text():
            self.apply_search(self.search.text())

    @Slot(str)
    def apply_search(self, text: str) -> None:
        """Show the profiles matching ``text`` (``viewer.query.language``); an invalid query is marked, not run."""
        query = parse(text)
        self._mark_invalid(query if isinstance(query, ParseError) else None)
        if isinstance(query, ParseError):  # the list keeps its last result
            return
        if self._index is None:  # typed while the index is being built: applied once it is ready
            if text.strip() and self._profiles:
                self.count_label.setText("Preparing search… the search runs when it is ready")
            else:
                self.update_count()
            return
        hold_background()  # the late checks of a big file stand aside while the person types
        index, evaluator, profiles = self._index, self._evaluator, self._profiles
        self.shown_query = text.strip()  # its result replaces the list's (a newer search cancels an older one)
        if evaluator is None or evaluator.profiles is not profiles:
            evaluator = self._evaluator = Evaluator(profiles, index)
            self._recent.clear()
        known = self._recent.seen(query)
        if known is not None:  # typed back to a query answered a moment ago
            self._runner.cancel("search")
            self._show_matches((index, known, None))
            return
        within = self._recent.candidates(query)  # typed further: only the last answer's profiles can match
        quick = evaluator.is_quick(query)
        size = len(profiles) if within is None else len(within)
        if query.root is not None and not evaluator.is_instant(query) and (
            size >= self.background_search_from or (not quick and len(profiles) >= self.background_column_from)
            or (quick and within is not None and size > self.search_here_up_to)
        ):  # clearing is instant
            if not quick:
                self.count_label.setText(SEARCHING)
            else:  # an index search is usually back within a keystroke; if not, the count must not go stale
                self._slow_search.start()
            self._still.hold()
            self._runner.submit("search", run_search, index, evaluator, query, within, on_result=self._show_matches,
                                on_error=self._search_failed)
            return
        self._runner.cancel("search")
        self._show_matches((index, evaluator.matches(query, within=within), query))

    @Slot()
    def _say_searching(self) -> None:
        if self._runner.is_busy("search"):
            self.count_label.setText(SEARCHING)

    def _mark_invalid(self, error: ParseError | None) -> None:
        """Frame the box in red and say what is wrong where (None: back to normal).

        Not at once: most queries are invalid at some keystroke while typed (``a OR`` before ``b``);
        a box flashing red at each scolds the person for typing. The error shows once typing pauses
        for ``INVALID_AFTER_MS``, or at once when the box is marked already.
        """
        self.search_error = error
        if error is not None and not self.search.property("invalid"):
            self._invalid_later.start()
            return
        self._invalid_later.stop()
        self._show_invalid()

    @Slot()
    def _show_invalid(self) -> None:
        error = self.search_error
        if error is None:
            if self.search.property("invalid"):
                self.search.setProperty("invalid", False)
                self.search.setStyleSheet("")
                self.search.setToolTip(SEARCH_TIP)
                self.search.underline(None)
                self.error_action.setVisible(False)
                self.count_label.setStyleSheet("")
                self.update_count()
            return
        text, at = error.text, error.position
        end = at + 1
        while end < len(text) and not text[end].isspace():
            end += 1  # the rest of the word where it goes wrong
        self.search.underline(at, end - at)
        self.search.setProperty("invalid", True)
        self.search.setStyleSheet(INVALID_STYLE)
        self.search.setToolTip(tooltip_html(str(error), "", *SEARCH_TIP.splitlines()))
        self.error_action.setToolTip(str(error))
        self.error_action.setVisible(True)
        self.count_label.setStyleSheet(INVALID_COUNT_STYLE)
        self.count_label.setText(invalid_text(error, self.model.rowCount(), self.shown_query))

    @Slot()
    def _show_error_position(self) -> None:
        """The error icon puts the cursor where the query goes wrong."""
        if self.search_error is not None:
            self.search.setFocus(Qt.FocusReason.OtherFocusReason)
            self.search.setCursorPosition(min(self.search_error.position, len(self.search.text())))

    def _search_failed(self, error: BaseException) -> None:
        self._still.release()
        drop_cancelled(error)

    def _show_matches(self, answer: Answer) -> None:
        index, matches, query = answer
        self._still.release()  # (the list repaints once, with this answer)
        if index is not self._index:
            return  # an answer for an export that is no longer shown
        if query is not None and matches is not None:
            self._recent.remember(query, matches)
        self._slow_search.stop()
        self._searching = True  # the filter itself may move the current row: that is the search's doing too
        try:
            self.model.set_filter(matches)
            self.update_count()
            # The profile the person chose stays chosen while a query narrows and widens;
            # when it is filtered out the first match shows, without becoming the choice.
            anchor = self._chosen
            row = self.model.row_of_profile(anchor) if anchor is not None else -1
            if row < 0 and self.model.rowCount():
                row = 0
            if row >= 0:
                self.table.setCurrentIndex(self.model.index(row, 0))
                self.table.scrollTo(self.model.index(row, max(self.table.columnAt(0), 0)))  # not sideways
            elif self._current is not None:  # nothing matches: show no profile rather than a stale one
                self._current = None
                self.currentProfileChanged.emit(None)
        finally:
            self._searching = False
        self.searchApplied.emit()
        self._tidy.start()
        # the key coding waits for this paint, not only for the search (``key_codes.Turns``)
        after_paint(self.table.viewport(), index.answer_shown, 1, ANSWER_FIRST, give_up=ANSWER_FIRST)

    def _widen_for_columns(self) -> None:
        """Ask the splitter holding the list for the width its shown columns need (at most ``MAX_LIST_SHARE``)."""
        splitter = self.parentWidget()
        if not isinstance(splitter, QSplitter) or splitter.orientation() != Qt.Orientation.Horizontal:
            return
        layout = self.layout()
        margins = layout.contentsMargins().left() + layout.contentsMargins().right() if layout is not None else 0
        needed = self.table.columns_width() + margins
        sizes = splitter.sizes()
        mine = splitter.indexOf(self)
        total = sum(sizes)
        if mine < 0 or len(sizes) != 2 or total <= 0 or sizes[mine] >= needed:
            return
        width = min(needed, int(total * MAX_LIST_SHARE))
        sizes[mine], sizes[1 - mine] = width, total - width
        splitter.setSizes(sizes)

    @Slot(str)
    def _type_in_search(self, text: str) -> None:
        """Letters typed in the list go on in the search box."""
        self.search.setFocus()
        self.search.insert(text)

    def empty_text(self) -> str:
        """Why no profile is current: what the details side says instead of a profile."""
        if not self.model.profile_count():
            return NO_PROFILES
        if not self.model.rowCount():
            if self.search_error is not None:  # the list shows the last valid query's (empty) result
                return f"The search is not a valid query yet: {self.search_error}"
            return NO_MATCHES
        return NO_SELECTION

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

    def moving_for_search(self) -> bool:
        """Whether the current profile is changing because a search's answer moved the list, not a person."""
        return self._searching

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
        if self.search_error is not None and self.search.property("invalid"):  # in sight until mended
            self.count_label.setText(invalid_text(self.search_error, self.model.rowCount(), self.shown_query))
            return
        total = self.model.profile_count()
        self.count_label.setText(count_text(self.model.rowCount(), total, self.shown_query, self._profiles))

