"""The window's message boxes: a failed load, About, and short notices.

Each is window-modal and opened with ``open()``: no nested event loop, so a
load in progress and the tests carry on while it shows. All text is plain:
error messages quote the file, which may hold anything.
"""

from __future__ import annotations

import sys

import PySide6
from PySide6.QtCore import QSize, Qt, qVersion
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QLabel, QMessageBox, QTextEdit, QWidget

import viewer
from viewer.ui.widgets.app_icon import application_icon
from viewer.ui.window.loading import describe_load_error

APP_NAME = "Audience Viewer"


def _plain_box(parent: QWidget, icon: QMessageBox.Icon, title: str, text: str, informative: str = "") -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if informative:
        box.setInformativeText(informative)
        # QMessageBox has no format setting for this label: never let Qt read it as markup.
        label = box.findChild(QLabel, "qt_msgbox_informativelabel")
        if label is not None:
            label.setTextFormat(Qt.TextFormat.PlainText)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return box


def show_load_error(parent: QWidget, error: BaseException, paths: list[str]) -> str:
    """Show why ``paths`` could not be opened; return the one-line summary."""
    title, message, detail = describe_load_error(error, paths)
    box = _plain_box(parent, QMessageBox.Icon.Critical, title, title, message)
    box.setObjectName("loadErrorDialog")
    if detail:
        box.setDetailedText(detail)
        for edit in box.findChildren(QTextEdit):
            edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
            edit.setLineWrapMode(QTextEdit.LineWrapMode.NoWrap)
            edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance("M" * 106))  # the whole excerpt
            edit.setMaximumHeight(edit.fontMetrics().lineSpacing() * 4)
    box.open()
    for button in box.buttons():  # show the offending line at once, not behind a button
        if box.buttonRole(button) == QMessageBox.ButtonRole.ActionRole:
            button.click()
    return f"{title}: {message}"


def show_notice(parent: QWidget, title: str, text: str, name: str) -> QMessageBox:
    """A short informational message (``name`` is its objectName)."""
    box = _plain_box(parent, QMessageBox.Icon.Information, title, text)
    box.setObjectName(name)
    box.open()
    return box


def show_clipboard_empty(parent: QWidget) -> QMessageBox:
    """Ctrl+Shift+V with no text on the clipboard (``clipboardEmptyNotice``)."""
    return show_notice(parent, "Nothing to open", "The clipboard holds no text.\n\nCopy the JSON of an export or "
                       "of a single profile, then press Ctrl+Shift+V again.", "clipboardEmptyNotice")


def about_text() -> str:
    """What the About dialog says: name, version, and what it runs on."""
    python = ".".join(map(str, sys.version_info[:3]))
    return (
        f"{APP_NAME} {viewer.__version__}\n\n"
        "A viewer for Talon.One customer-profile exports: JSON, JSON Lines and saved API pages.\n\n"
        f"Python {python}, PySide6 {PySide6.__version__}, Qt {qVersion()}"
    )


def show_about(parent: QWidget) -> QMessageBox:
    """The About dialog (``aboutDialog``)."""
    box = _plain_box(parent, QMessageBox.Icon.NoIcon, f"About {APP_NAME}", about_text())
    box.setObjectName("aboutDialog")
    box.setIconPixmap(application_icon().pixmap(QSize(64, 64), parent.devicePixelRatioF()))
    box.open()
    return box
