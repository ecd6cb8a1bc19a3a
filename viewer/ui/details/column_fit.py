"""How wide a small table's column must be for its cells, measured from their text without asking the model.

``QTableView.sizeHintForColumn`` goes through the delegate, which asks the
model seven roles per cell: for a profile's ten sessions (nine columns) that
was 5-13 ms of a selection's 70 ms on the GUI thread. The delegate's width of
a cell with text only is the text's natural width on one line (a
``QTextLayout``, in the cell's font: italic when dimmed) rounded up, plus the
style's text margin on each side, plus one pixel for the grid; computed so,
the widths matched ``sizeHintForColumn`` on every column of 20 benchmark
profiles' sessions. ``QFontMetricsF`` alone was a pixel short on italic text,
so only the texts within ``CLOSE_PX`` of the widest by the metrics are laid out
(a layout costs ~25 µs, a metric ~2 µs). A column with an icon in a cell (a
time that could not be read) takes Qt's own measure.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Protocol

from PySide6.QtGui import QFont, QFontMetricsF, QTextLayout, QTextOption
from PySide6.QtWidgets import QStyle, QTableView

CLOSE_PX = 3.0  # texts this close to the widest by the font metrics get an exact layout


class FittedCell(Protocol):
    """What the widths are measured from (``membership_lists.Cell``)."""

    @property
    def text(self) -> str: ...
    @property
    def dim(self) -> bool: ...
    @property
    def warn(self) -> bool: ...


def text_width(text: str, font: QFont) -> int:
    """The natural width of ``text`` on one line in ``font``, rounded up, as the item delegate lays it out."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.NoWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(1_000_000.0)
    layout.endLayout()
    return math.ceil(line.naturalTextWidth())


def widest_text(texts: Sequence[str], font: QFont) -> int:
    """The widest of ``texts`` in ``font`` (0 for none): metrics for all, a layout for the close ones."""
    if not texts:
        return 0
    metrics = QFontMetricsF(font)
    rough = [metrics.horizontalAdvance(text) for text in texts]
    cut = max(rough) - CLOSE_PX
    return max(text_width(text, font) for text, width in zip(texts, rough) if width >= cut)


def column_widths(view: QTableView, rows: Sequence[Sequence[FittedCell]], columns: int) -> list[int]:
    """Per column, the width ``view.sizeHintForColumn`` gives for ``rows`` (the rows it would measure)."""
    font = view.font()
    italic = QFont(font)
    italic.setItalic(True)
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    grid = 1 if view.showGrid() else 0
    widths = []
    for column in range(columns):
        cells = [row[column] for row in rows]
        if any(cell.warn for cell in cells):
            widths.append(view.sizeHintForColumn(column))
            continue
        plain = widest_text([cell.text for cell in cells if not cell.dim], font)
        dim = widest_text([cell.text for cell in cells if cell.dim], italic)
        widest = max(plain, dim)
        widths.append((widest + 2 * margin if cells else 0) + grid)
    return widths
