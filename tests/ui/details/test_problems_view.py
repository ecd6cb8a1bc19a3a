"""The problems list: every problem of the export, activation, the per-profile filter."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument

import viewer
from viewer.ui.details.problems_view import ProblemsView

BASE = {"created": "2021-01-01T00:00:00Z", "integrationId": "a", "accountId": 1,
        "closedSessions": 0, "totalSales": 0, "lastActivity": "2021-01-01T00:00:00Z"}


@pytest.fixture
def export() -> viewer.Export:
    data = [dict(BASE, id=1, totalSales="<b>12</b>"), dict(BASE, id=2), dict(BASE, id=3, closedSessions=None)]
    del data[1]["accountId"]
    return viewer.load(json.dumps(data).encode())


@pytest.fixture
def view(qtbot, export):
    widget = ProblemsView()
    qtbot.addWidget(widget)
    widget.show()
    widget.set_problems(export.problems)
    return widget


def placed(problems) -> list[str]:
    """What the Path column says of each problem: its path, and the file line where it has one."""
    return [p.path if p.line is None else f"{p.path} (line {p.line})" for p in problems]


def cells(view, col) -> list[str]:
    model = view.table.model()
    return [model.index(r, col).data() for r in range(model.rowCount())]


def test_lists_every_problem(view, export, qtmodeltester):
    assert view.table.objectName() == "problemsList"
    assert cells(view, 1) == placed(export.problems)
    assert all(p.line is not None for p in export.problems)  # each field problem at its profile's line
    assert cells(view, 0)[0] in {"error", "warning", "info"}
    assert not view.table.model().index(0, 0).data(Qt.ItemDataRole.DecorationRole).isNull()
    tip = view.table.model().index(0, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert "<b>12" not in tip
    qtmodeltester.check(view.model)


def test_activation_by_keyboard_emits_the_problem(qtbot, view, export):
    view.table.setFocus()
    view.table.setCurrentIndex(view.model.index(1, 0))
    with qtbot.waitSignal(view.problemActivated) as blocker:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert blocker.args[0] is export.problems[1]


def test_only_selected_profile(qtbot, view, export, qtmodeltester):
    view.set_profile_index(1)
    qtbot.mouseClick(view.only_selected, Qt.MouseButton.LeftButton)
    assert cells(view, 1) == placed(p for p in export.problems if p.profile_index == 1)
    qtmodeltester.check(view.model)
    view.set_profile_index(0)
    assert cells(view, 1) == placed(p for p in export.problems if p.profile_index == 0)
    view.set_profile_index(99)
    assert view.empty.isVisible() and view.empty.text() == "No problems with the selected profile"


def test_empty_state(qtbot):
    widget = ProblemsView()
    qtbot.addWidget(widget)
    widget.show()
    widget.set_problems([])
    assert widget.empty.isVisible() and "No problems" in widget.empty.text()


def test_path_column_fits_its_paths_and_tooltips_read_well(qtbot):
    long_path = "[12345].audienceMemberships[0].name (line 67890)"
    message = "item [0] is not an audience membership ({id, name}): an object with id and name, found the text \"x\""
    problems = [viewer.Problem("[0].totalSales", "short"), viewer.Problem(long_path, message)]
    widget = ProblemsView()
    qtbot.addWidget(widget)
    widget.resize(1200, 400)
    widget.show()
    widget.set_problems(problems)
    table = widget.table
    needed = table.fontMetrics().horizontalAdvance(long_path)
    assert needed < table.columnWidth(1) <= table.fontMetrics().averageCharWidth() * 60 + 40  # whole, not cut
    assert table.columnWidth(1) < table.columnWidth(2)  # the message keeps most of the room

    tip = widget.model.index(1, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert long_path in tip
    document = QTextDocument()
    document.setHtml(widget.model.index(1, 2).data(Qt.ItemDataRole.ToolTipRole))
    lines = document.toPlainText().splitlines()
    assert "".join(lines) == message
    assert len(lines) == 2 and len(lines[0]) >= 60  # a readable line, not a narrow column of words


def test_a_very_long_path_is_capped_and_still_whole_in_its_tooltip(qtbot):
    path = "[0]" + ".nested" * 200
    widget = ProblemsView()
    qtbot.addWidget(widget)
    widget.resize(1200, 400)
    widget.show()
    widget.set_problems([viewer.Problem(path, "deep")])
    assert widget.table.columnWidth(1) <= widget.table.fontMetrics().averageCharWidth() * 60
    document = QTextDocument()
    document.setHtml(widget.model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole))
    assert "".join(document.toPlainText().splitlines()) == path


def test_while_the_file_is_read_the_problems_are_not_counted(view, export) -> None:
    view.set_checking()
    assert view.title() == "Problems"  # not "Problems 0": nothing is checked yet
    assert view.model.rowCount() == 0 and view.empty.isVisible()
    assert view.empty.text() == "Checking… the problems are listed once the whole file is read"
    view.set_problems(export.problems)
    assert view.title() == "Problems 3"
    view.set_problems(())
    assert view.title() == "Problems 0"  # checked, and nothing found
    assert view.empty.text() == "No problems: every profile looks as the API promises"


def _image(icon):
    return icon.pixmap(16, 16).toImage()


def test_an_error_and_a_warning_have_icons_told_apart_at_a_glance(qtbot) -> None:
    # The profile list marked the sample's unreadable total sales (an error) with the warning's triangle.
    from viewer.desktop.resources import sample_export_path
    from viewer.model.profile_columns import SALES
    from viewer.ui.profiles.table_model import ProfileTableModel

    export = viewer.load(sample_export_path())
    view = ProblemsView()
    qtbot.addWidget(view)
    view.set_problems(export.problems)
    severities = [view.model.index(r, 0).data() for r in range(view.model.rowCount())]
    assert severities == ["error", "warning"]
    error, warning = (view.model.index(r, 0).data(Qt.ItemDataRole.DecorationRole) for r in range(2))
    assert _image(error) != _image(warning)
    model = ProfileTableModel()
    model.set_profiles(export.profiles)
    bad = export.problems[0]
    assert bad.field == "total_sales"
    cell = model.index(model.row_of_profile(bad.profile_index), SALES)
    assert cell.data() == "12,50"
    assert _image(cell.data(Qt.ItemDataRole.DecorationRole)) == _image(error)  # the list says "error" too


def test_beside_the_panel_the_message_gets_the_room_and_the_path_its_share(qtbot) -> None:
    """At the width the tab has beside the profile panel (~550 px) the message is read, not cut after 15 letters."""
    message = 'expected a number, found text ("12,50")'
    problems = [viewer.Problem("data[20].totalSales", message, line=853, source="sample-customers.json"),
                viewer.Problem("data[20].lastActivity", "missing (required)", line=828, source="sample-customers.json")]
    widget = ProblemsView()
    qtbot.addWidget(widget)
    widget.resize(550, 300)
    widget.show()
    widget.set_problems(problems, sources=["sample-customers.json", "sample-sessions.csv"])
    table = widget.table
    assert table.columnWidth(2) > table.columnWidth(1)
    assert table.columnWidth(2) >= table.fontMetrics().horizontalAdvance(message)  # the whole message shows
    assert table.columnWidth(1) <= table.viewport().width() * 0.35 + 1

    widget.resize(1400, 300)  # a wide window: the path fits whole again
    qtbot.waitUntil(lambda: table.columnWidth(1) > table.fontMetrics().horizontalAdvance(
        "data[20].lastActivity (line 828) · sample-customers.json"))
