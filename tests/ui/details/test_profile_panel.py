"""The profile panel: every field readable, missing vs null, problems inline, plain text."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

import viewer
from viewer.model.times import relative_age
from viewer.ui.details.field_tile import SELECTABLE
from viewer.ui.details.profile_panel import ProfilePanel

HOSTILE = "<img src=x><b>bold</b>"


def load(*profiles: dict) -> viewer.Export:
    return viewer.load(json.dumps(list(profiles)).encode())


FULL = {
    "id": 6,
    "created": "2020-06-10T09:05:27.993483Z",
    "integrationId": "URNGV8294NV",
    "attributes": {"Name": "Ada"},
    "accountId": 31,
    "closedSessions": 0,
    "totalSales": 1234567.891,
    "loyaltyMemberships": None,
    "audienceMemberships": [{"id": 2, "name": "Travel audience"}],
    "lastActivity": "2020-02-08T14:15:20Z",
    "sandbox": False,
    "connectedApplicationsIds": [1, 2, 3],
    "connectedAudiences": [2],
    "advocateIntegrationId": "URN-REFERRER",
}


@pytest.fixture
def panel(qtbot):
    widget = ProfilePanel()
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    return widget


def test_fields_formatted_for_people(panel):
    export = load(FULL)
    panel.set_profile(export.profiles[0], export.problems_for(0))
    assert panel.objectName() == "profilePanel"
    assert panel.integration_id.toPlainText() == "URNGV8294NV"
    assert panel.badge.text() == "LIVE"
    assert panel.subtitle.text() == "Profile 6 · account 31"
    sales = panel.tiles["total_sales"]
    assert sales.value.text() == "1,234,567.89"
    assert sales.value.exact == "1234567.891"
    assert "1234567.891" in sales.toolTip()
    assert panel.tiles["closed_sessions"].value.text() == "0"  # zero is a value, not missing
    created = panel.tiles["created"]
    local = datetime(2020, 6, 10, 9, 5, 27, tzinfo=timezone.utc).astimezone()
    assert created.value.text() == local.strftime("%Y-%m-%d %H:%M")  # as the profile list writes it
    assert created.note.text().endswith("years ago")
    assert "2020-06-10T09:05:27.993483Z" in created.toolTip() and "UTC: 2020-06-10 09:05:27 UTC" in created.toolTip()
    assert panel.tiles["loyalty_memberships"].value.text() == "null"
    assert panel.tiles["connected_applications_ids"].value.text() == "1, 2, 3"
    assert [w.text() for w in panel.other_rows] == ["advocateIntegrationId", "URN-REFERRER"]
    assert panel.other_title.isVisible()
    for tile in panel.tiles.values():
        assert tile.value.textFormat() == Qt.TextFormat.PlainText
        assert tile.value.textInteractionFlags() == SELECTABLE
        assert not tile.problems.isVisible()


def test_missing_null_and_empty_look_different(panel):
    profile = dict(FULL, integrationId="", totalSales=None, sandbox=None)
    del profile["closedSessions"]
    export = load(profile)
    panel.set_profile(export.profiles[0], export.problems_for(0))
    assert panel.tiles["closed_sessions"].value.text() == "— missing"
    assert panel.tiles["total_sales"].value.text() == "null"
    assert panel.tiles["closed_sessions"].value.font().italic()
    assert panel.badge.text() == "UNKNOWN"
    assert "integration ID empty" in panel.subtitle.text()
    missing = panel.tiles["closed_sessions"]
    assert missing.problems.isVisible() and "missing" in missing.problems.text()


def test_badges_differ_per_environment(panel):
    export = load(dict(FULL, sandbox=True), FULL, dict(FULL, sandbox=None))
    sheets = []
    for profile, word in zip(export.profiles, ("SANDBOX", "LIVE", "UNKNOWN")):
        panel.set_profile(profile)
        assert panel.badge.text() == word
        sheets.append(panel.badge.styleSheet())
    assert len(set(sheets)) == 3


def test_long_integration_id_wraps_and_is_complete(panel):
    long_id = "X" * 1000
    export = load(dict(FULL, integrationId=long_id))
    panel.set_profile(export.profiles[0])
    assert panel.integration_id.toPlainText() == long_id
    assert panel.integration_id.height() > 2 * panel.integration_id.fontMetrics().height()
    assert panel.sizeHint().width() < 2000  # wraps instead of widening the window


def test_problems_inline_and_highlight(panel):
    export = load(dict(FULL, totalSales="12"))
    panel.set_profile(export.profiles[0], export.problems_for(0))
    tile = panel.tiles["total_sales"]
    assert tile.problems.isVisible() and "string" in tile.problems.text()
    assert tile.problem_icon.isVisible()
    panel.highlight_field("total_sales")
    assert panel.highlighted_field == "total_sales"
    assert "border" in tile.styleSheet()


def test_plain_text(panel):
    export = load(dict(FULL, integrationId=HOSTILE, advocateIntegrationId=HOSTILE))
    panel.set_profile(export.profiles[0])
    assert panel.integration_id.toPlainText() == HOSTILE
    value = panel.other_rows[1]
    assert value.text() == HOSTILE and value.textFormat() == Qt.TextFormat.PlainText
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in panel.findChildren(QLabel) if label.text() == HOSTILE)


def test_relative_age():
    now = datetime(2024, 1, 10, tzinfo=timezone.utc)
    assert relative_age(now - timedelta(days=3), now) == "3 days ago"
    assert relative_age(now - timedelta(hours=1), now) == "1 hour ago"
    assert relative_age(now + timedelta(days=800), now) == "in 2 years"
    assert relative_age(now, now) == "just now"


def test_empty_panel(panel):
    panel.set_profile(None)
    assert panel.integration_id.toPlainText() == "No profile selected"
    assert not panel.badge.isVisible()


def test_empty_lists_and_attributes_read_as_words(panel):
    """ "[] (empty)" read like programmer's notation: the tiles say what is empty in words."""
    export = load(dict(FULL, connectedApplicationsIds=[], connectedAudiences=[], attributes={}))
    panel.set_profile(export.profiles[0])
    assert panel.tiles["connected_applications_ids"].value.text() == "empty list"
    assert panel.tiles["connected_audiences"].value.text() == "empty list"
    assert panel.tiles["attributes"].value.text() == "no keys"


def test_the_tiles_take_as_many_columns_as_the_panel_has_room_for(qtbot) -> None:
    """Three columns in the panel of a 1024 px window needed a sideways scroll bar: it takes two there."""
    export = load({"id": 1, "integrationId": "URN1", "totalSales": 10.5, "closedSessions": 2,
                   "created": "2021-01-01T00:00:00Z", "lastActivity": "2021-01-01T00:00:00Z"})
    panel = ProfilePanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.set_profile(export.profiles[0])
    bar = panel.scroll_area.horizontalScrollBar()

    def columns() -> int:
        return len({t.x() for n, t in panel.tiles.items() if n != "integration_id" and t.isVisible()})

    for width, wanted in ((1000, 3), (420, 2)):
        panel.resize(width, 500)
        qtbot.waitUntil(lambda: columns() == wanted and not bar.isVisible())  # every tile in sight


def test_a_panel_sized_while_hidden_fits_its_tiles_once_shown(qtbot) -> None:
    """Opened from the command line, the panel was sized behind the welcome page: one column of tiles
    beside 600 px of empty panel, until the window was resized by hand."""
    from PySide6.QtWidgets import QStackedWidget

    export = load(FULL)
    stack = QStackedWidget()
    qtbot.addWidget(stack)
    stack.addWidget(QLabel("welcome"))
    panel = ProfilePanel()
    stack.addWidget(panel)
    stack.show()
    stack.resize(900, 600)  # the panel, hidden, is sized with the stack
    panel.set_profile(export.profiles[0])
    stack.setCurrentWidget(panel)
    tiles = [t for n, t in panel.tiles.items() if n != "integration_id" and t.isVisible()]
    qtbot.waitUntil(lambda: len({t.x() for t in tiles}) == 3)


def test_tab_goes_from_the_widget_before_straight_to_the_integration_id(qtbot) -> None:
    # The panel's scroll area was a Tab stop with no focus to see: Tab seemed to do nothing once.
    from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

    window = QWidget()
    qtbot.addWidget(window)
    before = QLineEdit(window)
    panel = ProfilePanel(window)
    layout = QVBoxLayout(window)
    layout.addWidget(before)
    layout.addWidget(panel)
    panel.set_profile(load(FULL).profiles[0])
    window.show()
    window.activateWindow()
    before.setFocus()
    qtbot.waitUntil(before.hasFocus)
    qtbot.keyClick(before, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is panel.integration_id
    assert panel.scroll_area.objectName() == "profilePanelScroll"


def test_the_integration_id_shows_when_it_has_the_keyboard_focus(panel, qtbot):
    panel.set_profile(load(FULL).profiles[0])
    view = panel.integration_id
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow)
    without = view.grab().toImage()
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    view.setCursorWidth(0)  # the blinking text cursor aside, the focus itself must show
    assert view.grab().toImage() != without
    assert view.height() == without.height()  # gaining the focus moves nothing
