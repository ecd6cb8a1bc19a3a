"""The overview page (``overviewPage``): the whole export, or the current search result, at a glance.

Above: what is summarised (``overviewScope``) with a button to switch between
the whole export and the search result (``overviewScopeButton``), progress and
Cancel while the summary is worked out, and "Back to profiles". Then two tabs
(``overviewTabs``): the figures and charts, and the attribute catalogue. Every
figure, bar and value emits ``queryRequested(query)``; the window puts the
query in the profile search and shows the list.
"""

from __future__ import annotations

from decimal import localcontext

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from viewer.insights.companions import companion_summary
from viewer.insights.overview import AudienceSize, Histogram, Summary, Timeline
from viewer.insights.queries import number_text
from viewer.model.values import grouped_int
from viewer.ui.overview.catalogue import AttributeCatalogue
from viewer.ui.overview.catalogue_model import share_text
from viewer.ui.overview.charts import BarChart
from viewer.ui.overview.companions_section import CompanionsSection
from viewer.ui.overview.figures import figure_button
from viewer.ui.tasks import hold_background
from viewer.ui.widgets.empty_state import EmptyStateStack


def money(value: object) -> str:
    """Two decimals with thousands separators (exact: from int or Decimal)."""
    if isinstance(value, int):
        return grouped_int(value) + ".00"
    with localcontext() as ctx:
        ctx.prec = 200  # formatting rounds in the context: keep every digit of big money
        return f"{value:,.2f}"


CHARTS = (  # attribute, title, objectName, horizontal bars
    ("audiences", "Audiences by size (profiles that are members)", "audiencesChart", True),
    ("connected", "Connected audiences (profiles listing each in connectedAudiences)", "connectedAudiencesChart", True),
    ("sales", "Total sales", "totalSalesChart", False),
    ("sessions", "Closed sessions", "closedSessionsChart", False),
    ("created", "Created per month (UTC)", "createdChart", False),
    ("last_activity", "Last activity per month (UTC)", "lastActivityChart", False),
)


HINT = ("Every figure, bar and month can be clicked: the profile list then shows those profiles, and the search box "
        "the query that selects them. Hover over a bar for its exact count; right-click a chart to copy or save it.")
CHART_HEIGHT = 230
MAX_AUDIENCE_BARS = 40  # audiences charted at most, largest first (the note says of how many)
WORKING = "Working out the overview: profiles, audiences, distributions and attributes…"
BUILD_GAP_MS = 15  # between making two charts: the event loop paints and takes input meanwhile
CHART_HOLD = 0.25  # seconds paced background work waits after a chart is made (its first paint included)


class OverviewPage(QWidget):
    """Key figures, audiences, distributions and the attribute catalogue of one summary."""

    queryRequested = Signal(str)
    scopeToggled = Signal()  # the person asked for the other scope (export / search result)
    backRequested = Signal()
    cancelRequested = Signal()
    chartsMade = Signal()  # the last chart is made (they are made one per event-loop turn, once)

    audiences: BarChart  # the charts are made one per event-loop turn: see ``is_complete``
    connected: BarChart
    sales: BarChart
    sessions: BarChart
    created: BarChart
    last_activity: BarChart

    def __init__(self, parent: QWidget | None = None) -> None:
        hold_background(CHART_HOLD)  # made, then first painted, in Python: workers beside it make that a stall
        super().__init__(parent)
        self.setObjectName("overviewPage")
        self.summary: Summary | None = None
        self.scope = QLabel(self)
        self.scope.setObjectName("overviewScope")
        self.scope.setTextFormat(Qt.TextFormat.PlainText)
        self.scope_button = QPushButton("Show whole export", self)
        self.scope_button.setObjectName("overviewScopeButton")
        self.scope_button.clicked.connect(self.scopeToggled)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("overviewProgress")
        self.progress.setMaximumWidth(220)
        self.cancel = QPushButton("Cancel", self)
        self.cancel.setObjectName("overviewCancel")
        self.cancel.clicked.connect(self.cancelRequested)
        self.back = QPushButton("Back to profiles", self)
        self.back.setObjectName("overviewBack")
        self.back.clicked.connect(self.backRequested)
        top = QHBoxLayout()
        top.addWidget(self.scope, 1)
        for widget in (self.progress, self.cancel, self.scope_button, self.back):
            top.addWidget(widget)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("overviewTabs")
        self.figures_stack = EmptyStateStack(self._build_figures_tab(), "overviewFigures", WORKING, self.tabs)
        self.figures_stack.show_view(False)
        self.tabs.addTab(self.figures_stack, "Overview")
        self.catalogue = AttributeCatalogue(self.tabs)
        self.catalogue.queryRequested.connect(self.queryRequested)
        self.tabs.addTab(self.catalogue, "Attributes")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.show_progress(None)

    def _build_figures_tab(self) -> QWidget:
        scroll = QScrollArea(self)
        scroll.setObjectName("overviewScroll")
        scroll.setWidgetResizable(True)
        inner = QWidget(scroll)
        grid = QGridLayout(inner)
        head = QWidget(inner)
        head_layout = QVBoxLayout(head)
        head_layout.setContentsMargins(0, 0, 0, 0)
        self.hint = QLabel(HINT, head)
        self.hint.setObjectName("overviewHint")
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setWordWrap(True)
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # quieter than data, still readable
        head_layout.addWidget(self.hint)
        self.figures = QWidget(head)
        head_layout.addWidget(self.figures)
        self.figures.setObjectName("keyFigures")
        self._figure_grid = QGridLayout(self.figures)
        self._figure_grid.setContentsMargins(0, 0, 0, 0)
        self._unbuilt = list(CHARTS)
        self._slots: list[QVBoxLayout] = []  # a fixed place per chart: adding one repaints only it
        for number in range(len(CHARTS)):
            place = QWidget(inner)
            place.setMinimumHeight(CHART_HEIGHT)
            slot = QVBoxLayout(place)
            slot.setContentsMargins(0, 0, 0, 0)
            self._slots.append(slot)
            grid.addWidget(place, 1 + number // 2, number % 2)
        self.charts: list[BarChart] = []
        grid.addWidget(head, 0, 0, 1, 2)
        self.companions = CompanionsSection(inner)  # sessions, tiers, points: only with CSV files beside
        self.companions.queryRequested.connect(self.queryRequested)
        grid.addWidget(self.companions, 1 + (len(CHARTS) + 1) // 2, 0, 1, 2)
        scroll.setWidget(inner)
        return scroll

    @Slot()
    def _build_next_chart(self) -> None:
        """Make one chart (25-50 ms each): the page appears at once and the GUI never waits for all six.

        The charts are made once the first summary is there, not while it is worked out: pyqtgraph
        paints in Python, and each of its calls would wait for the worker to hand over the GIL
        (a progress update then took 0.26 s, a chart 0.14 s, and the GUI stalled 0.9 s). For the
        same reason paced background work (the loader's late checks, the catalogue's time paths)
        stands aside while they are made and first painted (``hold_background``): beside it, a
        chart of 20 ms alone took 30-80 ms and the stalls reached 100-155 ms.
        """
        if not self._unbuilt:
            return
        hold_background(CHART_HOLD)  # the next chart is made after the paced workers have stood aside
        number = len(self.charts)
        name, title, object_name, horizontal = self._unbuilt.pop(0)
        chart = BarChart(title, object_name, horizontal=horizontal)
        chart.barClicked.connect(self.queryRequested)
        chart.setMinimumHeight(CHART_HEIGHT)
        self._slots[number].addWidget(chart)
        setattr(self, name, chart)
        self.charts.append(chart)
        if self.summary is not None:
            self._fill(name, self.summary)
        if self._unbuilt:
            QTimer.singleShot(BUILD_GAP_MS, self._build_next_chart)
        else:
            self.chartsMade.emit()

    def is_complete(self) -> bool:
        """Whether every chart has been made (and shows the summary, when there is one)."""
        return not self._unbuilt and (self.companions.part is None or self.companions.is_complete())

    # -- state ------------------------------------------------------------------------------------
    def show_progress(self, fraction: tuple[int, int] | None) -> None:
        """Progress while the summary is worked out (None: hidden; a total of 0: busy, without steps).

        Meanwhile what the page shows is another scope's (or nothing yet): it is
        greyed out and takes no clicks, so no bar lists profiles its count does not describe.
        """
        busy = fraction is not None
        self.progress.setVisible(busy)
        self.cancel.setVisible(busy)
        for number in range(self.tabs.count()):
            page = self.tabs.widget(number)
            if page is not None:
                page.setEnabled(not busy)
        if fraction is not None:
            done, total = fraction  # a total of 0: work without steps (a busy bar)
            self.progress.setRange(0, max(total, 0))
            self.progress.setValue(min(done, max(total, 0)))

    def set_scope(self, text: str, button: str | None) -> None:
        """Say what is summarised; ``button`` labels the switch to the other scope (None: no switch)."""
        self.scope.setText(text)
        self.scope_button.setVisible(button is not None)
        if button is not None:
            self.scope_button.setText(button)

    def set_summary(self, summary: Summary | None) -> None:
        """Show ``summary`` (None: empty)."""
        self.summary = summary
        self.figures_stack.show_view(summary is not None)
        self._show_figures(summary)
        self.companions.set_part(companion_summary(summary))
        if summary is None:
            for chart in self.charts:
                chart.set_bars((), (), ())
            self.catalogue.set_catalogue(None)
            return
        for name, *_ in CHARTS:
            if hasattr(self, name):
                self._fill(name, summary)
        if self._unbuilt and not self.charts:
            hold_background(CHART_HOLD)  # by the first chart, the workers are pausing
            QTimer.singleShot(BUILD_GAP_MS, self._build_next_chart)
        self.catalogue.set_catalogue(summary.catalogue)

    def _fill(self, name: str, summary: Summary) -> None:
        chart: BarChart = getattr(self, name)
        d = summary.distributions
        if name == "audiences":
            self._audience_bars(chart, summary.audiences)
        elif name == "connected":
            self._audience_bars(chart, summary.connected_audiences or ())
        elif name == "sales":
            self._histogram(chart, d.total_sales, money_bins=True)
        elif name == "sessions":
            self._histogram(chart, d.closed_sessions, money_bins=False)
        else:
            self._timeline(chart, d.created if name == "created" else d.last_activity)

    def figure_button(self, name: str) -> QToolButton | None:
        """The key figure ``keyFigure_<name>`` (for the window's tests and for people: all are buttons)."""
        return self.figures.findChild(QToolButton, f"keyFigure_{name}")

    # -- pieces ----------------------------------------------------------------------------------
    def _show_figures(self, summary: Summary | None) -> None:
        while self._figure_grid.count():
            item = self._figure_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        if summary is None:
            return
        f = summary.key_figures
        total = summary.profiles
        items: list[tuple[str, str, str, str | None]] = [
            (name, figure.label, f"{figure.count:,}" + (f"  ({share_text(figure.count, total)})" if name != "profiles"
                                                         else ""), figure.query)
            for name, figure in (("profiles", f.profiles), ("live", f.live), ("sandbox", f.sandbox),
                                 ("unknown", f.unknown), ("problems", f.with_problems), ("repeated", f.repeated),
                                 ("inactive", f.inactive))
        ]
        for name, label, span in (("created", "Created", f.created), ("lastActivity", "Last activity",
                                                                      f.last_activity)):
            text = f"{span.first[:10]} … {span.last[:10]}" if span.first and span.last else "—"
            items.append((name, label, text, None))
        if f.sales_counted:
            items.append(("salesSum", "Total sales, sum", money(f.sales_sum), None))
            items.append(("salesMedian", "Total sales, median", money(f.sales_median), None))
        for number, (name, label, value, query) in enumerate(items):
            self._figure_grid.addWidget(figure_button(self.figures, f"keyFigure_{name}", label, value, query,
                                                      self.queryRequested.emit),
                                        number // 4, number % 4)

    @staticmethod
    def _audience_bars(chart: BarChart, sizes: tuple[AudienceSize, ...]) -> None:
        shown = sizes[:MAX_AUDIENCE_BARS]  # each bar labelled on a line of its own: the largest ones, and how many
        labels = [f"{a.name or 'no name'} (ID {a.id})" if a.id is not None else (a.name or "?") for a in shown]
        note = "none" if not sizes else f"the {len(shown)} largest of {len(sizes):,}" if len(shown) < len(sizes) else ""
        chart.set_bars(labels, [a.profiles for a in shown], [a.query for a in shown], note=note)

    @staticmethod
    def _histogram(chart: BarChart, histogram: Histogram, *, money_bins: bool) -> None:
        def edge(value: object) -> str:
            return money(value).removesuffix(".00") if money_bins else number_text(value)  # type: ignore[arg-type]

        labels = [f"{edge(b.low)} – {edge(b.high)}" for b in histogram.bins]
        note = "bins growing 1-2-5" if histogram.log_scale else ""
        if histogram.missing:
            note = ", ".join(filter(None, (note, f"{histogram.missing:,} without a number")))
        chart.set_bars(labels, [b.count for b in histogram.bins], [b.query for b in histogram.bins], note=note,
                       ticks=[edge(b.low) for b in histogram.bins])

    @staticmethod
    def _timeline(chart: BarChart, timeline: Timeline) -> None:
        chart.set_bars([m.month for m in timeline.months], [m.count for m in timeline.months],
                       [m.query for m in timeline.months],
                       note=f"{timeline.missing:,} without a date" if timeline.missing else "")


