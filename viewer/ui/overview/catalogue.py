"""The attribute catalogue (``attributeCatalogue``): every path, and the values of the one selected.

The table (``catalogueTable``) lists the paths with their profiles, types,
distinct and top values; the box above it (``catalogueFilter``) keeps the paths
containing what is typed. Selecting a path draws its values below
(``attributeValuesChart``: the most frequent values, a histogram for numbers, a
timeline for times; ``attributeUniqueValues`` when every value is different),
worked out off the GUI thread; clicking a bar or an example, or
double-clicking a row, emits ``queryRequested`` with the query for those profiles.
The line under the table (``catalogueLegend``) says what the counts count.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from viewer.insights.overview import AttributeStats, Catalogue
from viewer.insights.value_bars import ValueBars, holds_times, value_bars
from viewer.ui.overview.catalogue_model import PATH, TOP, CatalogueFilterProxy, CatalogueModel, QueryRole, StatsRole
from viewer.ui.overview.charts import BarChart
from viewer.ui.tasks import Task, TaskRunner, paced_cancel
from viewer.ui.widgets.tooltips import tooltip_html

LEGEND = ("Profiles: those with a value at the path, as has:PATH selects them (not null; a list with at least one "
          "element that is not null). Types: every value by its type, nulls and empty lists included; a path "
          "ending in [] counts each element of the lists.")


class AttributeCatalogue(QWidget):
    """The catalogue table, its filter and the chart of the selected path's values."""

    queryRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attributeCatalogue")
        self._runner = TaskRunner(self)
        self.model = CatalogueModel(self)
        self.proxy = CatalogueFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.filter = QLineEdit(self)
        self.filter.setObjectName("catalogueFilter")
        self.filter.setPlaceholderText("Filter paths…")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.set_text)
        self.table = QTableView(self)
        self.table.setTabKeyNavigation(False)  # Tab goes on to the next widget, not cell to cell
        self.table.setObjectName("catalogueTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicatorClearable(True)
        for column, width in zip(range(TOP), (220, 80, 60, 200, 70)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.table.doubleClicked.connect(self._double_clicked)
        self.legend = QLabel(LEGEND, self)
        self.legend.setObjectName("catalogueLegend")
        self.legend.setTextFormat(Qt.TextFormat.PlainText)
        self.legend.setWordWrap(True)
        self.values_note = QLabel("Select a path to see its values.", self)
        self.values_note.setObjectName("attributeValuesNote")
        self.values_note.setTextFormat(Qt.TextFormat.PlainText)
        self._categories: BarChart | None = None  # made when first needed (25-50 ms each)
        self._spread: BarChart | None = None
        self._unique: UniqueValues | None = None
        self.charts = QStackedWidget(self)
        # shown while no path's values are: a chart left from another catalogue (another search's profiles)
        # offered bars whose queries now selected nothing
        self.no_chart = QWidget(self.charts)
        self.charts.addWidget(self.no_chart)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.values_note)
        lower_layout.addWidget(self.charts, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        upper = QWidget(splitter)
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(self.filter)
        upper_layout.addWidget(self.table, 1)
        upper_layout.addWidget(self.legend)
        splitter.addWidget(upper)
        splitter.addWidget(lower)
        splitter.setSizes([360, 280])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    @property
    def categories(self) -> BarChart:
        """The chart of the most frequent values (``attributeValuesChart``)."""
        if self._categories is None:
            chart = self._categories = BarChart("Values", "attributeValuesChart", horizontal=True)
            chart.barClicked.connect(self.queryRequested)
            # one labelled line per bar: 30 bars need more room than the pane has, the rest is scrolled to
            self.values_scroll = QScrollArea(self.charts)
            self.values_scroll.setObjectName("attributeValuesScroll")
            self.values_scroll.setWidgetResizable(True)
            self.values_scroll.setFrameShape(QFrame.Shape.NoFrame)
            self.values_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.values_scroll.setWidget(chart)
            self.charts.addWidget(self.values_scroll)
        return self._categories

    @property
    def spread(self) -> BarChart:
        """The histogram or timeline of a path's values (``attributeSpreadChart``)."""
        if self._spread is None:
            self._spread = self._chart(BarChart("Values", "attributeSpreadChart"))
        return self._spread

    def _chart(self, chart: BarChart) -> BarChart:
        chart.barClicked.connect(self.queryRequested)
        self.charts.addWidget(chart)
        return chart

    def set_catalogue(self, catalogue: Catalogue | None) -> None:
        """Show the paths of ``catalogue``; which hold times is worked out off the GUI thread, then shown."""
        self._runner.cancel("values")
        self.charts.setCurrentWidget(self.no_chart)
        self.model.set_catalogue(catalogue)
        if catalogue is None or not catalogue.attributes:
            self._runner.cancel("times")
        else:
            self._runner.submit("times", _time_paths, catalogue, on_result=self._show_time_paths)
        self.values_note.setText("Select a path to see its values." if catalogue and catalogue.attributes
                                 else "No attributes.")
        if catalogue is not None and catalogue.too_deep:
            self.values_note.setText(f"{catalogue.too_deep:,} values nested deeper than {catalogue.depth_limit} "
                                     "levels are not listed. Select a path to see its values.")

    def is_busy(self) -> bool:
        """Whether work for the catalogue (its date-time paths, a path's values) is still under way."""
        return self._runner.is_busy("times") or self._runner.is_busy("values")

    def _show_time_paths(self, answer: tuple[Catalogue, frozenset[str]]) -> None:
        catalogue, paths = answer
        if self.model.catalogue is catalogue:
            self.model.set_time_paths(paths)

    def select_path(self, path: str) -> bool:
        """Select the row of ``path`` (as a click would); False when it is not shown."""
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, PATH)
            if index.data() == path:
                self.table.setCurrentIndex(index)
                return True
        return False

    def current_stats(self) -> AttributeStats | None:
        """The selected path."""
        index = self.table.currentIndex()
        return index.data(StatsRole) if index.isValid() else None

    @Slot(QItemSelection, QItemSelection)
    def _selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        stats = self.current_stats()
        if stats is None:
            return
        self.charts.setCurrentWidget(self.no_chart)  # until this path's values are worked out
        if stats.types and all(name in ("list", "object") for name, _ in stats.types):  # no values of its own
            elements = self._stats_of(f"{stats.path}[]") if any(n == "list" for n, _ in stats.types) else None
            if elements is None:
                self.values_note.setText(f"{stats.path} holds objects: select one of its keys below it to see "
                                         "their values.")
                return
            self.values_note.setText(f"{stats.path}: working out the values of its elements…")
            self._runner.submit("values", lambda _task, s, e: (s, value_bars(e)), stats, elements,
                                on_result=self._show_values)
            return
        self.values_note.setText(f"{stats.path}: working out the values…")
        self._runner.submit("values", lambda _task, s: (s, value_bars(s)), stats, on_result=self._show_values)

    def _stats_of(self, path: str) -> AttributeStats | None:
        return next((s for r in range(self.model.rowCount()) if (s := self.model.stats_at(r)) and s.path == path),
                    None)

    @property
    def unique(self) -> UniqueValues:
        """The page for a path whose values are all different (``attributeUniqueValues``)."""
        if self._unique is None:
            self._unique = UniqueValues(self)
            self._unique.queryRequested.connect(self.queryRequested)
            self.charts.addWidget(self._unique)
        return self._unique

    def _show_values(self, answer: tuple[AttributeStats, ValueBars]) -> None:
        stats, bars = answer
        if stats is not self.current_stats():
            return
        if bars.kind == "unique":
            self.unique.show_values(stats.path, bars)
            self.charts.setCurrentWidget(self.unique)
            alike = "all different" if bars.counts and bars.counts[0] == 1 else "nearly all different"
            self.values_note.setText(f"{stats.path}: {stats.distinct:,} values, {alike}. "
                                     "Click an example to list its profiles.")
            return
        chart = self.categories if bars.kind == "categories" else self.spread
        chart.title.setText(stats.path)
        chart.set_bars(bars.labels, bars.counts, bars.queries, note=bars.note)
        if chart is self.categories:
            self.values_scroll.verticalScrollBar().setValue(0)  # the most frequent first, not where the last was
            self.charts.setCurrentWidget(self.values_scroll)
        else:
            self.charts.setCurrentWidget(chart)
        word = {"categories": "values", "histogram": "numbers", "timeline": "times"}[bars.kind]
        elements = self._stats_of(f"{stats.path}[]") if not stats.distinct else None  # a list: its elements'
        distinct = elements.distinct if elements is not None else stats.distinct - bool(stats.type_count("null"))
        self.values_note.setText(f"{stats.path}: {distinct:,} distinct {word}{' in its lists' if elements else ''}. "
                                 "Click a bar to list those profiles.")

    @Slot(QModelIndex)
    def _double_clicked(self, index: QModelIndex) -> None:
        query = index.data(QueryRole)
        if query:
            self.queryRequested.emit(query)


def _time_paths(task: Task, catalogue: Catalogue) -> tuple[Catalogue, frozenset[str]]:
    """The worker's part: the paths of ``catalogue`` whose strings are all times.

    0.11 s for the 21 paths of 100,000 profiles, nearly all of it the path of 100,000 different times.
    """
    paths = []
    pace = paced_cancel(task)  # 1,000,000 times: a second of Python
    for stats in catalogue.attributes:
        if task.cancelled():
            break
        if holds_times(stats, pace):
            paths.append(stats.path)
    return catalogue, frozenset(paths)


class UniqueValues(QWidget):
    """Says that every value of a path is different, and lists a few of them (a click asks for its profiles)."""

    queryRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attributeUniqueValues")
        self.message = QLabel(self)
        self.message.setObjectName("attributeUniqueMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.examples = QListWidget(self)
        self.examples.setObjectName("attributeValueExamples")
        self.examples.itemClicked.connect(self._clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        self.lead = QLabel("For example:", self)
        self.lead.setObjectName("attributeExamplesLead")
        layout.addWidget(self.lead)
        layout.addWidget(self.examples)
        layout.addStretch(1)

    def show_values(self, path: str, bars: ValueBars) -> None:
        """Show the sentence and the example values of ``bars`` (kind ``unique``)."""
        self.message.setText(f"{path}: {bars.note}")
        self.lead.setText("For example:" if all(n == 1 for n in bars.counts) else "The most frequent:")
        self.examples.clear()
        for label, count, query in zip(bars.labels, bars.counts, bars.queries):
            item = QListWidgetItem(label if count == 1 else f"{label}   ({count:,} profiles)")  # plain text
            item.setData(Qt.ItemDataRole.UserRole, query)
            if query:
                item.setToolTip(tooltip_html(f"Click to list its profiles: {query}"))
            self.examples.addItem(item)
        rows = max(self.examples.count(), 1)
        self.examples.setFixedHeight(self.examples.sizeHintForRow(0) * rows + 2 * self.examples.frameWidth() + 4)

    @Slot(QListWidgetItem)
    def _clicked(self, item: QListWidgetItem) -> None:
        query = item.data(Qt.ItemDataRole.UserRole)
        if query:
            self.queryRequested.emit(query)
