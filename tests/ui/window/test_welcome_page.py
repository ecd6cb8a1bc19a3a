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


def test_one_click_on_a_recent_file_opens_it_once(qtbot, page: WelcomePage) -> None:
    """A start page's list opens on one click; the double click people also try opens it only once."""
    page.set_recent_files(["/data/exports/customers.json", "/data/old/page-2.ndjson"])
    recent = page.findChild(QListWidget, "welcomeRecentList")
    asked: list[str] = []
    page.recentRequested.connect(asked.append)
    where = recent.visualItemRect(recent.item(1)).center()
    qtbot.mouseClick(recent.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert asked == ["/data/old/page-2.ndjson"]
    qtbot.mouseDClick(recent.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert asked == ["/data/old/page-2.ndjson"]


def test_the_recent_list_is_as_tall_as_its_entries_up_to_eight(qtbot, page: WelcomePage) -> None:
    recent = page.findChild(QListWidget, "welcomeRecentList")
    for count, rows in ((1, 1), (5, 5), (12, 8)):
        page.set_recent_files([f"/data/exports/customers-{n}.json" for n in range(count)])
        qtbot.waitUntil(lambda rows=rows: recent.height() >= rows * recent.sizeHintForRow(0))
        shown = [n for n in range(recent.count()) if recent.viewport().rect().contains(
            recent.visualItemRect(recent.item(n)))]
        assert len(shown) == rows  # each entry whole, no scrolling under eight
