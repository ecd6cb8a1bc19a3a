"""Header sections whose text keeps clear of the sort arrow.

Measured with Qt 6.11's Fusion style: the label of a right-aligned header
("Total sales" over a number column) is drawn in a rect that reaches under the
sort arrow, so the arrow touched the last letter however wide the section was
(widening it moved the text along with the arrow). The header's style is
wrapped so that, where a section shows the arrow, its label ends where the
arrow begins (~6 px clear of it). A section fitted to ``sectionSizeFromContents``
still holds the whole title: that size leaves the arrow's room in every section.
"""

from __future__ import annotations

from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QHeaderView,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QStyleOptionHeader,
    QWidget,
)


class _SortArrowRoom(QProxyStyle):
    """Draws a sorted section's label short of the arrow (everything else as the wrapped style)."""

    def drawControl(self, element: QStyle.ControlElement, option: QStyleOption, painter: QPainter,  # noqa: N802
                    widget: QWidget | None = None) -> None:
        if (element == QStyle.ControlElement.CE_HeaderLabel and isinstance(option, QStyleOptionHeader)
                and option.sortIndicator != QStyleOptionHeader.SortIndicator.None_
                and option.orientation == option.orientation.Horizontal):
            label = QStyleOptionHeader(option)
            room = option.fontMetrics.height() // 2  # Fusion's arrow is half the text's height wide
            label.rect = option.rect.adjusted(0, 0, -room, 0)
            if option.direction == option.direction.RightToLeft:
                label.rect = option.rect.adjusted(room, 0, 0, 0)
            super().drawControl(element, label, painter, widget)
            return
        super().drawControl(element, option, painter, widget)


def keep_text_clear_of_sort_arrow(header: QHeaderView) -> None:
    """Give ``header`` the wrapped style (kept alive by the header)."""
    style = _SortArrowRoom()  # wraps the application's style
    style.setParent(header)
    header.setStyle(style)
