"""Back and Forward between the profiles viewed, as in a browser.

``ProfileHistory`` keeps the indices of the profiles shown, in order; the
window records each profile it shows (``visit``) and asks for the one to go
back or forward to. Opening another export clears it. ``MouseNavigation`` turns
the mouse's back/forward (thumb) buttons into those actions: the item views
and text views take mouse presses themselves, so it watches their viewports.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

MAX_HISTORY = 500


class ProfileHistory(QObject):
    """The profile indices viewed: those before the current one and those after it."""

    changed = Signal()  # what can_go_back / can_go_forward say may have changed

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._back: list[int] = []
        self._forward: list[int] = []
        self._current: int | None = None
        self._moving = False

    def visit(self, index: int | None) -> None:
        """The window now shows the profile at ``index`` (None: none); ignored while going back/forward."""
        if self._moving or index is None or index == self._current:
            return
        if self._current is not None:
            self._back.append(self._current)
            del self._back[:-MAX_HISTORY]
        self._forward.clear()
        self._current = index
        self.changed.emit()

    def can_go_back(self) -> bool:
        return bool(self._back)

    def can_go_forward(self) -> bool:
        return bool(self._forward)

    def go_back(self, show: Callable[[int], object]) -> None:
        """Show the profile viewed before this one with ``show(index)``."""
        self._move(self._back, self._forward, show)

    def go_forward(self, show: Callable[[int], object]) -> None:
        """Show the profile that was left with Back."""
        self._move(self._forward, self._back, show)

    def clear(self) -> None:
        """Forget everything (another export was opened)."""
        self._back.clear()
        self._forward.clear()
        self._current = None
        self.changed.emit()

    def _move(self, source: list[int], target: list[int], show: Callable[[int], object]) -> None:
        if not source:
            return
        index = source.pop()
        if self._current is not None:
            target.append(self._current)
        self._current = index
        self._moving = True
        try:
            show(index)
        finally:
            self._moving = False
        self.changed.emit()


class MouseNavigation(QObject):
    """Event filter: the mouse's Back/Forward buttons trigger ``back``/``forward`` anywhere in a window."""

    def __init__(self, window: QWidget, back: Callable[[], object], forward: Callable[[], object]) -> None:
        super().__init__(window)
        self._back, self._forward = back, forward
        window.installEventFilter(self)
        for area in window.findChildren(QAbstractScrollArea):
            area.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        """Take presses of the back and forward buttons; let everything else through."""
        if event.type() == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            if event.button() == Qt.MouseButton.BackButton:
                self._back()
                return True
            if event.button() == Qt.MouseButton.ForwardButton:
                self._forward()
                return True
        return super().eventFilter(watched, event)
