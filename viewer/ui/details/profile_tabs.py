"""The profile's tabs (``profileTabs``), whose titles change with every profile without repainting every page.

``QTabWidget.setTabText`` and ``setTabVisible`` lay the tab widget out again
and repaint all of it, each page included, even when nothing moved; so does any
layout request it gets (a page's size hint that changed, a title set on the
tab bar). The widget places its tab bar and pages from the tab bar's size
hint and its own size only, so a request that finds the tab bar's hint as
it was laid out is answered with a new size hint for the splitter and no
repaint. Measured in the benchmark window (100,000 profiles, the Sessions tab
shown): the whole-widget repaint was 4-7 ms of a selection's 40 ms in the
profile's half of the window (the pane's frame alone 3 ms: painting is slow
in software).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QTabWidget, QWidget

from viewer.ui.widgets.compact_tabs import make_compact


class ProfileTabs(QTabWidget):
    """A tab widget with compact titles, set through ``set_title`` and ``show_tab``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("profileTabs")
        self._style = make_compact(self.tabBar())  # every title in sight at 1280 px (see compact_tabs)
        self._laid_out: QSize | None = None  # the tab bar's size hint at the last layout let through

    def set_title(self, index: int, title: str) -> None:
        """Tab ``index`` reads ``title`` (the tab bar alone repaints, and only when it changed)."""
        if self.tabText(index) != title:
            self.tabBar().setTabText(index, title)

    def show_tab(self, index: int, visible: bool) -> None:
        """Show or hide tab ``index`` (nothing is laid out again when it already is so)."""
        if self.isTabVisible(index) != visible:
            self.setTabVisible(index, visible)
            self._laid_out = None

    # Every other way the tab widget lays itself out lets the next layout request through.
    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802, D102 - Qt API
        self._laid_out = None
        super().resizeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802, D102 - Qt API
        self._laid_out = None
        super().showEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802, D102 - Qt API
        self._laid_out = None
        super().changeEvent(event)

    def tabInserted(self, index: int) -> None:  # noqa: N802, D102 - Qt API
        self._laid_out = None
        super().tabInserted(index)

    def tabRemoved(self, index: int) -> None:  # noqa: N802, D102 - Qt API
        self._laid_out = None
        super().tabRemoved(index)

    def event(self, event: QEvent) -> bool:  # noqa: D102 - Qt API
        if event.type() == QEvent.Type.LayoutRequest and self.isVisible():
            hint = self.tabBar().sizeHint()
            if hint == self._laid_out:
                self.updateGeometry()  # the pages' size hints may have changed: the splitter asks again
                return True
            self._laid_out = hint
        return super().event(event)
