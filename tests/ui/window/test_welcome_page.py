"""The page a user sees when no file is open."""

from __future__ import annotations

import html

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QPushButton

from viewer.ui.window.welcome_page import WelcomePage


@pytest.fixture
def page(qtbot) -> WelcomePage:
    widget = WelcomePage()
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    return widget


def test_names_and_texts(page: WelcomePage) -> None:
    assert page.objectName() == "welcomePage"
    assert page.findChild(QPushButton, "welcomeOpen").text() == "Open\u2026"
    assert page.findChild(QPushButton, "welcomeOpenSample").text() == "Open sample export"
    texts = " ".join(label.text() for label in page.findChildren(QLabel))
    assert "Audience Viewer" in texts and "drop" in texts.lower()


def test_buttons_emit(qtbot, page: WelcomePage) -> None:
    with qtbot.waitSignal(page.openRequested, timeout=1000):
        qtbot.mouseClick(page.findChild(QPushButton, "welcomeOpen"), Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.sampleRequested, timeout=1000):
        qtbot.mouseClick(page.findChild(QPushButton, "welcomeOpenSample"), Qt.MouseButton.LeftButton)


def test_empty_recent_list_says_so(page: WelcomePage) -> None:
    recent = page.findChild(QListWidget, "welcomeRecentList")
    page.set_recent_files([])
    assert [recent.item(i).text() for i in range(recent.count())] == ["No recent files"]
    assert not recent.item(0).flags() & Qt.ItemFlag.ItemIsEnabled
    assert page.recent_files() == []


def test_recent_files_shown_in_order_and_activating_opens(qtbot, page: WelcomePage) -> None:
    paths = ["/data/exports/customers.json", "/data/old/page-2.ndjson"]
    page.set_recent_files(paths)
    recent = page.findChild(QListWidget, "welcomeRecentList")
    assert recent.count() == 2
    assert recent.item(0).text().startswith("customers.json")
    assert "/data/exports" in recent.item(0).text()
    assert page.recent_files() == paths

    recent.setCurrentRow(1)
    recent.setFocus()
    with qtbot.waitSignal(page.recentRequested, timeout=1000) as blocker:
        qtbot.keyClick(recent, Qt.Key.Key_Return)
    assert blocker.args == ["/data/old/page-2.ndjson"]


def test_file_names_are_data_not_markup(page: WelcomePage) -> None:
    path = "/tmp/<img src=x><b>bold</b>.json"  # the "/" in "</b>" is a folder separator
    page.set_recent_files([path])
    item = page.findChild(QListWidget, "welcomeRecentList").item(0)
    assert "/tmp/<img src=x><b>bold<" in item.text()  # shown exactly as typed
    assert item.toolTip() == f"<qt>{html.escape(path)}</qt>"  # escaped: Qt renders it literally


def test_follows_the_palette(qtbot, page: WelcomePage) -> None:
    """No style sheet with fixed colours: the dark palette reaches every label."""
    assert page.styleSheet() == ""
    assert all(label.styleSheet() == "" for label in page.findChildren(QLabel))
