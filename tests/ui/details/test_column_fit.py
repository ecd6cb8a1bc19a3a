"""The small tables' columns fitted from their cells' text: as wide as Qt's own measure of the cells."""

from __future__ import annotations

from PySide6.QtWidgets import QTableView

from viewer.ui.details.column_fit import column_widths
from viewer.ui.details.membership_lists import Cell, MembershipList

HEADERS = ("Session", "Created", "State", "Total")
ROWS = [
    [Cell("session-5104-37977298"), Cell("2025-09-07 17:38"), Cell("open"), Cell("640.48", number=True)],
    [Cell("—", dim=True), Cell("Not set", dim=True), Cell("partially_returned"), Cell("1,234,567.90", number=True)],
    [Cell("sessio"), Cell("WWWWWWWWWWWWWWWWWWWWW", dim=True), Cell("ïéàü ß", dim=True), Cell("—", dim=True)],
]


def shown(qtbot, rows) -> MembershipList:
    widget = MembershipList("sessionsTable", HEADERS, "none")
    qtbot.addWidget(widget)
    widget.resize(900, 300)
    widget.show()
    widget.set_rows(rows)
    return widget


def test_widths_from_the_text_are_qts_widths_of_the_cells(qtbot):
    widget = shown(qtbot, ROWS)
    table: QTableView = widget.table
    assert column_widths(table, ROWS, len(HEADERS)) == [table.sizeHintForColumn(c) for c in range(len(HEADERS))]


def test_fitted_columns_show_every_cell_and_title_whole(qtbot):
    widget = shown(qtbot, ROWS)
    widget.fit_columns_tightly()
    header = widget.table.horizontalHeader()
    for column in range(len(HEADERS)):
        assert header.sectionSize(column) >= widget.table.sizeHintForColumn(column)  # no cell cut short
        assert header.sectionSize(column) >= widget.title_width(column)
    widget.set_rows(ROWS[:1])  # another profile: the columns follow its cells
    widget.fit_columns_tightly()
    assert header.sectionSize(2) < header.sectionSize(1)  # "open", not "partially_returned"


def test_a_cell_with_a_warning_icon_gets_room_for_it(qtbot):
    rows = [[Cell("x"), Cell("not a date", warn=True), Cell("open"), Cell("1.00", number=True)]]
    widget = shown(qtbot, rows)
    table = widget.table
    assert column_widths(table, rows, len(HEADERS))[1] == table.sizeHintForColumn(1)


def test_the_next_profiles_cells_are_measured_as_qt_measures_them(qtbot):
    widget = shown(qtbot, ROWS)
    column_widths(widget.table, ROWS, len(HEADERS))  # the widths of these texts are kept
    after = [[Cell("session-5104-3797729"), Cell("2025-09-07 17:38"), Cell("open"), Cell("—", dim=True)],
             [Cell("sessio"), Cell("Not set", dim=True), Cell("partially_returned"), Cell("64.48", number=True)]]
    widget.set_rows(after)
    table = widget.table
    assert column_widths(table, after, len(HEADERS)) == [table.sizeHintForColumn(c) for c in range(len(HEADERS))]
