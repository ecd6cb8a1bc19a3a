"""One row height for every list, table and tree of the viewer, taken from the style.

A table's rows are as high as its vertical header's default section; a tree's
are as high as its delegate says. Left alone the two disagree (Fusion: 22 px
against 14 px), so every view asks ``row_height`` and trees use
``RowHeightDelegate``.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget


def row_height(view: QWidget) -> int:
    """The style's height of an item with text and a small icon, plus its focus-frame margins."""
    style = view.style()
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.font = view.font()
    option.text = "Xg"
    icon = style.pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, None, view)
    option.decorationSize = QSize(icon, icon)
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasDisplay
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasDecoration
    item = style.sizeFromContents(QStyle.ContentsType.CT_ItemViewItem, option, QSize(), view).height()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameVMargin, None, view)
    return max(item, view.fontMetrics().height()) + 2 * margin


class RowHeightDelegate(QStyledItemDelegate):
    """The default delegate, with every row ``row_height`` high (as in the tables)."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._height = row_height(view)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        return QSize(super().sizeHint(option, index).width(), self._height)
