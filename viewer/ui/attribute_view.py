"""The attribute tab: a filter bar over the attribute tree and a detail area.

Small trees (a typical profile has 15 attributes) are filtered on the spot, in
well under a millisecond. Large ones are indexed and matched in a background
thread: a keystroke only restarts a short debounce timer, each query gets a
request number, a newer one makes the older give up at its next check, and
only the newest result reaches the model (newest-request-wins).
"""

from __future__ import annotations

import threading
from collections import deque
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPoint, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from viewer.model.attribute_filter import AttributeIndex, FilterCancelled, FilterResult, Query, Scope, match, parse_query
from viewer.model.attribute_tree import TIME, AttributeTree, Node, count_values
from viewer.ui.attribute_model import AttributeModel, tooltip_html

LARGE_TREE = 5000  # values; above this, index and filter in a background thread
PREBUILD_DELAY_MS = 150
SLOW_FILTER_MS = 250
DEBOUNCE_MS = 30  # large trees only: coalesces bursts of typing (auto-repeat, paste)
EXPAND_BUDGET = 1000  # rows a filter may reveal: the view's layout costs ~12 µs a row
EXPAND_ALL_BUDGET = 20000  # rows "Expand all" / "Expand to level" may reveal
_PATH_MEMORY = 5000  # remembered expanded paths across profiles
_DETAIL_JSON_LIMIT = 2000  # values; bigger subtrees are summarised in the detail area
_INVALID_STYLE = "QLineEdit { border: 2px solid #d0312d; border-radius: 3px; padding: 1px; }"


class _TreeState:
    """One shown tree and its lazily built filter index (shared with workers)."""

    __slots__ = ("tree", "index", "lock", "large", "key")

    def __init__(self, attributes: Any, key: object) -> None:
        self.tree = AttributeTree(attributes)
        self.index: AttributeIndex | None = None
        self.lock = threading.Lock()
        self.large = count_values(self.tree.root.value, LARGE_TREE) > LARGE_TREE
        self.key = key

    def ensure_index(self, cancelled: Any = None) -> AttributeIndex:
        with self.lock:
            if self.index is None:
                self.index = AttributeIndex.build(self.tree, cancelled)
            return self.index


class _Bridge(QObject):
    """Lives in the GUI thread; workers emit on it, so delivery is queued."""

    finished = Signal(int, object)  # request, FilterResult | None


class AttributeTreeView(QTreeView):
    """The tree, with a cheap way to expand thousands of rows at once."""

    def set_expanded_many(self, indexes: list[QModelIndex], expanded: bool = True) -> None:
        """Expand or collapse many rows with one layout instead of one per row."""
        # With a layout pending, QTreeView.expand only records the index.
        self.scheduleDelayedItemsLayout()
        for index in indexes:
            self.setExpanded(index, expanded)


class AttributeView(QWidget):
    """Filterable tree of a profile's custom attributes with copyable paths."""

    matchCountChanged = Signal(int)  # matches of the current filter, 0 when cleared
    filterApplied = Signal(int)  # every time a filter result (or clearing) is shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = _TreeState(None, None)
        self._request = 0
        self._shown_request = 0
        self._match_count = 0
        self._tracking = True  # expansion signals update the remembered paths
        self._expanded_paths: dict[tuple, bool] = {}
        self._scroll_paths: dict[object, tuple] = {}
        self._last_top: tuple | None = None
        self._current_path: tuple | None = None
        self._bridge = _Bridge(self)
        self._bridge.finished.connect(self._on_worker_finished, Qt.ConnectionType.QueuedConnection)
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self._apply_filter)
        # Indexing holds the GIL in slices: start it after the first paint, not during it.
        self._prebuild = QTimer(self, singleShot=True, interval=PREBUILD_DELAY_MS)
        self._prebuild.timeout.connect(self._prebuild_index)
        self._build_widgets()
        self._build_actions()
        self.set_attributes(None)

    # -- public API ----------------------------------------------------------------
    def set_attributes(self, attributes: dict | None, *, key: object = None) -> None:
        """Show a profile's attributes; ``key`` identifies the profile for its scroll state."""
        self._remember_view_state()
        self._request += 1  # results for the old tree are stale now
        self._state = _TreeState(attributes, key)
        empty = not attributes
        self._stack.setCurrentIndex(1 if empty else 0)
        self._bar.setVisible(not empty)  # nothing to filter; the typed text is kept
        self._tracking = False
        self._model.set_tree(self._state.tree)
        self._tracking = True
        self._detail.clear()
        if self._filter.text().strip():
            self._apply_filter()
        else:
            self._restore_view_state(key)
            if self._state.large:  # index soon, so the first keystroke finds it ready
                self._prebuild.start()

    def expand_all(self) -> None:
        """Expand every row (breadth first, up to EXPAND_ALL_BUDGET revealed rows)."""
        self._expand_breadth_first(lambda node: True, EXPAND_ALL_BUDGET)

    def collapse_all(self) -> None:
        """Collapse every row."""
        self._tree.collapseAll()

    def expand_to_level(self, level: int) -> None:
        """Expand rows down to ``level`` (1: top-level containers open), collapse the rest."""
        self._tree.collapseAll()
        self._expand_breadth_first(lambda node: node.depth() <= level, EXPAND_ALL_BUDGET)

    def focus_filter(self) -> None:
        """Put the cursor in the filter box with its text selected."""
        self._filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._filter.selectAll()

    def clear_filter(self) -> None:
        """Empty the filter box and show the whole tree again."""
        self._debounce.stop()
        if self._filter.text():
            self._filter.clear()
        self._apply_filter()

    def view_actions(self) -> list[QAction]:
        """Actions for the main window's View menu."""
        return [self._expand_all_action, self._collapse_all_action, self._level_menu.menuAction()]

    def match_count(self) -> int:
        """Matches of the filter shown (0 without a filter)."""
        return self._match_count

    def tree_view(self) -> QTreeView:
        """The tree widget (for tests and keyboard focus chains)."""
        return self._tree

    # -- construction --------------------------------------------------------------
    def _build_widgets(self) -> None:
        self._filter = QLineEdit(objectName="attributeFilter", clearButtonEnabled=True)
        self._filter.setPlaceholderText("Filter attributes…  (key:  value:  >100)")
        self._filter.setToolTip("Filter keys and values; key: or value: narrows, >100 compares numbers")
        self._keys_button = self._tool_button("attributeScopeKeys", "Keys", "Match keys")
        self._values_button = self._tool_button("attributeScopeValues", "Values", "Match values")
        self._regex_button = self._tool_button("attributeRegex", ".*", "Regular expression")
        self._keys_button.setChecked(True)
        self._values_button.setChecked(True)
        self._count_label = QLabel(objectName="attributeMatchCount")
        self._count_label.setTextFormat(Qt.TextFormat.PlainText)
        self._count_label.setMinimumWidth(self._count_label.fontMetrics().horizontalAdvance("000,000 matches"))
        self._bar = QWidget()
        bar = QHBoxLayout(self._bar)
        bar.setContentsMargins(0, 0, 4, 0)
        for widget in (self._filter, self._keys_button, self._values_button, self._regex_button, self._count_label):
            bar.addWidget(widget)

        self._model = AttributeModel(self)
        self._tree = AttributeTreeView(objectName="attributeTree")
        self._tree.setModel(self._model)
        self._tree.setUniformRowHeights(True)
        self._tree.setAlternatingRowColors(True)
        self._tree.setAllColumnsShowFocus(True)
        self._tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self._tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self._tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 220)
        header.resizeSection(2, 80)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(False)
        header.sectionClicked.connect(self._on_header_clicked)

        self._detail = QPlainTextEdit(objectName="attributeDetail", readOnly=True)
        self._detail.setPlaceholderText("Select an attribute to see its full value and path")
        self._detail.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self._tree)
        splitter.addWidget(self._detail)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)

        empty = QLabel("No custom attributes", objectName="attributeEmpty")
        empty.setTextFormat(Qt.TextFormat.PlainText)
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty.setEnabled(False)  # the platform's quiet text colour
        self._stack = QStackedWidget()
        self._stack.addWidget(splitter)
        self._stack.addWidget(empty)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._bar)
        layout.addWidget(self._stack, 1)

        self._filter.textEdited.connect(self._on_text_edited)
        self._keys_button.toggled.connect(self._on_scope_toggled)
        self._values_button.toggled.connect(self._on_scope_toggled)
        self._regex_button.toggled.connect(self._apply_filter)
        self._tree.expanded.connect(self._on_expanded)
        self._tree.collapsed.connect(self._on_collapsed)
        self._tree.selectionModel().currentChanged.connect(self._on_current_changed)
        self._tree.customContextMenuRequested.connect(self._on_context_menu)

    def _tool_button(self, name: str, text: str, tip: str) -> QToolButton:
        button = QToolButton(objectName=name, text=text, checkable=True, autoRaise=True)
        button.setToolTip(tip)
        return button

    def _build_actions(self) -> None:
        def action(text: str, slot: Any, shortcut: Any = None, owner: QWidget | None = None) -> QAction:
            act = QAction(text, self)
            act.triggered.connect(slot)
            if shortcut is not None:
                act.setShortcut(QKeySequence(shortcut))
                act.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
                act.setShortcutVisibleInContextMenu(True)
                (owner or self._tree).addAction(act)
            return act

        self._copy_actions = [
            action("Copy value", self._copy_value, QKeySequence.StandardKey.Copy),
            action("Copy key", self._copy_key, "Ctrl+Alt+K"),
            action("Copy path", self._copy_path, "Ctrl+Shift+C"),
            action("Copy jq path", self._copy_jq_path, "Ctrl+Alt+C"),
            action("Copy subtree as JSON", self._copy_json, "Ctrl+Shift+J"),
        ]
        self._expand_all_action = action("Expand all", self.expand_all)
        self._collapse_all_action = action("Collapse all", self.collapse_all)
        self._level_menu = QMenu("Expand to level", self)
        for level in range(1, 6):
            act = self._level_menu.addAction(str(level))
            act.triggered.connect(lambda _=False, lv=level: self.expand_to_level(lv))
        find = action("Find in attributes", self.focus_filter)
        find.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(find)
        escape = action("Clear filter", self.clear_filter)
        escape.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        escape.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(escape)

    # -- filtering -----------------------------------------------------------------
    def _scope(self) -> Scope:
        keys, values = self._keys_button.isChecked(), self._values_button.isChecked()
        return Scope.KEYS if keys and not values else Scope.VALUES if values and not keys else Scope.BOTH

    @Slot(str)
    def _on_text_edited(self, _text: str) -> None:
        if self._state.large:
            self._debounce.start()
        else:
            self._apply_filter()

    @Slot(bool)
    def _on_scope_toggled(self, checked: bool) -> None:
        if not checked and not (self._keys_button.isChecked() or self._values_button.isChecked()):
            self.sender().setChecked(True)  # one of the two stays on: nothing else makes sense
            return
        self._apply_filter()

    @Slot()
    def _apply_filter(self) -> None:
        self._debounce.stop()
        query = parse_query(self._filter.text(), self._scope(), self._regex_button.isChecked())
        self._mark_invalid(query.error)
        if query.error is not None:
            self._request += 1  # a pending older result must not land under an error
            self._count_label.setText("Invalid regex")
            return
        if query.is_empty:
            self._request += 1
            self._show_result(None)
            return
        if self._state.large:
            self._start_worker(query)
        else:
            self._show_result(match(self._state.ensure_index(), query))

    @Slot()
    def _prebuild_index(self) -> None:
        state = self._state
        if state.index is None:  # no request number: a newer query must not cancel it
            threading.Thread(target=self._work, args=(None, state, None), daemon=True).start()

    def _start_worker(self, query: Query) -> None:
        self._request += 1
        request, state = self._request, self._state
        # Say so only when a result is slow to come (the first query waits for the index).
        QTimer.singleShot(SLOW_FILTER_MS, self, lambda: self._say_filtering(request))
        threading.Thread(target=self._work, args=(request, state, query), daemon=True).start()

    def _say_filtering(self, request: int) -> None:
        if request == self._request and self._shown_request != request:
            self._count_label.setText("Filtering…")

    def _work(self, request: int | None, state: _TreeState, query: Query | None) -> None:
        """Runs in a worker thread: touches no widget, only plain data."""
        try:
            index = state.ensure_index(lambda: self._state is not state)
            if query is None:
                return
            result: FilterResult | None = match(index, query, lambda: self._request != request)
            self._bridge.finished.emit(request, result)
        except (FilterCancelled, RuntimeError):  # RuntimeError: the widget is gone
            return

    @Slot(int, object)
    def _on_worker_finished(self, request: int, result: FilterResult | None) -> None:
        if request == self._request:
            self._shown_request = request
            self._show_result(result)

    def _mark_invalid(self, error: str | None) -> None:
        if bool(self._filter.property("invalid")) == (error is not None):
            return
        self._filter.setProperty("invalid", error is not None)
        self._filter.setStyleSheet(_INVALID_STYLE if error else "")
        self._filter.setToolTip(tooltip_html(error) if error else "Filter keys and values")

    def _show_result(self, result: FilterResult | None) -> None:
        was_filtered = self._model.filter_result is not None
        if result is not None and not was_filtered:
            self._remember_view_state()
        self._tracking = False
        self._model.set_filter_result(result)
        self._tracking = True
        if result is None:
            self._count_label.setText("")
            if was_filtered:
                self._restore_view_state(self._state.key, reveal_current=True)
        else:
            self._count_label.setText(f"{result.count:,} match" + ("" if result.count == 1 else "es"))
            parents = {n.parent for n in result.visible}
            self._tracking = False
            self._expand_breadth_first(lambda node: node in parents)
            self._tracking = True
            self._reselect_current()  # after expanding: selecting lays the view out
        count = 0 if result is None else result.count
        if count != self._match_count:
            self._match_count = count
            self.matchCountChanged.emit(count)
        self.filterApplied.emit(count)

    # -- expansion and per-path view state ------------------------------------------
    def _expand_breadth_first(self, wanted: Any, budget: int = EXPAND_BUDGET) -> None:
        """Expand rows whose node ``wanted(node)`` accepts, top levels first, within budget."""
        model, chosen = self._model, []
        queue = deque(model.index(r, 0) for r in range(model.rowCount()))
        revealed = len(queue)
        while queue and revealed < budget:
            index = queue.popleft()
            node = model.node(index)
            if node is None or not node.is_container or not wanted(node):
                continue
            rows = model.rowCount(index)
            if rows == 0:
                continue
            chosen.append(index)
            revealed += rows
            queue.extend(model.index(r, 0, index) for r in range(rows))
        self._tree.set_expanded_many(chosen)

    @Slot(QModelIndex)
    def _on_expanded(self, index: QModelIndex) -> None:
        self._note_expansion(index, True)

    @Slot(QModelIndex)
    def _on_collapsed(self, index: QModelIndex) -> None:
        self._note_expansion(index, False)

    def _note_expansion(self, index: QModelIndex, expanded: bool) -> None:
        if not self._tracking or self._model.filter_result is not None:
            return
        node = self._model.node(index)
        if node is None:
            return
        path = node.path_keys()
        self._expanded_paths.pop(path, None)
        self._expanded_paths[path] = expanded  # re-insert: the newest stay longest
        if len(self._expanded_paths) > _PATH_MEMORY:
            del self._expanded_paths[next(iter(self._expanded_paths))]

    def _remember_view_state(self) -> None:
        top = self._model.node(self._tree.indexAt(QPoint(1, 1)))
        if top is not None and self._model.filter_result is None:
            self._last_top = top.path_keys()
            if self._state.key is not None:
                self._scroll_paths[self._state.key] = self._last_top

    def _restore_view_state(self, key: object, reveal_current: bool = False) -> None:
        """Expand the remembered paths, select the remembered node, scroll as before.

        ``reveal_current``: open the selected node's ancestors and scroll to it (after
        a filter is cleared, the row the user picked while filtering stays in sight).
        """
        tree, model = self._state.tree, self._model
        indexes = []
        for path, expanded in self._expanded_paths.items():
            node = tree.find(path) if expanded else None
            if node is not None and node.is_container:
                indexes.append(model.index_for_node(node))
        self._tracking = False
        self._tree.set_expanded_many(indexes)
        self._tracking = True
        current = tree.find(self._current_path) if self._current_path is not None else None
        if current is not None and current.parent is not None:
            index = model.index_for_node(current)
            self._tree.setCurrentIndex(index)
            if reveal_current:
                up = index.parent()
                while up.isValid():
                    self._tree.expand(up)
                    up = up.parent()
                self._tree.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
                return
        top_path = self._scroll_paths.get(key) if key is not None else None
        node = tree.find(top_path or self._last_top or ())
        if node is not None and node.parent is not None:
            self._tree.scrollTo(model.index_for_node(node), QAbstractItemView.ScrollHint.PositionAtTop)
        else:
            self._tree.scrollToTop()

    def _reselect_current(self) -> None:
        """After a reset, select the same node again if it is still shown."""
        node = self._state.tree.find(self._current_path) if self._current_path else None
        index = self._model.index_for_node(node) if node is not None else QModelIndex()
        if index.isValid():
            self._tree.setCurrentIndex(index)
            self._tree.scrollTo(index)
        else:
            self._tree.setCurrentIndex(QModelIndex())
            self._detail.clear()
            self._tree.scrollToTop()

    # -- header sort: ascending, descending, then the file's order again ---------------
    @Slot(int)
    def _on_header_clicked(self, section: int) -> None:
        header = self._tree.header()
        if section != 0:
            header.setSortIndicatorShown(self._model.sort_order is not None)
            if self._model.sort_order is not None:
                header.setSortIndicator(0, self._model.sort_order)
            return
        order = self._model.sort_order
        if order is None:
            order = Qt.SortOrder.AscendingOrder
        elif order == Qt.SortOrder.AscendingOrder:
            order = Qt.SortOrder.DescendingOrder
        else:
            order = None
        if order is None:
            self._model.clear_sort()
            header.setSortIndicatorShown(False)
        else:
            self._model.sort(0, order)
            header.setSortIndicatorShown(True)
            header.setSortIndicator(0, order)

    # -- detail area, copying, context menu ------------------------------------------
    def _current_node(self) -> Node | None:
        return self._model.node(self._tree.currentIndex())

    @Slot(QModelIndex, QModelIndex)
    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        node = self._model.node(current)
        if node is None:
            self._detail.clear()
            return
        self._current_path = node.path_keys()
        lines = [node.path(), node.jq_path(), f"Type: {node.type_text}", ""]
        if node.kind == TIME:
            lines += [f"Local time: {node.full_text}", f"Original:   {node.value}"]
        elif node.is_container and count_values(node.json_value(), _DETAIL_JSON_LIMIT) <= _DETAIL_JSON_LIMIT:
            lines.append(node.to_json())
        elif node.is_container:
            lines.append(f"{node.full_text} (too large to show here: use Copy subtree as JSON)")
        else:
            lines.append(node.copy_text())
        self._detail.setPlainText("\n".join(lines))

    def _copy(self, text: str | None) -> None:
        if text is not None:
            QApplication.clipboard().setText(text)

    @Slot()
    def _copy_value(self) -> None:
        node = self._current_node()
        self._copy(node.copy_text() if node else None)

    @Slot()
    def _copy_key(self) -> None:
        node = self._current_node()
        self._copy(node.key_text if node else None)

    @Slot()
    def _copy_path(self) -> None:
        node = self._current_node()
        self._copy(node.path() if node else None)

    @Slot()
    def _copy_jq_path(self) -> None:
        node = self._current_node()
        self._copy(node.jq_path() if node else None)

    @Slot()
    def _copy_json(self) -> None:
        node = self._current_node()
        self._copy(node.to_json() if node else None)

    @Slot(QPoint)
    def _on_context_menu(self, pos: QPoint) -> None:
        index = self._tree.indexAt(pos)
        if index.isValid():
            self._tree.setCurrentIndex(index)
        menu = QMenu(self)
        for act in self._copy_actions:
            act.setEnabled(index.isValid())
            menu.addAction(act)
        menu.addSeparator()
        menu.addAction(self._expand_all_action)
        menu.addAction(self._collapse_all_action)
        menu.addMenu(self._level_menu)
        menu.exec(self._tree.viewport().mapToGlobal(pos))
        for act in self._copy_actions:
            act.setEnabled(True)
        menu.deleteLater()
