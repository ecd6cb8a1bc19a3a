"""One row height: the attribute tree's rows are as high as the profile list's and the tables'."""

from __future__ import annotations

from tests.ui.window.test_main_window import open_and_wait
from viewer.desktop.resources import sample_export_path
from viewer.ui.details.profile_details import AUDIENCES_TAB, PROBLEMS_TAB


def test_the_tree_rows_are_as_high_as_the_profile_list_rows(qtbot, window):
    open_and_wait(qtbot, window, [str(sample_export_path())])
    window.select_profile(0)
    details = window.details
    tree = details.attribute_view.tree_view()
    qtbot.waitUntil(lambda: tree.model().rowCount() > 0)
    listed = window.table.rowHeight(0)
    assert listed >= tree.fontMetrics().height() + 4  # room around the text, as before
    assert [tree.visualRect(tree.model().index(row, 0)).height() for row in range(3)] == [listed] * 3
    details.tabs.setCurrentIndex(AUDIENCES_TAB)
    assert details.audiences.table.rowHeight(0) == listed
    details.tabs.setCurrentIndex(PROBLEMS_TAB)
    assert details.problems.table.rowHeight(0) == listed
