"""Two profiles of the open export side by side: the list's "Compare with…", and repeated profiles."""

from __future__ import annotations

from pathlib import Path

import orjson
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QMenu

from viewer.ui.comparison.side_by_side import LEFT, RIGHT


def _profile(number: int, tier: str) -> dict:
    return {"id": 5000 + number, "integrationId": f"URN{number}", "totalSales": 10.5,
            "attributes": {"LoyaltyTier": tier}}


def _open(qtbot, window, path: Path, profiles: list[dict]) -> None:
    path.write_bytes(orjson.dumps(profiles))
    with qtbot.waitSignal(window.fileLoaded, timeout=20000):
        window.open_files([str(path)])


def _menu_action(window, row: int, name: str):
    table = window.table
    pos = table.visualRect(table.model().index(row, 0)).center()
    QApplication.sendEvent(table.viewport(),
                           QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, table.viewport().mapToGlobal(pos)))
    menu = table.findChild(QMenu, "profileListMenu")
    assert menu is not None and menu.isVisible()
    names = [a.objectName() for a in menu.actions()]
    assert name in names, names
    return next(a for a in menu.actions() if a.objectName() == name)


def _tier(shown) -> tuple[str, str]:
    model = shown.comparison.model
    row = next(r for r in range(model.rowCount()) if model.row_at(r).path == "attributes.LoyaltyTier")
    return model.index(row, LEFT).data(), model.index(row, RIGHT).data()


def test_compare_with_then_select_another_profile(qtbot, window, tmp_path: Path) -> None:
    _open(qtbot, window, tmp_path / "three.json", [_profile(1, "Gold"), _profile(2, "Silver"), _profile(3, "Gold")])
    pairs = window.comparing.pairs
    _menu_action(window, 0, "compareWithProfileAction").trigger()
    assert "URN1" in window.statusBar().currentMessage()
    with qtbot.waitSignal(pairs.pairShown, timeout=5000) as shown:
        window.table.selectRow(1)
    comparison = shown.args[0]
    qtbot.addWidget(comparison)
    assert _tier(comparison) == ("Gold", "Silver")
    assert comparison.comparison.left_title.text() == "Profile 5001: URN1"  # its ID, not its place in the file
    assert comparison.comparison.right_title.text() == "Profile 5002: URN2"
    assert pairs.picked is None and window.statusBar().currentMessage() == ""


def test_selecting_the_picked_profile_again_opens_nothing(qtbot, window, tmp_path: Path) -> None:
    _open(qtbot, window, tmp_path / "three.json", [_profile(1, "Gold"), _profile(2, "Silver"), _profile(3, "Bronze")])
    pairs = window.comparing.pairs
    _menu_action(window, 2, "compareWithProfileAction").trigger()
    window.table.selectRow(2)
    assert pairs.windows == [] and pairs.picked is window.result.export.profiles[2]
    table = window.table
    pos = table.visualRect(table.model().index(0, 0)).center()
    with qtbot.waitSignal(pairs.pairShown, timeout=5000) as shown:  # the right-click selects another row: the pick
        QApplication.sendEvent(table.viewport(), QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos,
                                                                   table.viewport().mapToGlobal(pos)))
    qtbot.addWidget(shown.args[0])
    assert _tier(shown.args[0]) == ("Bronze", "Gold")


def test_a_repeated_profile_opens_as_its_two_occurrences(qtbot, window, tmp_path: Path) -> None:
    _open(qtbot, window, tmp_path / "repeat.json", [_profile(1, "Gold"), _profile(2, "Silver"), _profile(1, "Platinum")])
    repeat = next(p for p in window.result.export.problems if "appears again" in p.message)
    with qtbot.waitSignal(window.comparing.pairs.pairShown, timeout=5000) as shown:
        window.problems.problemActivated.emit(repeat)
    qtbot.addWidget(shown.args[0])
    assert _tier(shown.args[0]) == ("Gold", "Platinum")
    assert shown.args[0].comparison.right_title.text() == "Again (profile 3): URN1"


def test_two_selected_rows_compare_from_the_menu(qtbot, window, tmp_path: Path) -> None:
    _open(qtbot, window, tmp_path / "three.json", [_profile(1, "Gold"), _profile(2, "Silver"), _profile(3, "Bronze")])
    table = window.table
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)  # where the list allows several
    model = table.model()
    # (not selectRow: it reads the keyboard's modifiers, which a key click of an earlier test may leave held)
    table.selectionModel().select(model.index(0, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                                  | QItemSelectionModel.SelectionFlag.Rows)
    table.selectionModel().select(model.index(2, 0), QItemSelectionModel.SelectionFlag.Select
                                  | QItemSelectionModel.SelectionFlag.Rows)
    pos = table.visualRect(model.index(2, 0)).center()
    QApplication.sendEvent(table.viewport(),
                           QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, table.viewport().mapToGlobal(pos)))
    menu = table.findChild(QMenu, "profileListMenu")
    action = next(a for a in menu.actions() if a.objectName() == "compareSelectedAction")
    with qtbot.waitSignal(window.comparing.pairs.pairShown, timeout=5000) as shown:
        action.trigger()
    qtbot.addWidget(shown.args[0])
    assert _tier(shown.args[0]) == ("Gold", "Bronze")
