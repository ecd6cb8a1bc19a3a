"""While a file opens the window says which: the welcome page and the title, not the empty start page."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import QListWidget, QPushButton

from viewer.ui.window.opening_state import opening_title

PROFILE = {"id": 1, "integrationId": "c-1", "created": "2021-01-01T00:00:00Z", "accountId": 1,
           "closedSessions": 0, "totalSales": 0, "lastActivity": "2021-01-01T00:00:00Z"}


def test_a_file_given_at_start_names_itself_before_the_first_paint(qtbot, window, tmp_path: Path) -> None:
    path = tmp_path / "customers.json"
    path.write_text(json.dumps([PROFILE]), encoding="utf-8")
    page = window.welcome
    with qtbot.waitSignal(window.fileLoaded, timeout=20000):
        window.open_files([str(path)])
        # what the first paint shows: the file and its progress, no "Open…" nor "No recent files"
        assert page.is_opening()
        assert page.opening_label.text() == "Opening customers.json…"
        assert not page.findChild(QPushButton, "welcomeOpen").isVisible()
        assert not page.findChild(QListWidget, "welcomeRecentList").isVisible()
        assert window.loading.bar.isVisible() and window.loading.cancel_button.isVisible()  # how far: below, once
        assert window.windowTitle() == "customers.json (opening…) - Audience Viewer"
    assert window.windowTitle() == "customers.json - Audience Viewer"
    assert not page.is_opening()


def test_a_cancelled_opening_gives_back_the_start_page_and_title(qtbot, window, tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_text(json.dumps([dict(PROFILE, id=n) for n in range(20000)]), encoding="utf-8")
    window.open_files([str(path)])
    assert window.windowTitle() == opening_title([str(path)])
    with qtbot.waitSignal(window.worker.cancelled, timeout=5000):
        window.worker.cancel()
    assert window.windowTitle() == "Audience Viewer"
    assert not window.welcome.is_opening()
    assert window.welcome.findChild(QPushButton, "welcomeOpen").isVisible()


def test_a_file_that_cannot_be_read_gives_back_the_start_page(qtbot, window, tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text("[{", encoding="utf-8")
    with qtbot.waitSignal(window.loadFailed, timeout=20000):
        window.open_files([str(path)])
    assert window.windowTitle() == "Audience Viewer"
    assert not window.welcome.is_opening()


def test_closing_while_opening_leaves_the_start_page(qtbot, window, tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_text(json.dumps([dict(PROFILE, id=n) for n in range(20000)]), encoding="utf-8")
    window.open_files([str(path)])
    window.close_export()
    assert not window.welcome.is_opening()
    assert window.windowTitle() == "Audience Viewer"
