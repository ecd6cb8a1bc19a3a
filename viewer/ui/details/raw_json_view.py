"""The "Raw JSON" tab: the profile's own text from the file, with the file's line numbers and a find box."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QVBoxLayout, QWidget

from viewer.model.json_text import json_text
from viewer.model.profile import Profile, SourceChanged
from viewer.model.values import cut_long_lines
from viewer.ui.details.source_view import SourceView
from viewer.ui.widgets.search_box import SearchBox

LONG_LINE = 20_000  # characters; a longer line is cut on screen (laying it out takes seconds)
ONE_LINE_FORMATTED = 200  # a profile written on one line longer than this is shown formatted at first


def own_text(profile: Profile | None) -> tuple[str, bool]:
    """(the profile's text from the file, True), or (why it cannot be read again: its file changed, False)."""
    try:
        return (profile.source_indent + profile.source_text if profile else ""), True
    except SourceChanged as error:
        return str(error), False


class RawJsonView(QWidget):
    """The profile's text as the file has it (``rawJson``), a find box (``rawJsonFind``) and ``rawJsonFormatted``.

    NDJSON and minified files hold a profile on one long line; those are shown
    formatted (keys in the file's order, every number as written) until the
    switch is turned off, and without line numbers, which would not be the
    file's. Laying out a big profile costs time, so the text is only rendered
    while the tab is visible: ``set_profile`` marks it stale, ``showEvent``
    renders it.
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
        self.formatted = QCheckBox("Formatted", self)
        self.formatted.setObjectName("rawJsonFormatted")
        self.formatted.setToolTip("Show the profile indented, one value per line (the file has it on one line)")
        self.formatted.toggled.connect(self._chosen)
        self._formatted_choice: bool | None = None  # the person's choice, kept from profile to profile
        self.text = SourceView(self)
        self.text.setObjectName("rawJson")
        bar = QHBoxLayout()
        bar.addWidget(self.find_box, 1)
        bar.addWidget(self.formatted)
        layout.addLayout(bar)
        layout.addWidget(self.text, 1)
        self._profile: Profile | None = None
        self._stale = True
        self._unsettled = False  # the Formatted switch is not the profile's yet (``_settle``)
        self._pending_line: int | None = None

    def set_profile(self, profile: Profile | None) -> None:
        """Show ``profile`` (rendered now when visible, else when the tab is next shown)."""
        self._profile = profile
        self._stale = True
        self._unsettled = True
        self._pending_line = None
        if self.isVisible():
            self._render()
        elif not self.window().isVisible():
            self._settle()  # (no window to show the tab in yet: its state is read as it is)

    def _settle(self) -> None:
        """The Formatted switch for the profile: offered (and on, unless turned off) for one long line.

        Left until the tab shows: reading the profile's text again from the file took ~0.3 ms
        of every selection made with another tab open.
        """
        if not self._unsettled:
            return
        self._unsettled = False
        text, readable = own_text(self._profile)
        one_line = readable and "\n" not in text and len(text) > ONE_LINE_FORMATTED  # not the mapping: unread
        self.formatted.blockSignals(True)
        self.formatted.setChecked(one_line and self._formatted_choice is not False)
        self.formatted.blockSignals(False)
        self.formatted.setVisible(one_line)

    def focus_find(self) -> None:
        """Put the cursor in the find box."""
        self.find_box.setFocus()
        self.find_box.selectAll()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self._stale:
            self._render()
        super().showEvent(event)

    def show_line(self, line: int) -> None:
        """Mark file line ``line`` of the profile's text (now, or when the tab is next shown)."""
        self._pending_line = line
        self._settle()
        if self.formatted.isChecked():
            self.formatted.blockSignals(True)
            self.formatted.setChecked(False)  # a line of the file is marked in the file's own text
            self.formatted.blockSignals(False)
            self._stale = True
        if self.isVisible():
            if self._stale:
                self._render()
            else:
                self.text.show_line(line)
                self._pending_line = None

    def _render(self) -> None:
        self._settle()
        self._stale = False
        profile = self._profile
        if profile is not None and self.formatted.isChecked():
            self.text.set_source(cut_long_lines(json_text(profile.raw, indent=True), LONG_LINE), None, numbered=False)
            return
        text = own_text(profile)[0]
        self.text.set_source(cut_long_lines(text, LONG_LINE), profile.line if profile else None)
        if self._pending_line is not None:
            self.text.show_line(self._pending_line)
            self._pending_line = None

    @Slot(bool)
    def _chosen(self, formatted: bool) -> None:
        self._formatted_choice = formatted
        self._stale = True
        if self.isVisible():
            self._render()

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
