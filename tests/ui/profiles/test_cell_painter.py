"""The profile list's cell painter: cells look as the default delegate drew them, without asking for every role."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyledItemDelegate

from viewer.ui.profiles.cell_painter import ProfileCellPainter

PROFILE = {"integrationId": "c", "created": "2021-01-01T00:00:00Z", "accountId": 1,
           "closedSessions": 3, "lastActivity": "2021-01-01T00:00:00Z", "totalSales": 12.5}


def differing_share(one, other) -> float:
    """The share of pixels (every second row and column) that differ between two same-sized images."""
    points = [(x, y) for y in range(0, one.height(), 2) for x in range(0, one.width(), 2)]
    return sum(one.pixel(x, y) != other.pixel(x, y) for x, y in points) / len(points)


def ink(image, left: int, width: int, top: int, height: int) -> int:
    """How many dark pixels (letters) a rectangle of ``image`` holds."""
    return sum(image.pixelColor(x, y).lightness() < 120
               for y in range(top, top + height) for x in range(left, left + width))


def colour(image, left: int, width: int, top: int, height: int) -> int:
    """How many strongly coloured pixels (an icon, not text or a background) a rectangle of ``image`` holds."""
    return sum(image.pixelColor(x, y).saturation() > 120
               for y in range(top, top + height) for x in range(left, left + width))


def test_the_list_looks_as_the_default_delegate_drew_it(qtbot, make_pane) -> None:
    """Texts, numbers aligned right, an elided long ID, the selected row: the same picture bar anti-aliasing."""
    people = [dict(PROFILE, id=n, integrationId=f"customer-{n}-" + "x" * (n * 7)) for n in range(30)]
    pane = make_pane(people, size=(700, 400))
    table = pane.table
    assert isinstance(table.itemDelegate(), ProfileCellPainter)
    table.setColumnWidth(1, 90)  # the longer IDs are cut short with "…"
    table.setCurrentIndex(table.model().index(2, 0))
    drawn = table.viewport().grab().toImage()  # each text painted once
    again = table.viewport().grab().toImage()  # and again (laid out once for the paints to come)
    table.setItemDelegate(QStyledItemDelegate(table))
    default = table.viewport().grab().toImage()
    assert differing_share(again, default) < 0.03
    assert differing_share(drawn, default) < 0.03  # glyph edges differ a little; a pixel's shift: 10%
    row = table.rowHeight(0)
    ids = table.columnViewportPosition(1), table.columnWidth(1)
    assert abs(ink(drawn, *ids, 20 * row, row) - ink(default, *ids, 20 * row, row)) <= 12  # the same elided text


def test_painting_asks_the_model_for_the_texts_only(qtbot, make_pane, monkeypatch) -> None:
    """The default delegate asked seven roles of each painted cell: ~1,500 Python calls per screenful."""
    from viewer.ui.profiles.table_model import ProfileTableModel

    asked = []
    data = ProfileTableModel.data
    monkeypatch.setattr(ProfileTableModel, "data", lambda self, index, role=Qt.ItemDataRole.DisplayRole:
                        asked.append((index.row(), role)) or data(self, index, role))
    pane = make_pane([dict(PROFILE, id=n) for n in range(200)])  # made after: Qt looks the method up once
    table = pane.table
    table.setCurrentIndex(table.model().index(0, 0))
    asked.clear()
    table.viewport().repaint()
    rows = table.rowAt(table.viewport().height() - 1) + 1
    assert rows > 10
    assert {row for row, _role in asked} <= {0}  # only the selected row is drawn the default way


def test_a_value_of_the_wrong_type_keeps_its_icon(qtbot, make_pane) -> None:
    """A cell whose value is of the wrong type shows the error icon before its text, as before."""
    pane = make_pane([dict(PROFILE, id=1), dict(PROFILE, id=2, closedSessions="three"),
                      *[dict(PROFILE, id=n) for n in (3, 4)]])
    table, model = pane.table, pane.table.model()
    cells = model.painted_cells(1)
    assert cells is not None and cells[1]
    column = min(cells[1])
    assert model.index(1, column).data(Qt.ItemDataRole.DecorationRole) is not None
    image = table.viewport().grab().toImage()
    icon_room = table.columnViewportPosition(column) + 2, 14, table.rowViewportPosition(1) + 3, 14
    plain_room = table.columnViewportPosition(column) + 2, 14, table.rowViewportPosition(3) + 3, 14  # row 0 is selected
    assert colour(image, *icon_room) > 20 and colour(image, *plain_room) == 0  # the icon drawn, the plain cell none


def test_right_to_left_cells_sit_where_the_default_delegate_puts_them(qtbot, make_pane) -> None:
    """The cells drawn in one pass after the view's paint keep the sides a right-to-left layout swaps."""
    people = [dict(PROFILE, id=n * 1001, integrationId=f"customer-{n}") for n in range(30)]
    pane = make_pane(people, size=(700, 400))
    table = pane.table
    table.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    table.setCurrentIndex(table.model().index(2, 0))
    drawn = table.viewport().grab().toImage()
    again = table.viewport().grab().toImage()
    table.setItemDelegate(QStyledItemDelegate(table))
    default = table.viewport().grab().toImage()
    assert differing_share(drawn, default) < 0.03
    assert differing_share(again, default) < 0.03
    row = table.rowHeight(0)
    ids = table.columnViewportPosition(0), table.columnWidth(0)
    assert ink(drawn, *ids, 10 * row, row) > 20  # the ID is drawn, in the place it has by default
    assert abs(ink(drawn, *ids, 10 * row, row) - ink(default, *ids, 10 * row, row)) <= 12
