"""Return in the profile search takes the keyboard to the results; Esc there comes back to the box."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt

from viewer.ui.profiles.list_pane import ProfileListPane


@pytest.fixture
def pane(make_pane) -> ProfileListPane:
    return make_pane([{"id": n, "integrationId": f"URN{n}", "attributes": {"Email": f"c{n}@x.org"},
                       "audienceMemberships": [{"id": 7, "name": "Newsletter"}]} for n in range(4)], focus=True)


def _selected_ids(pane: ProfileListPane) -> list[str]:
    rows = pane.table.selectionModel().selectedRows()
    return [pane.model.profile_at(index.row()).integration_id for index in rows]


def test_return_takes_the_keyboard_to_the_profile_shown(qtbot, pane) -> None:
    pane.select_profile(2)
    pane.search.setFocus()
    qtbot.keyClicks(pane.search, "URN")
    qtbot.keyClick(pane.search, Qt.Key.Key_Return)
    assert pane.table.hasFocus()
    assert _selected_ids(pane) == ["URN2"]  # the profile on screen stays the one shown
    qtbot.keyClick(pane.table, Qt.Key.Key_Down)
    assert _selected_ids(pane) == ["URN3"]  # the arrows now walk the results


def test_return_selects_the_first_match_when_no_row_is_current(qtbot, pane) -> None:
    qtbot.keyClicks(pane.search, "c2@x.org OR c3@x.org")
    pane.table.setCurrentIndex(QModelIndex())
    pane.table.clearSelection()
    with qtbot.waitSignal(pane.currentProfileChanged) as shown:
        qtbot.keyClick(pane.search, Qt.Key.Key_Enter)  # the keypad's Enter too
    assert pane.table.hasFocus()
    assert _selected_ids(pane) == ["URN2"]
    assert shown.args[0].integration_id == "URN2"


def test_esc_in_the_list_comes_back_to_the_search_with_its_text_selected(qtbot, pane) -> None:
    qtbot.keyClicks(pane.search, "URN1")
    qtbot.keyClick(pane.search, Qt.Key.Key_Return)
    assert pane.table.hasFocus()
    qtbot.keyClick(pane.table, Qt.Key.Key_Escape)
    assert pane.search.hasFocus()
    assert pane.search.selectedText() == "URN1"  # typing replaces the query, as after Ctrl+L
    assert pane.count_label.text() == "1 of 4 profiles"  # coming back does not clear the search
    qtbot.keyClick(pane.search, Qt.Key.Key_Escape)
    assert pane.search.text() == ""  # Esc in the box still clears it


def test_return_without_matches_keeps_the_keyboard_in_the_box(qtbot, pane) -> None:
    qtbot.keyClicks(pane.search, "nobody")
    assert pane.count_label.text() == "0 of 4 profiles"
    qtbot.keyClick(pane.search, Qt.Key.Key_Return)
    assert pane.search.hasFocus()


def test_return_on_a_completion_takes_it_and_stays_in_the_box(qtbot, pane) -> None:
    qtbot.keyClicks(pane.search, "audience:")
    popup = pane.completions.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    popup.setCurrentIndex(popup.model().index(0, 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert pane.search.text() == "audience:Newsletter"
    assert pane.search.hasFocus() and not pane.table.hasFocus()
    qtbot.keyClick(pane.search, Qt.Key.Key_Return)  # the second Return goes on to the list
    assert pane.table.hasFocus()
    assert pane.count_label.text() == "4 of 4 profiles"
