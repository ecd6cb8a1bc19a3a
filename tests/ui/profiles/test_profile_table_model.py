"""The virtual profile table model: columns, sorting by permutation, filtering."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QCoreApplication, QPersistentModelIndex, Qt
from PySide6.QtGui import QTextDocument

import viewer
from viewer.model.profile_columns import (
    AUDIENCES,
    CREATED,
    ENVIRONMENT,
    HEADERS,
    ID,
    INTEGRATION_ID,
    LAST_ACTIVITY,
    SALES,
    SESSIONS,
)
from viewer.ui.profiles.table_model import ProfileTableModel
from viewer.ui.roles import CopyRole, ProfileRole


def _profile(n: int, **fields) -> dict:
    base = {
        "id": 500 - n,
        "created": f"2021-0{n % 9 + 1}-04T05:06:07Z",
        "integrationId": f"urn-{'abcdef'[n]}",
        "attributes": {},
        "accountId": 1,
        "closedSessions": 10 - n,
        "totalSales": 10 ** n + 0.25,
        "audienceMemberships": [{"id": i, "name": f"A{i}"} for i in range(n)],
        "lastActivity": "2024-01-02T03:04:05Z",
        "sandbox": n % 2 == 0,
    }
    base.update(fields)
    return base


@pytest.fixture
def export() -> viewer.Export:
    data = [_profile(n) for n in range(6)]
    data[1]["lastActivity"] = "2020-01-01T00:00:00+07:00"
    data[2]["lastActivity"] = "2019-12-31T18:00:00Z"  # later than data[1] in UTC
    del data[3]["sandbox"]
    data[4]["totalSales"] = None
    data[5]["id"] = 12345678901234567890123  # beyond 64 bits: keeps its digits
    return viewer.load(json.dumps(data).encode())


@pytest.fixture
def model(export) -> ProfileTableModel:
    model = ProfileTableModel()
    model.set_profiles(export.profiles)
    return model


def column(model: ProfileTableModel, col: int) -> list[str]:
    return [model.index(r, col).data() for r in range(model.rowCount())]


def test_columns_show_people_friendly_values(model):
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(len(HEADERS))] == [
        "ID", "Integration ID", "Environment", "Created", "Last activity", "Closed sessions", "Total sales",
        "Audiences",
    ]
    assert "Number of audiences" in model.headerData(AUDIENCES, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert column(model, ID)[5] == "12345678901234567890123"
    assert column(model, ENVIRONMENT) == ["Sandbox", "Live", "Sandbox", "Unknown", "Sandbox", "Live"]
    assert column(model, SALES)[:4] == ["1.25", "10.25", "100.25", "1,000.25"]
    assert column(model, SALES)[4] == ""
    assert column(model, AUDIENCES) == ["0", "1", "2", "3", "4", "5"]
    assert model.index(0, CREATED).data(CopyRole) == "2021-01-04T05:06:07Z"
    assert model.index(3, SALES).data(CopyRole) == "1000.25"
    assert model.index(2, INTEGRATION_ID).data(ProfileRole).integration_id == "urn-c"


@pytest.mark.parametrize(
    ("col", "ascending", "descending"),
    [
        (ID, "edcbaf", "fabcde"),
        (SALES, "abcdfe", "fdcbae"),  # null last in both directions
        (SESSIONS, "fedcba", "abcdef"),
        (LAST_ACTIVITY, "bcadef", "adefcb"),  # by instant, not text; ties keep file order
        (ENVIRONMENT, "bfaced", "dacebf"),
    ],
)
def test_sort_numbers_and_dates_as_such(model, col, ascending, descending):
    model.sort(col, Qt.SortOrder.AscendingOrder)
    assert column(model, INTEGRATION_ID) == [f"urn-{c}" for c in ascending]
    model.sort(col, Qt.SortOrder.DescendingOrder)
    assert column(model, INTEGRATION_ID) == [f"urn-{c}" for c in descending]
    model.sort(-1)
    assert column(model, INTEGRATION_ID) == [f"urn-{c}" for c in "abcdef"]


def test_sort_moves_persistent_indexes_with_their_profile(model):
    held = QPersistentModelIndex(model.index(2, SALES))  # urn-c
    model.sort(SALES, Qt.SortOrder.DescendingOrder)
    assert held.row() == 2 and model.index(held.row(), INTEGRATION_ID).data() == "urn-c"
    model.sort(ID, Qt.SortOrder.AscendingOrder)
    assert model.index(held.row(), INTEGRATION_ID).data() == "urn-c"


def test_filter_shows_the_sorted_intersection(model):
    model.sort(SALES, Qt.SortOrder.DescendingOrder)
    model.set_filter([0, 3, 4])
    assert column(model, INTEGRATION_ID) == ["urn-d", "urn-a", "urn-e"]
    assert model.rowCount() == 3 and model.profile_count() == 6
    assert model.row_of_profile(3) == 0 and model.row_of_profile(1) == -1
    model.set_filter(None)
    assert model.rowCount() == 6


def test_tooltips_escape_file_text(export):
    data = [_profile(1, integrationId="<img src=x><b>bold</b>", audienceMemberships=[{"id": 1, "name": "<i>x</i>"}])]
    model = ProfileTableModel()
    model.set_profiles(viewer.load(json.dumps(data).encode()).profiles)
    assert model.index(0, INTEGRATION_ID).data() == "<img src=x><b>bold</b>"
    # What the tooltip shows once Qt renders it is the file's text, character for character.
    shown = QTextDocument()
    shown.setHtml(model.index(0, INTEGRATION_ID).data(Qt.ItemDataRole.ToolTipRole))
    assert shown.toPlainText() == "<img src=x><b>bold</b>"
    shown.setHtml(model.index(0, AUDIENCES).data(Qt.ItemDataRole.ToolTipRole))
    assert shown.toPlainText() == "<i>x</i>"


def test_modeltester_sorted_filtered_and_empty(qtmodeltester, model):
    qtmodeltester.check(model)
    model.sort(LAST_ACTIVITY, Qt.SortOrder.DescendingOrder)
    model.set_filter([1, 2, 5])
    qtmodeltester.check(model)
    model.set_profiles(())
    qtmodeltester.check(model)


def test_sorting_a_huge_export_happens_in_the_background(qtbot, model, qtmodeltester):
    """Rows reorder when the worker is done; the selection stays on its profile."""
    model.background_sort_from = 0  # as if the export held a million profiles
    held = QPersistentModelIndex(model.index(2, SALES))  # urn-c
    with qtbot.waitSignal(model.sortApplied, timeout=5000):
        model.sort(SESSIONS, Qt.SortOrder.AscendingOrder)
    assert column(model, INTEGRATION_ID) == [f"urn-{c}" for c in "fedcba"]
    assert model.index(held.row(), INTEGRATION_ID).data() == "urn-c"
    # a newer request wins over one still running
    model.sort(SALES, Qt.SortOrder.AscendingOrder)
    with qtbot.waitSignal(model.sortApplied, timeout=5000):
        model.sort(SESSIONS, Qt.SortOrder.DescendingOrder)
    model.tasks.wait(10)  # the superseded sort has ended too; anything it sent is delivered now
    QCoreApplication.sendPostedEvents()
    assert column(model, INTEGRATION_ID) == [f"urn-{c}" for c in "abcdef"]
    qtmodeltester.check(model)


def test_a_value_of_the_wrong_type_shows_as_written_with_a_warning(qtbot):
    # "12,50" is not a number: the cell used to be blank, as if the file had no total.
    data = [_profile(1, totalSales="12,50", closedSessions="three"), _profile(2)]
    model = ProfileTableModel()
    model.set_profiles(viewer.load(json.dumps(data).encode()).profiles)
    sales, sessions = model.index(0, SALES), model.index(0, SESSIONS)
    assert sales.data() == "12,50" and sessions.data() == "three"
    assert sales.data(CopyRole) == "12,50"
    assert not sales.data(Qt.ItemDataRole.DecorationRole).isNull()
    shown = QTextDocument()
    shown.setHtml(sales.data(Qt.ItemDataRole.ToolTipRole))
    assert "As written in the file: 12,50" in shown.toPlainText() and "Problems tab" in shown.toPlainText()
    assert model.index(1, SALES).data(Qt.ItemDataRole.DecorationRole) is None  # a good value has no mark


def test_attribute_columns_pass_the_model_tester_added_sorted_and_removed(qtmodeltester):
    data = [_profile(n, attributes=attributes) for n, attributes in enumerate([
        {"Score": 10, "City": "Berlin"}, {"Score": 9.50}, {"City": "aachen"}, {"Score": "100"}, {}, {"Score": 1E2}])]
    model = ProfileTableModel()
    model.set_profiles(viewer.load(json.dumps(data).encode()).profiles)
    score = model.add_attribute_column("Score")
    city = model.add_attribute_column("City")
    assert model.add_attribute_column("Score") == score  # once
    qtmodeltester.check(model)
    model.sort(score, Qt.SortOrder.AscendingOrder)
    assert column(model, score) == ["9.5", "10", "100", "100.0", "", ""]  # numbers by value, missing last
    assert model.index(0, score).data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    model.sort(city, Qt.SortOrder.DescendingOrder)
    assert column(model, city)[:2] == ["Berlin", "aachen"]  # text without case
    model.set_filter([0, 2])
    qtmodeltester.check(model)
    model.remove_attribute_column("City")
    assert model.columnCount() == score + 1 and model.attribute_paths() == ["Score"]
    qtmodeltester.check(model)


def test_a_sort_asks_background_work_to_stand_aside(model) -> None:
    import time

    from viewer.ui import tasks

    tasks._held_until = 0.0
    model.sort(SALES, Qt.SortOrder.DescendingOrder)
    assert tasks._held_until > time.monotonic()  # the late checks of a big file wait meanwhile
