"""The search box's completions open as soon as a prefix such as ``audience:`` is typed."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

import viewer
from viewer.query.search_index import ProfileSearchIndex
from viewer.ui.profiles.list_pane import ProfileListPane


def _pane(qtbot) -> ProfileListPane:
    profiles = [{"id": n, "integrationId": f"URN{n}", "attributes": {"Email": f"c{n}@x.org"},
                 "audienceMemberships": [{"id": 7, "name": "Newsletter"}, {"id": 9, "name": "Big spenders"}]}
                for n in range(3)]
    export = viewer.load(json.dumps(profiles).encode())
    pane = ProfileListPane()
    qtbot.addWidget(pane)
    pane.resize(700, 400)
    pane.show()
    pane.set_profiles(export.profiles)
    pane.set_search_index(ProfileSearchIndex.build(export.profiles))
    pane.activateWindow()
    pane.search.setFocus()
    qtbot.waitUntil(pane.search.hasFocus)
    return pane


def _offered(pane: ProfileListPane) -> list[str]:
    popup = pane.completions.completer.popup()
    return [popup.model().index(row, 0).data() for row in range(popup.model().rowCount())]


def test_typing_audience_colon_offers_the_audience_names_at_once(qtbot) -> None:
    pane = _pane(qtbot)
    qtbot.keyClicks(pane.search, "live audience:")
    popup = pane.completions.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    assert _offered(pane) == ["audience:Newsletter", 'audience:"Big spenders"']
    popup.grab().save("/tmp/qa/polish_audience_completions.png")
    popup.setCurrentIndex(popup.model().index(1, 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert pane.search.text() == 'live audience:"Big spenders"'


def test_typing_has_colon_offers_the_attribute_paths(qtbot) -> None:
    pane = _pane(qtbot)
    qtbot.keyClicks(pane.search, "has:")
    qtbot.waitUntil(pane.completions.completer.popup().isVisible)
    assert _offered(pane) == ["has:Email"]
