"""The "Raw JSON" tab: the profile exactly as stored, pretty-printed, with a find box."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtGui import QFontDatabase, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QVBoxLayout, QWidget

from viewer.model.json_text import json_text
from viewer.model.profile import Profile
from viewer.model.values import cut_long_lines
from viewer.ui.widgets.search_box import SearchBox

LONG_LINE = 20_000  # characters; a longer line is cut on screen (laying it out takes seconds)


class RawJsonView(QWidget):
    """Read-only JSON of one profile (``rawJson``) and a find box (``rawJsonFind``).

    Pretty-printing a big profile costs time, so the text is only rendered while
    the tab is visible: ``set_profile`` marks it stale, ``showEvent`` renders it.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.find_box = SearchBox(self)
        self.find_box.setObjectName("rawJsonFind")
        self.find_box.setPlaceholderText("Find in JSON… (Enter: next)")
        self.find_box.returnPressed.connect(self.find_next)
        self.find_box.textChanged.connect(self._find_from_top)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("rawJson")
        self.text.setReadOnly(True)
        self.text.setAcceptDrops(False)  # dropped files open in the window instead
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        layout.addWidget(self.find_box)
        layout.addWidget(self.text, 1)
        self._profile: Profile | None = None
        self._stale = True

    def set_profile(self, profile: Profile | None) -> None:
        """Show ``profile`` (rendered now when visible, else when the tab is next shown)."""
        self._profile = profile
        self._stale = True
        if self.isVisible():
            self._render()

    def focus_find(self) -> None:
        """Put the cursor in the find box."""
        self.find_box.setFocus()
        self.find_box.selectAll()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self._stale:
            self._render()
        super().showEvent(event)

    def _render(self) -> None:
        self._stale = False
        text = json_text(self._profile.raw, indent=True) if self._profile else ""
        self.text.setPlainText(cut_long_lines(text, LONG_LINE))

    @Slot()
    def find_next(self) -> None:
        """Select the next occurrence of the find text, wrapping at the end."""
        text = self.find_box.text()
        if text and not self.text.find(text):
            self.text.moveCursor(QTextCursor.MoveOperation.Start)
            self.text.find(text)

    @Slot()
    def _find_from_top(self) -> None:
        self.text.moveCursor(QTextCursor.MoveOperation.Start)
        self.find_next()
