"""The attribute tab: a filter bar over the attribute tree and a detail area.

Small trees (a typical profile has 15 attributes) are filtered on the spot, in
well under a millisecond. Large ones are indexed and matched in a background
thread (``FilterRunner``): a keystroke only restarts a short debounce timer and
only the newest result reaches the model. The parts live in their own modules:
``attribute_filter_bar`` (the query), ``attribute_filter_runner`` (the worker),
``attribute_tree_view`` (the tree widget), ``attribute_view_memory`` (expansion,
selection and scroll across profiles) and ``attribute_actions`` (copy, menus).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QTextOption
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from viewer.attributes.detail import detail_text
from viewer.attributes.filter import FilterResult, match
from viewer.attributes.nodes import Node
from viewer.attributes.paths import ROOT_NAME
from viewer.model.values import cut_long_lines
from viewer.ui.attributes.actions import AttributeActions
from viewer.ui.attributes.filter_bar import AttributeFilterBar
from viewer.ui.attributes.filter_runner import FilterRunner, TreeState
from viewer.ui.attributes.model import AttributeModel
from viewer.ui.attributes.tree_view import AttributeTreeView
from viewer.ui.attributes.view_memory import AttributeViewMemory

DEBOUNCE_MS = 30  # large trees only: coalesces bursts of typing (auto-repeat, paste)
EXPAND_ALL_BUDGET = 20000  # rows "Expand all" / "Expand to level" may reveal
# Above this many characters the detail area wraps anywhere: finding word boundaries
# in a long run without spaces is quadratic in Qt (a 5 MB string froze it for minutes).
LONG_DETAIL = 100_000
DETAIL_LIMIT = 500_000


class AttributeView(QWidget):
    """Filterable tree of a profile's custom attributes with copyable paths."""

    matchCountChanged = Signal(int)  # matches of the current filter, 0 when cleared
    filterApplied = Signal(int)  # every time a filter result (or clearing) is shown

    def __init__(
        self, parent: QWidget | None = None, *, find_shortcut: bool = True, root_name: str = ROOT_NAME
    ) -> None:
        """``find_shortcut=False`` leaves Ctrl+F to a window that routes it here (two would clash).

        ``root_name`` starts the copied paths (``""``: a session's ``cartItems[0]``, not ``attributes…``).
        """
        super().__init__(parent)
        self._root_name = root_name
        self._match_count = 0
        self._runner = FilterRunner(self)
        self._runner.resultReady.connect(self._show_result)
        self._runner.resultDelayed.connect(self._on_result_delayed)
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self._apply_filter)
        self._expanding: tuple[Callable[[Node], bool], int] | None = None  # the last bulk expansion
        self._build_widgets()
        self._memory = AttributeViewMemory(self._tree)
        self._actions = AttributeActions(self, self, self._tree, find_shortcut=find_shortcut)
        self.set_attributes(None)

    # -- public API ----------------------------------------------------------------
    def set_attributes(self, attributes: dict | None, *, key: object = None) -> None:
        """Show a profile's attributes; ``key`` identifies the profile for its scroll state."""
        self._memory.remember(self._runner.state.key)
        state = TreeState(attributes, key, self._root_name)
        self._runner.set_state(state)  # results for the old tree are stale now
        self._expand_bar.hide()
        empty = not attributes
        self._stack.setCurrentIndex(1 if empty else 0)
        self._bar.setVisible(not empty)  # nothing to filter; the typed text is kept
        with self._memory.untracked():
            self._model.set_tree(state.tree)
        self._detail.clear()
        if self._bar.has_query():
            self._apply_filter()
        else:
            self._memory.restore(state.tree, key)
            if state.large:  # index soon, so the first keystroke finds it ready
                self._runner.prebuild_soon()

    def expand_all(self) -> None:
        """Expand every row (breadth first, up to EXPAND_ALL_BUDGET revealed rows; the bar offers more)."""
        self._expand(lambda node: True, EXPAND_ALL_BUDGET)

    def collapse_all(self) -> None:
        """Collapse every row."""
        self._expand_bar.hide()
        self._tree.collapseAll()

    def expand_to_level(self, level: int) -> None:
        """Expand rows down to ``level`` (1: top-level containers open), collapse the rest."""
        self._tree.collapseAll()
        self._expand(lambda node: node.depth() <= level, EXPAND_ALL_BUDGET)

    def expand_more(self) -> None:
        """Go on with the last Expand all / Expand to level: EXPAND_ALL_BUDGET rows more."""
        if self._expanding is not None:
            wanted, budget = self._expanding
            self._expand(wanted, budget + EXPAND_ALL_BUDGET)

    def focus_filter(self) -> None:
        """Put the cursor in the filter box with its text selected."""
        self._bar.focus()

    def clear_filter(self) -> None:
        """Empty the filter box and show the whole tree again."""
        self._debounce.stop()
        self._bar.clear()
        self._apply_filter()

    def view_actions(self) -> list[QAction]:
        """Actions for the main window's View menu."""
        return self._actions.view_actions()

    def copy_menu(self, parent: QWidget) -> QMenu:
        """The tree's copy actions as a submenu for the main window's Edit menu."""
        return self._actions.copy_menu(parent)

    def is_filtered(self) -> bool:
        """Whether a filter is on (it stays on from one profile to the next)."""
        return self._model.filter_result is not None

    def match_count(self) -> int:
        """Matches of the filter shown (0 without a filter)."""
        return self._match_count

    def tree_view(self) -> QTreeView:
        """The tree widget (for tests and keyboard focus chains)."""
        return self._tree

    def _expand(self, wanted: Callable[[Node], bool], budget: int) -> None:
        done = self._tree.expand_breadth_first(wanted, budget)
        self._expanding = (wanted, budget)
        if done.complete:
            self._expand_bar.hide()
            return
        self._expand_note.setText(f"Expanded the first {done.rows:,} rows; the rest stay collapsed.")
        self._expand_bar.show()

    # -- construction --------------------------------------------------------------
    def _build_widgets(self) -> None:
        self._bar = AttributeFilterBar(self)
        self._expand_bar = QWidget()  # says when Expand all stopped at its budget, offers to go on
        self._expand_bar.setObjectName("attributeExpandBar")
        self._expand_note = QLabel()
        self._expand_note.setObjectName("attributeExpandNote")
        self._expand_note.setTextFormat(Qt.TextFormat.PlainText)
        self._expand_more = QPushButton(f"Expand {EXPAND_ALL_BUDGET:,} more")
        self._expand_more.setObjectName("attributeExpandMore")
        self._expand_more.clicked.connect(self.expand_more)
        expand_row = QHBoxLayout(self._expand_bar)
        expand_row.setContentsMargins(4, 2, 4, 2)
        expand_row.addWidget(self._expand_note, 1)
        expand_row.addWidget(self._expand_more)
        self._expand_bar.hide()
        self._model = AttributeModel(self)
        self._tree = AttributeTreeView(self._model)
        self._detail = QPlainTextEdit()
        self._detail.setObjectName("attributeDetail")
        self._detail.setReadOnly(True)
        self._detail.setPlaceholderText("Select an attribute to see its full value and path")
        self._detail.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self._tree)
        splitter.addWidget(self._detail)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)

        empty = QLabel("No custom attributes")
        empty.setObjectName("attributeEmpty")
        empty.setTextFormat(Qt.TextFormat.PlainText)
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty.setEnabled(False)  # the platform's quiet text colour
        self._stack = QStackedWidget()
        self._stack.addWidget(splitter)
        self._stack.addWidget(empty)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._bar)
        layout.addWidget(self._expand_bar)
        layout.addWidget(self._stack, 1)

        self._bar.queryEdited.connect(self._on_query_edited)
        self._bar.optionsChanged.connect(self._apply_filter)
        self._tree.selectionModel().currentChanged.connect(self._on_current_changed)

    # -- filtering -----------------------------------------------------------------
    @Slot()
    def _on_query_edited(self) -> None:
        if self._runner.state.large:
            self._debounce.start()
        else:
            self._apply_filter()

    @Slot()
    def _apply_filter(self) -> None:
        self._debounce.stop()
        query = self._bar.query()
        self._bar.mark_invalid(query.error)
        if query.error is not None:
            self._runner.cancel()  # a pending older result must not land under an error
            self._bar.show_status("Invalid regex")
            return
        if query.is_empty:
            self._runner.cancel()
            self._show_result(None)
            return
        state = self._runner.state
        if state.large:
            self._runner.run(query)
        else:
            self._show_result(match(state.ensure_index(), query))

    @Slot()
    def _on_result_delayed(self) -> None:
        self._bar.show_status("Filtering…")

    @Slot(object)
    def _show_result(self, result: FilterResult | None) -> None:
        state = self._runner.state
        self._expand_bar.hide()  # the filter decides what is open now
        was_filtered = self._model.filter_result is not None
        if result is not None and not was_filtered:
            self._memory.remember(state.key)
        with self._memory.untracked():
            self._model.set_filter_result(result)
        self._bar.show_result(result)
        if result is None:
            if was_filtered:
                self._memory.restore(state.tree, state.key, reveal_current=True)
        else:
            parents = {n.parent for n in result.visible}
            with self._memory.untracked():
                self._tree.expand_breadth_first(lambda node: node in parents)
            if not self._memory.reselect(state.tree):  # after expanding: selecting lays the view out
                self._detail.clear()
        count = 0 if result is None else result.count
        if count != self._match_count:
            self._match_count = count
            self.matchCountChanged.emit(count)
        self.filterApplied.emit(count)

    # -- detail area -----------------------------------------------------------------
    @Slot(QModelIndex, QModelIndex)
    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        node = self._model.node(current)
        if node is None:
            self._detail.clear()
            return
        self._memory.note_current(node)
        # Even wrapped anywhere, laying out megabytes takes seconds: beyond
        # DETAIL_LIMIT the start shows, with a note (Copy value copies all).
        text = cut_long_lines(detail_text(node), DETAIL_LIMIT)
        long_text = len(text) > LONG_DETAIL
        self._detail.clear()  # a mode change relays out the text shown: never the long one
        self._detail.setWordWrapMode(
            QTextOption.WrapMode.WrapAnywhere if long_text else QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere
        )
        self._detail.setPlainText(text)

