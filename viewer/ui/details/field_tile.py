"""The profile panel's building blocks: a copyable value label and a tile per field.

Every label here shows file text, so each is plain text; the value label's menu
copies either what is selected or the file's exact value.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QContextMenuEvent, QGuiApplication, QIcon, QKeyEvent, QKeySequence, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMenu, QStyle, QVBoxLayout, QWidget

import viewer
from viewer.model.field_text import FieldText
from viewer.ui.widgets.copying import claim_copy_key
from viewer.ui.widgets.tooltips import tooltip_html

_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?")  # a JSON number, as the file wrote it
SELECTABLE = Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard


class ValueLabel(QLabel):
    """A selectable plain-text value whose context menu can copy the exact value."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(SELECTABLE)
        self.setWordWrap(True)
        self.exact = ""

    def show_value(self, text: str, exact: str | None = None, dim: bool = False) -> None:
        """Show ``text``; ``exact`` is what "Copy exact value" copies; ``dim`` greys it."""
        self.setText(text)
        self.exact = text if exact is None else exact
        if self.font().italic() != dim:  # (each set font and colour role costs, even an unchanged one)
            font = self.font()
            font.setItalic(dim)
            self.setFont(font)
        role = QPalette.ColorRole.PlaceholderText if dim else QPalette.ColorRole.WindowText
        if self.foregroundRole() != role:
            self.setForegroundRole(role)

    def copy_text(self) -> str:
        """What Copy (menu or Ctrl+C) gives: the selection or the whole text; numbers as the file's digits.

        A number shows with thousands separators (``1,234,567.89``); copied whole it
        is the file's ``1234567.891``, and a selected part of it has no separators.
        """
        text = self.selectedText() or self.text()
        if not _NUMBER.fullmatch(self.exact):
            return text
        return self.exact if text == self.text() else text.replace(",", "")

    def event(self, event: QEvent) -> bool:  # noqa: D102 - Qt API
        return claim_copy_key(event) or super().event(event)  # Ctrl+C copies this widget's value

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if event.matches(QKeySequence.StandardKey.Copy):
            QGuiApplication.clipboard().setText(self.copy_text())
            event.accept()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt API
        menu = QMenu(self)
        menu.addAction("Copy", lambda: QGuiApplication.clipboard().setText(self.copy_text()))
        menu.addAction("Copy exact value", lambda: QGuiApplication.clipboard().setText(self.exact))
        menu.exec(event.globalPos())


class FieldTile(QFrame):
    """One field: a small caption, the value, a note, and its problems."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(1)
        self.caption = QLabel(caption, self)
        self.caption.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        small = self.caption.font()
        small.setPointSizeF(small.pointSizeF() * 0.9)
        self.caption.setFont(small)
        self.value = ValueLabel(self)
        self.note = QLabel(self)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.note.setTextInteractionFlags(SELECTABLE)
        self.note.setWordWrap(True)  # a long note wraps instead of widening the panel
        self.problems = QLabel(self)
        self.problems.setTextFormat(Qt.TextFormat.PlainText)
        self.problems.setTextInteractionFlags(SELECTABLE)
        self.problems.setWordWrap(True)
        self.problem_icon = QLabel(self)
        self.problem_icon.setFixedSize(16, 16)
        row = QHBoxLayout()
        row.setSpacing(4)
        row.addWidget(self.problem_icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.problems, 1)
        for widget in (self.caption, self.value, self.note):
            layout.addWidget(widget)
        layout.addLayout(row)

    def show_field(self, shown: FieldText) -> None:
        """Show a field as ``viewer.model.field_text`` words it: value, note and tooltip."""
        self.value.show_value(shown.text, shown.exact, dim=shown.dim)
        self.note.setText(shown.note)
        if self.note.isHidden() == bool(shown.note):
            self.note.setVisible(bool(shown.note))
        self.setToolTip(tooltip_html(*shown.tooltip) if shown.tooltip else "")

    def set_problems(self, problems: list[viewer.Problem]) -> None:
        """Show ``problems`` under the value (hidden when there are none)."""
        if not problems and self.problems.isHidden():
            return  # most fields of most profiles: nothing to change
        self.problems.setText("\n".join(p.message for p in problems))
        self.problems.setVisible(bool(problems))
        self.problem_icon.setVisible(bool(problems))
        if problems:
            worst = min(problems, key=lambda p: list(viewer.Severity).index(p.severity))
            self.problem_icon.setPixmap(severity_icon(self, worst.severity).pixmap(16, 16))

    def set_highlighted(self, on: bool) -> None:
        """Draw attention to this field (after a problem was activated)."""
        if on != bool(self.styleSheet()):
            self.setStyleSheet("FieldTile { border: 2px solid palette(highlight); border-radius: 4px; }" if on else "")


def severity_icon(widget: QWidget, severity: viewer.Severity) -> QIcon:
    """The platform's icon for an error, warning or info."""
    pixmap = {
        viewer.Severity.ERROR: QStyle.StandardPixmap.SP_MessageBoxCritical,
        viewer.Severity.WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
    }.get(severity, QStyle.StandardPixmap.SP_MessageBoxInformation)
    return widget.style().standardIcon(pixmap)
