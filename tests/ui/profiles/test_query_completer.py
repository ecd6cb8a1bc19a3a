"""The search box's completions open as soon as a prefix such as ``audience:`` is typed, under the profile count."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt

from viewer.ui.profiles.list_pane import ProfileListPane


@pytest.fixture
def pane(make_pane) -> ProfileListPane:
    return make_pane([{"id": n, "integrationId": f"URN{n}", "attributes": {"Email": f"c{n}@x.org"},
                       "audienceMemberships": [{"id": 7, "name": "Newsletter"}, {"id": 9, "name": "Big spenders"}]}
                      for n in range(3)], focus=True)


def _offered(pane: ProfileListPane) -> list[str]:
    popup = pane.completions.completer.popup()
    return [popup.model().index(row, 0).data() for row in range(popup.model().rowCount())]


def test_typing_audience_colon_offers_the_audience_names_at_once(qtbot, pane) -> None:
    qtbot.keyClicks(pane.search, "live audience:")
    popup = pane.completions.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    assert _offered(pane) == ["audience:Newsletter", 'audience:"Big spenders"']
    popup.setCurrentIndex(popup.model().index(1, 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert pane.search.text() == 'live audience:"Big spenders"'


def test_the_first_esc_closes_the_completions_and_the_second_clears_the_box(qtbot, pane) -> None:
    qtbot.keyClicks(pane.search, "audience:")
    popup = pane.completions.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Escape)
    assert not popup.isVisible() and pane.search.text() == "audience:"
    qtbot.keyClick(pane.search, Qt.Key.Key_Escape)
    assert pane.search.text() == "" and not popup.isVisible()
    qtbot.keyClicks(pane.search, "audience:")
    qtbot.waitUntil(popup.isVisible)
    pane.search.clear()  # however the box is emptied, nothing stays offered
    assert not popup.isVisible()


def test_typing_has_colon_offers_the_attribute_paths(qtbot, pane) -> None:
    qtbot.keyClicks(pane.search, "has:")
    qtbot.waitUntil(pane.completions.completer.popup().isVisible)
    assert _offered(pane) == ["has:Email"]


def _global_rect(widget) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


def test_the_completions_leave_the_profile_count_in_sight(qtbot, pane) -> None:
    # The popup opened right under the box, over "N of M profiles", just while typing changed it.
    qtbot.keyClicks(pane.search, "aud")
    popup = pane.completions.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    count = pane.count_label
    assert count.isVisible() and count.text() == "0 of 3 profiles"
    assert not popup.geometry().intersects(_global_rect(count))
    assert not popup.geometry().intersects(_global_rect(pane.search))
    assert popup.geometry().top() >= _global_rect(count).bottom()  # under the count, as wide as the box
    assert popup.width() == pane.search.width()


def test_the_completions_move_down_when_the_count_grows(qtbot, pane) -> None:
    pane.resize(260, 400)  # an invalid query's message wraps onto more lines
    qtbot.keyClicks(pane.search, "(aud")  # the bracket is not closed yet
    popup = pane.completions.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.waitUntil(lambda: pane.count_label.height() > pane.count_label.fontMetrics().height() * 1.5)
    assert pane.count_label.text().startswith("Invalid query")
    qtbot.waitUntil(lambda: not popup.geometry().intersects(_global_rect(pane.count_label)))
