"""macOS QFileOpenEvent: Finder's "Open with" reaches the window as a list of paths."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QUrl
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from viewer.ui.window.file_open import FileOpenFilter


def test_file_open_events_become_one_request(qtbot) -> None:
    app = QApplication.instance()
    opener = FileOpenFilter(gather_ms=20)
    app.installEventFilter(opener)
    try:
        with qtbot.waitSignal(opener.openRequested, timeout=2000) as blocker:
            QApplication.sendEvent(app, QFileOpenEvent("/Users/ann/customers.json"))
            QApplication.sendEvent(app, QFileOpenEvent(QUrl.fromLocalFile("/Users/ann/page 2.json")))
        assert blocker.args == [["/Users/ann/customers.json", "/Users/ann/page 2.json"]]
    finally:
        app.removeEventFilter(opener)


def test_other_events_pass_through(qtbot) -> None:
    opener = FileOpenFilter()
    with qtbot.assertNotEmitted(opener.openRequested):  # the filter answers at once
        assert not opener.eventFilter(QApplication.instance(), QEvent(QEvent.Type.FontChange))
