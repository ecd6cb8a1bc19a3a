"""How wide a small table's column must be for its cells, measured from their text without asking the model.

``QTableView.sizeHintForColumn`` goes through the delegate, which asks the
model seven roles per cell: for a profile's ten sessions (nine columns) that
was 5-13 ms of a selection's 70 ms on the GUI thread. Measured from the text
as the delegate lays it out (``viewer.ui.widgets.text_width``, italic when
dimmed), the widths matched ``sizeHintForColumn`` on every column of 20
benchmark profiles' sessions. A column with an icon in a cell (a time that
could not be read) takes Qt's own measure.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QTableView

from viewer.ui.widgets.text_width import CLOSE_PX, cell_margin, text_width

KEPT_WIDTHS = 20_000  # texts whose exact width is kept per font, before the store starts afresh
_widths: dict[str, dict[str, int]] = {}  # font key -> text -> its exact width (``text_width``)


class FittedCell(Protocol):
    """What the widths are measured from (``membership_lists.Cell``)."""

    @property
    def text(self) -> str: ...
    @property
    def dim(self) -> bool: ...
    @property
    def warn(self) -> bool: ...


def column_widths(view: QTableView, rows: Sequence[Sequence[FittedCell]], columns: int) -> list[int]:
    """Per column, the width ``view.sizeHintForColumn`` gives for ``rows`` (the rows it would measure)."""
    font = view.font()
    italic = QFont(font)
    italic.setItalic(True)
    margin = cell_margin(view)
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


def widest_text(texts: Sequence[str], font: QFont) -> int:
    """``text_width.widest_text``, keeping the exact widths it lays out for the next profile's cells.

    A profile's sessions repeat many cells of the one before ("closed", "Not set", "yes", an
    application ID): laying each out again (~25 µs) was half of fitting a profile's columns.
    """
    if not texts:
        return 0
    known = _widths.get(font.key())
    if known is None or len(known) > KEPT_WIDTHS:
        known = _widths[font.key()] = {}
    exact = [known[text] for text in texts if text in known]
    unknown = [text for text in set(texts) if text not in known]
    if unknown:
        metrics = QFontMetricsF(font)
        rough = [metrics.horizontalAdvance(text) for text in unknown]
        cut = max(max(rough), max(exact, default=0)) - CLOSE_PX
        for text, width in zip(unknown, rough):
            if width >= cut:
                exact.append(known.setdefault(text, text_width(text, font)))
    return max(exact, default=0)
