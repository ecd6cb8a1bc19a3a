"""The profile table's header: the sort arrow keeps clear of the column's title."""

from __future__ import annotations

from PySide6.QtCore import Qt

PROFILE = {"integrationId": "c", "created": "2021-01-01T00:00:00Z", "accountId": 1,
           "closedSessions": 3, "lastActivity": "2021-01-01T00:00:00Z"}


def dark_runs(image, left: int, width: int) -> list[tuple[int, int]]:
    """Runs of pixel columns (section coordinates) holding dark pixels: letters and the arrow."""
    columns = [x for x in range(left, left + width)
               if any(image.pixelColor(x, y).lightness() < 120 for y in range(3, image.height() - 3))]
    runs: list[list[int]] = []
    for x in columns:
        if runs and x == runs[-1][1] + 1:
            runs[-1][1] = x
        else:
            runs.append([x, x])
    return [(a - left, b - left) for a, b in runs]


def test_the_sort_arrow_does_not_touch_total_sales(qtbot, make_pane) -> None:
    pane = make_pane([dict(PROFILE, id=n, totalSales=n * 10) for n in range(5)], size=(900, 300))
    table, model = pane.table, pane.table.model()
    header = table.horizontalHeader()
    column = next(c for c in range(model.columnCount())
                  if model.headerData(c, Qt.Orientation.Horizontal) == "Total sales")
    table.fit_columns()
    assert header.sectionSize(column) >= header.sectionSizeFromContents(column).width()
    table.sortByColumn(column, Qt.SortOrder.DescendingOrder)
    image = header.grab().toImage()
    runs = dark_runs(image, header.sectionViewportPosition(column), header.sectionSize(column))
    *_text, last_letter, arrow = runs
    assert arrow[0] - last_letter[1] >= 4  # a clear gap, not "Total sales▾" touching
    assert len(runs) >= 10  # "Total sales" whole (10 letters, some joined), then the arrow
    text_width = last_letter[1] - runs[0][0]
    assert text_width >= header.fontMetrics().horizontalAdvance("Total sales") - 2  # not elided to make room


def test_fitted_columns_show_every_measured_cell_whole(qtbot, make_pane) -> None:
    """Fitting reads the cells' text straight from the model: each sampled cell, an attribute's too, fits unelided."""
    people = [dict(PROFILE, id=n, integrationId="customer-" + "x" * (n * 3), totalSales=10 ** n,
                   attributes={"City": "Ber" + "lin" * n}) for n in range(8)]
    pane = make_pane(people, size=(1600, 400))
    table, model = pane.table, pane.table.model()
    city = model.add_attribute_column("City")
    table.fit_columns()
    shown = [c for c in range(model.columnCount()) if not table.horizontalHeader().isSectionHidden(c)]
    assert city in shown
    for row in range(model.rowCount()):
        for column in shown:
            index = model.index(row, column)
            assert model.display_text(row, column) == index.data(Qt.ItemDataRole.DisplayRole)
            assert table.text_fits(index), (row, model.headerData(column, Qt.Orientation.Horizontal))


def test_selecting_every_row_does_not_ask_the_model_about_every_cell(qtbot, make_pane, monkeypatch) -> None:
    """Ctrl+A over 100,000 profiles froze the window 11 s: the column header checked each column row by row."""
    from viewer.ui.profiles.table_model import ProfileTableModel

    asked = []
    count = ProfileTableModel.rowCount
    monkeypatch.setattr(ProfileTableModel, "rowCount", lambda self, *parent: asked.append(1) or count(self, *parent))
    pane = make_pane([dict(PROFILE, id=n) for n in range(5_000)])  # made after: Qt looks the method up once
    table = pane.table
    table.setFocus()
    asked.clear()
    qtbot.keyClick(table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    table.viewport().repaint()
    table.horizontalHeader().viewport().repaint()
    assert len(asked) < 1_000  # a few per painted row, not one per cell of every row (40,000)
    assert table.selected_rows() == list(range(5_000))  # every profile selected, for export or copy
    assert len(asked) < 1_000
