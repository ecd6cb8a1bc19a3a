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
