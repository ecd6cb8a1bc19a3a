"""How wide a table cell's text is, as the item delegate lays it out (no model asked).

The delegate's width of a cell with text only is the text's natural width on
one line (a ``QTextLayout`` in the cell's font) rounded up, plus the style's
text margin on each side (``cell_margin``), plus one pixel for the grid.
``QFontMetricsF`` alone came out a pixel short on italic text, and the integer
``horizontalAdvance`` a pixel short on plain digits (a column fitted with it
cut "1000000" to "10000…" on X11), so only the texts within ``CLOSE_PX`` of
the widest by the metrics are laid out (a layout costs ~25 µs, a metric ~2 µs).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtGui import QFont, QFontMetricsF, QTextLayout, QTextOption
from PySide6.QtWidgets import QStyle, QWidget

CLOSE_PX = 3.0  # texts this close to the widest by the font metrics get an exact layout


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


def cell_margin(view: QWidget) -> int:
    """The pixels the item delegate leaves on each side of a cell's text in ``view``."""
    return view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
