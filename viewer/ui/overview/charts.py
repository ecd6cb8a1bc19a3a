"""Bar charts of the overview, drawn with pyqtgraph: sorted bars, histograms, timelines.

pyqtgraph is a Qt chart library kept for PySide6 (PySide6-Essentials has no
QtCharts). Measured offscreen on a 2-core machine: a 50-bin histogram of
100,000 values renders in 0.03 s, 100,000 separate bars in 0.12 s; the package
is 9.8 MB on top of numpy (already a dependency of the environment); importing
it takes about 0.5 s, so this module is imported when the overview first opens.

Every bar of a horizontal chart is labelled: the plot grows by a line per bar
(30 values in 230 px had a label on every other bar; the catalogue scrolls the
taller chart). Each bar carries a label, an exact count and the query that selects its
profiles: hovering shows the label and the exact count, clicking emits
``barClicked(query)``. Colours follow the widget's palette (light or dark);
the context menu copies the chart or saves it as PNG. A disabled chart (the
page disables what it shows while the next summary is worked out) draws its
bars and axes in the palette's disabled colours and says "Computing…" over
them: a disabled plot looked exactly like a live one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg  # type: ignore[import-untyped]
from PySide6.QtCore import QPointF, Qt, Signal, Slot
from PySide6.QtGui import QColor, QContextMenuEvent, QFontMetrics, QGuiApplication, QPalette
from PySide6.QtWidgets import QFileDialog, QGridLayout, QLabel, QMenu, QToolTip, QWidget

BAR_SHARE = 0.8  # of the space a bar has
MAX_LABEL = 28  # characters of a bar's label on a bottom axis (the tooltip has all of it)
LABEL_AXIS_WIDTH = 260  # pixels at most for the labels of horizontal bars: a half-width chart keeps ~350 for bars
_NOTE = re.compile(r"\s+\([^()]*\)$")  # a label's trailing "(ID 7)": it goes first when the label is too long
COMPUTING = "Computing…"  # over a disabled chart: what it shows is being worked out anew
PLOT_HEIGHT = 160  # pixels at least for the plot
ROW_GAP = 4  # pixels between two labels of horizontal bars: every bar is labelled, the plot grows to fit them
COUNTS_AXIS_ROOM = 44  # pixels of a horizontal chart's plot besides its rows: the counts axis and margins
MAX_ROWS = 60  # labelled rows a horizontal chart grows to at most (more bars: every n-th labelled)


def count_step(top: int, most: int = 5) -> int:
    """A round step (1, 2, 5, 10, 20, 50, …) that puts at most ``most`` ticks above zero up to ``top``."""
    step = 1
    while top // step > most:
        for factor in (2, 5 / 2, 2):  # 1 -> 2 -> 5 -> 10
            step = int(step * factor)
            if top // step <= most:
                break
    return step


def _short(text: str) -> str:
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…"


_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_MONTH_STEPS = (1, 3, 6, 12, 24, 60, 120, 240, 600)  # a quarter, half a year, a year, …: ticks on calendar starts


def month_ticks(texts: Sequence[str], step: int) -> list[int] | None:
    """Which of the consecutive months ``texts`` (``2021-04``) get a tick, about every ``step``; None if not months.

    Every ``step``-th bar from the first put ticks on odd months (2021-02, 2022-03, …): the
    ticks go on the first month of a quarter or a year instead, a round number of months apart.
    """
    matches = [_MONTH.match(t) for t in texts]
    if not texts or not all(matches):
        return None
    months = step if step in _MONTH_STEPS else next((m for m in _MONTH_STEPS if m >= step * 0.9), _MONTH_STEPS[-1])
    return [i for i, m in enumerate(matches) if m and (int(m[1]) * 12 + int(m[2]) - 1) % months == 0]


def fitted_label(metrics: QFontMetrics, text: str, width: int) -> str:
    """``text`` within ``width`` pixels: whole if it fits, else without its trailing ``(…)`` note, else elided.

    "Newsletter subscribers (ID 7)" cut to 28 characters read "Newsletter subscribers (ID …":
    the name is what a person looks for; the hover text still has the ID.
    """
    if metrics.horizontalAdvance(text) <= width:
        return text
    bare = _NOTE.sub("", text)
    return metrics.elidedText(bare, Qt.TextElideMode.ElideRight, width)


class BarChart(QWidget):
    """One titled bar chart; ``horizontal`` bars grow to the right (largest on top), else upwards."""

    barClicked = Signal(str)  # the query of the bar clicked

    def __init__(self, title: str, object_name: str, *, horizontal: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self._horizontal = horizontal
        self._labels: list[str] = []
        self._counts: list[int] = []
        self._queries: list[str | None] = []
        self.title = QLabel(title, self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setObjectName(f"{object_name}Title")
        self.plot = pg.PlotWidget(self)
        self.plot.setObjectName(f"{object_name}Plot")
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.setMinimumHeight(PLOT_HEIGHT)
        self.plot.getPlotItem().setContentsMargins(4, 4, 8, 4)
        if horizontal:
            self.plot.invertY(True)
        self._bars: pg.BarGraphItem | None = None
        self.busy_note = QLabel(COMPUTING, self)  # made after the plot: drawn over it, in the same grid cell
        self.busy_note.setObjectName(f"{object_name}Busy")
        self.busy_note.setTextFormat(Qt.TextFormat.PlainText)
        self.busy_note.setAutoFillBackground(True)
        self.busy_note.setContentsMargins(10, 4, 10, 4)
        self.busy_note.hide()
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title, 0, 0)
        layout.addWidget(self.plot, 1, 0)
        layout.addWidget(self.busy_note, 1, 0, Qt.AlignmentFlag.AlignCenter)
        layout.setRowStretch(1, 1)
        self.plot.scene().sigMouseMoved.connect(self._hover)
        self.plot.scene().sigMouseClicked.connect(self._click)
        self._apply_palette()

    # -- data ---------------------------------------------------------------------------------
    def set_bars(self, labels: Sequence[str], counts: Sequence[int], queries: Sequence[str | None],
                 *, note: str = "", ticks: Sequence[str] | None = None) -> None:
        """Show one bar per label; ``note`` goes after the title (a log scale, a cut list).

        ``ticks`` are the axis texts when they differ from the labels the tooltips show
        (a histogram's axis names each bin by its lower edge).
        """
        self._labels, self._counts, self._queries = list(labels), list(counts), list(queries)
        base = self.title.text().split("  (")[0]
        self.title.setText(f"{base}  ({note})" if note else base)
        if self._bars is not None:
            self.plot.removeItem(self._bars)
            self._bars = None
        positions = np.arange(len(self._counts), dtype=float)
        heights = np.asarray(self._counts, dtype=float)  # for drawing only; the tooltips show the exact ints
        brush = self._bar_brush()
        if self._horizontal:
            self._bars = pg.BarGraphItem(x0=0, y=positions, height=BAR_SHARE, width=heights, brush=brush, pen=None)
        else:
            self._bars = pg.BarGraphItem(x=positions, height=heights, width=BAR_SHARE, brush=brush, pen=None)
        self.plot.addItem(self._bars)
        texts = list(self._labels if ticks is None else ticks)
        axis = self.plot.getAxis("left" if self._horizontal else "bottom")
        if self._horizontal:
            # Every bar labelled: 30 bars in 230 px had a label on every other one ("München", the second,
            # had none). The plot is made tall enough for one line per bar; a scroll area around it shows the rest.
            step = max(1, -(-len(texts) // MAX_ROWS))
            metrics = QFontMetrics(axis.style.get("tickFont") or self.font())
            texts = [fitted_label(metrics, t, LABEL_AXIS_WIDTH - 14) if i % step == 0 else t
                     for i, t in enumerate(texts)]
            axis.setWidth(min(LABEL_AXIS_WIDTH, max((metrics.horizontalAdvance(t) for t in texts[::step]), default=20)
                              + 14))
            rows = -(-len(texts) // step)
            self.plot.setMinimumHeight(max(PLOT_HEIGHT, rows * (metrics.height() + ROW_GAP) + COUNTS_AXIS_ROOM))
        else:
            texts = [_short(t) for t in texts]
            widest = max((len(t) for t in texts), default=1)
            step = max(1, -(-len(texts) * (widest + 2) // 50))  # about 50 characters fit under a half-width chart
            counts_axis = self.plot.getAxis("left")  # sized now: pyqtgraph widens it only at a later paint
            metrics = QFontMetrics(counts_axis.style.get("tickFont") or self.font())
            counts_axis.setWidth(metrics.horizontalAdvance(str(max(self._counts, default=0))) + 16)
        ticked = None if self._horizontal else month_ticks(texts, step)
        if ticked is None:
            axis.setTicks([[(float(i), t) for i, t in enumerate(texts)][::step], []])
        else:
            axis.setTicks([[(float(i), texts[i]) for i in ticked], []])
        top = max(self._counts, default=0) or 1
        # Counts are whole numbers: ticks at a round step, with separators (pyqtgraph's own ticks
        # showed 0.5 steps, or no number at all when the largest count was small).
        counts_step = count_step(top)
        self.plot.getAxis("bottom" if self._horizontal else "left").setTicks(
            [[(float(v), f"{v:,}") for v in range(0, top + counts_step, counts_step)], []])
        if self._horizontal:
            self.plot.setXRange(0, top * 1.05, padding=0)
            self.plot.setYRange(-0.6, max(len(texts), 1) - 0.4, padding=0)
        else:
            self.plot.setYRange(0, top * 1.05, padding=0)
            self.plot.setXRange(-0.6, max(len(texts), 1) - 0.4, padding=0)

    def bar_count(self) -> int:
        """How many bars the chart shows."""
        return len(self._counts)

    def bar_text(self, index: int) -> str:
        """What hovering bar ``index`` says: its label and exact count."""
        return f"{self._labels[index]}: {self._counts[index]:,}"

    def bar_center(self, index: int) -> QPointF:
        """Where bar ``index``'s middle is, in the plot widget's coordinates (for clicks)."""
        value = self._counts[index] / 2
        point = QPointF(value, index) if self._horizontal else QPointF(index, value)
        scene = self.plot.getPlotItem().vb.mapViewToScene(point)
        return QPointF(self.plot.mapFromScene(scene))

    # -- mouse ----------------------------------------------------------------------------------
    def _bar_at(self, scene_pos: QPointF) -> int | None:
        view = self.plot.getPlotItem().vb
        if not view.sceneBoundingRect().contains(scene_pos):
            return None
        point = view.mapSceneToView(scene_pos)
        along, across = (point.y(), point.x()) if self._horizontal else (point.x(), point.y())
        index = int(round(along))
        if not 0 <= index < len(self._counts) or abs(along - index) > BAR_SHARE / 2:
            return None
        if across < 0 or across > max(self._counts[index], max(self._counts, default=0) * 0.02):
            return None  # beside a short bar still counts: they would be hard to hit
        return index

    @Slot(object)
    def _hover(self, scene_pos: QPointF) -> None:
        index = self._bar_at(scene_pos)
        if index is None:
            QToolTip.hideText()
            return
        query = self._queries[index]
        hint = f"\nClick to list them: {query}" if query else ""
        global_pos = self.plot.mapToGlobal(self.plot.mapFromScene(scene_pos))
        QToolTip.showText(global_pos, self.bar_text(index) + hint, self.plot)

    @Slot(object)
    def _click(self, event: object) -> None:
        if getattr(event, "button", lambda: None)() != Qt.MouseButton.LeftButton:
            return
        index = self._bar_at(event.scenePos())  # type: ignore[attr-defined]
        if index is not None and self._queries[index] is not None:
            self.barClicked.emit(self._queries[index])

    # -- look and export -------------------------------------------------------------------------
    def is_greyed(self) -> bool:
        """Whether the chart is drawn greyed with "Computing…" over it (while it is disabled)."""
        return not self.busy_note.isHidden()

    def _bar_brush(self) -> QColor:
        palette = self.palette()
        if self.isEnabled():
            return palette.color(QPalette.ColorRole.Highlight)
        return palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Mid)

    def _apply_palette(self) -> None:
        palette = self.palette()
        group = QPalette.ColorGroup.Active if self.isEnabled() else QPalette.ColorGroup.Disabled
        text = palette.color(group, QPalette.ColorRole.WindowText)
        self.plot.setBackground(palette.color(group, QPalette.ColorRole.Base))
        for name in ("left", "bottom"):
            axis = self.plot.getAxis(name)
            axis.setPen(pg.mkPen(QColor(text)))
            axis.setTextPen(pg.mkPen(QColor(text)))
        if self._bars is not None:
            self._bars.setOpts(brush=self._bar_brush())
        note = QPalette(palette)  # the note stays readable on a disabled chart
        note.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText,
                      palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText))
        note.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Window,
                      palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Window))
        self.busy_note.setPalette(note)
        self.busy_note.setVisible(not self.isEnabled())

    def changeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt API
        if event.type() in (event.Type.PaletteChange, event.Type.ApplicationPaletteChange,
                            event.Type.EnabledChange) and hasattr(self, "busy_note"):
            self._apply_palette()
        super().changeEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt API
        menu = QMenu(self)
        menu.addAction("Copy Chart", self.copy_image)
        menu.addAction("Save Chart as PNG…", self.save_image)
        menu.exec(event.globalPos())

    @Slot()
    def copy_image(self) -> None:
        """Put the chart on the clipboard as an image."""
        QGuiApplication.clipboard().setPixmap(self.grab())

    @Slot()
    def save_image(self, path: str | None = None) -> bool:
        """Save the chart as a PNG file (asks where when ``path`` is not given)."""
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, "Save chart", f"{self.objectName()}.png", "PNG image (*.png)")
            if not path:
                return False
        return self.grab().save(path, "PNG")
