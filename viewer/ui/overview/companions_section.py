"""The overview's section on the CSV files beside the profiles (``overviewCompanions``): sessions, tiers, points.

Shown only when companion files were opened (absent, not empty, without
them). A few key figures (``companionFigure_<name>``), then up to three charts:
sessions by state (``sessionStatesChart``; bars count sessions, a click lists
the profiles with a session in that state), profiles per loyalty tier
(``loyaltyTiersChart``) and the histogram of each profile's current points
(``loyaltyPointsChart``). Each chart appears only for the kinds of file that
feed it. Every bar emits ``queryRequested(query)`` like the rest of the overview.

The charts are made when the first summary with companion files arrives, one
per event-loop turn (a pyqtgraph chart takes 25-50 ms to make).
"""

from __future__ import annotations

from decimal import Decimal, localcontext

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from viewer.insights.companions import CompanionSummary
from viewer.insights.queries import number_text
from viewer.model.companions import KIND_LABELS
from viewer.model.values import grouped_int
from viewer.ui.overview.charts import BarChart
from viewer.ui.overview.figures import figure_button

CHART_HEIGHT = 230
CHARTS = (  # name, title, objectName, horizontal bars, the kinds of file that feed it
    ("states", "Sessions by state", "sessionStatesChart", True, ("sessions",)),
    ("tiers", "Profiles per loyalty tier", "loyaltyTiersChart", True, ("balances", "tiers")),
    ("points", "Current loyalty points per profile, all programs summed", "loyaltyPointsChart", False,
     ("balances",)),
)
BUILD_GAP_MS = 15


def points_text(value: int | Decimal) -> str:
    """Points with thousands separators and two decimals, from the exact decimal (never through float)."""
    if isinstance(value, int):
        return grouped_int(value) + ".00"
    with localcontext() as ctx:
        ctx.prec = max(40, len(value.as_tuple().digits) + 4)
        return f"{value:,.2f}"


def _edge(value: int | Decimal) -> str:
    """A bin edge as short as it is exact: ``50``, ``2.5``, ``1,000``."""
    return grouped_int(value) if isinstance(value, int) else number_text(value)


class CompanionsSection(QWidget):
    """Key figures and charts of the companion part of one summary."""

    queryRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overviewCompanions")
        self.part: CompanionSummary | None = None
        self.charts: dict[str, BarChart] = {}
        self._unbuilt = [c[0] for c in CHARTS]
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        self.title = QLabel("Sessions and loyalty", self)
        self.title.setObjectName("overviewCompanionsTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont(self.title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.source = QLabel(self)
        self.source.setObjectName("overviewCompanionsSource")
        self.source.setTextFormat(Qt.TextFormat.PlainText)
        self.source.setWordWrap(True)
        self.figures = QWidget(self)
        self.figures.setObjectName("companionFigures")
        self._figure_grid = QGridLayout(self.figures)
        self._figure_grid.setContentsMargins(0, 0, 0, 0)
        self._chart_grid = QGridLayout()
        self._places: dict[str, QVBoxLayout] = {}
        for number, (name, *_rest) in enumerate(CHARTS):
            place = QWidget(self)
            place.setObjectName(f"{name}ChartPlace")
            place.setMinimumHeight(CHART_HEIGHT)
            slot = QVBoxLayout(place)
            slot.setContentsMargins(0, 0, 0, 0)
            self._places[name] = slot
            if name == "points":  # many bins: the whole width
                self._chart_grid.addWidget(place, 1, 0, 1, 2)
            else:
                self._chart_grid.addWidget(place, 0, number)
        for widget in (self.title, self.source, self.figures):
            layout.addWidget(widget)
        for column in (0, 1):  # two charts of the same width, as above
            self._chart_grid.setColumnStretch(column, 1)
        layout.addLayout(self._chart_grid)
        self.setVisible(False)

    def is_complete(self) -> bool:
        """Whether every chart has been made (they are made once a summary with companion files came)."""
        return not self._unbuilt

    def set_part(self, part: CompanionSummary | None) -> None:
        """Show ``part`` (None: no companion files; the section is hidden)."""
        self.part = part
        self.setVisible(part is not None)
        if part is None:
            return
        labels = [label for kind, label in KIND_LABELS.items() if part.has(kind)]
        self.source.setText(f"From the CSV files opened beside the profiles: {', '.join(labels)}. "
                            "Click a figure or a bar to list its profiles.")
        self._show_figures(part)
        column = 0
        for name, *_rest, kinds in CHARTS:
            place = self._places[name].parentWidget()
            wanted = any(part.has(kind) for kind in kinds)
            if place is not None:
                place.setVisible(wanted)
                if wanted and name != "points":  # the charts shown sit side by side from the left
                    self._chart_grid.removeWidget(place)
                    self._chart_grid.addWidget(place, 0, column)
                    column += 1
            if name in self.charts:
                self._fill(name, part)
        if self._unbuilt and not self.charts:
            QTimer.singleShot(BUILD_GAP_MS, self._build_next_chart)

    @Slot()
    def _build_next_chart(self) -> None:
        if not self._unbuilt:
            return
        name = self._unbuilt.pop(0)
        _, title, object_name, horizontal, _kinds = next(c for c in CHARTS if c[0] == name)
        chart = BarChart(title, object_name, horizontal=horizontal)
        chart.barClicked.connect(self.queryRequested)
        chart.setMinimumHeight(CHART_HEIGHT)
        self._places[name].addWidget(chart)
        chart.show()  # a layout shows a widget added to a visible parent only on a later event-loop turn
        self.charts[name] = chart
        if self.part is not None:
            self._fill(name, self.part)
        if self._unbuilt:
            QTimer.singleShot(BUILD_GAP_MS, self._build_next_chart)

    def chart(self, name: str) -> BarChart | None:
        """The chart ``states``, ``tiers`` or ``points`` (None until it is made)."""
        return self.charts.get(name)

    def figure_button(self, name: str) -> QToolButton | None:
        """The key figure ``companionFigure_<name>``."""
        return self.figures.findChild(QToolButton, f"companionFigure_{name}")

    def _fill(self, name: str, part: CompanionSummary) -> None:
        chart = self.charts[name]
        if name == "states":
            chart.set_bars([f"{s.state or '(empty)'} ({s.profiles:,})" for s in part.states],
                           [s.sessions for s in part.states], [s.query for s in part.states],
                           note="bars: sessions; (n): profiles with one" if part.states else "no sessions")
        elif name == "tiers":
            note = "a balance's tier or a tier period" + (
                f"; {part.without_tier:,} without a tier" if part.without_tier else "")
            chart.set_bars([t.tier for t in part.tiers], [t.profiles for t in part.tiers],
                           [t.query for t in part.tiers], note=note if part.tiers else "none")
        else:
            h = part.points
            notes = ["bins growing 1-2-5" if h.log_scale else "",
                     f"{h.missing:,} without a balance" if h.missing else ""]
            chart.set_bars([f"{_edge(b.low)} – {_edge(b.high)} points" for b in h.bins], [b.count for b in h.bins],
                           [b.query for b in h.bins], note=", ".join(filter(None, notes)),
                           ticks=[_edge(b.low) for b in h.bins])

    def _show_figures(self, part: CompanionSummary) -> None:
        while self._figure_grid.count():
            item = self._figure_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                # out of the tree at once: until deleted later, the old figure kept its name and a
                # look-up by name (a test, an accessibility tool) could find its stale count
                widget.setParent(None)
                widget.deleteLater()
        items: list[tuple[str, str, str, str | None]] = []
        if part.has("sessions"):
            items.append(("sessions", "Sessions", f"{part.sessions:,}", part.with_sessions.query))
            items.append(("withSessions", part.with_sessions.label, f"{part.with_sessions.count:,}",
                          part.with_sessions.query))
        if part.has("balances"):
            bins = part.points.bins  # every profile with points is at or above the lowest edge
            items.append(("withBalance", "Profiles with a loyalty balance", f"{part.points.values:,}",
                          f"points>={number_text(bins[0].low)}" if bins else None))
            items.append(("pointsSum", "Current points, sum", points_text(part.points_sum), None))
            if part.points_median is not None:
                items.append(("pointsMedian", "Current points, median per profile", points_text(part.points_median),
                              None))
        for number, (name, label, value, query) in enumerate(items):
            button = figure_button(self.figures, f"companionFigure_{name}", label, value, query,
                                   self.queryRequested.emit)
            self._figure_grid.addWidget(button, number // 5, number % 5)

