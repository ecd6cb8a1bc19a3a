"""Dropping files on the window: a plain drop opens them, Shift+drop compares the open export with one."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QLabel

from viewer.ui.window.file_drop import ADD_TEXT, COMPARE_TEXT, OPEN_OR_COMPARE_TEXT, OPEN_TEXT

SHIFT = Qt.KeyboardModifier.ShiftModifier
NONE = Qt.KeyboardModifier.NoModifier
ACTIONS = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction  # what a file manager offers


def _profile(number: int, tier: str = "Gold") -> dict:
    return {"id": number, "integrationId": f"URN{number}", "totalSales": 10.5, "attributes": {"LoyaltyTier": tier}}


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_bytes(orjson.dumps([_profile(i) for i in range(20)]))
    new.write_bytes(orjson.dumps([_profile(i, "Platinum" if i < 3 else "Gold") for i in range(20)]))
    return old, new


def mime_of(path: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    return mime


def drag(window, mime: QMimeData, modifiers: Qt.KeyboardModifier) -> QDragMoveEvent:
    """Enter and move over the window as a file manager's drag does; the move event, as the window answered it."""
    enter = QDragEnterEvent(QPoint(10, 10), ACTIONS, mime, Qt.MouseButton.LeftButton, modifiers)
    QApplication.sendEvent(window, enter)
    move = QDragMoveEvent(QPoint(12, 12), ACTIONS, mime, Qt.MouseButton.LeftButton, modifiers)
    QApplication.sendEvent(window, move)
    return move


def drop(window, mime: QMimeData, modifiers: Qt.KeyboardModifier) -> QDropEvent:
    event = QDropEvent(QPointF(12, 12), ACTIONS, mime, Qt.MouseButton.LeftButton, modifiers)
    QApplication.sendEvent(window, event)
    return event


def test_shift_drop_compares_the_open_export_with_the_dropped_file(qtbot, window, files) -> None:
    old, new = files
    with qtbot.waitSignal(window.fileLoaded, timeout=20000):
        window.open_files([str(old)])
    highlight = window.findChild(QLabel, "dropHighlight")
    mime = mime_of(new)  # an event does not own its mime data: keep it alive
    move = drag(window, mime, NONE)
    assert move.isAccepted() and highlight.text() == OPEN_OR_COMPARE_TEXT  # the hint offers Shift
    move = drag(window, mime, SHIFT)
    assert highlight.isVisible() and highlight.text() == COMPARE_TEXT
    assert move.dropAction() == Qt.DropAction.CopyAction  # never a move: the file manager keeps the file
    with qtbot.waitSignal(window.comparing.comparisonShown, timeout=20000) as shown:
        dropped = drop(window, mime, SHIFT)
        assert dropped.dropAction() == Qt.DropAction.CopyAction
    comparison = shown.args[0]
    qtbot.addWidget(comparison)
    assert comparison.windowTitle() == "Compare old.json → new.json"
    assert comparison.view.summary.text().startswith("0 added · 0 removed · 3 changed · 17 unchanged")
    assert window.windowTitle() == "old.json - Audience Viewer"  # the open export stays open
    assert not highlight.isVisible()
    assert new.exists()


def test_shift_drop_without_an_open_export_opens_the_file(qtbot, window, files) -> None:
    _, new = files
    mime = mime_of(new)
    drag(window, mime, SHIFT)
    assert window.findChild(QLabel, "dropHighlight").text() == OPEN_TEXT  # nothing to compare with
    with qtbot.waitSignal(window.fileLoaded, timeout=20000):
        drop(window, mime, SHIFT)
    assert window.windowTitle() == "new.json - Audience Viewer"
    assert window.comparing.windows == []


def test_a_plain_drop_with_an_open_export_opens_the_dropped_file(qtbot, window, files) -> None:
    old, new = files
    with qtbot.waitSignal(window.fileLoaded, timeout=20000):
        window.open_files([str(old)])
    mime = mime_of(new)
    drag(window, mime, NONE)
    with qtbot.waitSignal(window.fileLoaded, timeout=20000):
        drop(window, mime, NONE)
    assert window.windowTitle() == "new.json - Audience Viewer"
    assert window.comparing.windows == []


def test_a_csv_export_dragged_over_an_open_export_says_it_is_added(qtbot, window, files, tmp_path) -> None:
    old, _ = files
    balances = tmp_path / "balances.csv"
    balances.write_text("loyaltyProgramID,loyaltySubledger,profileIntegrationID,currentBalance,pendingBalance,"
                        "expiredBalance,spentBalance,currentTier\n4,,URN1,10.00,0.00,0.00,0.00,Gold\n")
    mime = mime_of(balances)
    drag(window, mime, NONE)
    assert window.findChild(QLabel, "dropHighlight").text() == OPEN_TEXT  # nothing open: it opens alone
    with qtbot.waitSignal(window.fileLoaded, timeout=20000):
        window.open_files([str(old)])
    drag(window, mime, NONE)
    assert window.findChild(QLabel, "dropHighlight").text() == ADD_TEXT  # as the drop does (add_files)
